//! A staff page the officer's role may not use: a plain refusal (403), said once, with the
//! way back to the work queue, and none of the page's own links.
use leptos::prelude::*;

use crate::{i18n::use_lang, tr, wire::AppError};

#[component]
pub fn NotAllowed() -> impl IntoView {
    #[cfg(feature = "ssr")]
    {
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            response.set_status(http::StatusCode::FORBIDDEN);
        }
    }
    let t = use_lang();
    view! {
        <section class="card" data-testid="not-allowed">
            <h1>{AppError::Forbidden.text(t).to_owned()}</h1>
            <p>{tr::refusal_words::admin_only(t)}</p>
            <a href="/staff" class="button">{tr::refusal_words::back_to_staff(t)}</a>
        </section>
    }
}
