//! `GET /api/openapi.json`: the JSON API described (see `app::api::openapi`), built once.
use std::sync::OnceLock;

use axum::{http::header, response::IntoResponse};

pub async fn document() -> impl IntoResponse {
    static DOCUMENT: OnceLock<String> = OnceLock::new();
    let body = DOCUMENT.get_or_init(|| {
        app::api::openapi::document().to_json().unwrap_or_else(|e| {
            tracing::error!(error = %e, "the OpenAPI document could not be written");
            "{}".to_owned()
        })
    });
    ([(header::CONTENT_TYPE, "application/json")], body.as_str())
}
