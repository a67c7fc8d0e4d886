//! The too-large refusal worded for the form it came from: a household's report (shorten the
//! description, or call 12317 / the village office), its look-up (only the number and the
//! mobile are needed), a staff step (shorten the notes), anything else staff post (split the
//! list). The kind stays `http.body_too_large`; only the words differ.
use app::{
    domain::{lang::Lang, message::UserMessage},
    tr,
    wire::{error_body::ErrorBody, AppError, FieldError},
};
use axum::{
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};

use super::Refusal;

/// Where households post the report (its page and server functions).
pub(crate) const REPORT_PATHS: [&str; 3] =
    ["/report", "/api/reports/submit", "/api/reports/new_key"];
/// Where households look their request up (its page and server functions).
pub(crate) const LOOKUP_PATHS: [&str; 3] = ["/track", "/api/reports/track", "/api/reports/resend"];

/// Which form a path belongs to, for the words of its refusal.
fn form_of(path: &str) -> Option<TooLarge> {
    if REPORT_PATHS.contains(&path) {
        Some(TooLarge::Report)
    } else if LOOKUP_PATHS.contains(&path) {
        Some(TooLarge::Lookup)
    } else if path == crate::step_form::COMMAND_PATH || path.starts_with("/staff/cases/") {
        Some(TooLarge::Step)
    } else {
        None
    }
}

/// The 413 answer for a body over `limit` posted to `path`.
pub fn too_large(path: &str, request: &HeaderMap, limit: usize) -> Response {
    let text = |name| request.get(name).and_then(|v| v.to_str().ok());
    let accept = text(header::ACCEPT).unwrap_or_default();
    // A page's script (it asked for JSON) keeps the form on screen; a browser without
    // JavaScript shows the refusal page instead of it.
    let on_form = accept.contains("application/json") && !accept.contains("text/html");
    let message = match form_of(path) {
        None => return Refusal::respond_too_large(request, limit),
        Some(TooLarge::Step) => {
            let words = TooLarge::Step.shown(on_form);
            return Refusal::respond_too_large_worded(request, limit, &words);
        }
        Some(household) => household,
    };
    let lang = Lang::for_request(text(header::COOKIE), text(header::ACCEPT_LANGUAGE));
    let shown = message.shown(on_form);
    let error = AppError::Refused(FieldError::new("request", &shown).in_lang(lang));
    let status = StatusCode::PAYLOAD_TOO_LARGE;
    let mut response = if accept.contains("text/html") {
        let back = text(header::REFERER).map_or("/report", back_path);
        (status, page(lang, back, &message)).into_response()
    } else if accept.contains("application/json") {
        (status, axum::Json(error)).into_response()
    } else {
        (status, axum::Json(ErrorBody::of(&error, lang))).into_response()
    };
    // The rest of the body is never read: the connection cannot carry another request.
    response
        .headers_mut()
        .insert(header::CONNECTION, HeaderValue::from_static("close"));
    response
}

/// The refusal's words: the kind stays `http.body_too_large`, the text (`text_key`) is the
/// form's own under `field_error.http`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TooLarge {
    Report,
    Lookup,
    Step,
    /// The same, read by the page's script above the form it came from, which is still
    /// filled in: no "press Back" (that would leave the form).
    ReportOnForm,
    LookupOnForm,
    StepOnForm,
}

impl TooLarge {
    /// The words for whoever reads the answer, `on_form` when the form is still on screen.
    fn shown(self, on_form: bool) -> TooLarge {
        match (self, on_form) {
            (TooLarge::Report, true) => TooLarge::ReportOnForm,
            (TooLarge::Lookup, true) => TooLarge::LookupOnForm,
            (TooLarge::Step, true) => TooLarge::StepOnForm,
            (other, _) => other,
        }
    }
}

impl UserMessage for TooLarge {
    fn key(&self) -> &'static str {
        "http.body_too_large"
    }
    fn text(&self, lang: Lang) -> &'static str {
        use tr::field_error::http as t;
        match self {
            TooLarge::Report => t::household_too_large(lang),
            TooLarge::Lookup => t::lookup_too_large(lang),
            TooLarge::Step => t::step_too_large(lang),
            TooLarge::ReportOnForm => t::household_too_large_on_form(lang),
            TooLarge::LookupOnForm => t::lookup_too_large_on_form(lang),
            TooLarge::StepOnForm => t::step_too_large_on_form(lang),
        }
    }
    fn text_key(&self) -> &'static str {
        match self {
            TooLarge::Report => "http.household_too_large",
            TooLarge::Lookup => "http.lookup_too_large",
            TooLarge::Step => "http.step_too_large",
            TooLarge::ReportOnForm => "http.household_too_large_on_form",
            TooLarge::LookupOnForm => "http.lookup_too_large_on_form",
            TooLarge::StepOnForm => "http.step_too_large_on_form",
        }
    }
}

