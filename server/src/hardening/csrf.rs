//! Cross-site request forgery: a state-changing request must say it comes from our own
//! origin. Browsers send `Origin` on every POST; `Sec-Fetch-Site` stands in when it is
//! missing, and then a `Referer` of our own origin (older phone browsers send only that; a
//! page elsewhere can hide its Referer but not forge ours). A request with none of them is
//! not from a browser page, and is let through only with a JSON body, which no other site can make a browser send here without a CORS preflight
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
    if let Some(referer) = headers.get(header::REFERER) {
        return referer.to_str().ok().and_then(origin_of).is_some_and(|o| {
            origins
                .iter()
                .any(|allowed| allowed.eq_ignore_ascii_case(o))
        });
    }
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|mime| mime.trim().eq_ignore_ascii_case("application/json"))
}

/// The origin (`https://host:port`) of an absolute address.
fn origin_of(address: &str) -> Option<&str> {
    let after_scheme = address.find("://")? + 3;
    let end = address[after_scheme..]
        .find(['/', '?', '#'])
        .map_or(address.len(), |i| after_scheme + i);
    Some(&address[..end])
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
    fn without_origin_or_fetch_metadata_a_referer_of_ours_passes() {
        let ours = [OURS.to_owned()];
        for (referer, passes) in [
            ("https://fpjc.example.gov.cn/report", true),
            ("https://fpjc.example.gov.cn", true),
            ("https://fpjc.example.gov.cn?x=1", true),
            ("https://fpjc.example.gov.cn.evil.example/report", false),
            ("https://evil.example/https://fpjc.example.gov.cn/", false),
            ("http://fpjc.example.gov.cn/report", false),
            ("/report", false),
        ] {
            assert_eq!(
                comes_from(&ours, &headers(&[("referer", referer)])),
                passes,
                "{referer}"
            );
        }
        // A form post with a Referer elsewhere is refused even as JSON would pass without it.
        assert!(!comes_from(
            &ours,
            &headers(&[
                ("referer", "https://evil.example/"),
                ("content-type", "application/json")
            ])
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
