//! `POST /api/cases/command` from a browser without JavaScript (it asks for HTML). Refused,
//! the server function would send the browser back to the case page with the errors but with
//! every field empty again. Instead the case page is rendered in this `no-store` answer with
//! the errors and what was typed (`StepTyped`); nothing typed is stored. Success still sends
//! the browser on to the case page (303). The form is posted to the case page itself and
//! routed here by `crate::page_post`, so the address stays the case page.
use app::{domain::case::CommandKind, ssr::state::AppState, wire::cases::StepTyped};
use axum::{
    extract::{Request, State},
    http::{header, HeaderValue},
    middleware::Next,
    response::Response,
};
use http::StatusCode;

use crate::page_answer::{case_page, is_plain_post, render, see_other, Posted};

pub const COMMAND_PATH: &str = "/api/cases/command";

pub async fn plain_step(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if !is_plain_post(&request, COMMAND_PATH) {
        return next.run(request).await;
    }
    let posted = match Posted::run(request, next).await {
        Ok(posted) => posted,
        Err(refusal) => return refusal,
    };
    let query = posted.refused_query();
    // Owned before any await: the posted answer (a response body) is not `Sync`.
    let (case_id, step) = (posted.value("case_id"), posted.value("form[kind]"));
    let Some(page) = query.and_then(|q| case_page(&case_id, Some(&q))) else {
        let session = posted
            .parts
            .headers
            .get(header::COOKIE)
            .and_then(|c| c.to_str().ok())
            .and_then(app::ssr::context::session_token_in)
            .unwrap_or_default();
        return with_done(
            &state,
            see_other(posted.response),
            &case_id,
            &step,
            &session,
        )
        .await;
    };
    let typed = StepTyped {
        kind: step,
        pairs: std::sync::Arc::new(posted.pairs),
    };
    render(&state, posted.parts, page, typed, true).await
}

/// A step done: the case page it returns to says so (`?done=<step>.<signature>`, a mark
/// only this server can make), or the officer would see the same page come back and could not
/// tell a step taken from a post that was lost. Only a known step, and only on a redirect to
/// this case's page with no error in its address: a refused post without a Referer is sent
/// to `/`, and must not read as done.
async fn with_done(
    state: &AppState,
    mut response: Response,
    case_id: &str,
    kind: &str,
    session: &str,
) -> Response {
    let Some(step) = CommandKind::from_code(kind) else {
        return response;
    };
    if response.status() != StatusCode::SEE_OTHER {
        return response;
    }
    let page = format!("/staff/cases/{case_id}");
    let to_page = response
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|l| match l.split_once('?') {
            Some((path, query)) => path == page && !query.contains("__err="),
            None => l == page,
        });
    if !to_page {
        return response;
    }
    let mark = match app::ssr::done_marks::sign(state, case_id, step, session).await {
        Ok(mark) => mark,
        // The step is taken; the page comes back without saying so.
        Err(e) => {
            tracing::warn!(error = %e, "no done mark for the case page");
            return response;
        }
    };
    // `#steps` shows the done banner; without it the browser keeps the posted form's
    // fragment and scrolls past the banner.
    if let Ok(location) = HeaderValue::from_str(&format!("{page}?done={mark}#steps")) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    response
}
