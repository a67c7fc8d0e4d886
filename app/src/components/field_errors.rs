//! Per-field error messages: from the server (authoritative) and, once hydrated, from the
//! same parsing code run as the person types.
use leptos::prelude::*;

use crate::{
    i18n::{use_lang, Lang},
    wire::FieldError,
};

/// (field, message) pairs, one per field. A short list, not a map: a form has a dozen fields,
/// and `BTreeMap` with its sorted `collect` weighs ~15 KB of the household's WASM.
#[derive(Clone, Copy)]
pub struct FieldErrors(RwSignal<Vec<(String, String)>>, Lang);

impl FieldErrors {
    /// Messages in the page's language.
    pub fn new(initial: &[FieldError]) -> Self {
        let errors = FieldErrors(RwSignal::new(Vec::new()), use_lang());
        errors.replace_all(initial);
        errors
    }

    pub fn replace_all(&self, errors: &[FieldError]) {
        let mut all = Vec::with_capacity(errors.len());
        for e in errors {
            // As a map would: the last message for a field wins.
            put(&mut all, &e.field, Some(e.message.as_str()));
        }
        self.0.set(all);
    }

    /// The page's language, for messages worded in the browser.
    pub fn lang(&self) -> Lang {
        self.1
    }

    pub fn set(&self, field: &str, message: Option<&str>) {
        self.0.update(|all| put(all, field, message));
    }

    pub fn get(
        &self,
        field: &'static str,
    ) -> impl Fn() -> Option<String> + Copy + Send + Sync + 'static {
        let map = self.0;
        move || map.with(|all| find(all, field).map(|i| all[i].1.clone()))
    }

    pub fn has(&self, field: &str) -> bool {
        self.0.with_untracked(|all| find(all, field).is_some())
    }

    /// Whether a field other than `field` has a message (read once, not tracked).
    pub fn has_other_than(&self, field: &str) -> bool {
        self.0
            .with_untracked(|all| all.iter().any(|(f, _)| f != field))
    }

    /// Typing clears a fixed error at once but only shows a new one when the field already had
    /// one; leaving the field (`blur`) always shows it. Nobody is scolded mid-word.
    pub fn on_input(&self, field: &str, message: Option<&str>) {
        if message.is_none() || self.has(field) {
            self.set(field, message);
        }
    }
}

fn find(all: &[(String, String)], field: &str) -> Option<usize> {
    all.iter().position(|(f, _)| f == field)
}

/// Sets (`Some`) or removes (`None`) the message of `field`.
fn put(all: &mut Vec<(String, String)>, field: &str, message: Option<&str>) {
    match (find(all, field), message) {
        (Some(i), Some(m)) => all[i].1 = m.to_owned(),
        (Some(i), None) => {
            all.remove(i);
        }
        (None, Some(m)) => all.push((field.to_owned(), m.to_owned())),
        (None, None) => {}
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

#[cfg(test)]
mod tests {
    use super::put;

    #[test]
    fn one_message_per_field_the_last_wins() {
        let mut all = Vec::new();
        for (field, message) in [
            ("name", Some("a")),
            ("mobile", Some("b")),
            ("name", Some("c")),
            ("mobile", None),
            ("group", None),
        ] {
            put(&mut all, field, message);
        }
        assert_eq!(all, vec![("name".to_owned(), "c".to_owned())]);
    }
}
