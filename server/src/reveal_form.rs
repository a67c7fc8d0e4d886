//! `POST /api/cases/reveal` from a browser without JavaScript (it asks for HTML): instead of
//! the server function's JSON, the case page is rendered again for this officer with the full
//! ID number shown (or the reason's field error), in this one `no-store` response.
use app::ssr::state::AppState;
use axum::{
    extract::{Request, State},
    middleware::Next,
    response::{IntoResponse, Response},
};
use http::StatusCode;

use crate::page_answer::{case_page, is_plain_post, render};

pub const REVEAL_PATH: &str = "/api/cases/reveal";
/// A case id that is well formed and never issued (ids are 32 hex digits).
const NO_CASE: &str = "0";

pub async fn plain_reveal(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if !is_plain_post(&request, REVEAL_PATH) {
        return next.run(request).await;
    }
    let (parts, answer) = match app::ssr::reveal_form::reveal_form(&state, request).await {
        Ok(done) => done,
        Err(response) => return response,
    };
    // An id no case could have is answered as a case not found (the page says so), not
    // with an empty 404.
    let Some(page) = case_page(&answer.case_id, None).or_else(|| case_page(NO_CASE, None)) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    render(&state, parts, page, answer, true).await
}
