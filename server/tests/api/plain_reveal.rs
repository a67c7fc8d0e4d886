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
        page.contains("请选择查看完整号码的原因"),
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

async fn audited(app: &TestApp, action: &str, outcome: &str) -> i64 {
    sqlx::query_scalar("select count(*) from audit_log where action = $1 and outcome = $2")
        .bind(action)
        .bind(outcome)
        .fetch_one(&app.state.db.pool)
        .await
        .expect("count")
}

/// The officer who must call the household sees its mobile in full, as a number to call:
/// with a reason, audited as a mobile reveal; not for a case outside the officer's region.
#[tokio::test]
async fn the_mobile_is_revealed_as_a_number_to_call_and_audited() {
    let app = spawn_app().await;
    let id = self_filed(&app, MOBILE).await;
    let township = app.login("zhen-qingshi").await;
    let page = township.get_html(&format!("/staff/cases/{id}")).await;
    assert!(!page.contains(MOBILE), "masked until asked");
    assert!(
        page.contains(r#"name="what" value="mobile""#),
        "a reveal form for it"
    );

    let ask = |what: &'static str, reason: &'static str| {
        fields(&[
            ("case_id", id.as_str()),
            ("what", what),
            ("reason", reason),
            ("reason_text", ""),
        ])
    };
    let shown = township
        .post_plain_form(
            &format!("/staff/cases/{id}?reveal"),
            &format!("/staff/cases/{id}"),
            &ask("mobile", "contact"),
        )
        .await;
    assert_eq!(shown.status(), StatusCode::OK);
    let page = shown.text().await.expect("html");
    assert!(
        page.contains(&format!("href=\"tel:{MOBILE}\"")),
        "one tap to call"
    );
    assert!(
        !page.contains(&id_number_for(MOBILE)),
        "the ID number stays masked"
    );
    assert_eq!(audited(&app, "mobile_revealed", "allowed").await, 1);
    assert_eq!(audited(&app, "id_revealed", "allowed").await, 0);

    // With JavaScript: the number itself.
    let json = township
        .post_api("/api/cases/reveal", &ask("mobile", "contact"))
        .await;
    assert_eq!(json.status(), StatusCode::OK);
    assert_eq!(json.json::<String>().await.expect("number"), MOBILE);

    let elsewhere = app.login("zhen-hekou").await;
    let refused = elsewhere
        .post_api("/api/cases/reveal", &ask("mobile", "contact"))
        .await;
    assert_eq!(refused.status(), StatusCode::NOT_FOUND);
    assert_eq!(audited(&app, "mobile_revealed", "refused").await, 1);
    let unknown = township
        .post_api("/api/cases/reveal", &ask("address", "contact"))
        .await;
    assert_eq!(
        unknown.status(),
        StatusCode::NOT_FOUND,
        "nothing else to reveal"
    );
    assert_eq!(audited(&app, "mobile_revealed", "allowed").await, 2);
}

/// A reveal form no page sends (no case id, twice the id, an id no case has) is answered in
/// words and writes no audit row: the parser's own text showed, or an empty 404 (attacker
/// tester).
#[tokio::test]
async fn a_reveal_form_no_page_sends_is_answered_in_words() {
    let app = spawn_app().await;
    let officer = app.login("zhen-qingshi").await;
    for pairs in [
        fields(&[("reason", "home_check")]),
        fields(&[("case_id", "1"), ("case_id", "2"), ("reason", "home_check")]),
    ] {
        let response = officer
            .post_plain_form("/api/cases/reveal", "/staff", &pairs)
            .await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let text = response.text().await.expect("body");
        assert!(text.contains("无法读取提交的内容"), "{text}");
        assert!(
            !text.contains("deserialize") && !text.contains("field"),
            "{text}"
        );
    }
    let odd = fields(&[("case_id", "a b\u{0}"), ("reason", "home_check")]);
    let response = officer
        .post_plain_form("/api/cases/reveal", "/staff", &odd)
        .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let page = response.text().await.expect("body");
    assert!(
        page.contains("<html") && page.contains("没有找到"),
        "{page}"
    );
    assert_eq!(reveals_audited(&app).await, 0);
}
