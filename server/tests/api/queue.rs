use serde_json::Value;

use crate::helpers::{spawn_app, QINGSHI_VILLAGE};

const HEKOU_VILLAGE: &str = "522799102201";

async fn names_in_queue(officer: &crate::helpers::TestApp) -> Vec<String> {
    names_in_tab(officer, "all").await
}

async fn names_in_tab(officer: &crate::helpers::TestApp, tab: &str) -> Vec<String> {
    let response = officer.queue_tab(tab).await;
    assert_eq!(response.status(), 200);
    let view: Value = response.json().await.expect("json");
    view["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|i| i["applicant"].as_str().map(str::to_owned))
        .collect()
}

#[tokio::test]
async fn a_township_officer_sees_reports_from_their_township_only() {
    let app = spawn_app().await;
    app.submit_report("张三", "13800138000", QINGSHI_VILLAGE)
        .await;
    app.submit_report("河口人", "13900139000", HEKOU_VILLAGE)
        .await;

    let qingshi = app.login("zhen-qingshi").await;
    assert_eq!(names_in_queue(&qingshi).await, vec!["张三"]);

    let hekou = app.login("zhen-hekou").await;
    assert_eq!(names_in_queue(&hekou).await, vec!["河口人"]);

    let county = app.login("xian-officer").await;
    assert_eq!(names_in_queue(&county).await.len(), 2);
    // Acceptance is the township's step: it is in their 待办, not the county's.
    assert_eq!(names_in_tab(&qingshi, "todo").await, vec!["张三"]);
    assert!(names_in_tab(&county, "todo").await.is_empty());
}

#[tokio::test]
async fn the_queue_says_how_much_time_is_left_and_turns_red_when_overdue() {
    let app = spawn_app().await;
    app.submit_report("张三", "13800138000", QINGSHI_VILLAGE)
        .await;
    let officer = app.login("zhen-qingshi").await;
    let view: Value = officer.queue_tab("todo").await.json().await.expect("json");
    let item = &view["items"][0];
    // Filed Monday; township acceptance is due in 2 working days.
    assert_eq!(item["time_left_zh"], "还剩2个工作日");
    assert_eq!(item["urgency"], "on_time");
    assert_eq!(item["next_step_zh"], "受理");

    app.clock.advance(chrono::Duration::days(2));
    // Sessions last 12 hours: a new morning, a new login.
    let officer = app.login("zhen-qingshi").await;
    let view: Value = officer
        .queue_tab("due_soon")
        .await
        .json()
        .await
        .expect("json");

    assert_eq!(view["items"][0]["time_left_zh"], "今天到期");
    assert_eq!(view["counts"]["due_soon"], 1);

    app.clock.advance(chrono::Duration::days(1));
    let officer = app.login("zhen-qingshi").await;
    let view: Value = officer
        .queue_tab("overdue")
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(view["items"][0]["urgency"], "overdue");
    assert_eq!(view["items"][0]["time_left_zh"], "逾期1个工作日");
}

#[tokio::test]
async fn the_queue_finds_a_case_by_mobile_or_tracking_number() {
    let app = spawn_app().await;
    let tracking = app
        .submit_report("张三", "13800138000", QINGSHI_VILLAGE)
        .await;
    app.submit_report("李四", "13900139000", QINGSHI_VILLAGE)
        .await;
    let officer = app.login("zhen-qingshi").await;
    for term in ["138 0013 8000", tracking.as_str(), "张三"] {
        let response = officer
            .post_api(
                "/api/queue/mine",
                &[("tab".into(), "all".into()), ("q".into(), term.into())],
            )
            .await;
        let view: Value = response.json().await.expect("json");
        let names: Vec<&str> = view["items"]
            .as_array()
            .expect("items")
            .iter()
            .filter_map(|i| i["applicant"].as_str())
            .collect();
        assert_eq!(names, vec!["张三"], "search {term}");
    }
}

#[tokio::test]
async fn the_queue_masks_id_numbers() {
    let app = spawn_app().await;
    app.submit_report("张三", "13800138000", QINGSHI_VILLAGE)
        .await;
    let officer = app.login("zhen-qingshi").await;
    let view: Value = officer.queue().await.json().await.expect("json");
    let items = view["items"].as_array().expect("items");
    let masked = items[0]["id_masked"].as_str().expect("masked id");
    assert!(masked.contains('*'), "{masked}");
    assert!(!view
        .to_string()
        .contains(&crate::helpers::valid_id_number(7)));
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
            &[
                ("username".into(), "zhen-qingshi".into()),
                ("password".into(), "wrong".into()),
            ],
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
            &[
                ("username".into(), "zhen-qingshi".into()),
                ("password".into(), crate::helpers::PASSWORD.into()),
            ],
        )
        .await;
    let cookie = response.headers()["set-cookie"]
        .to_str()
        .expect("cookie")
        .to_owned();
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

#[tokio::test]
async fn repeated_wrong_passwords_lock_the_account_for_a_while() {
    let app = spawn_app().await;
    let attempt = |password: &'static str| {
        let app = &app;
        async move {
            app.post_api(
                "/api/auth/login",
                &[
                    ("username".into(), "zhen-qingshi".into()),
                    ("password".into(), password.into()),
                ],
            )
            .await
            .status()
        }
    };
    for _ in 0..5 {
        assert_eq!(attempt("wrong").await, 401);
    }
    // Even the right password is refused while the account is locked.
    assert_eq!(attempt(crate::helpers::PASSWORD).await, 429);
    app.clock.advance(chrono::Duration::minutes(16));
    assert_eq!(attempt(crate::helpers::PASSWORD).await, 200);
}
