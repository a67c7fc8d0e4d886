//! How a form posted without JavaScript is answered with a page rather than the server
//! function's JSON or redirect: the page is rendered for this request, as a GET of `uri`, with
//! the form's answer in its context. Used by the department import, the ID reveal and the
//! case steps.
use app::{shell, ssr::state::AppState};
use axum::{
    body::Body,
    extract::Request,
    http::{header, request::Parts, HeaderValue, Method, Uri},
    response::Response,
};
use leptos::prelude::*;

/// Whether the request is a plain form post to `path` from a browser (it asks for HTML).
pub fn is_plain_post(request: &Request, path: &str) -> bool {
    let accept = request
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    request.method() == Method::POST && request.uri().path() == path && accept.contains("text/html")
}

/// The case page's address for `case_id` (and `query`), if the id is one of ours (letters,
/// digits, dashes): anything else has no page.
pub fn case_page(case_id: &str, query: Option<&str>) -> Option<Uri> {
    let ours = !case_id.is_empty()
        && case_id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-');
    let address = match query {
        Some(q) => format!("/staff/cases/{case_id}?{q}"),
        None => format!("/staff/cases/{case_id}"),
    };
    ours.then(|| address.parse().ok()).flatten()
}

/// Renders the page at `uri` for the officer of `parts`, with `answer` in its context;
/// `private` answers are `no-store` (they show what was typed or revealed).
pub async fn render<T: Clone + Send + Sync + 'static>(
    state: &AppState,
    mut parts: Parts,
    uri: Uri,
    answer: T,
    private: bool,
) -> Response {
    parts.method = Method::GET;
    parts.uri = uri;
    let options = state.leptos_options.clone();
    let context_state = state.clone();
    let render = leptos_axum::render_app_async_with_context(
        move || {
            app::ssr::context::provide_request(&context_state);
            crate::hardening::provide_csp_nonce();
            provide_context(answer.clone());
        },
        move || shell(options.clone()),
    );
    let mut response = render(Request::from_parts(parts, Body::empty())).await;
    if private {
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}
