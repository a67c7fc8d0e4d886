//! A field error crosses the wire as a stable key (and arguments) with one message, worded by
//! the server in the request's language from the locale files.
use reqwest::header;
use serde_json::Value;

use crate::{
    english_page::choose_english,
    helpers::{client, detail, report_fields, spawn_app, step, TestApp, QINGSHI_VILLAGE},
};

/// A self-report with no name and no consent ticked: its field errors, in request order.
async fn refused_report(app: &TestApp, accept_language: Option<&str>) -> Vec<Value> {
    let mut fields = report_fields("", "13800138000", QINGSHI_VILLAGE);
    fields.retain(|(k, _)| k != "form[consent]");
    let mut request = app
        .client
        .post(app.url("/api/reports/submit"))
        .header(header::ACCEPT, "application/json");
    if let Some(tag) = accept_language {
        request = request.header(header::ACCEPT_LANGUAGE, tag);
    }
    let response = request.form(&fields).send().await.expect("request");
    assert_eq!(response.status(), 422);
    let body: Value = response.json().await.expect("json");
    body["Validation"].as_array().expect("validation").clone()
}

fn message_of<'a>(errors: &'a [Value], field: &str) -> (&'a str, &'a str) {
    let error = errors
        .iter()
        .find(|e| e["field"] == field)
        .unwrap_or_else(|| panic!("no {field} error in {errors:?}"));
    assert!(error["args"].is_object(), "{error}");
    (
        error["key"].as_str().expect("key"),
        error["message"].as_str().expect("message"),
    )
}

#[tokio::test]
async fn a_field_error_message_is_in_the_requests_language_under_the_same_key() {
    let app = spawn_app().await;
    let chinese_by_header = refused_report(&app, Some("zh-CN,zh;q=0.9")).await;
    let chinese_by_default = refused_report(&app, None).await;
    let reader = app.with_client(client(&app.base));
    choose_english(&reader).await;
    // The cookie wins over the header.
    let english = refused_report(&reader, Some("zh-CN")).await;

    for field in ["name", "consent"] {
        let (zh_key, zh) = message_of(&chinese_by_header, field);
        assert_eq!(message_of(&chinese_by_default, field), (zh_key, zh));
        let (en_key, en) = message_of(&english, field);
        assert_eq!(zh_key, en_key, "{field}: one key in every language");
        assert!(!zh.is_ascii(), "{field}: {zh}");
        assert!(en.is_ascii() && !en.is_empty(), "{field}: {en}");
    }
    let (key, en) = message_of(&english, "consent");
    assert_eq!(key, "report.consent_missing");
    assert_eq!(en, "Read and tick the pledge and authorisation.");
}

#[tokio::test]
async fn the_openapi_document_describes_a_field_error_as_key_args_and_message() {
    let app = spawn_app().await;
    let document: Value = app
        .client
        .get(app.url("/api/openapi.json"))
        .send()
        .await
        .expect("request")
        .json()
        .await
        .expect("json");
    let schema = &document["components"]["schemas"]["FieldError"];
    for property in ["field", "key", "args", "message"] {
        assert!(
            schema["properties"][property].is_object(),
            "{property}: {schema}"
        );
    }
    let required: Vec<&str> = schema["required"]
        .as_array()
        .expect("required")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(
        required.contains(&"key") && required.contains(&"field"),
        "{schema}"
    );
}

/// A township officer holding the village review (the village's step), posted as the case page
/// does: the refusal.
async fn out_of_order_step(officer: &TestApp, id: &str) -> Value {
    let version = detail(officer, id).await["version"]
        .as_i64()
        .expect("version");
    let today = detail(officer, id).await["today"]
        .as_str()
        .expect("today")
        .to_owned();
    let form = [
        ("kind", "hold_village_review"),
        ("date", today.as_str()),
        ("outcome", "pass"),
    ];
    let response = step(officer, id, version, &form).await;
    assert_eq!(response.status(), 422);
    let body: Value = response.json().await.expect("json");
    body["Refused"].clone()
}

#[tokio::test]
async fn a_workflow_refusal_is_worded_in_the_readers_language_under_the_same_key() {
    let app = spawn_app().await;
    let tracking = app
        .submit_report("张三", "13800138000", QINGSHI_VILLAGE)
        .await;
    let id = app.case_id_of(&tracking).await;
    let township = app.login("zhen-qingshi").await;

    let chinese = out_of_order_step(&township, &id).await;
    choose_english(&township).await;
    let english = out_of_order_step(&township, &id).await;

    assert_eq!(chinese["key"], english["key"], "{chinese} {english}");
    assert_eq!(english["key"], "case_refusal.wrong_role", "{english}");
    assert_eq!(chinese["message"], "您的角色不能办理此项操作");
    assert_eq!(english["message"], "Your role cannot do this");
}
