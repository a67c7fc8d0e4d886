//! A kept no-JavaScript report draft holds an ID number, a mobile and an illness: only the
//! browser that made it may read it back, and it is gone once that browser files the report.
use reqwest::StatusCode;

use crate::helpers::{client, report_fields, spawn_app, TestApp, QINGSHI_VILLAGE};

const MOBILE: &str = "13800138111";

/// Posts the report form without JavaScript and without consent; returns where it sends the
/// browser back to (`/report?draft=…`).
async fn refused_with_a_draft(browser: &TestApp) -> String {
    let mut fields = report_fields("草稿户", MOBILE, QINGSHI_VILLAGE);
    fields.retain(|(k, _)| k != "form[consent]");
    let response = browser
        .post_plain_form("/api/reports/submit", "/report", &fields)
        .await;
    assert_eq!(response.status(), StatusCode::FOUND);
    let cookie = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("sn_draft="))
        .expect("a draft cookie")
        .to_owned();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    let location = response.headers()["location"].to_str().expect("location");
    assert!(location.starts_with("/report?draft="), "{location}");
    location.to_owned()
}

async fn draft_api(browser: &TestApp, location: &str) -> (StatusCode, String) {
    let token = location.trim_start_matches("/report?draft=");
    let response = browser
        .post_api("/api/reports/draft", &[("token".into(), token.into())])
        .await;
    (response.status(), response.text().await.expect("body"))
}

fn leaks(text: &str) -> bool {
    text.contains("草稿户") || text.contains(MOBILE) || text.contains("父亲住院")
}

#[tokio::test]
async fn a_draft_link_opened_in_another_browser_shows_the_empty_form() {
    let app = spawn_app().await;
    let location = refused_with_a_draft(&app).await;
    let own = app.get_html(&location).await;
    assert!(
        own.contains("value=\"草稿户\""),
        "its own browser gets it back"
    );
    assert!(own.contains(&format!("value=\"{MOBILE}\"")));

    let stranger = app.with_client(client(&app.base));
    let response = stranger
        .client
        .get(app.url(&location))
        .send()
        .await
        .expect("page");
    assert_eq!(response.status(), StatusCode::OK);
    let page = response.text().await.expect("html");
    assert!(!leaks(&page), "another browser sees nothing typed");
    assert!(
        page.contains("name=\"form[mobile]\""),
        "the plain empty form"
    );
    assert!(
        page.contains("只能在原来填写的那部手机的浏览器里打开"),
        "saying where the typing is (it said nothing: household tester)"
    );
    let (status, body) = draft_api(&stranger, &location).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("draft_elsewhere") && !leaks(&body), "{body}");
    // Any well-formed token gets the same words: they tell nothing of the drafts kept.
    let made_up = format!("/report?draft={}", "ab".repeat(16));
    let (_, other) = draft_api(&stranger, &made_up).await;
    assert_eq!(other, body);
}

#[tokio::test]
async fn a_draft_is_deleted_when_its_report_is_filed() {
    let app = spawn_app().await;
    let location = refused_with_a_draft(&app).await;
    let kept: i64 = sqlx::query_scalar("select count(*) from form_drafts")
        .fetch_one(&app.state.db.pool)
        .await
        .expect("count");
    assert_eq!(kept, 1);

    let filed = app
        .post_plain_form(
            "/api/reports/submit",
            &location,
            &report_fields("草稿户", MOBILE, QINGSHI_VILLAGE),
        )
        .await;
    assert_eq!(filed.status(), StatusCode::FOUND);
    let kept: i64 = sqlx::query_scalar("select count(*) from form_drafts")
        .fetch_one(&app.state.db.pool)
        .await
        .expect("count");
    assert_eq!(kept, 0, "the draft went with the filing");
    let again = app.get_html(&location).await;
    assert!(!leaks(&again), "the old link shows the empty form");
    assert!(again.contains("如果已经提交成功，就不用再填了"), "and why");
    let (status, body) = draft_api(&app, &location).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("draft_gone") && !leaks(&body), "{body}");
}

const GONE: &str = "之前填写的内容只保留一小时，现在已经清除";

/// A kept draft lasts an hour: opened later, the empty form says the typing was cleared (it
/// came back empty without a word: household tester, without JavaScript).
#[tokio::test]
async fn a_draft_opened_after_its_hour_says_it_was_cleared() {
    let app = spawn_app().await;
    let location = refused_with_a_draft(&app).await;
    let fresh = app.get_html(&location).await;
    assert!(!fresh.contains(GONE), "kept within the hour");
    app.clock.advance(chrono::Duration::minutes(61));
    let late = app.get_html(&location).await;
    assert!(!leaks(&late), "nothing typed comes back");
    assert!(late.contains(GONE), "the page says why the form is empty");
    assert!(
        app.get_html("/report")
            .await
            .contains("name=\"form[mobile]\"")
            && !app.get_html("/report").await.contains(GONE),
        "a plain visit to the form says nothing of drafts"
    );
}

/// A kept description with markup comes back in its box as typed: `</textarea>` does not end
/// the box, and `&amp;` stays `&amp;` (leptos writes a textarea's text unescaped).
#[tokio::test]
async fn a_kept_description_with_markup_comes_back_as_typed_text() {
    let app = spawn_app().await;
    let mut fields = report_fields("草稿户", MOBILE, QINGSHI_VILLAGE);
    fields.retain(|(k, _)| k != "form[consent]");
    for (k, v) in fields.iter_mut() {
        if k == "form[description]" {
            *v = "备注</textarea><h1>假标题</h1> &amp; 第二行".into();
        }
    }
    let response = app
        .post_plain_form("/api/reports/submit", "/report", &fields)
        .await;
    assert_eq!(response.status(), StatusCode::FOUND);
    let location = response.headers()["location"].to_str().expect("location");
    let page = app.get_html(location).await;
    assert!(
        !page.contains("<h1>假标题</h1>"),
        "no markup of the typist's"
    );
    assert!(
        page.contains("备注&lt;/textarea&gt;&lt;h1&gt;假标题&lt;/h1&gt; &amp;amp; 第二行"),
        "the description as typed"
    );
}
