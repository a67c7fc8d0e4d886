//! Chinese first, English second: the visitor's choice is remembered in a cookie and the
//! household pages (and what the server says on them) follow it.
use reqwest::header;

use crate::helpers::{fields, spawn_app, TestApp, QINGSHI_VILLAGE};

async fn choose(app: &TestApp, code: &str, from: &str) -> reqwest::Response {
    app.client
        .get(app.url(&format!("/lang/{code}")))
        .header(header::REFERER, app.url(from))
        .send()
        .await
        .expect("request")
}

#[tokio::test]
async fn choosing_english_sends_the_visitor_back_and_the_pages_follow() {
    let app = spawn_app().await;
    let home = app.get_html("/").await;
    assert!(home.contains("<html lang=\"zh-CN\""), "Chinese by default");
    assert!(home.contains("我要申报"));

    let switched = choose(&app, "en", "/report?draft=x").await;
    assert_eq!(switched.status(), 303);
    assert_eq!(switched.headers()["location"], "/report?draft=x");
    let report = app.get_html("/report").await;
    assert!(report.contains("<html lang=\"en\""));
    assert!(report.contains("Report hardship"));
    assert!(report.contains("Township and village"));
    assert!(report.contains("中文"), "the way back is offered");

    choose(&app, "zh-CN", "/").await;
    assert!(app.get_html("/").await.contains("我要申报"));
}

#[tokio::test]
async fn the_progress_look_up_answers_in_the_chosen_language() {
    let app = spawn_app().await;
    let tracking = app
        .submit_report("张三", "13800138000", QINGSHI_VILLAGE)
        .await;
    choose(&app, "en", "/track").await;
    let found: serde_json::Value = app
        .post_api(
            "/api/reports/track",
            &fields(&[("tracking", &tracking), ("mobile", "13800138000")]),
        )
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(
        found["status"],
        "Sent; waiting for the township to accept it"
    );
    // In the words the household ticked, as on the form.
    assert_eq!(
        found["risk_types"][0],
        "Someone is seriously ill; medical bills are high"
    );
    assert!(
        found["status_detail"]
            .as_str()
            .expect("detail")
            .contains("Nov 2026"),
        "{found}"
    );
}

#[tokio::test]
async fn a_language_link_never_sends_the_visitor_to_another_site() {
    let app = spawn_app().await;
    let response = app
        .client
        .get(app.url("/lang/en"))
        .header(header::REFERER, "https://evil.example//phish")
        .send()
        .await
        .expect("request");
    assert_eq!(response.headers()["location"], "/");
}

use crate::helpers::html_with_accept_language;

#[tokio::test]
async fn without_a_cookie_the_browser_language_is_used_and_the_cookie_wins_over_it() {
    let app = spawn_app().await;
    let english = html_with_accept_language(&app, "/", "en-GB,en;q=0.9,zh-CN;q=0.5").await;
    assert!(english.contains("<html lang=\"en\""), "Accept-Language: en");
    assert!(english.contains("Report hardship"));

    let unknown = html_with_accept_language(&app, "/", "fr-FR,de;q=0.8").await;
    assert!(
        unknown.contains("<html lang=\"zh-CN\""),
        "zh-CN when we have none"
    );

    choose(&app, "zh-CN", "/").await;
    let chosen = html_with_accept_language(&app, "/", "en").await;
    assert!(
        chosen.contains("<html lang=\"zh-CN\""),
        "the cookie comes first"
    );
    assert!(chosen.contains("我要申报"));
}

#[tokio::test]
async fn an_officer_who_chose_english_reads_the_queue_in_english() {
    let app = spawn_app().await;
    app.submit_report("张三", "13800138000", QINGSHI_VILLAGE)
        .await;
    let officer = app.login("zhen-qingshi").await;
    choose(&officer, "en", "/staff").await;
    let view: serde_json::Value = officer.queue_tab("todo").await.json().await.expect("json");
    let item = &view["items"][0];
    assert_eq!(item["time_left"], "2 working days left");
    assert_eq!(item["next_step"], "Accept");
    assert_eq!(item["risk_types"][0], "Illness");
    assert_eq!(item["applicant"], "张三", "case data stays as entered");

    let page = officer.get_html("/staff").await;
    assert!(page.contains(">To do</h1>"), "the heading is English");
    assert!(page.contains(">Filter</button>"));
    assert!(!page.contains("待办事项"));
}
