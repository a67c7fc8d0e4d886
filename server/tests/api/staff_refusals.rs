//! Refusals say what went wrong in words, typed: a department call without a key, a body
//! that cannot be read, and a role refusal on an admin route (403, not 422).
use reqwest::header;
use serde_json::Value;

use crate::helpers::{fields, spawn_app};

#[tokio::test]
async fn a_department_call_without_a_key_is_told_which_header_is_missing() {
    let app = spawn_app().await;
    let bare = reqwest::Client::new();
    // The missing key is named whatever the body holds: it is checked before the body is read.
    for sent in [r#"{"alerts": []}"#, "{}", "{not json"] {
        let response = bare
            .post(app.url("/api/alerts/push"))
            .header(header::CONTENT_TYPE, "application/json")
            .body(sent)
            .send()
            .await
            .expect("request");
        assert_eq!(response.status(), 401, "body {sent}");
        assert_eq!(response.headers()[header::WWW_AUTHENTICATE], "Bearer");
        let body: Value = response.json().await.expect("json");
        assert_eq!(body["error"], "api_key.missing", "{body}");
        assert!(body["zh"]
            .as_str()
            .is_some_and(|zh| zh.contains("Authorization")));
        assert!(body["en"].as_str().is_some_and(|en| en.contains("Bearer")));
    }
}

#[tokio::test]
async fn a_body_that_cannot_be_read_gets_a_typed_error_with_words() {
    let app = spawn_app().await;
    let officer = app.login("xian-officer").await;
    let broken_json = officer
        .client
        .post(app.url("/api/alerts/push"))
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::ACCEPT, "application/json")
        .body("[{\"name\": ")
        .send()
        .await
        .expect("request");
    // A form without the arguments the route takes.
    let missing = officer.post_api("/api/contacts/set", &[]).await;
    for response in [broken_json, missing] {
        assert_eq!(response.status(), 422);
        let body: Value = response.json().await.expect("json");
        let first = &body["Validation"][0];
        assert_eq!(first["field"], "request", "{body}");
        assert_eq!(first["key"], "request.unreadable");
        assert!(
            first["message"]
                .as_str()
                .is_some_and(|zh| zh.contains("没有保存")),
            "{body}"
        );
    }
}

#[tokio::test]
async fn a_role_refusal_on_an_admin_route_is_forbidden_not_unprocessable() {
    let app = spawn_app().await;
    let cadre = app.login("cun-qingshi").await;
    let form = fields(&[
        ("region", crate::helpers::QINGSHI_VILLAGE),
        ("phone", "0851-12345678"),
    ]);
    let refused = cadre.post_api("/api/contacts/set", &form).await;
    assert_eq!(refused.status(), 403);
    let body: Value = refused.json().await.expect("json");
    let error: app::wire::AppError = serde_json::from_value(body.clone()).expect("typed");
    assert_eq!(error, app::wire::AppError::Forbidden, "{body}");
    assert!(!error.zh().is_empty() && !error.en().is_empty());

    let admin = app.login("xian-admin").await;
    let set = admin.post_api("/api/contacts/set", &form).await;
    assert_ne!(set.status(), 403, "the admin may");
}
