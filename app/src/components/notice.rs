use leptos::prelude::*;

use crate::api::AppError;

/// A banner for errors that belong to no single field.
#[component]
pub fn ErrorBanner(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    move || {
        error.get().map(|e| {
            let text = e.zh();
            view! { <p class="banner error" role="alert">{text}</p> }
        })
    }
}
