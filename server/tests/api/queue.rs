use serde_json::Value;

use crate::helpers::{spawn_app, QINGSHI_VILLAGE};

const HEKOU_VILLAGE: &str = "522799102201";

async fn names_in_queue(officer: &crate::helpers::TestApp) -> Vec<String> {
    let response = officer.queue().await;
    assert_eq!(response.status(), 200);
    let items: Vec<Value> = response.json().await.expect("json");
    items
        .iter()
        .filter_map(|i| i["applicant"].as_str().map(str::to_owned))
        .collect()
}

#[tokio::test]
async fn a_township_officer_sees_reports_from_their_township_only() {
    let app = spawn_app().await;
    app.submit_report("张三", "13800138000", QINGSHI_VILLAGE).await;
    app.submit_report("河口人", "13900139000", HEKOU_VILLAGE).await;

    let qingshi = app.login("zhen-qingshi").await;
    assert_eq!(names_in_queue(&qingshi).await, vec!["张三"]);

    let hekou = app.login("zhen-hekou").await;
    assert_eq!(names_in_queue(&hekou).await, vec!["河口人"]);

    let county = app.login("xian-officer").await;
    assert_eq!(names_in_queue(&county).await.len(), 2);
}

#[tokio::test]
async fn the_queue_masks_id_numbers() {
    let app = spawn_app().await;
    app.submit_report("张三", "13800138000", QINGSHI_VILLAGE).await;
    let officer = app.login("zhen-qingshi").await;
    let items: Vec<Value> = officer.queue().await.json().await.expect("json");
    let masked = items[0]["id_masked"].as_str().expect("masked id");
    assert!(masked.contains('*'), "{masked}");
    assert!(!items[0].to_string().contains(&crate::helpers::valid_id_number(7)));
}

#[tokio::test]
async fn the_queue_requires_a_login_and_a_bad_password_is_refused() {
    let app = spawn_app().await;
    let response = app.queue().await;
    assert_eq!(response.status(), 401);
    let anonymous: Value = response.json().await.expect("json");
    assert_eq!(anonymous, Value::String("Unauthorized".into()));

    let response = app
        .post_api(
            "/api/auth/login",
            &[("username".into(), "zhen-qingshi".into()), ("password".into(), "wrong".into())],
        )
        .await;
    let body: Value = response.json().await.expect("json");
    assert_eq!(body, Value::String("Unauthorized".into()));
}

#[tokio::test]
async fn the_session_cookie_is_http_only_and_same_site() {
    let app = spawn_app().await;
    let response = app
        .post_api(
            "/api/auth/login",
            &[("username".into(), "zhen-qingshi".into()), ("password".into(), crate::helpers::PASSWORD.into())],
        )
        .await;
    let cookie = response.headers()["set-cookie"].to_str().expect("cookie").to_owned();
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
}

#[tokio::test]
async fn after_logout_the_session_no_longer_works() {
    let app = spawn_app().await;
    let officer = app.login("zhen-qingshi").await;
    assert_eq!(officer.queue().await.status(), 200);
    officer.post_api("/api/auth/logout", &[]).await;
    let body: Value = officer.queue().await.json().await.expect("json");
    assert_eq!(body, Value::String("Unauthorized".into()));
}
