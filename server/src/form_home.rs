//! A household's form posted without a Referer (a browser set to send none) that the server
//! function refuses is sent back to where the framework's refusals go: the Referer, else `/`,
//! the home page, where the household's words are gone and nothing says why. Such a post gets
//! its form's page as its Referer, so the refusal comes back on that form.
use axum::{extract::Request, middleware::Next, response::Response};
use http::{header, HeaderValue, Method};

use crate::hardening::household::{LOOKUP_PATHS, REPORT_PATHS};

/// The page a household form's server function belongs to.
fn form_page(path: &str) -> Option<&'static str> {
    if REPORT_PATHS.contains(&path) {
        Some("/report")
    } else if LOOKUP_PATHS.contains(&path) {
        Some("/track")
    } else {
        None
    }
}

pub async fn referer_of_form(mut request: Request, next: Next) -> Response {
    let page = form_page(request.uri().path());
    let plain = request
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|a| a.contains("text/html"));
    let missing = !request.headers().contains_key(header::REFERER);
    // The framework reads the Referer as a whole address: the page on the origin that posted
    // (a browser's form post always names it; without it the CSRF guard refuses anyway).
    let origin = request
        .headers()
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok());
    if let (Some(page), Some(origin), true, true, true) = (
        page,
        origin,
        plain,
        missing,
        request.method() == Method::POST,
    ) {
        if let Ok(referer) = HeaderValue::from_str(&format!("{origin}{page}")) {
            request.headers_mut().insert(header::REFERER, referer);
        }
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::form_page;

    #[test]
    fn each_household_function_has_its_page_and_nothing_else_does() {
        assert_eq!(form_page("/api/reports/track"), Some("/track"));
        assert_eq!(form_page("/api/reports/resend"), Some("/track"));
        assert_eq!(form_page("/api/reports/submit"), Some("/report"));
        assert_eq!(form_page("/api/cases/command"), None);
    }
}
