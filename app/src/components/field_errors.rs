//! Per-field error messages: from the server (authoritative) and, once hydrated, from the
//! same parsing code run as the person types.
use std::collections::BTreeMap;

use leptos::prelude::*;

use crate::{
    i18n::{use_lang, Lang},
    wire::FieldError,
};

#[derive(Clone, Copy)]
pub struct FieldErrors(RwSignal<BTreeMap<String, String>>, Lang);

impl FieldErrors {
    /// Messages in the page's language.
    pub fn new(initial: &[FieldError]) -> Self {
        let errors = FieldErrors(RwSignal::new(BTreeMap::new()), use_lang());
        errors.replace_all(initial);
        errors
    }

    pub fn replace_all(&self, errors: &[FieldError]) {
        let lang = self.1;
        self.0.set(
            errors
                .iter()
                .map(|e| (e.field.clone(), lang.pick(&e.zh, &e.en).clone()))
                .collect(),
        );
    }

    /// The page's language, for messages worded in the browser.
    pub fn lang(&self) -> Lang {
        self.1
    }

    pub fn set(&self, field: &str, message: Option<&str>) {
        self.0.update(|map| match message {
            Some(m) => {
                map.insert(field.to_owned(), m.to_owned());
            }
            None => {
                map.remove(field);
            }
        });
    }

    pub fn get(
        &self,
        field: &'static str,
    ) -> impl Fn() -> Option<String> + Copy + Send + Sync + 'static {
        let map = self.0;
        move || map.with(|m| m.get(field).cloned())
    }

    pub fn has(&self, field: &str) -> bool {
        self.0.with_untracked(|m| m.contains_key(field))
    }

    /// Typing clears a fixed error at once but only shows a new one when the field already had
    /// one; leaving the field (`blur`) always shows it. Nobody is scolded mid-word.
    pub fn on_input(&self, field: &str, message: Option<&str>) {
        if message.is_none() || self.has(field) {
            self.set(field, message);
        }
    }
}

/// The message shown under a field, linked to it with `aria-describedby`.
#[component]
pub fn FieldMessage(
    id: &'static str,
    message: impl Fn() -> Option<String> + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <p class="field-error" id=id role="alert" aria-live="polite">
            {message}
        </p>
    }
}