/// The household page the form was on (a draft's address included, so what was typed comes
/// back), from the `Referer`; the empty report form when it names anything else.
fn back_path(referer: &str) -> &str {
    let path = referer
        .strip_prefix("https://")
        .or_else(|| referer.strip_prefix("http://"))
        .and_then(|rest| rest.find('/').map(|at| &rest[at..]))
        .unwrap_or_default();
    let household = ["/report", "/track"]
        .iter()
        .any(|page| path == *page || path.starts_with(&format!("{page}?")));
    let plain = path
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"/?=-_.%".contains(&b));
    if household && plain {
        path
    } else {
        "/report"
    }
}

fn page(lang: Lang, back: &str, message: &TooLarge) -> axum::response::Html<String> {
    // A link can only open the page anew: "back" only when it leads to what was typed (a
    // draft's address); Back in the browser is what keeps the form (the text says so).
    let label = if back.contains('?') {
        tr::household_refusal::back(lang)
    } else {
        tr::household_refusal::open_again(lang)
    };
    let back = format!("<p><a href=\"{back}\">{label}</a></p>");
    super::refusal::refusal_page(lang, message.text(lang), &back)
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn body(response: Response) -> String {
        let bytes = axum::body::to_bytes(response.into_body(), 20_000)
            .await
            .expect("body");
        String::from_utf8_lossy(&bytes).into_owned()
    }

    fn headers(pairs: &[(header::HeaderName, &str)]) -> HeaderMap {
        pairs
            .iter()
            .map(|(k, v)| (k.clone(), HeaderValue::from_str(v).expect("value")))
            .collect()
    }

    #[tokio::test]
    async fn a_household_is_told_to_shorten_its_description_staff_to_split_their_list() {
        let html = |lang: &str| {
            headers(&[
                (header::ACCEPT, "text/html"),
                (header::COOKIE, lang),
                (header::REFERER, "http://x/report"),
            ])
        };
        for (path, lang, says, not) in [
            ("/api/reports/submit", "lang=zh-CN", "情况说明写短", "分批"),
            (
                "/api/reports/submit",
                "lang=en",
                "shorten the description",
                "import",
            ),
            ("/report", "lang=en", "12317", "several parts"),
            ("/track", "lang=zh-CN", "查询码和手机号码", "情况说明"),
            (
                "/api/reports/track",
                "lang=en",
                "tracking number",
                "description",
            ),
            ("/staff/cases/abc", "lang=zh-CN", "说明写短", "分批"),
            ("/api/cases/command", "lang=en", "shorter", "import"),
            (
                "/api/alerts/import",
                "lang=en",
                "several parts",
                "description",
            ),
        ] {
            let response = too_large(path, &html(lang), 64 * 1024);
            assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
            let page = body(response).await;
            assert!(page.contains(says), "{path} {lang}: {page}");
            assert!(!page.contains(not), "{path} {lang}: {page}");
        }
    }

    #[test]
    fn the_back_link_returns_to_the_households_own_page_only() {
        for (referer, back) in [
            ("http://x/report?draft=ab12", "/report?draft=ab12"),
            ("https://x/track", "/track"),
            ("https://x/report/submitted/1", "/report"),
            ("https://x//evil.example/report", "/report"),
            ("https://x/report?a=\"<", "/report"),
            ("https://x/staff", "/report"),
            ("nonsense", "/report"),
        ] {
            assert_eq!(back_path(referer), back, "{referer}");
        }
    }

    #[tokio::test]
    async fn the_households_script_gets_the_same_kind_in_its_words() {
        let response = too_large(
            "/api/reports/submit",
            &headers(&[
                (header::ACCEPT, "application/json"),
                (header::COOKIE, "lang=en"),
            ]),
            64 * 1024,
        );
        let error: AppError = serde_json::from_str(&body(response).await).expect("wire error");
        let AppError::Refused(detail) = error else {
            panic!("not a refusal: {error:?}");
        };
        assert_eq!(detail.key, "http.body_too_large");
        assert!(detail.message.contains("village office"), "{detail:?}");
        assert!(!detail.message.contains("import"), "{detail:?}");
        // The script shows it above the form, still filled in: Back would leave the form.
        assert!(detail.message.contains("still below"), "{detail:?}");
        assert!(!detail.message.contains("Back"), "{detail:?}");
    }

    #[tokio::test]
    async fn the_pages_link_says_whether_it_brings_back_what_was_typed() {
        for (referer, says, not) in [
            ("http://x/report", "重新打开这一页", "返回刚才的页面"),
            ("http://x/report?draft=ab12", "返回刚才的页面", "重新打开"),
        ] {
            let request = headers(&[
                (header::ACCEPT, "text/html"),
                (header::COOKIE, "lang=zh-CN"),
                (header::REFERER, referer),
            ]);
            let page = body(too_large("/api/reports/submit", &request, 64 * 1024)).await;
            assert!(page.contains(says), "{referer}: {page}");
            assert!(!page.contains(not), "{referer}: {page}");
            // Without JavaScript the browser's Back is what keeps the form.
            assert!(page.contains("返回"), "{referer}: {page}");
        }
    }
}
