//! What the hardening layers answer when they refuse a request, in the visitor's language:
//! a short HTML page for a browser posting a form, the typed wire error for the site's own
//! scripts (`Accept: application/json`), `{"error","message","key"}` for anyone else.
use app::{
    components::html_text::escape,
    domain::{lang::Lang, message::UserMessage},
    tr,
    wire::{error_body::ErrorBody, AppError, FieldError},
};
use axum::{
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The body is over the route's limit (413).
    BodyTooLarge,
    /// A state-changing request from another site, or from no site we can tell (403).
    CrossSite,
    /// The body did not arrive within the request timeout (408).
    TooSlow,
    /// The answer took longer than the request timeout (503).
    TimedOut,
    /// The address is longer than any page's (414).
    UriTooLong,
    /// A body of a type no route reads: not a form, not JSON (415).
    UnreadableBody,
    /// An `/api/` call with a method it does not take, such as opening a form's address (405).
    WrongMethod,
}

impl UserMessage for Refusal {
    fn key(&self) -> &'static str {
        match self {
            Refusal::BodyTooLarge => "http.body_too_large",
            Refusal::CrossSite => "http.cross_site",
            Refusal::TooSlow => "http.too_slow",
            Refusal::TimedOut => "http.timed_out",
            Refusal::UriTooLong => "http.uri_too_long",
            Refusal::UnreadableBody => "http.unreadable_body",
            Refusal::WrongMethod => "http.wrong_method",
        }
    }

    /// The message in `lang`: `field_error.<key>` in locales/*.json, so `FieldError` words
    /// the refusal again in any language.
    fn text(&self, lang: Lang) -> &'static str {
        use tr::field_error::http as t;
        match self {
            Refusal::BodyTooLarge => t::body_too_large(lang),
            Refusal::CrossSite => t::cross_site(lang),
            Refusal::TooSlow => t::too_slow(lang),
            Refusal::TimedOut => t::timed_out(lang),
            Refusal::UriTooLong => t::uri_too_long(lang),
            Refusal::UnreadableBody => t::unreadable_body(lang),
            Refusal::WrongMethod => t::wrong_method(lang),
        }
    }
}

impl Refusal {
    pub fn status(self) -> StatusCode {
        match self {
            Refusal::BodyTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Refusal::CrossSite => StatusCode::FORBIDDEN,
            Refusal::TooSlow => StatusCode::REQUEST_TIMEOUT,
            Refusal::TimedOut => StatusCode::SERVICE_UNAVAILABLE,
            Refusal::UriTooLong => StatusCode::URI_TOO_LONG,
            Refusal::UnreadableBody => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Refusal::WrongMethod => StatusCode::METHOD_NOT_ALLOWED,
        }
    }

    /// The answer for a request with these headers (`Accept` picks the form, the `lang`
    /// cookie, then `Accept-Language`, the language).
    pub fn respond(self, request: &HeaderMap) -> Response {
        self.respond_within(request, None, &self)
    }

    /// As `respond`, worded (and keyed) by `message` instead of this refusal's own text.
    pub fn respond_worded(self, request: &HeaderMap, message: &dyn UserMessage) -> Response {
        self.respond_within(request, None, message)
    }

    /// The answer to a body over `limit` bytes: the page says how much fits and what to do.
    pub fn respond_too_large(request: &HeaderMap, limit: usize) -> Response {
        Refusal::BodyTooLarge.respond_within(request, Some(limit), &Refusal::BodyTooLarge)
    }

    /// As `respond_too_large`, worded by `message` (a form whose own fix is not a split list).
    pub fn respond_too_large_worded(
        request: &HeaderMap,
        limit: usize,
        message: &dyn UserMessage,
    ) -> Response {
        Refusal::BodyTooLarge.respond_within(request, Some(limit), message)
    }

