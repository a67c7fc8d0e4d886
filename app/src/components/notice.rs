use leptos::prelude::*;

use crate::tr;
use crate::{i18n::use_lang, wire::AppError};

/// A banner for errors that belong to no single field.
#[component]
pub fn ErrorBanner(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    let lang = use_lang();
    move || {
        error.get().map(|e| {
            let text = e.text(lang);
            view! { <p class="banner error" role="alert">{text}</p> }
        })
    }
}

/// What a page shows instead of its content when loading failed: a way to sign in when the
/// session is gone (no dead end), otherwise the error in words.
#[component]
pub fn LoadError(error: AppError) -> impl IntoView {
    let lang = use_lang();
    match error {
        AppError::Unauthorized => view! {
            <section class="card">
                <p>{tr::load_error::please_sign_first(lang)}</p>
                <a href=sign_in_href() class="button primary">{tr::load_error::sign(lang)}</a>
            </section>
        }
        .into_any(),
        other => view! { <p class="banner error" role="alert">{other.text(lang)}</p> }.into_any(),
    }
}

/// The sign-in page, told to come back to this page afterwards.
fn sign_in_href() -> String {
    let here = leptos_router::hooks::use_location();
    let (path, query) = (here.pathname.get_untracked(), here.search.get_untracked());
    // The router's search comes without its `?`.
    let page = match query.trim_start_matches('?') {
        "" => path,
        query => format!("{path}?{query}"),
    };
    // A page the sign-in would not return to (the rule in `return_path`) goes to the queue.
    let page = crate::domain::return_path::after_sign_in(Some(&page));
    format!("/staff/login?next={}", crate::domain::url::encode(page))
}

/// The first failure among several forms' latest results, in words (field messages joined).
pub fn first_failure(
    lang: crate::i18n::Lang,
    errors: impl IntoIterator<Item = Option<AppError>>,
) -> Option<String> {
    errors.into_iter().flatten().next().map(|e| match e {
        AppError::Validation(fields) if !fields.is_empty() => fields
            .into_iter()
            .map(|f| f.message)
            .collect::<Vec<_>>()
            .join(tr::common::field_separator(lang)),
        other => other.text(lang).to_owned(),
    })
}

/// The mark of what was just done (`?done=`) in the address a plain form post was sent back
/// to: without JavaScript the page that comes back would otherwise look as before.
pub fn done_mark() -> String {
    leptos_router::hooks::use_query_map()
        .read_untracked()
        .get("done")
        .unwrap_or_default()
}
