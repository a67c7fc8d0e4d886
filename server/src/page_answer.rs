//! How a form posted without JavaScript is answered with a page rather than the server
//! function's JSON or redirect: the page is rendered for this request, as a GET of `uri`, with
//! the form's answer in its context. Used by the department import, the ID reveal, the case
//! steps and the new-account form.
use app::{shell, ssr::state::AppState};
use axum::{
    body::{to_bytes, Body},
    extract::{Form, FromRequest, Request},
    http::{header, request::Parts, HeaderValue, Method, StatusCode, Uri},
    middleware::Next,
    response::{IntoResponse, Response},
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

/// A form is a few KB; the body limit layer has refused anything far bigger already.
const MAX_FORM_BYTES: usize = 256 * 1024;

/// A plain form post run through the server function: the fields posted, the request's
/// parts, and the function's answer; the answer is a refusal when `refused_query` finds one.
pub struct Posted {
    pub pairs: Vec<(String, String)>,
    pub parts: Parts,
    pub response: Response,
}

impl Posted {
    /// Reads the posted fields (kept to render the page again), then runs the request on.
    pub async fn run(request: Request, next: Next) -> Result<Posted, Response> {
        let (parts, body) = request.into_parts();
        let Ok(bytes) = to_bytes(body, MAX_FORM_BYTES).await else {
            return Err(StatusCode::PAYLOAD_TOO_LARGE.into_response());
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
        Ok(Posted {
            pairs,
            parts,
            response,
        })
    }

    /// Refused: leptos sends the browser back with `__path` and `__err` in the address; that
    /// query, for the page rendered in its place.
    pub fn refused_query(&self) -> Option<String> {
        self.response
            .headers()
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|l| l.split_once('?').map(|(_, q)| q.to_owned()))
            .filter(|q| q.contains("__err="))
    }

    /// The value posted under `name` (empty when absent).
    pub fn value(&self, name: &str) -> String {
        self.pairs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }
}

/// Done: the browser is sent on with 303 (leptos says 302), which tells it plainly to GET
/// the page and never to post the form again.
pub fn see_other(mut response: Response) -> Response {
    if response.status() == StatusCode::FOUND {
        *response.status_mut() = StatusCode::SEE_OTHER;
    }
    response
}
