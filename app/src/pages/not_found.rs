use leptos::prelude::*;

use crate::{i18n::use_lang, tr};

#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    {
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            response.set_status(http::StatusCode::NOT_FOUND);
        }
    }
    let t = use_lang();
    view! {
        <section class="card">
            <h1>{tr::not_found::title(t)}</h1>
            <p>{crate::components::dial::dialable(tr::not_found::body(t))}</p>
            <a href="/" class="button">{tr::not_found::home(t)}</a>
        </section>
    }
}
