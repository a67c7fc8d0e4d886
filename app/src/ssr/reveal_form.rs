//! `POST /api/cases/reveal` without JavaScript: the reveal is made (and audited) as with
//! JavaScript, and the answer is the case page itself showing the full ID number, rendered
//! by the server crate. A missing or bad reason answers with the field's error and writes
//! no audit row (the reason is checked before anything is read).
use axum::{
    extract::{Form, FromRequest, Request},
    http::request::Parts,
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

use super::{
    alert_upload::signed_in,
    error::ServiceError,
    services::{audit::Reader, reveal},
    state::AppState,
};
use crate::{domain::lang::Lang, tr, wire::cases::RevealAnswer};

#[derive(Debug, Deserialize)]
struct RevealFields {
    case_id: String,
    #[serde(default)]
    what: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    reason_text: String,
}

/// The reveal's answer, with the request's parts to render the case page for. A signed-out
/// officer, or a form that cannot be read, gets the response to send instead.
pub async fn reveal_form(
    state: &AppState,
    request: Request,
) -> Result<(Parts, RevealAnswer), Response> {
    let (parts, body) = request.into_parts();
    let now = state.clock.now();
    let address = super::context::client_address_of(&parts, &state.trusted_proxies);
    let staff = match signed_in(state, &parts, now).await {
        Ok(staff) => staff,
        Err(_) => return Err(Redirect::to("/staff/login").into_response()),
    };
    // The page answers in the reader's language, as the case page it renders.
    let header = |name| parts.headers.get(name).and_then(|v| v.to_str().ok());
    let lang = Lang::for_request(
        header(http::header::COOKIE),
        header(http::header::ACCEPT_LANGUAGE),
    );
    // A form the browser's own page never sends: said in words, never the parser's text.
    let Form(fields) =
        Form::<RevealFields>::from_request(Request::from_parts(parts.clone(), body), &())
            .await
            .map_err(|rejection| {
                tracing::info!(error = %rejection, "plain reveal unreadable");
                let problem = crate::domain::wording::requests::RequestProblem::Unreadable;
                let words = crate::domain::message::text_in(&problem, lang);
                (http::StatusCode::UNPROCESSABLE_ENTITY, words).into_response()
            })?;
    let reader = Reader {
        staff: &staff,
        address: &address,
        now,
    };
    let shown = reveal::personal(
        state,
        reader,
        &fields.case_id,
        &fields.what,
        &fields.reason,
        &fields.reason_text,
    )
    .await;
    let (full, error) = match shown {
        Ok(full) => (Some(full), None),
        Err(ServiceError::Validation(errors)) => (None, errors.first().map(|e| e.words(lang))),
        Err(e) => {
            tracing::info!(error = ?e, "plain reveal not shown");
            (None, Some(tr::case_page::cannot_view(lang).to_owned()))
        }
    };
    let answer = RevealAnswer {
        case_id: fields.case_id,
        what: fields.what,
        full,
        error,
        reason: fields.reason,
        reason_text: fields.reason_text,
    };
    Ok((parts, answer))
}
