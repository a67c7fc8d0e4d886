//! `POST /api/cases/reveal` from a browser without JavaScript (it asks for HTML): instead of
//! the server function's JSON, the case page is rendered again for this officer with the full
//! ID number shown (or the reason's field error), in this one `no-store` response.
use app::{shell, ssr::state::AppState};
use axum::{
    body::Body,
    extract::{Request, State},
    http::{header, HeaderValue, Method, Uri},
    middleware::Next,
    response::{IntoResponse, Response},
};
use http::StatusCode;
use leptos::prelude::*;

pub const REVEAL_PATH: &str = "/api/cases/reveal";

fn is_plain_reveal(request: &Request) -> bool {
    let accept = request
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    request.method() == Method::POST
        && request.uri().path() == REVEAL_PATH
        && accept.contains("text/html")
}

pub async fn plain_reveal(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if !is_plain_reveal(&request) {
        return next.run(request).await;
    }
    let (mut parts, answer) = match app::ssr::reveal_form::reveal_form(&state, request).await {
        Ok(done) => done,
        Err(response) => return response,
    };
    // Case ids are ours (letters, digits, dashes); anything else has no page.
    let page = format!("/staff/cases/{}", answer.case_id);
    let uri = answer
        .case_id
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        .then(|| page.parse::<Uri>().ok())
        .flatten();
    let Some(uri) = uri else {
        return StatusCode::NOT_FOUND.into_response();
    };
    parts.method = Method::GET;
    parts.uri = uri;
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
    let mut response = render(Request::from_parts(parts, Body::empty())).await;
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}
