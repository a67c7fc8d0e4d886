//! Server functions whose arguments cannot be read never run, so nothing sets their status and
//! the framework answers 500. Such an answer carries the typed error in its body: give it the
//! status that error has everywhere else (a request that cannot be read is a 422, not a
//! server failure), so monitoring sees 5xx only for real failures. The framework words that
//! error before any request is seen: word it again in the caller's language.
use axum::{
    body::{to_bytes, Body},
    extract::Request,
    middleware::Next,
    response::Response,
};
use http::StatusCode;

use app::{domain::lang::Lang, ssr::context::status_of, wire::AppError};

/// Error bodies are a few hundred bytes; a bigger 500 is passed through unread.
const MAX_ERROR_BODY: usize = 16 * 1024;

pub async fn status_from_error_body(request: Request, next: Next) -> Response {
    let is_api = request.uri().path().starts_with("/api/");
    let lang = {
        let text = |name| request.headers().get(name).and_then(|v| v.to_str().ok());
        Lang::for_request(
            text(http::header::COOKIE),
            text(http::header::ACCEPT_LANGUAGE),
        )
    };
    let response = next.run(request).await;
    if !is_api || response.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_ERROR_BODY).await else {
        return Response::from_parts(parts, Body::empty());
    };
    let Ok(error) = serde_json::from_slice::<AppError>(&bytes) else {
        return Response::from_parts(parts, Body::from(bytes));
    };
    parts.status = status_of(&error);
    match serde_json::to_vec(&error.in_lang(lang)) {
        Ok(worded) => {
            parts.headers.remove(http::header::CONTENT_LENGTH);
            Response::from_parts(parts, Body::from(worded))
        }
        Err(_) => Response::from_parts(parts, Body::from(bytes)),
    }
}
