//! Refusals of `/api/` calls to callers other than the site's own pages and scripts: the
//! server functions answer with the typed `AppError` (`"NotFound"`, `{"Validation":[…]}`),
//! which the site's scripts read and ask for by `Accept: application/json`, and a browser
//! posting a form asks for HTML. Anyone else (curl, a script without `Accept`) gets
//! `{"error":"NotFound","message":"…"}` in the request's language (`wire::error_body`).
use axum::{
    body::{to_bytes, Body},
    extract::Request,
    http::{header, HeaderValue, StatusCode},
    middleware::Next,
    response::Response,
};

use app::{
    domain::lang::Lang,
    wire::{error_body::ErrorBody, AppError, FieldError},
};

use crate::hardening::Refusal;

/// Error bodies are a few hundred bytes; a bigger one is passed through unread.
const MAX_ERROR_BODY: usize = 16 * 1024;

/// Whether the caller reads the typed `AppError` (the site's scripts) or an HTML answer.
fn reads_typed_errors(accept: &str) -> bool {
    accept.contains("application/json") || accept.contains("text/html")
}

pub async fn plain_errors(request: Request, next: Next) -> Response {
    let (accept, lang) = {
        let headers = request.headers();
        let text = |name: header::HeaderName| headers.get(name).and_then(|v| v.to_str().ok());
        (
            text(header::ACCEPT).unwrap_or_default().to_owned(),
            Lang::for_request(text(header::COOKIE), text(header::ACCEPT_LANGUAGE)),
        )
    };
    if !request.uri().path().starts_with("/api/") {
        return next.run(request).await;
    }
    // A browser posting a form reads the page it is answered with; a browser opening a form's
    // address (typed, or from history) got an empty 405, which it shows as a broken page.
    if accept.contains("text/html") {
        let headers = request.headers().clone();
        let response = next.run(request).await;
        return match response.status() {
            StatusCode::METHOD_NOT_ALLOWED => Refusal::WrongMethod.respond(&headers),
            _ => response,
        };
    }
    let typed = reads_typed_errors(&accept);
    let response = next.run(request).await;
    if response.status().is_success() || response.status().is_redirection() {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_ERROR_BODY).await else {
        return Response::from_parts(parts, Body::empty());
    };
    let (error, answered) = match serde_json::from_slice::<AppError>(&bytes) {
        Ok(error) => (error, true),
        // An unknown `/api/` path (the site's HTML "not found" page) or a wrong method (an
        // empty body) gets an error body too, not a page; other bodies pass (department keys).
        Err(_) => match status_error(parts.status, is_page_or_empty(&parts, &bytes)) {
            Some(error) => (error, false),
            None => return Response::from_parts(parts, Body::from(bytes)),
        },
    };
    if typed && answered {
        return Response::from_parts(parts, Body::from(bytes));
    }
    let json = if typed {
        serde_json::to_vec(&error)
    } else {
        serde_json::to_vec(&ErrorBody::of(&error, lang))
    };
    let Ok(json) = json else {
        return Response::from_parts(parts, Body::from(bytes));
    };
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    Response::from_parts(parts, Body::from(json))
}

fn is_page_or_empty(parts: &axum::http::response::Parts, bytes: &[u8]) -> bool {
    let html = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    html || bytes.iter().all(u8::is_ascii_whitespace)
}

/// The error an `/api/` answer without an `AppError` body stands for, by its status.
fn status_error(status: axum::http::StatusCode, page_or_empty: bool) -> Option<AppError> {
    if !page_or_empty {
        return None;
    }
    Some(match status.as_u16() {
        401 => AppError::Unauthorized,
        403 => AppError::Forbidden,
        404 => AppError::NotFound,
        // A call that exists, with another method: not "no such record".
        405 => AppError::Refused(FieldError::new("request", &Refusal::WrongMethod)),
        409 => AppError::Conflict,
        429 => AppError::RateLimited,
        503 => AppError::Unavailable,
        500..=599 => AppError::Internal,
        _ => return None,
    })
}
