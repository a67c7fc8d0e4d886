//! Revealing an ID number with JavaScript off: the form's post answers with the case page
//! showing the full number (that response only, not stored) and one audit row; without a
//! reason, the field's error and no audit row.
use reqwest::StatusCode;

use crate::{
    access::self_filed,
    helpers::{fields, id_number_for, spawn_app, TestApp},
};

const MOBILE: &str = "13512359001";

async fn reveal_without_javascript(officer: &TestApp, id: &str, reason: &str) -> reqwest::Response {
    officer
        .post_plain_form(
            &format!("/staff/cases/{id}?reveal"),
            &format!("/staff/cases/{id}"),
            &fields(&[("case_id", id), ("reason", reason), ("reason_text", "")]),
        )
        .await
}

/// The reveal form's opening tag in a case page.
fn reveal_form_tag(page: &str) -> &str {
    let at = page
        .find("action=\"/api/cases/reveal\"")
        .expect("reveal form");
    let start = page[..at].rfind("<form").expect("form");
    let end = at + page[at..].find('>').expect("tag end");
    &page[start..end]
}

async fn reveals_audited(app: &TestApp) -> i64 {
    sqlx::query_scalar("select count(*) from audit_log where action = 'id_revealed'")
        .fetch_one(&app.state.db.pool)
        .await
        .expect("count")
}

#[tokio::test]
async fn without_javascript_a_reveal_with_a_reason_shows_the_full_number_once() {
    let app = spawn_app().await;
    let id = self_filed(&app, MOBILE).await;
    let full = id_number_for(MOBILE);
    let township = app.login("zhen-qingshi").await;

    let refused = reveal_without_javascript(&township, &id, "").await;
    assert_eq!(refused.status(), StatusCode::OK);
    let page = refused.text().await.expect("html");
    assert!(
        page.contains("请选择查看完整身份证号的原因"),
        "the field error is shown"
    );
    assert!(!page.contains(&full));
    assert!(!reveal_form_tag(&page).contains("hidden"), "asked again");
    // "Other" without its words is refused: the form comes back with "Other" still chosen.
    let other = reveal_without_javascript(&township, &id, "other").await;
    let page = other.text().await.expect("html");
    assert!(
        page.contains("<option value=\"other\" selected"),
        "the reason chosen is kept"
    );
    assert!(!page.contains(&full));
    assert_eq!(
        reveals_audited(&app).await,
        0,
        "nothing read, nothing audited"
    );

    let shown = reveal_without_javascript(&township, &id, "home_check").await;
    assert_eq!(shown.status(), StatusCode::OK);
    assert_eq!(shown.headers()["cache-control"], "no-store");
    let page = shown.text().await.expect("html");
    assert!(page.contains(&full), "the full ID number is shown");
    assert!(page.contains("家庭情况"), "on the case page");
    assert!(
        reveal_form_tag(&page).contains("hidden"),
        "the reason picker and the Show button go once the number is shown"
    );
    assert_eq!(reveals_audited(&app).await, 1, "audited once");

    // The page opened again is masked: the number was in that one answer only.
    let again = township.get_html(&format!("/staff/cases/{id}")).await;
    assert!(!again.contains(&full));
    assert_eq!(reveals_audited(&app).await, 1);
}
