//! `POST /staff/alerts/import` without JavaScript: the department's list is filed whole and
//! the import page is rendered again with every row's outcome (or why the list was refused),
//! instead of sending the officer to the queue.
use app::{shell, ssr::state::AppState};
use axum::{
    body::Body,
    extract::{Request, State},
    http::{Method, Uri},
    response::Response,
};
use leptos::prelude::*;

pub async fn import_form(State(state): State<AppState>, request: Request) -> Response {
    let (mut parts, answer) = match app::ssr::alert_upload::import_form(&state, request).await {
        Ok(done) => done,
        Err(response) => return response,
    };
    // The import page itself, rendered for this officer with the answer in its context.
    parts.method = Method::GET;
    parts.uri = Uri::from_static("/staff/alerts");
    let options = state.leptos_options.clone();
    let context_state = state.clone();
    let render = leptos_axum::render_app_async_with_context(
        move || {
            provide_context(context_state.refreshed());
            crate::hardening::provide_csp_nonce();
            provide_context(answer.clone());
        },
        move || shell(options.clone()),
    );
    render(Request::from_parts(parts, Body::empty())).await
}
