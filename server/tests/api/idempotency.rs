//! A report form carries a key: a retried or double-tapped submission files once.
use crate::helpers::{report_fields, spawn_app, TestApp, QINGSHI_VILLAGE};

const KEY: &str = "0123456789abcdef0123456789abcdef";

fn keyed(mobile: &str, key: &str) -> Vec<(String, String)> {
    let mut form = report_fields("周大爷", mobile, QINGSHI_VILLAGE);
    form.push(("form[key]".into(), key.into()));
    form
}

async fn filings_for(app: &TestApp, mobile: &str) -> i64 {
    sqlx::query_scalar("select count(*) from cases where applicant_mobile = $1")
        .bind(mobile)
        .fetch_one(&app.state.db.pool)
        .await
        .expect("count")
}

async fn submit(app: &TestApp, form: &[(String, String)]) -> reqwest::Response {
    app.post_api("/api/reports/submit", form).await
}

#[tokio::test]
async fn the_report_page_issues_a_fresh_key_with_each_form() {
    let app = spawn_app().await;
    let key_of = |page: String| {
        let at = page
            .find("name=\"form[key]\" value=\"")
            .expect("hidden key field");
        page[at + 24..at + 56].to_owned()
    };
    let first = key_of(app.get_html("/report").await);
    let second = key_of(app.get_html("/report").await);
    assert!(first.bytes().all(|b| b.is_ascii_hexdigit()), "{first}");
    assert_ne!(first, second);
}

#[tokio::test]
async fn submitting_the_same_form_twice_files_once() {
    let app = spawn_app().await;
    let form = keyed("13612345678", KEY);
    let first: String = submit(&app, &form).await.json().await.expect("tracking");
    let again = submit(&app, &form).await;
    assert_eq!(again.status(), 200);
    let again: String = again.json().await.expect("tracking");
    assert_eq!(again, first, "the retry gets the first filing's number");
    assert_eq!(filings_for(&app, "13612345678").await, 1);
}

#[tokio::test]
async fn a_double_tap_at_the_same_moment_files_once() {
    let app = spawn_app().await;
    let form = keyed("13612345679", KEY);
    let (a, b) = tokio::join!(submit(&app, &form), submit(&app, &form));
    assert_eq!((a.status().as_u16(), b.status().as_u16()), (200, 200));
    let a: String = a.json().await.expect("tracking");
    let b: String = b.json().await.expect("tracking");
    assert_eq!(a, b);
    assert_eq!(filings_for(&app, "13612345679").await, 1);
}

#[tokio::test]
async fn a_key_sent_back_with_another_mobile_is_a_conflict() {
    let app = spawn_app().await;
    submit(&app, &keyed("13612345670", KEY)).await;
    let other = submit(&app, &keyed("13612345671", KEY)).await;
    assert_eq!(other.status(), 409);
    assert_eq!(filings_for(&app, "13612345671").await, 0);
}
