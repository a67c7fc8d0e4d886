//! `GET /staff/audit.csv?person=&tracking=&action=&from=&until=`: the county admin's audit
//! export, itself written to the audit log. A thin adapter like `download::ledger_csv`.
use axum::{
    extract::{Query, State},
    http::{header, request::Parts, HeaderValue, StatusCode},
    response::{IntoResponse, Redirect, Response},
};

use super::download::lang_of;
use super::{
    context::{client_address_of, session_token_in},
    error::ServiceError,
    services::{audit::Reader, audit_views, auth},
    state::AppState,
};
use crate::{tr, wire::audit::AuditFilterForm};

pub async fn audit_csv(
    State(state): State<AppState>,
    Query(filter): Query<AuditFilterForm>,
    parts: Parts,
) -> Response {
    let now = state.clock.now();
    let address = client_address_of(&parts, &state.trusted_proxies);
    let Some(token) = parts
        .headers
        .get(header::COOKIE)
        .and_then(|v| v.to_str().ok())
        .and_then(session_token_in)
    else {
        return Redirect::to("/staff/login").into_response();
    };
    let body = match auth::staff_for_session(&state, &token, now).await {
        Ok(staff) => {
            let reader = Reader {
                staff: &staff,
                address: &address,
                now,
            };
            audit_views::csv(&state, reader, &filter).await
        }
        Err(e) => Err(e),
    };
    match body {
        Ok(body) => {
            let mut response = body.into_response();
            let headers = response.headers_mut();
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/csv; charset=utf-8"),
            );
            headers.insert(
                header::CONTENT_DISPOSITION,
                HeaderValue::from_static("attachment; filename=\"audit.csv\""),
            );
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            response
        }
        Err(ServiceError::Unauthorized) => Redirect::to("/staff/login").into_response(),
        Err(ServiceError::Forbidden) => {
            let text = tr::file_answer::audit_forbidden(lang_of(&parts));
            (StatusCode::FORBIDDEN, text).into_response()
        }
        Err(ServiceError::Validation(errors)) => {
            let lang = lang_of(&parts);
            let text = errors.first().map_or_else(
                || tr::field_error::audit::bad_date(lang).to_owned(),
                |e| e.words(lang),
            );
            (StatusCode::UNPROCESSABLE_ENTITY, text).into_response()
        }
        Err(e) => {
            tracing::error!(error = ?e, "audit export failed");
            let text = tr::file_answer::export_failed(lang_of(&parts));
            (StatusCode::INTERNAL_SERVER_ERROR, text).into_response()
        }
    }
}
