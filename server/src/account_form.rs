//! The administrator's new-account form posted without JavaScript (it asks for HTML). Refused,
//! the server function would send the browser back to an empty form; instead the account page
//! is rendered in this `no-store` answer with the error and what was typed, the password
//! left out (`StepTyped`, kind `create_account`; nothing typed is stored). The form posts to
//! `/staff/admin` itself (`crate::page_post`), so the address stays the page.
use app::{ssr::state::AppState, wire::cases::StepTyped};
use axum::{
    extract::{Request, State},
    http::Uri,
    middleware::Next,
    response::Response,
};

use crate::page_answer::{is_plain_post, render, see_other, Posted};

pub const ACCOUNT_PAGE: &str = "/staff/admin";
pub const CREATE_PATH: &str = "/api/admin/create";
/// The one field never put back into the page.
const PASSWORD: &str = "account[password]";

pub async fn plain_create(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if !is_plain_post(&request, CREATE_PATH) {
        return next.run(request).await;
    }
    let mut posted = match Posted::run(request, next).await {
        Ok(posted) => posted,
        Err(refusal) => return refusal,
    };
    let Some(page) = posted
        .refused_query()
        .and_then(|q| format!("{ACCOUNT_PAGE}?{q}").parse::<Uri>().ok())
    else {
        return see_other(posted.response);
    };
    posted.pairs.retain(|(name, _)| name != PASSWORD);
    let typed = StepTyped {
        kind: "create_account".to_owned(),
        pairs: std::sync::Arc::new(posted.pairs),
    };
    render(&state, posted.parts, page, typed, true).await
}
