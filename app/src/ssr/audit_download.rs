//! `GET /staff/audit.csv?person=&tracking=&action=&from=&until=`: the county admin's audit
//! export, itself written to the audit log. A thin adapter like `download::ledger_csv`.
use axum::{
    extract::{Query, State},
    http::{header, request::Parts, HeaderValue, StatusCode},
    response::{IntoResponse, Redirect, Response},
};

use super::{
    context::{client_address_of, session_token_in},
    error::ServiceError,
    services::{audit::Reader, audit_views, auth},
    state::AppState,
};
use crate::wire::audit::AuditFilterForm;

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
            (StatusCode::FORBIDDEN, "只有县级管理员可以导出审计日志").into_response()
        }
        Err(ServiceError::Validation(_)) => {
            (StatusCode::UNPROCESSABLE_ENTITY, "日期格式应为 2026-11-30").into_response()
        }
        Err(e) => {
            tracing::error!(error = ?e, "audit export failed");
            (StatusCode::INTERNAL_SERVER_ERROR, "导出失败，请稍后重试").into_response()
        }
    }
}
