//! Forms that work without JavaScript post to the page they sit on (`/staff/cases/{id}`,
//! `/staff/alerts`), so whatever the answer is, the browser's address is still that page and
//! not `/api/...`: a refused step or a reveal is rendered there, and a reload shows the page
//! (after the browser's own "send again?"). This layer wraps the whole router, before routing,
//! and hands such a post to the handler that takes it; GETs of those pages are untouched.
use axum::{
    body::{to_bytes, Body},
    extract::Request,
    http::{Method, StatusCode, Uri},
    middleware::Next,
    response::{IntoResponse, Response},
};

use crate::{reveal_form::REVEAL_PATH, step_form::COMMAND_PATH};

pub const ALERTS_PAGE: &str = "/staff/alerts";
pub const IMPORT_PATH: &str = "/staff/alerts/import";
/// A step form is a few KB; the body limit layer has refused anything far bigger already.
const MAX_FORM_BYTES: usize = 256 * 1024;

/// `/staff/cases/{id}` itself (not a deeper path).
pub fn is_case_page(path: &str) -> bool {
    path.strip_prefix("/staff/cases/")
        .is_some_and(|id| !id.is_empty() && !id.contains('/'))
}

pub async fn to_handler(request: Request, next: Next) -> Response {
    if request.method() != Method::POST {
        return next.run(request).await;
    }
    let path = request.uri().path();
    if path == ALERTS_PAGE {
        return next.run(routed(request, IMPORT_PATH)).await;
    }
    if !is_case_page(path) {
        return next.run(request).await;
    }
    // Step forms carry `form[kind]`; the reveal form does not.
    let (parts, body) = request.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_FORM_BYTES).await else {
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    };
    let is_step = form_urlencoded::parse(&bytes).any(|(name, _)| name == "form[kind]");
    let target = if is_step { COMMAND_PATH } else { REVEAL_PATH };
    next.run(routed(
        Request::from_parts(parts, Body::from(bytes)),
        target,
    ))
    .await
}

fn routed(mut request: Request, path: &'static str) -> Request {
    *request.uri_mut() = Uri::from_static(path);
    request
}

#[cfg(test)]
mod tests {
    use super::is_case_page;

    #[test]
    fn only_a_case_page_itself_is_a_case_page() {
        for (path, page) in [
            ("/staff/cases/abc123", true),
            ("/staff/cases/", false),
            ("/staff/cases/abc/steps", false),
            ("/staff/casesabc", false),
            ("/api/cases/command", false),
        ] {
            assert_eq!(is_case_page(path), page, "{path}");
        }
    }
}
