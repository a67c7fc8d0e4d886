//! A report form keeps what was typed in the tab's storage (sessionStorage), so a reload or a
//! dropped network loses nothing. The copy holds every field, the idempotency key too: sent
//! again when the network is back, it files the report once. A confirmed filing removes it;
//! signing out clears it on staff devices (`Clear-Site-Data`, and the key names the account).
//! Not localStorage: the copy holds an ID number and a mobile, and a phone is often shared (a
//! cadre's, a relative's); it goes with the tab, and the page says to keep it open.
use leptos::{html::Form, prelude::*};

use crate::{
    domain::wording::drafts::{self, DraftDevice},
    i18n::Lang,
    wire::AppError,
};

// Only the browser build sets the state and reads the storage key.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shown {
    Nothing,
    Restored,
    NotSent,
    SendingAgain,
}

/// The browser's copy of one report form.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
#[derive(Clone, Copy)]
pub struct OfflineDraft {
    key: StoredValue<String>,
    form: NodeRef<Form>,
    shown: RwSignal<Shown>,
    device: DraftDevice,
    lang: Lang,
}

impl OfflineDraft {
    /// `scope` names the form ("report", or "proxy." and the signed-in account). `restore` is
    /// false when the server already filled the form (a plain post that came back).
    pub fn new<T, S>(scope: &str, device: DraftDevice, lang: Lang, restore: bool, result: S) -> Self
    where
        T: Clone + Send + Sync + 'static,
        S: Get<Value = Option<Result<T, AppError>>> + Send + Sync + 'static,
    {
        let draft = OfflineDraft {
            key: StoredValue::new(format!("safety-net.draft.{scope}")),
            form: NodeRef::new(),
            shown: RwSignal::new(Shown::Nothing),
            device,
            lang,
        };
        #[cfg(feature = "hydrate")]
        browser::watch(draft, restore, result);
        #[cfg(not(feature = "hydrate"))]
        let _ = (restore, result);
        draft
    }

    /// The `<form>` this copy belongs to.
    pub fn form(&self) -> NodeRef<Form> {
        self.form
    }

    /// Stores the form as it is now (called on every input and change).
    pub fn save(&self) {
        #[cfg(feature = "hydrate")]
        browser::save(self);
    }
}

/// Says plainly when the report on screen has not been sent.
#[component]
pub fn DraftStatus(draft: OfflineDraft) -> impl IntoView {
    let (device, lang) = (draft.device, draft.lang);
    move || {
        let text = match draft.shown.get() {
            Shown::Nothing => return None,
            Shown::Restored => drafts::restored(device, lang),
            Shown::NotSent => drafts::not_sent(device, lang),
            Shown::SendingAgain => drafts::sending_again(lang),
        };
        // Pinned: "not sent" comes when send was pressed, at the foot of a long form, and was
        // said off screen (tester). One static class for every state: a class chosen by state
        // cost the household's WASM 0.3 KB, over its budget.
        Some(
            view! { <p class="banner warn pinned" role="alert" data-testid="draft-status">{text}</p> },
        )
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use super::{OfflineDraft, Shown};
    use crate::wire::AppError;
    use leptos::prelude::*;
    use wasm_bindgen::{JsCast, JsValue};
    use web_sys::{Storage, UrlSearchParams};

    fn storage() -> Option<Storage> {
        window().session_storage().ok().flatten()
    }

    pub fn save(draft: &OfflineDraft) {
        let (Some(form), Some(storage)) = (draft.form.get_untracked(), storage()) else {
            return;
        };
        if let Some(text) = crate::components::form_post::browser::encode(&form) {
            let _ = draft.key.with_value(|key| storage.set_item(key, &text));
        }
    }

    fn forget(draft: &OfflineDraft) {
        if let Some(storage) = storage() {
            let _ = draft.key.with_value(|key| storage.remove_item(key));
        }
    }

    /// Fills the form's fields from the stored copy; false when there is none.
    fn restore(draft: &OfflineDraft) -> bool {
        let (Some(form), Some(storage)) = (draft.form.get_untracked(), storage()) else {
            return false;
        };
        let Some(text) = draft
            .key
            .with_value(|key| storage.get_item(key).ok().flatten())
        else {
            return false;
        };
        let Ok(saved) = UrlSearchParams::new_with_str(&text) else {
            return false;
        };
        let fields = form.elements();
        for i in 0..fields.length() {
            let Some(field) = fields.item(i) else {
                continue;
            };
            let Some(name) = field.get_attribute("name") else {
                continue;
            };
            let value = saved.get(&name);
            let field: &JsValue = field.unchecked_ref();
            if js_sys::Reflect::get(field, &"type".into())
                .ok()
                .and_then(|t| t.as_string())
                .is_some_and(|t| t == "checkbox")
            {
                let own = js_sys::Reflect::get(field, &"value".into())
                    .ok()
                    .and_then(|v| v.as_string());
                let checked = value.is_some() && value == own;
                let _ = js_sys::Reflect::set(field, &"checked".into(), &checked.into());
            } else if let Some(value) = value {
                let _ = js_sys::Reflect::set(field, &"value".into(), &value.into());
            }
        }
        true
    }

    pub fn watch<T, S>(draft: OfflineDraft, restore_saved: bool, result: S)
    where
        T: Clone + Send + Sync + 'static,
        S: Get<Value = Option<Result<T, AppError>>> + Send + Sync + 'static,
    {
        // After hydration, once: bring back what was typed before a reload or a failed send.
        Effect::new(move |done: Option<bool>| {
            if done == Some(true) || draft.form.get().is_none() {
                return done == Some(true);
            }
            if restore_saved && restore(&draft) {
                draft.shown.set(Shown::Restored);
            }
            true
        });
        Effect::new(move |_| match result.get() {
            Some(Ok(_)) => {
                forget(&draft);
                draft.shown.set(Shown::Nothing);
            }
            Some(Err(AppError::Transport)) => {
                save(&draft);
                draft.shown.set(Shown::NotSent);
            }
            Some(Err(_)) => draft.shown.set(Shown::Nothing),
            None => {}
        });
        // Back online: send the kept report once, as the same form with the same key.
        let handle = window_event_listener_untyped("online", move |_| {
            if draft.shown.get_untracked() == Shown::NotSent {
                if let Some(form) = draft.form.get_untracked() {
                    draft.shown.set(Shown::SendingAgain);
                    let _ = form.request_submit();
                }
            }
        });
        on_cleanup(move || handle.remove());
    }
}
