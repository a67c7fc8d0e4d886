//! `POST /staff/alerts/import` without JavaScript: the department's list is filed whole and
//! the import page is rendered again with every row's outcome (or why the list was refused),
//! instead of sending the officer to the queue.
use app::ssr::state::AppState;
use axum::{
    extract::{Request, State},
    http::Uri,
    response::Response,
};

pub async fn import_form(State(state): State<AppState>, request: Request) -> Response {
    let (parts, answer) = match app::ssr::alert_upload::import_form(&state, request).await {
        Ok(done) => done,
        Err(response) => return response,
    };
    // The import page itself, rendered for this officer with the answer in its context.
    let page = Uri::from_static("/staff/alerts");
    crate::page_answer::render(&state, parts, page, answer, false).await
}
