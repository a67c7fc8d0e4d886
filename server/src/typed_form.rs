//! Forms posted without JavaScript (they ask for HTML) whose refusal would send the browser
//! back to an empty form: the new account, and the policy whose twenty fields were all lost to
//! one slip (admin tester). Instead the form's page is rendered in this `no-store` answer with
//! the error and what was typed, secrets left out (`StepTyped`, by the form's kind; nothing
//! typed is stored). Each form posts to its page itself (`crate::page_post`), so the address
//! stays the page.
use app::{ssr::state::AppState, wire::cases::StepTyped};
use axum::{
    extract::{Request, State},
    http::Uri,
    middleware::Next,
    response::Response,
};

use crate::page_answer::{is_plain_post, render, see_other, Posted};

/// A form whose refusal comes back typed: its page, its server function, its kind.
pub struct TypedForm {
    pub page: &'static str,
    /// The page's query its button posts with (`formaction`), when the page has two such forms.
    query: Option<&'static str>,
    pub path: &'static str,
    kind: &'static str,
    /// The field never put back into the page.
    secret: Option<&'static str>,
}

pub const FORMS: [TypedForm; 5] = [
    TypedForm {
        page: "/staff/admin",
        query: None,
        path: "/api/admin/create",
        kind: "create_account",
        secret: Some("account[password]"),
    },
    TypedForm {
        page: "/staff/settings",
        query: None,
        path: "/api/settings/policy",
        kind: "save_policy",
        secret: None,
    },
    // A refused office phone lost what was typed and named no office (officer tester).
    TypedForm {
        page: "/staff/admin",
        query: Some("phone"),
        path: "/api/contacts/set",
        kind: "set_contact",
        secret: None,
    },
    // A refused password reset was said at the top, naming no account (officer re-tester).
    TypedForm {
        page: "/staff/admin",
        query: Some("reset"),
        path: "/api/admin/reset",
        kind: "reset_password",
        secret: Some("password"),
    },
    // A refused campaign start lost the date typed (quick tester).
    TypedForm {
        page: "/staff/dashboard",
        query: None,
        path: "/api/campaigns/start",
        kind: "start_campaign",
        secret: None,
    },
];

/// The form that posts to `page` with `query`, if one does.
pub fn posted_to(page: &str, query: Option<&str>) -> Option<&'static TypedForm> {
    FORMS
        .iter()
        .find(|form| form.page == page && form.query == query)
}

pub async fn plain_typed(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let Some(form) = FORMS.iter().find(|form| is_plain_post(&request, form.path)) else {
        return next.run(request).await;
    };
    let mut posted = match Posted::run(request, next).await {
        Ok(posted) => posted,
        Err(refusal) => return refusal,
    };
    let Some(page) = posted
        .refused_query()
        .and_then(|q| format!("{}?{q}", form.page).parse::<Uri>().ok())
    else {
        return see_other(posted.response);
    };
    posted
        .pairs
        .retain(|(name, _)| Some(name.as_str()) != form.secret);
    let typed = StepTyped {
        kind: form.kind.to_owned(),
        pairs: std::sync::Arc::new(posted.pairs),
    };
    render(&state, posted.parts, page, typed, true).await
}
