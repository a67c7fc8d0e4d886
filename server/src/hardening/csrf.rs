//! Cross-site request forgery: a state-changing request must say it comes from our own
//! origin. Browsers send `Origin` on every POST; `Sec-Fetch-Site` stands in when it is
//! missing. A request with neither is not from a browser page, and is let through only with
//! a JSON body, which no other site can make a browser send here without a CORS preflight
//! (never granted).
use std::sync::Arc;

use axum::{
    extract::{Request, State},
    http::{header, HeaderMap, Method},
    middleware::Next,
    response::Response,
};

use super::{Guard, Refusal};

pub async fn same_origin_only(
    State(guard): State<Arc<Guard>>,
    request: Request,
    next: Next,
) -> Response {
    if is_safe(request.method()) || comes_from(&guard.origins, request.headers()) {
        return next.run(request).await;
    }
    tracing::warn!(
        method = %request.method(),
        "cross-site or origin-less request refused"
    );
    if super::no_origin::names_no_page(request.headers()) {
        return Refusal::CrossSite.respond_worded(request.headers(), &super::no_origin::NoOrigin);
    }
    Refusal::CrossSite.respond(request.headers())
}

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

fn comes_from(origins: &[String], headers: &HeaderMap) -> bool {
    if let Some(origin) = headers.get(header::ORIGIN) {
        // `null` (sandboxed frames, some redirects) matches nothing.
        return origin.to_str().is_ok_and(|o| {
            origins
                .iter()
                .any(|allowed| allowed.eq_ignore_ascii_case(o))
        });
    }
    if let Some(site) = headers.get("sec-fetch-site") {
        return site == "same-origin";
    }
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|mime| mime.trim().eq_ignore_ascii_case("application/json"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
        pairs
            .iter()
            .map(|(k, v)| {
                (
                    header::HeaderName::from_bytes(k.as_bytes()).expect("name"),
                    v.parse().expect("value"),
                )
            })
            .collect()
    }

    const OURS: &str = "https://fpjc.example.gov.cn";

    #[test]
    fn our_origin_passes_and_any_other_is_refused() {
        let ours = [OURS.to_owned()];
        assert!(comes_from(&ours, &headers(&[("origin", OURS)])));
        assert!(!comes_from(
            &ours,
            &headers(&[("origin", "https://evil.example")])
        ));
        assert!(!comes_from(&ours, &headers(&[("origin", "null")])));
        // The Origin header decides, whatever Sec-Fetch-Site says.
        assert!(!comes_from(
            &ours,
            &headers(&[
                ("origin", "http://fpjc.example.gov.cn"),
                ("sec-fetch-site", "same-origin")
            ])
        ));
    }

    #[test]
    fn without_origin_fetch_metadata_decides() {
        let ours = [OURS.to_owned()];
        assert!(comes_from(
            &ours,
            &headers(&[("sec-fetch-site", "same-origin")])
        ));
        assert!(!comes_from(
            &ours,
            &headers(&[("sec-fetch-site", "same-site")])
        ));
        assert!(!comes_from(
            &ours,
            &headers(&[("sec-fetch-site", "cross-site")])
        ));
    }

    #[test]
    fn without_either_only_json_passes() {
        let ours = [OURS.to_owned()];
        assert!(comes_from(
            &ours,
            &headers(&[("content-type", "application/json; charset=utf-8")])
        ));
        assert!(!comes_from(
            &ours,
            &headers(&[("content-type", "application/x-www-form-urlencoded")])
        ));
        assert!(!comes_from(
            &ours,
            &headers(&[("content-type", "text/plain")])
        ));
        assert!(!comes_from(&ours, &headers(&[])));
    }
}
