//! Security headers on every response, with a fresh CSP nonce per request that the Leptos
//! render puts on its inline hydration scripts.
use std::sync::Arc;

use axum::{
    extract::{Request, State},
    http::{header, HeaderValue},
    middleware::Next,
    response::Response,
};

use super::Guard;

/// This request's CSP nonce (a request extension; the render reads it through `Parts`).
#[derive(Debug, Clone)]
pub struct CspNonce(pub String);

/// Leptos puts its own nonce on the inline scripts it renders; use the one the
/// `Content-Security-Policy` header of this response names instead.
pub fn provide_csp_nonce() {
    use leptos::prelude::{provide_context, use_context};
    let nonce = use_context::<axum::http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<CspNonce>().cloned());
    if let Some(CspNonce(nonce)) = nonce {
        provide_context(leptos::nonce::Nonce::from_value(nonce));
    }
}

pub async fn security_headers(
    State(guard): State<Arc<Guard>>,
    mut request: Request,
    next: Next,
) -> Response {
    let nonce: String = app::ssr::password::random_bytes::<16>()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    request.extensions_mut().insert(CspNonce(nonce.clone()));
    let path = request.uri().path().to_owned();
    let mut response = next.run(request).await;
    let ok = response.status().is_success();
    let headers = response.headers_mut();
    if let Ok(csp) = HeaderValue::from_str(&policy(&nonce, &path)) {
        headers.insert(header::CONTENT_SECURITY_POLICY, csp);
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    if guard.secure_cookies {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    if is_private(&path) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    } else if path.starts_with("/pkg/") && ok {
        headers.insert(header::CACHE_CONTROL, asset_cache(&path));
        // The same name is served brotli, gzip or plain: caches must key on the encoding.
        if !headers.contains_key(header::VARY) {
            headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        }
    }
    response
}

/// A file whose name carries its content hash (`safety-net.<hash>.wasm`, cargo-leptos
/// `hash-files`) never changes: a repeat visit downloads nothing. Any other asset is
/// revalidated (a `304` when unchanged).
fn asset_cache(path: &str) -> HeaderValue {
    let name = path.rsplit('/').next().unwrap_or_default();
    let name = name
        .strip_suffix(".br")
        .or_else(|| name.strip_suffix(".gz"))
        .unwrap_or(name);
    let parts: Vec<&str> = name.split('.').collect();
    let hashed = parts.len() >= 3
        && parts[1..parts.len() - 1].iter().any(|part| {
            part.len() >= 16
                && part
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        });
    if hashed {
        HeaderValue::from_static("public, max-age=31536000, immutable")
    } else {
        HeaderValue::from_static("no-cache")
    }
}

/// Only our own origin. Scripts: our files, plus the inline hydration scripts that carry this
/// response's nonce; `wasm-unsafe-eval` lets the WASM bundle compile (not JS `eval`).
fn policy(nonce: &str, path: &str) -> String {
    // The printable notice may be framed by our own pages; nothing else may frame us.
    let ancestors = if path.starts_with("/notice/") {
        "'self'"
    } else {
        "'none'"
    };
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
         object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors {ancestors}"
    )
}

/// Staff pages, anything a server function answers (case data, personal details), and the
/// household's own look-up and confirmation pages (a shared phone must not keep them).
fn is_private(path: &str) -> bool {
    path == "/staff"
        || path.starts_with("/staff/")
        || path.starts_with("/api/")
        || path == "/track"
        // The form may come back with a kept draft in it (ID number, mobile, health).
        || path == "/report"
        || path.starts_with("/report/submitted/")
        // One address, two answers: full names and measures for signed-in staff (the board
        // copy), partly hidden names for everyone else. A shared cache must keep neither.
        || path.starts_with("/notice/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staff_pages_and_server_functions_are_private_and_static_files_are_not() {
        assert!(is_private("/staff"));
        assert!(is_private("/staff/cases/abc"));
        assert!(is_private("/api/reports/track"));
        assert!(!is_private("/staffing"));
        assert!(!is_private("/pkg/safety-net.wasm"));
        assert!(is_private("/report"));
        assert!(!is_private("/reports"));
        assert!(is_private("/track"));
        assert!(is_private("/notice/522799101201"));
        assert!(is_private("/report/submitted/D3UQ83CQMV"));
    }

    #[test]
    fn hashed_assets_are_immutable_and_others_revalidate() {
        let immutable = "public, max-age=31536000, immutable";
        for (path, expected) in [
            ("/pkg/safety-net.AbCdEf0123456789_-xyzQ.wasm", immutable),
            ("/pkg/safety-net.AbCdEf0123456789_-xyzQ.js", immutable),
            ("/pkg/safety-net.AbCdEf0123456789_-xyzQ.css", immutable),
            ("/pkg/safety-net.css", "no-cache"),
            ("/pkg/safety-net_bg.wasm", "no-cache"),
            ("/pkg/safety-net.min.js", "no-cache"),
        ] {
            assert_eq!(asset_cache(path), expected, "{path}");
        }
    }

    #[test]
    fn only_the_notice_may_be_framed_and_only_by_us() {
        assert!(policy("n", "/notice/522799101201").ends_with("frame-ancestors 'self'"));
        assert!(policy("n", "/staff").ends_with("frame-ancestors 'none'"));
        assert!(!policy("n", "/").contains("unsafe-inline"));
    }
}