    fn respond_within(
        self,
        request: &HeaderMap,
        limit: Option<usize>,
        message: &dyn UserMessage,
    ) -> Response {
        let accept = request
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        let header_text = |name| request.get(name).and_then(|v| v.to_str().ok());
        let lang = Lang::for_request(
            header_text(header::COOKIE),
            header_text(header::ACCEPT_LANGUAGE),
        );
        let error = AppError::Refused(FieldError::new("request", message));
        let mut response = if accept.contains("text/html") {
            let back = header_text(header::REFERER).and_then(same_site_path);
            (self.status(), self.page(lang, limit, back, message)).into_response()
        } else if accept.contains("application/json") {
            // The site's scripts (islands, the server-fn client) read the typed error, its
            // message in the caller's language.
            (self.status(), axum::Json(error.in_lang(lang))).into_response()
        } else {
            (self.status(), axum::Json(ErrorBody::of(&error, lang))).into_response()
        };
        if self == Refusal::BodyTooLarge || self == Refusal::TooSlow {
            // The rest of the body is never read: the connection cannot carry another request.
            response
                .headers_mut()
                .insert(header::CONNECTION, HeaderValue::from_static("close"));
        }
        response
    }

    fn page(
        self,
        lang: Lang,
        limit: Option<usize>,
        back: Option<String>,
        message: &dyn UserMessage,
    ) -> axum::response::Html<String> {
        // A form with words of its own says how to shorten it; the limit line then only
        // gives the size, without the generic advice on lists.
        let own_words = message.text_key() != self.text_key();
        let message = lang.pick(message.zh(), message.en());
        let limit = limit
            .map(|n| match own_words {
                true => tr::refusal_words::limit_only(lang, size_words(n)),
                false => tr::refusal_words::limit(lang, size_words(n)),
            })
            .map(|line| format!("<p>{line}</p>"))
            .unwrap_or_default();
        let back = back
            .map(|path| {
                format!(
                    "<p><a href=\"{}\">{}</a></p>",
                    escape(&path),
                    tr::refusal_words::back(lang)
                )
            })
            .unwrap_or_default();
        refusal_page(lang, message, &format!("{limit}{back}"))
    }
}

/// The refusal page: its title, `message`, then `more` (HTML), the home link and the hotline.
pub(super) fn refusal_page(lang: Lang, message: &str, more: &str) -> axum::response::Html<String> {
    let title = tr::refusal::title(lang);
    axum::response::Html(format!(
        "<!DOCTYPE html><html lang=\"{code}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><link rel=\"stylesheet\" href=\"{css}\"></head>\
         <body><main class=\"page\"><h1>{title}</h1><p role=\"alert\">{message}</p>\
         {more}<p><a href=\"/\">{home}</a></p><p>{hotline}</p></main></body></html>",
        code = lang.code(),
        css = super::stylesheet::href(),
        home = tr::refusal::home(lang),
        hotline = tr::shell::hotline(lang),
    ))
}

