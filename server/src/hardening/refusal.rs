//! What the hardening layers answer when they refuse a request, in the visitor's language:
//! a short HTML page for a browser posting a form, the wire error (JSON) for everyone else.
use app::{
    domain::{lang::Lang, message::UserMessage},
    tr,
    wire::{AppError, FieldError},
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
}

impl UserMessage for Refusal {
    fn key(&self) -> &'static str {
        match self {
            Refusal::BodyTooLarge => "http.body_too_large",
            Refusal::CrossSite => "http.cross_site",
            Refusal::TooSlow => "http.too_slow",
            Refusal::TimedOut => "http.timed_out",
        }
    }

    fn zh(&self) -> &'static str {
        match self {
            Refusal::BodyTooLarge => {
                "提交的内容太大，无法接收，没有保存任何内容。请删减后重试；名单较长时请分批导入。"
            }
            Refusal::CrossSite => {
                "该请求来自其他网站，已被拒绝，没有保存任何内容。请直接打开本平台的页面后重新操作。"
            }
            Refusal::TooSlow => "请求发送太慢，已超时，没有保存任何内容。请检查网络后重试。",
            Refusal::TimedOut => "服务器处理超时，请稍后重试；如急需帮助请拨打12317。",
        }
    }

    fn en(&self) -> &'static str {
        match self {
            Refusal::BodyTooLarge => {
                "What you sent is too large to accept; nothing was saved. Shorten it and try again, \
                 or import a long list in several parts."
            }
            Refusal::CrossSite => {
                "This request came from another website and was refused; nothing was saved. \
                 Open this site's page directly and try again."
            }
            Refusal::TooSlow => {
                "The request arrived too slowly and timed out; nothing was saved. \
                 Check the connection and try again."
            }
            Refusal::TimedOut => {
                "The server took too long to answer; please try again later, \
                 or call 12317 for urgent help."
            }
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
        }
    }

    /// The answer for a request with these headers (`Accept` picks the form, the `lang`
    /// cookie, then `Accept-Language`, the language).
    pub fn respond(self, request: &HeaderMap) -> Response {
        let wants_html = request
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|accept| accept.contains("text/html"));
        let header_text = |name| request.get(name).and_then(|v| v.to_str().ok());
        let lang = Lang::for_request(
            header_text(header::COOKIE),
            header_text(header::ACCEPT_LANGUAGE),
        );
        let mut response = if wants_html {
            (self.status(), self.page(lang)).into_response()
        } else {
            (self.status(), self.json()).into_response()
        };
        if self == Refusal::BodyTooLarge || self == Refusal::TooSlow {
            // The rest of the body is never read: the connection cannot carry another request.
            response
                .headers_mut()
                .insert(header::CONNECTION, HeaderValue::from_static("close"));
        }
        response
    }

    fn json(self) -> axum::Json<AppError> {
        axum::Json(AppError::Refused(FieldError::new("request", &self)))
    }

    fn page(self, lang: Lang) -> axum::response::Html<String> {
        let title = tr::refusal::title(lang);
        let home = tr::refusal::home(lang);
        let hotline = tr::shell::hotline(lang);
        let message = lang.pick(self.zh(), self.en());
        axum::response::Html(format!(
            "<!DOCTYPE html><html lang=\"{code}\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
             <title>{title}</title><link rel=\"stylesheet\" href=\"/pkg/safety-net.css\"></head>\
             <body><main class=\"page\"><h1>{title}</h1><p role=\"alert\">{message}</p>\
             <p><a href=\"/\">{home}</a></p><p>{hotline}</p></main></body></html>",
            code = lang.code(),
        ))
    }
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
        assert!(detail.zh.contains("其他网站"));
    }
}
