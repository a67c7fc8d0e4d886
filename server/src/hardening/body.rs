//! Body limits and the request timeout. The body is read here, within the route's limit and
//! the deadline, before any handler runs: a handler never sees a partial or oversized body,
//! and a refused request writes nothing.
use std::sync::Arc;

use axum::{
    body::Body,
    extract::{Request, State},
    http::{header, HeaderMap},
    middleware::Next,
    response::{IntoResponse, Response},
};
use http_body_util::{BodyExt, LengthLimitError, Limited};
use tokio::time::{timeout_at, Instant};

use super::{Guard, Refusal};

pub async fn limit_and_time(
    State(guard): State<Arc<Guard>>,
    request: Request,
    next: Next,
) -> Response {
    let deadline = Instant::now() + guard.request_timeout;
    let limit = guard.body_limit_for(request.uri().path());
    // A declared length over the limit is refused before a byte of the body is read.
    if declared_length(request.headers()).is_some_and(|n| n > limit as u64) {
        tracing::warn!(limit, "declared body over the limit refused");
        return super::household::too_large(request.uri().path(), request.headers(), limit);
    }
    let (parts, body) = request.into_parts();
    let read = timeout_at(deadline, Limited::new(body, limit).collect()).await;
    let bytes = match read {
        Ok(Ok(collected)) => collected.to_bytes(),
        // A chunked (or lying) body that runs past the limit.
        Ok(Err(e)) if e.downcast_ref::<LengthLimitError>().is_some() => {
            tracing::warn!(limit, "streamed body over the limit refused");
            return super::household::too_large(parts.uri.path(), &parts.headers, limit);
        }
        Ok(Err(_)) => {
            return (
                axum::http::StatusCode::BAD_REQUEST,
                "the request body could not be read",
            )
                .into_response()
        }
        Err(_) => {
            tracing::warn!("body not received within the request timeout");
            return Refusal::TooSlow.respond(&parts.headers);
        }
    };
    let headers = parts.headers.clone();
    let request = Request::from_parts(parts, Body::from(bytes));
    match timeout_at(deadline, next.run(request)).await {
        Ok(response) => response,
        Err(_) => {
            tracing::warn!("request timed out");
            Refusal::TimedOut.respond(&headers)
        }
    }
}

fn declared_length(headers: &HeaderMap) -> Option<u64> {
    headers
        .get(header::CONTENT_LENGTH)?
        .to_str()
        .ok()?
        .trim()
        .parse()
        .ok()
}
