//! Forms that work without JavaScript post to the page they sit on (`/staff/cases/{id}`,
//! `/staff/alerts`, `/staff/admin`, `/staff/settings`), so whatever the answer is, the browser's address is still that page and
//! not `/api/...`: a refused step or a reveal is rendered there, and a reload shows the page
//! (after the browser's own "send again?"). This layer wraps the whole router, before routing,
//! and hands such a post to the handler that takes it by its address alone (no body is read
//! here: the origin check and the body limits still come first); GETs are untouched.
use axum::{
    extract::Request,
    http::{Method, Uri},
    middleware::Next,
    response::Response,
};

use crate::{reveal_form::REVEAL_PATH, step_form::COMMAND_PATH, typed_form};

pub const ALERTS_PAGE: &str = "/staff/alerts";
pub const IMPORT_PATH: &str = "/staff/alerts/import";

/// `/staff/cases/{id}` itself (not a deeper path).
pub fn is_case_page(path: &str) -> bool {
    path.strip_prefix("/staff/cases/")
        .is_some_and(|id| !id.is_empty() && !id.contains('/'))
}

pub async fn to_handler(request: Request, next: Next) -> Response {
    if request.method() == Method::POST {
        if let Some(form) = typed_form::posted_to(request.uri().path(), request.uri().query()) {
            return next.run(routed(request, form.path)).await;
        }
    }
    let target = match (request.method(), request.uri().path()) {
        (&Method::POST, ALERTS_PAGE) => IMPORT_PATH,
        // The reveal form's button adds `?reveal`; the step forms post to the page itself.
        (&Method::POST, path) if is_case_page(path) => {
            if request.uri().query() == Some("reveal") {
                REVEAL_PATH
            } else {
                COMMAND_PATH
            }
        }
        _ => return next.run(request).await,
    };
    next.run(routed(request, target)).await
}

fn routed(mut request: Request, path: &'static str) -> Request {
    *request.uri_mut() = Uri::from_static(path);
    request
}

#[cfg(test)]
mod tests {
    use super::is_case_page;

    #[test]
    fn only_a_case_page_itself_is_a_case_page() {
        for (path, page) in [
            ("/staff/cases/abc123", true),
            ("/staff/cases/", false),
            ("/staff/cases/abc/steps", false),
            ("/staff/casesabc", false),
            ("/api/cases/command", false),
        ] {
            assert_eq!(is_case_page(path), page, "{path}");
        }
    }
}
