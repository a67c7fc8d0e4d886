//! Refusals of `/api/` calls to callers other than the site's own pages and scripts: the
//! server functions answer with the typed `AppError` (`"NotFound"`, `{"Validation":[…]}`),
//! which the site's scripts read and ask for by `Accept: application/json`, and a browser
//! posting a form asks for HTML. Anyone else (curl, a script without `Accept`) gets
//! `{"error":"NotFound","message":"…"}` in the request's language (`wire::error_body`).
use axum::{
    body::{to_bytes, Body},
    extract::Request,
    http::{header, HeaderValue},
    middleware::Next,
    response::Response,
};

use app::{
    domain::lang::Lang,
    wire::{error_body::ErrorBody, AppError},
};

/// Error bodies are a few hundred bytes; a bigger one is passed through unread.
const MAX_ERROR_BODY: usize = 16 * 1024;

/// Whether the caller reads the typed `AppError` (the site's scripts) or an HTML answer.
fn reads_typed_errors(accept: &str) -> bool {
    accept.contains("application/json") || accept.contains("text/html")
}

pub async fn plain_errors(request: Request, next: Next) -> Response {
    let (typed, lang) = {
        let headers = request.headers();
        let text = |name: header::HeaderName| headers.get(name).and_then(|v| v.to_str().ok());
        (
            reads_typed_errors(text(header::ACCEPT).unwrap_or_default()),
            Lang::for_request(text(header::COOKIE), text(header::ACCEPT_LANGUAGE)),
        )
    };
    if typed || !request.uri().path().starts_with("/api/") {
        return next.run(request).await;
    }
    let response = next.run(request).await;
    if response.status().is_success() || response.status().is_redirection() {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_ERROR_BODY).await else {
        return Response::from_parts(parts, Body::empty());
    };
    let Ok(error) = serde_json::from_slice::<AppError>(&bytes) else {
        return Response::from_parts(parts, Body::from(bytes));
    };
    let Ok(plain) = serde_json::to_vec(&ErrorBody::of(&error, lang)) else {
        return Response::from_parts(parts, Body::from(bytes));
    };
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    Response::from_parts(parts, Body::from(plain))
}

#[cfg(test)]
mod tests {
    use super::reads_typed_errors;

    #[test]
    fn the_sites_scripts_and_browsers_keep_their_answers() {
        for (accept, typed) in [
            ("application/json", true),
            ("text/html,application/xhtml+xml", true),
            ("*/*", false),
            ("", false),
            ("application/problem+json", false),
        ] {
            assert_eq!(reads_typed_errors(accept), typed, "{accept}");
        }
    }
}