/// A byte count as people read it: 64 KB, 4 MB.
fn size_words(bytes: usize) -> String {
    const MB: usize = 1024 * 1024;
    if bytes >= MB && bytes.is_multiple_of(MB) {
        format!("{} MB", bytes / MB)
    } else if bytes >= MB {
        format!("{:.1} MB", bytes as f64 / MB as f64)
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

/// The path of a `Referer` on any host, to link back to: only a plain local path (never
/// `//host`), so the link cannot lead to another site.
fn same_site_path(referer: &str) -> Option<String> {
    let rest = referer
        .strip_prefix("https://")
        .or_else(|| referer.strip_prefix("http://"))?;
    let path = &rest[rest.find('/')?..];
    (path.starts_with('/') && !path.starts_with("//")).then(|| path.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(header::HeaderName, &str)]) -> HeaderMap {
        pairs
            .iter()
            .map(|(k, v)| (k.clone(), HeaderValue::from_str(v).expect("value")))
            .collect()
    }

    #[tokio::test]
    async fn a_form_post_gets_a_page_in_its_language_and_a_script_gets_json() {
        let form = Refusal::BodyTooLarge.respond(&headers(&[
            (header::ACCEPT, "text/html,application/xhtml+xml"),
            (header::COOKIE, "lang=en"),
        ]));
        assert_eq!(form.status(), StatusCode::PAYLOAD_TOO_LARGE);
        let body = axum::body::to_bytes(form.into_body(), 10_000)
            .await
            .expect("body");
        let page = String::from_utf8_lossy(&body);
        assert!(page.contains("too large"), "{page}");
        assert!(
            page.contains(&format!("href=\"{}\"", super::super::stylesheet::href())),
            "{page}"
        );

        let script = Refusal::CrossSite.respond(&headers(&[(header::ACCEPT, "application/json")]));
        assert_eq!(script.status(), StatusCode::FORBIDDEN);
        let body = axum::body::to_bytes(script.into_body(), 10_000)
            .await
            .expect("body");
        let error: AppError = serde_json::from_slice(&body).expect("wire error");
        let AppError::Refused(detail) = error else {
            panic!("not a refusal: {error:?}");
        };
        assert_eq!(detail.key, "http.cross_site");
        assert!(detail.message.contains("其他网站"));
    }

    #[tokio::test]
    async fn other_callers_get_error_and_message_in_their_language() {
        for (accept, lang, code, sentence) in [
            ("*/*", "en", "Refused", "another website"),
            ("", "zh-CN,zh;q=0.9", "Refused", "其他网站"),
        ] {
            let response = Refusal::CrossSite.respond(&headers(&[
                (header::ACCEPT, accept),
                (header::ACCEPT_LANGUAGE, lang),
            ]));
            assert_eq!(response.status(), StatusCode::FORBIDDEN);
            let body = axum::body::to_bytes(response.into_body(), 10_000)
                .await
                .expect("body");
            let json: serde_json::Value = serde_json::from_slice(&body).expect("json");
            assert_eq!(json["error"], code, "{json}");
            assert_eq!(json["key"], "http.cross_site", "{json}");
            let message = json["message"].as_str().expect("message");
            assert!(message.contains(sentence), "{accept:?} {lang}: {message}");
        }
    }

    #[tokio::test]
    async fn the_too_large_page_says_the_limit_and_links_back_to_the_form() {
        let page = Refusal::respond_too_large(
            &headers(&[
                (header::ACCEPT, "text/html"),
                (header::COOKIE, "lang=en"),
                (header::REFERER, "http://127.0.0.1:3000/staff/alerts"),
            ]),
            4 * 1024 * 1024,
        );
        let body = axum::body::to_bytes(page.into_body(), 10_000)
            .await
            .expect("body");
        let page = String::from_utf8_lossy(&body);
        assert!(page.contains("At most 4 MB"), "{page}");
        assert!(page.contains("href=\"/staff/alerts\""), "{page}");
    }

    /// Each refusal reads, in every language, the `field_error.<key>` text of the locale files.
    #[test]
    fn refusals_are_worded_from_the_locale_files() {
        for refusal in [
            Refusal::BodyTooLarge,
            Refusal::CrossSite,
            Refusal::TooSlow,
            Refusal::TimedOut,
            Refusal::UriTooLong,
            Refusal::UnreadableBody,
            Refusal::WrongMethod,
        ] {
            for lang in Lang::ALL.iter().copied() {
                let template = tr::field_error_template(lang, refusal.key()).expect("a text");
                assert_eq!(template, refusal.text(lang), "{refusal:?}");
                let error = FieldError::new("request", &refusal).in_lang(lang);
                assert_eq!(error.message, template, "{refusal:?}");
            }
        }
        assert_eq!(
            Refusal::CrossSite.en(),
            "This request came from another website and was refused; nothing was saved. \
             Open this site's page directly and try again."
        );
    }

    #[test]
    fn sizes_and_back_links_are_read_safely() {
        assert_eq!(size_words(64 * 1024), "64 KB");
        assert_eq!(size_words(4 * 1024 * 1024), "4 MB");
        assert_eq!(size_words(1536 * 1024), "1.5 MB");
        for (referer, path) in [
            (
                "https://a.example/staff/alerts?x=1",
                Some("/staff/alerts?x=1"),
            ),
            ("https://a.example//evil.example/", None),
            ("https://a.example", None),
            ("javascript:alert(1)", None),
        ] {
            assert_eq!(same_site_path(referer).as_deref(), path, "{referer}");
        }
    }
}
