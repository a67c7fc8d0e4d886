//! Files that are not pages (the ledger as CSV or Excel, the dashboard as Excel): a thin adapter like a server function —
//! authenticate, call the service, map errors — for a plain `GET` link.
use axum::{
    extract::State,
    http::{header, request::Parts, HeaderValue, StatusCode},
    response::{IntoResponse, Redirect, Response},
};

use super::{
    context::{client_address_of, session_token_in},
    error::ServiceError,
    services::{
        auth, dashboard_xlsx,
        ledger::{self, LedgerFile, LedgerFormat},
    },
    state::AppState,
};
use crate::{domain::lang::Lang, tr};

/// `GET /staff/ledger.csv`: the 台账 of the signed-in officer's region.
pub async fn ledger_csv(State(state): State<AppState>, parts: Parts) -> Response {
    ledger(state, parts, LedgerFormat::Csv).await
}

/// `GET /staff/ledger.xlsx`: the same, as an Excel workbook.
pub async fn ledger_xlsx(State(state): State<AppState>, parts: Parts) -> Response {
    ledger(state, parts, LedgerFormat::Xlsx).await
}

async fn ledger(state: AppState, parts: Parts, format: LedgerFormat) -> Response {
    let now = state.clock.now();
    let address = client_address_of(&parts, &state.trusted_proxies);
    let file = match signed_in(&state, &parts, now).await {
        Some(Ok(staff)) => ledger::export(&state, &staff, &address, format, now).await,
        Some(Err(e)) => Err(e),
        None => return Redirect::to("/staff/login").into_response(),
    };
    respond("ledger", &parts, tr::file_answer::ledger_forbidden, file)
}

/// `GET /staff/dashboard.xlsx`: the dashboard's tables of the officer's region.
pub async fn dashboard_xlsx(State(state): State<AppState>, parts: Parts) -> Response {
    let now = state.clock.now();
    let file = match signed_in(&state, &parts, now).await {
        Some(Ok(staff)) => dashboard_xlsx::export(&state, &staff, now).await,
        Some(Err(e)) => Err(e),
        None => return Redirect::to("/staff/login").into_response(),
    };
    respond(
        "dashboard",
        &parts,
        tr::file_answer::dashboard_forbidden,
        file,
    )
}

/// The officer of the session cookie; `None` without one.
async fn signed_in(
    state: &AppState,
    parts: &Parts,
    now: chrono::DateTime<chrono::Utc>,
) -> Option<Result<auth::Staff, ServiceError>> {
    let token = parts
        .headers
        .get(header::COOKIE)
        .and_then(|v| v.to_str().ok())
        .and_then(session_token_in)?;
    Some(auth::staff_for_session(state, &token, now).await)
}

/// The file as an attachment (`ascii_stem` names it for clients without RFC 5987); a refusal
/// in the request's language.
fn respond(
    ascii_stem: &str,
    parts: &Parts,
    forbidden: fn(Lang) -> &'static str,
    file: Result<LedgerFile, ServiceError>,
) -> Response {
    match file {
        Ok(file) => {
            let extension = file.file_name.rsplit('.').next().unwrap_or("csv");
            let disposition = format!(
                "attachment; filename=\"{ascii_stem}.{extension}\"; filename*=UTF-8''{}",
                percent_encode(&file.file_name)
            );
            let mut response = file.body.into_response();
            let headers = response.headers_mut();
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static(file.content_type),
            );
            if let Ok(value) = HeaderValue::from_str(&disposition) {
                headers.insert(header::CONTENT_DISPOSITION, value);
            }
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            response
        }
        Err(ServiceError::Unauthorized) => Redirect::to("/staff/login").into_response(),
        Err(ServiceError::Forbidden) => {
            (StatusCode::FORBIDDEN, forbidden(lang_of(parts))).into_response()
        }
        Err(e) => {
            tracing::error!(error = ?e, file = ascii_stem, "export failed");
            let text = tr::file_answer::export_failed(lang_of(parts));
            (StatusCode::INTERNAL_SERVER_ERROR, text).into_response()
        }
    }
}

/// The visitor's language: the `lang` cookie, then `Accept-Language`.
pub(crate) fn lang_of(parts: &Parts) -> Lang {
    let value = |name| parts.headers.get(name).and_then(|v| v.to_str().ok());
    Lang::for_request(value(header::COOKIE), value(header::ACCEPT_LANGUAGE))
}

/// RFC 5987 value: every byte outside the unreserved set as %XX.
fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            other => format!("%{other:02X}"),
        })
        .collect()
}
