//! A report form carries a key: a retried or double-tapped submission files once.
use crate::helpers::{report_fields, spawn_app, TestApp, QINGSHI_VILLAGE};

/// A key as the report page gets it from the server.
pub async fn issued_key(app: &TestApp) -> String {
    app.post_api("/api/reports/new_key", &[])
        .await
        .json()
        .await
        .expect("key")
}

pub fn keyed(mobile: &str, key: &str) -> Vec<(String, String)> {
    let mut form = report_fields("周大爷", mobile, QINGSHI_VILLAGE);
    form.push(("form[key]".into(), key.into()));
    form
}

pub async fn filings_for(app: &TestApp, mobile: &str) -> i64 {
    sqlx::query_scalar("select count(*) from cases where applicant_mobile_index = $1")
        .bind(
            app.state
                .vault
                .index(app::ssr::vault::Field::Mobile, mobile),
        )
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
    let form = keyed("13612345678", &issued_key(&app).await);
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
    let form = keyed("13612345679", &issued_key(&app).await);
    let (a, b) = tokio::join!(submit(&app, &form), submit(&app, &form));
    assert_eq!((a.status().as_u16(), b.status().as_u16()), (200, 200));
    let a: String = a.json().await.expect("tracking");
    let b: String = b.json().await.expect("tracking");
    assert_eq!(a, b);
    assert_eq!(filings_for(&app, "13612345679").await, 1);
}

#[tokio::test]
async fn a_key_sent_back_with_another_mobile_files_that_household_on_its_own() {
    let app = spawn_app().await;
    let key = issued_key(&app).await;
    let first: String = submit(&app, &keyed("13612345670", &key))
        .await
        .json()
        .await
        .expect("tracking");
    let other = submit(&app, &keyed("13612345671", &key)).await;
    assert_eq!(other.status(), 200, "another household is never blocked");
    let other: String = other.json().await.expect("tracking");
    assert_ne!(other, first, "nor does it learn the first filing's number");
    assert_eq!(filings_for(&app, "13612345671").await, 1);
    // Its retries file once too (attacker tester: filed keyless, each retry made a case).
    for _ in 0..2 {
        let again: String = submit(&app, &keyed("13612345671", &key))
            .await
            .json()
            .await
            .expect("tracking");
        assert_eq!(
            again, other,
            "the second household's retry gets its own filing"
        );
    }
    assert_eq!(filings_for(&app, "13612345671").await, 1);
    assert_eq!(filings_for(&app, "13612345670").await, 1);
}

/// A department's record id reused for a second household files it once, however often the
/// batch is sent again (attacker tester: each re-send made a new case in the queue).
#[tokio::test]
async fn a_record_id_reused_for_another_household_files_each_once() {
    let app = spawn_app().await;
    let department = app.login("bumen-minzheng").await;
    let push = |mobile: &'static str| {
        let department = &department;
        async move {
            let row = crate::alerts::alert("MZ-REUSED", mobile, QINGSHI_VILLAGE);
            let answer: serde_json::Value =
                crate::alerts::push(department, serde_json::json!([row]))
                    .await
                    .json()
                    .await
                    .expect("json");
            answer[0]["tracking"].as_str().expect("filed").to_owned()
        }
    };
    let first = push("13612345680").await;
    let second = push("13612345681").await;
    assert_ne!(first, second);
    assert_eq!(
        push("13612345681").await,
        second,
        "a re-send files nothing new"
    );
    assert_eq!(push("13612345680").await, first);
    assert_eq!(filings_for(&app, "13612345681").await, 1);
}
