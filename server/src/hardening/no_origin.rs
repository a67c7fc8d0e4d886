//! A state-changing request that names no page at all (no `Origin`, `Sec-Fetch-Site` or `Referer`:
//! curl, a script, a privacy tool that strips headers) is refused as a cross-site one is, but
//! told what actually happened: it did not say which page sent it, not that another site did.
use app::{
    domain::{lang::Lang, message::UserMessage},
    tr,
};
use axum::http::{header, HeaderMap};

/// The refusal's words (`field_error.http.no_origin` in locales/*.json).
pub struct NoOrigin;

impl UserMessage for NoOrigin {
    fn key(&self) -> &'static str {
        "http.no_origin"
    }

    fn text(&self, lang: Lang) -> &'static str {
        tr::field_error::http::no_origin(lang)
    }
}

/// The request says nothing about the page it came from.
pub fn names_no_page(headers: &HeaderMap) -> bool {
    ![
        header::ORIGIN.as_str(),
        "sec-fetch-site",
        header::REFERER.as_str(),
    ]
    .iter()
    .any(|name| headers.contains_key(*name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_request_with_neither_header_names_no_page() {
        for (pairs, none) in [
            (&[][..], true),
            (
                &[("content-type", "application/x-www-form-urlencoded")][..],
                true,
            ),
            (&[("origin", "https://evil.example")][..], false),
            (&[("origin", "null")][..], false),
            (&[("sec-fetch-site", "cross-site")][..], false),
            (&[("referer", "https://evil.example/")][..], false),
        ] {
            let headers: HeaderMap = pairs
                .iter()
                .map(|(k, v)| {
                    (
                        header::HeaderName::from_static(k),
                        v.parse().expect("value"),
                    )
                })
                .collect();
            assert_eq!(names_no_page(&headers), none, "{pairs:?}");
        }
    }
}
