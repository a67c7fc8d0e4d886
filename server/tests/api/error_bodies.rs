//! A caller other than the site's own pages (curl, another system: no `Accept: text/html` or
//! `application/json`) is refused with a stable code and a sentence in its language, never a
//! bare word; the site's scripts still get the typed `AppError`.
use reqwest::header;
use serde_json::{json, Value};

use crate::helpers::{fields, spawn_app, TestApp, QINGSHI_VILLAGE};

/// Posts a form as curl does by default (`Accept: */*`).
async fn curl(app: &TestApp, path: &str, form: &[(String, String)], lang: &str) -> (u16, Value) {
    let response = app
        .client
        .post(app.url(path))
        .header(header::ACCEPT, "*/*")
        .header(header::ACCEPT_LANGUAGE, lang)
        .form(form)
        .send()
        .await
        .expect("request");
    let status = response.status().as_u16();
    (status, response.json().await.expect("json"))
}

#[tokio::test]
async fn other_callers_get_a_code_and_a_sentence_in_their_language() {
    let app = spawn_app().await;
    let tracking = app
        .submit_report("张三", "13800138000", QINGSHI_VILLAGE)
        .await;
    let wrong = fields(&[("tracking", &tracking), ("mobile", "13900139000")]);
    let (status, body) = curl(&app, "/api/reports/track", &wrong, "en").await;
    assert_eq!(status, 404);
    assert_eq!(
        body,
        json!({"error": "NotFound", "message": app::wire::AppError::NotFound.en()})
    );
    let (_, body) = curl(&app, "/api/reports/track", &wrong, "zh-CN").await;
    assert_eq!(body["message"], app::wire::AppError::NotFound.zh());

    // A field problem names the field, in the caller's language.
    let bad = fields(&[("tracking", &tracking), ("mobile", "138")]);
    let (status, body) = curl(&app, "/api/reports/track", &bad, "en").await;
    assert_eq!(status, 422);
    assert_eq!(body["error"], "Validation");
    assert_eq!(body["fields"][0]["field"], "mobile");
    assert!(
        body["fields"][0]["message"]
            .as_str()
            .is_some_and(|m| m.is_ascii()),
        "{body}"
    );

    // A wrong password.
    let login = fields(&[("username", "zhen-qingshi"), ("password", "wrong-password")]);
    let (status, body) = curl(&app, "/api/auth/login", &login, "en").await;
    assert_eq!(status, 401, "{body}");
    assert_eq!(body["error"], "Unauthorized");

    // The site's own scripts still read the typed error.
    let typed = app.post_api("/api/reports/track", &wrong).await;
    assert_eq!(typed.status(), 404);
    assert_eq!(
        typed.json::<Value>().await.expect("json"),
        json!("NotFound")
    );
}

#[tokio::test]
async fn an_unknown_call_or_a_wrong_method_is_answered_in_json_not_with_a_page() {
    let app = spawn_app().await;
    for accept in ["*/*", "application/json"] {
        let response = app
            .client
            .get(app.url("/api/no-such-call"))
            .header(header::ACCEPT, accept)
            .header(header::ACCEPT_LANGUAGE, "en")
            .send()
            .await
            .expect("request");
        assert_eq!(response.status().as_u16(), 404, "{accept}");
        let body: Value = response
            .json()
            .await
            .expect("a JSON body, not the HTML page");
        let expected = if accept == "*/*" {
            json!({"error": "NotFound", "message": app::wire::AppError::NotFound.en()})
        } else {
            json!("NotFound")
        };
        assert_eq!(body, expected, "{accept}");
    }
    // A call opened with a method it does not take is told so, not "no such record".
    for method in [reqwest::Method::GET, reqwest::Method::DELETE] {
        let response = app
            .client
            .request(method.clone(), app.url("/api/reports/track"))
            .header(header::ACCEPT, "*/*")
            .send()
            .await
            .expect("request");
        assert_eq!(response.status().as_u16(), 405, "{method}");
        let body: Value = response
            .json()
            .await
            .expect("a JSON body, not an empty one");
        assert_eq!(body["error"], "Refused", "{method}");
        assert_eq!(body["key"], "http.wrong_method", "{method}");
        let message = body["message"].as_str().expect("message");
        assert!(message.contains("这个地址不能这样打开"), "{message}");
        assert!(!message.contains("没有找到"), "{message}");
    }
    // A browser opening a form's address gets a page saying so, not an empty answer.
    let opened = app
        .client
        .get(app.url("/api/reports/submit"))
        .header(header::ACCEPT, "text/html")
        .send()
        .await
        .expect("request");
    assert_eq!(opened.status().as_u16(), 405);
    let page = opened.text().await.expect("text");
    assert!(page.contains("这个地址不能这样打开"), "{page}");
    assert!(page.contains("href=\"/\""), "a way home: {page}");
    // A browser still gets the page.
    let page = app
        .client
        .get(app.url("/api/no-such-call"))
        .header(header::ACCEPT, "text/html")
        .send()
        .await
        .expect("request");
    assert_eq!(page.status().as_u16(), 404);
    assert!(page.text().await.expect("text").contains("<html"));
}
