//! An address longer than any page's is refused with a page that says so (414), before a
//! route, the static files or the logs see it. Addresses past hyper's own limit (64 KB) get
//! hyper's bare 414.
use axum::{extract::Request, middleware::Next, response::Response};

use super::Refusal;

/// The longest path and query answered. The site's own links are far shorter: a draft or
/// filter link is under 1 KB.
pub const MAX_URI_BYTES: usize = 8 * 1024;

pub async fn refuse_long(request: Request, next: Next) -> Response {
    let length = request
        .uri()
        .path_and_query()
        .map_or(0, |pq| pq.as_str().len());
    if length > MAX_URI_BYTES {
        tracing::info!(length, "address too long refused");
        return Refusal::UriTooLong.respond(request.headers());
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use axum::{body::Body, http::StatusCode, routing::get, Router};
    use tower::ServiceExt;

    use super::*;

    #[tokio::test]
    async fn a_long_address_gets_414_with_words_and_a_normal_one_goes_through() {
        let app = Router::new()
            .fallback(get(|| async { "page" }))
            .layer(axum::middleware::from_fn(refuse_long));
        let ask = |path: String| {
            Request::builder()
                .uri(path)
                .header("accept", "text/html")
                .header("cookie", "lang=en")
                .body(Body::empty())
                .expect("request")
        };
        let long = format!("/track?x={}", "a".repeat(MAX_URI_BYTES));
        let refused = app.clone().oneshot(ask(long)).await.expect("answer");
        assert_eq!(refused.status(), StatusCode::URI_TOO_LONG);
        let body = axum::body::to_bytes(refused.into_body(), 20_000)
            .await
            .expect("body");
        let page = String::from_utf8_lossy(&body);
        assert!(page.contains("too long to open"), "{page}");
        let fine = format!("/report?draft={}", "a".repeat(1000));
        let answered = app.oneshot(ask(fine)).await.expect("answer");
        assert_eq!(answered.status(), StatusCode::OK);
    }
}
