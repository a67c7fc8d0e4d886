//! `POST /api/cases/command` from a browser without JavaScript (it asks for HTML). Refused,
//! the server function would send the browser back to the case page with the errors but with
//! every field empty again. Instead the case page is rendered in this `no-store` answer with
//! the errors and what was typed (`StepTyped`); nothing typed is stored. Success still sends
//! the browser on to the case page.
use app::{shell, ssr::state::AppState, wire::cases::StepTyped};
use axum::{
    body::{to_bytes, Body},
    extract::{Form, FromRequest, Request, State},
    http::{header, HeaderValue, Method, Uri},
    middleware::Next,
    response::{IntoResponse, Response},
};
use http::StatusCode;
use leptos::prelude::*;

pub const COMMAND_PATH: &str = "/api/cases/command";
/// A step form is a few KB; the body limit layer has refused anything far bigger already.
const MAX_FORM_BYTES: usize = 256 * 1024;

fn is_plain_command(request: &Request) -> bool {
    let accept = request
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    request.method() == Method::POST
        && request.uri().path() == COMMAND_PATH
        && accept.contains("text/html")
}

pub async fn plain_step(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if !is_plain_command(&request) {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_FORM_BYTES).await else {
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    };
    let pairs = Form::<Vec<(String, String)>>::from_request(
        Request::from_parts(parts.clone(), Body::from(bytes.clone())),
        &(),
    )
    .await
    .map(|Form(pairs)| pairs)
    .unwrap_or_default();
    let response = next
        .run(Request::from_parts(parts.clone(), Body::from(bytes)))
        .await;
    // Refused: leptos sends the browser back with `__path` and `__err` in the address.
    let query = response
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|l| l.split_once('?').map(|(_, q)| q.to_owned()))
        .filter(|q| q.contains("__err="));
    let value = |name: &str| {
        pairs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let case_id = value("case_id");
    let well_formed = !case_id.is_empty()
        && case_id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-');
    let uri = query
        .filter(|_| well_formed)
        .and_then(|q| format!("/staff/cases/{case_id}?{q}").parse::<Uri>().ok());
    let Some(uri) = uri else {
        return response;
    };
    let typed = StepTyped {
        kind: value("form[kind]"),
        pairs: std::sync::Arc::new(pairs),
    };
    let mut parts = parts;
    parts.method = Method::GET;
    parts.uri = uri;
    let options = state.leptos_options.clone();
    let context_state = state.clone();
    let render = leptos_axum::render_app_async_with_context(
        move || {
            provide_context(context_state.refreshed());
            crate::hardening::provide_csp_nonce();
            provide_context(typed.clone());
        },
        move || shell(options.clone()),
    );
    let mut answer = render(Request::from_parts(parts, Body::empty())).await;
    answer
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    answer
}
