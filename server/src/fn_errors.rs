//! Server functions whose arguments cannot be read never run, so nothing sets their status and
//! the framework answers 500. Such an answer carries the typed error in its body: give it the
//! status that error has everywhere else (a request that cannot be read is a 422, not a
//! server failure), so monitoring sees 5xx only for real failures.
use axum::{
    body::{to_bytes, Body},
    extract::Request,
    middleware::Next,
    response::Response,
};
use http::StatusCode;

use app::{ssr::context::status_of, wire::AppError};

/// Error bodies are a few hundred bytes; a bigger 500 is passed through unread.
const MAX_ERROR_BODY: usize = 16 * 1024;

pub async fn status_from_error_body(request: Request, next: Next) -> Response {
    let is_api = request.uri().path().starts_with("/api/");
    let response = next.run(request).await;
    if !is_api || response.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_ERROR_BODY).await else {
        return Response::from_parts(parts, Body::empty());
    };
    if let Ok(error) = serde_json::from_slice::<AppError>(&bytes) {
        parts.status = status_of(&error);
    }
    Response::from_parts(parts, Body::from(bytes))
}
