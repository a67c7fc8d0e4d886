//! Refusals a tester found hard to read: a township officer on the admin page gets a plain
//! 403 said once; the cross-site (403) and too-large (413) refusals give other callers
//! `{"error","message","key"}` in their language, while the site's scripts keep the typed error.
use reqwest::{header, StatusCode};
use serde_json::Value;

use crate::helpers::{report_fields, spawn_app, QINGSHI_VILLAGE};

#[tokio::test]
async fn a_township_officer_on_the_admin_page_gets_one_plain_refusal() {
    let app = spawn_app().await;
    let township = app.login("zhen-hekou").await;
    let response = township
        .client
        .get(township.url("/staff/admin"))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let page = response.text().await.expect("html");
    assert_eq!(page.matches("您没有权限进行此操作").count(), 1, "said once");
    assert!(page.contains("此页面仅供县级管理员使用"), "why");
    assert!(page.contains("href=\"/staff\""), "the way back");
    for link in ["/staff/settings", "/staff/audit", "/staff/keys"] {
        assert!(!page.contains(link), "no admin link {link}");
    }
    // The administrator still gets the page.
    let admin = app.login("xian-admin").await;
    let response = admin
        .client
        .get(admin.url("/staff/admin"))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.text().await.expect("html").contains("/staff/keys"));
}

#[tokio::test]
async fn cross_site_and_too_large_refusals_speak_the_callers_language() {
    let app = spawn_app().await;
    let plain = reqwest::Client::new();
    let cross = |lang: &'static str, accept: &'static str| {
        plain
            .post(app.url("/api/reports/submit"))
            .header(header::ORIGIN, "https://evil.example")
            .header(header::ACCEPT, accept)
            .header(header::ACCEPT_LANGUAGE, lang)
            .form(&report_fields("李四", "13900139000", QINGSHI_VILLAGE))
            .send()
    };
    for (lang, sentence) in [("en", "another website"), ("zh-CN", "其他网站")] {
        let response = cross(lang, "*/*").await.expect("request");
        assert_eq!(response.status(), StatusCode::FORBIDDEN);
        let body: Value = response.json().await.expect("json");
        assert_eq!(body["error"], "Refused", "{body}");
        assert_eq!(body["key"], "http.cross_site", "{body}");
        let message = body["message"].as_str().expect("message");
        assert!(message.contains(sentence), "{lang}: {body}");
    }
    // The site's own scripts still read the typed error.
    let typed: Value = cross("en", "application/json")
        .await
        .expect("request")
        .json()
        .await
        .expect("json");
    assert_eq!(typed["Refused"]["key"], "http.cross_site", "{typed}");

    let big = plain
        .post(app.url("/api/reports/submit"))
        .header(header::ORIGIN, app.base.as_str())
        .header(header::ACCEPT_LANGUAGE, "en")
        .body(vec![b'a'; 200 * 1024])
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .send()
        .await
        .expect("request");
    assert_eq!(big.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let body: Value = big.json().await.expect("json");
    assert_eq!(body["error"], "Refused", "{body}");
    assert_eq!(body["key"], "http.body_too_large", "{body}");
    assert!(
        body["message"]
            .as_str()
            .expect("message")
            .contains("too large"),
        "{body}"
    );
}
