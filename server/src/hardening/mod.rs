//! HTTP hardening around every route: security headers, the cross-site (CSRF) check, body
//! limits and the request timeout. The header-read timeout lives in `crate::serve`.
mod body;
mod content_type;
mod csrf;
mod headers;
pub(crate) mod household;
mod no_origin;
mod refusal;
mod stylesheet;
mod uri;

use std::{net::SocketAddr, sync::Arc, time::Duration};

use axum::{middleware::from_fn_with_state, Router};

pub use headers::{provide_csp_nonce, CspNonce};
pub use refusal::Refusal;

use crate::config::HttpConfig;

/// Server functions that take a department's whole list: they get the upload limit.
const UPLOAD_PATHS: [&str; 4] = [
    "/api/alerts/push",
    "/api/alerts/upload",
    "/staff/alerts/parse",
    "/staff/alerts/import",
];

/// What the layers need to know, fixed at start-up.
#[derive(Debug, Clone)]
pub struct Guard {
    /// Origins a state-changing request may come from (`PUBLIC_ORIGIN`).
    pub origins: Vec<String>,
    pub body_limit: usize,
    pub upload_limit: usize,
    pub request_timeout: Duration,
    /// HTTPS only: send HSTS.
    pub secure_cookies: bool,
}

impl Guard {
    pub fn new(http: &HttpConfig, bound: SocketAddr, secure_cookies: bool) -> Guard {
        Guard {
            origins: http.origins_for(bound),
            body_limit: http.body_limit,
            upload_limit: http.upload_limit,
            request_timeout: http.request_timeout,
            secure_cookies,
        }
    }

    fn body_limit_for(&self, path: &str) -> usize {
        if UPLOAD_PATHS.contains(&path) {
            self.upload_limit.max(self.body_limit)
        } else {
            self.body_limit
        }
    }
}

/// Wraps every route, the ones merged in later included. Outermost first: headers go on
/// every answer (refusals too); the origin is checked before any byte of the body is read;
/// the body is read within its limit and the timeout, then its type checked, before a
/// handler sees it (a declared 10 MB body of no type got 415 and no word of its size).
pub fn harden(router: Router, guard: Guard) -> Router {
    let guard = Arc::new(guard);
    router
        .layer(axum::middleware::from_fn(
            content_type::readable_bodies_only,
        ))
        .layer(from_fn_with_state(guard.clone(), body::limit_and_time))
        .layer(from_fn_with_state(guard.clone(), csrf::same_origin_only))
        .layer(axum::middleware::from_fn(uri::refuse_long))
        .layer(from_fn_with_state(guard, headers::security_headers))
}
