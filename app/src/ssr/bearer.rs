//! `Authorization: Bearer <key>` on the department API routes. The key is checked here,
//! before the server function runs: an unknown or revoked key gets 401 with a JSON body that
//! says which, a key over its limit 429, and nothing is written. An accepted key travels to
//! the server function as a request extension (see `RequestContext::department_call`).
use axum::{
    extract::{Request, State},
    middleware::Next,
    response::{IntoResponse, Response},
    Json,
};
use http::{header, StatusCode};
use serde::Serialize;

use crate::{
    domain::{department_key::KeyRefusal, message::UserMessage},
    ssr::{
        services::department_keys::{authenticate, KeyError},
        state::AppState,
    },
    wire::AppError,
};

/// The routes a department key opens; every other route ignores the header.
pub const BEARER_PATHS: &[&str] = &["/api/alerts/push", "/api/alerts/outcomes"];

/// The 401 body: a stable key and the sentence in both languages.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct KeyRefusalBody {
    pub error: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
}

pub async fn guard(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    if !BEARER_PATHS.contains(&request.uri().path()) {
        return next.run(request).await;
    }
    let Some(value) = request.headers().get(header::AUTHORIZATION) else {
        // Neither a key nor a session: say the key is missing before the body is even read
        // (a malformed body would otherwise be refused first, for the wrong reason).
        if !has_session_cookie(&request) {
            return key_refused(KeyRefusal::Missing);
        }
        // A staff session may call these routes too; if it is not valid, say what is missing
        // rather than a bare "Unauthorized".
        let response = next.run(request).await;
        if response.status() == StatusCode::UNAUTHORIZED {
            return key_refused(KeyRefusal::Missing);
        }
        return response;
    };
    let value = value.to_str().unwrap_or_default().to_owned();
    match authenticate(&state, &value, state.clock.now()).await {
        Ok(caller) => {
            request.extensions_mut().insert(caller);
            next.run(request).await
        }
        Err(KeyError::Refused(refusal)) => {
            tracing::warn!(refusal = refusal.key(), "department key refused");
            key_refused(refusal)
        }
        Err(KeyError::RateLimited) => {
            (StatusCode::TOO_MANY_REQUESTS, Json(AppError::RateLimited)).into_response()
        }
        Err(KeyError::Service(e)) => {
            let error: AppError = e.into();
            (StatusCode::INTERNAL_SERVER_ERROR, Json(error)).into_response()
        }
    }
}

fn has_session_cookie(request: &Request) -> bool {
    request
        .headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|cookies| crate::ssr::context::session_token_in(cookies).is_some())
}

/// 401 with the refusal's key and sentences, and the bearer challenge.
fn key_refused(refusal: KeyRefusal) -> Response {
    let body = KeyRefusalBody {
        error: refusal.key(),
        zh: refusal.zh(),
        en: refusal.en(),
    };
    // RFC 6750: a request without credentials gets the bare challenge.
    let challenge = if refusal == KeyRefusal::Missing {
        "Bearer"
    } else {
        "Bearer error=\"invalid_token\""
    };
    (
        StatusCode::UNAUTHORIZED,
        [(header::WWW_AUTHENTICATE, challenge)],
        Json(body),
    )
        .into_response()
}
