//! The department import form as multipart (a chosen file and/or pasted text): read within
//! the file limit, then either answered as JSON rows for the island to push in batches
//! (`POST /staff/alerts/parse`) or filed whole for the JavaScript-off answer page
//! (`POST /staff/alerts/import`, rendered by the server crate).
use axum::{
    body::Body,
    extract::{FromRequest, Multipart, Request, State},
    http::{header, request::Parts, StatusCode},
    response::{IntoResponse, Json, Response},
};

use super::{
    context::session_token_in,
    error::ServiceError,
    services::{
        alert_file::AlertUpload,
        alerts,
        auth::{self, Staff},
    },
    state::AppState,
};
use crate::{
    domain::{
        alert_file::{AlertFileError, MAX_ALERT_FILE_BYTES},
        lang::Lang,
    },
    tr,
    wire::{
        alerts::{AlertFileAnswer, AlertImportAnswer, ALERT_BATCH},
        FieldError,
    },
};

/// `POST /staff/alerts/parse`: the rows of the chosen file (or pasted text), not filed yet.
pub async fn parse_file(State(state): State<AppState>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let now = state.clock.now();
    let staff = match signed_in(&state, &parts, now).await {
        Ok(staff) => staff,
        Err(e) => return refused_json(&e, lang_of(&parts)),
    };
    let lang = lang_of(&parts);
    let upload = match read_form(parts, body).await {
        Ok(upload) => upload,
        Err(e) => return refused_json(&file_error(&e), lang),
    };
    match alerts::rows_of_upload(&staff, &upload) {
        Ok(rows) => {
            let bodies = rows
                .chunks(ALERT_BATCH)
                .map(|batch| serde_json::json!({ "alerts": batch }).to_string())
                .collect();
            Json(AlertFileAnswer::Batches {
                rows: rows.len(),
                bodies,
            })
            .into_response()
        }
        Err(e) => refused_json(&e, lang),
    }
}

/// `POST /staff/alerts/import` without JavaScript: files every row and returns what the
/// import page shows, with the request's parts to render it for. A signed-out officer or
/// another role gets the response to send instead.
pub async fn import_form(
    state: &AppState,
    request: Request,
) -> Result<(Parts, AlertImportAnswer), Response> {
    let (parts, body) = request.into_parts();
    let now = state.clock.now();
    let staff = match signed_in(state, &parts, now).await {
        Ok(staff) => staff,
        Err(ServiceError::Unauthorized) => {
            return Err(axum::response::Redirect::to("/staff/login").into_response())
        }
        Err(e) => return Err(refused_json(&e, lang_of(&parts))),
    };
    let outcomes = match read_form(parts.clone(), body).await {
        Ok(upload) => alerts::import(state, &staff, &upload, now).await,
        Err(e) => Err(file_error(&e)),
    };
    let answer = match outcomes {
        Ok(outcomes) => Ok(outcomes),
        Err(ServiceError::Validation(mut errors)) if !errors.is_empty() => Err(errors.remove(0)),
        Err(ServiceError::Forbidden) => {
            let text = tr::field_error::alert_file::forbidden(lang_of(&parts));
            return Err((StatusCode::FORBIDDEN, text).into_response());
        }
        Err(e) => {
            tracing::error!(error = ?e, "alert import failed");
            let text = tr::file_answer::import_failed(lang_of(&parts));
            return Err((StatusCode::INTERNAL_SERVER_ERROR, text).into_response());
        }
    };
    let lang = lang_of(&parts);
    let answer = answer
        .map(|outcomes| outcomes.into_iter().map(|o| o.in_lang(lang)).collect())
        .map_err(|e| e.in_lang(lang));
    Ok((parts, AlertImportAnswer(answer)))
}

pub(crate) async fn signed_in(
    state: &AppState,
    parts: &Parts,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Staff, ServiceError> {
    let token = parts
        .headers
        .get(header::COOKIE)
        .and_then(|v| v.to_str().ok())
        .and_then(session_token_in)
        .ok_or(ServiceError::Unauthorized)?;
    auth::staff_for_session(state, &token, now).await
}

/// The form's `file` (ignored when none was chosen) and `csv` (pasted text) fields. The
/// file is read chunk by chunk and refused as soon as it passes the limit.
async fn read_form(parts: Parts, body: Body) -> Result<AlertUpload, AlertFileError> {
    let request = Request::from_parts(parts, body);
    let mut form = Multipart::from_request(request, &())
        .await
        .map_err(|_| AlertFileError::Unreadable)?;
    let mut upload = AlertUpload::default();
    while let Some(mut field) = form
        .next_field()
        .await
        .map_err(|_| AlertFileError::Unreadable)?
    {
        match field.name() {
            Some("file") => {
                let name = field.file_name().unwrap_or_default().to_owned();
                let mut bytes = Vec::new();
                while let Some(chunk) = field
                    .chunk()
                    .await
                    .map_err(|_| AlertFileError::Unreadable)?
                {
                    if bytes.len() + chunk.len() > MAX_ALERT_FILE_BYTES {
                        return Err(AlertFileError::TooBig);
                    }
                    bytes.extend_from_slice(&chunk);
                }
                // A form sent with no file chosen still has an empty, nameless file part.
                if !(name.is_empty() && bytes.is_empty()) {
                    upload.file = Some((name, bytes));
                }
            }
            Some("csv") => {
                upload.pasted = field.text().await.map_err(|_| AlertFileError::Unreadable)?
            }
            _ => {}
        }
    }
    Ok(upload)
}

fn file_error(e: &AlertFileError) -> ServiceError {
    let error = FieldError::from_locale("file", "alerts.file", e.text_key(), e.args());
    ServiceError::Validation(vec![error])
}

/// A refusal as the island reads it: the status says what kind, the body what to tell.
fn refused_json(e: &ServiceError, lang: Lang) -> Response {
    let (status, error) = match e {
        ServiceError::Validation(errors) if !errors.is_empty() => {
            (StatusCode::UNPROCESSABLE_ENTITY, errors[0].clone())
        }
        ServiceError::Unauthorized => (StatusCode::UNAUTHORIZED, message("alert_file.signed_out")),
        ServiceError::Forbidden => (StatusCode::FORBIDDEN, message("alert_file.forbidden")),
        other => {
            tracing::error!(error = ?other, "alert file not read");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                message("alert_file.not_read"),
            )
        }
    };
    let error = error.in_lang(lang);
    (status, Json(AlertFileAnswer::Refused(error))).into_response()
}

/// The visitor's language: the `lang` cookie, then `Accept-Language`.
fn lang_of(parts: &Parts) -> Lang {
    let value = |name| parts.headers.get(name).and_then(|v| v.to_str().ok());
    Lang::for_request(value(header::COOKIE), value(header::ACCEPT_LANGUAGE))
}

/// The import's `file` error worded by `field_error.<text_key>`.
fn message(text_key: &str) -> FieldError {
    FieldError::from_locale("file", "alerts.file", text_key, [])
}
