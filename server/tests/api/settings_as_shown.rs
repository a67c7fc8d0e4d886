//! A field can be set back to today's rule on purpose in a later version: the form shows
//! today's rules, so a field left as shown keeps what an earlier scheduled version set, and
//! without a way to say otherwise a value equal to today's could never be chosen again
//! (quick tester).
use crate::helpers::{policy_fields, spawn_app, words};

#[tokio::test]
async fn a_later_version_sets_a_field_back_to_today_s_rule_when_asked_to_save_as_shown() {
    let app = spawn_app().await;
    let admin = app.login("xian-admin").await;
    let page = admin.get_html("/staff/settings").await;
    assert!(
        !page.contains(r#"name="as_shown""#),
        "nothing scheduled, nothing to keep"
    );
    let january = admin
        .post_api(
            "/api/settings/policy",
            &policy_fields("2027-01-01", &[("income_line", "7600")]),
        )
        .await;
    assert!(january.status().is_success() || january.status().is_redirection());
    let page = admin.get_html("/staff/settings").await;
    assert!(page.contains(r#"name="as_shown""#), "offered once one is");

    // Left as shown (today's 7300), a version changes nothing, and is not saved: saved, it
    // fixed every field for its day (officer tester).
    let march = admin
        .post_api("/api/settings/policy", &policy_fields("2027-03-01", &[]))
        .await;
    assert_eq!(march.status(), 422);
    assert!(march
        .text()
        .await
        .expect("body")
        .contains("没有改动，没有保存"));
    let line = |said: &str, day: &str| {
        said.split(&format!("{day}起生效："))
            .nth(1)
            .and_then(|rest| rest.split("撤回").next())
            .map(str::to_owned)
    };

    // Asked to save as shown, April sets the line back to today's 7300.
    let mut april = policy_fields("2027-04-01", &[]);
    april.push(("as_shown".into(), "on".into()));
    let saved = admin.post_api("/api/settings/policy", &april).await;
    assert!(saved.status().is_success() || saved.status().is_redirection());
    let said = words(&admin.get_html("/staff/settings").await);
    let april = line(&said, "2027年4月1日").unwrap_or_else(|| panic!("listed: {said}"));
    assert!(april.contains("7600.00→7300.00"), "{april}");
}

/// An empty date is named as missing, with nothing after a colon (officer tester: "…例如
/// 2027-01-01：" ended in a bare colon).
#[tokio::test]
async fn an_empty_policy_date_is_refused_without_a_dangling_colon() {
    let app = spawn_app().await;
    let admin = app.login("xian-admin").await;
    let answer = admin
        .post_plain_form(
            "/staff/settings",
            "/staff/settings",
            &policy_fields("", &[]),
        )
        .await;
    let page = answer.text().await.expect("page");
    let says = crate::helpers::paragraph(&page, "effective-says");
    assert!(!says.is_empty(), "marked: {page}");
    assert!(!says.trim_end().ends_with('：'), "{says}");
}

/// A version keeps only what it changed: withdrawing an earlier one takes its change out of
/// the later ones too, and a change saved later for an earlier day reaches them (officer
/// tester: a withdrawn January income line still rose in March).
#[tokio::test]
async fn a_withdrawn_change_does_not_come_back_with_a_later_version() {
    let app = spawn_app().await;
    let admin = app.login("xian-admin").await;
    let save = |day: &'static str, field: &'static str, value: &'static str| {
        let admin = &admin;
        async move {
            let answer = admin
                .post_api(
                    "/api/settings/policy",
                    &policy_fields(day, &[(field, value)]),
                )
                .await;
            assert!(answer.status().is_success() || answer.status().is_redirection());
        }
    };
    save("2027-01-01", "income_line", "7600").await;
    save("2027-03-01", "notice_min_days", "7").await;
    let march = || async {
        let said = words(&admin.get_html("/staff/settings").await);
        said.split("2027年3月1日起生效：")
            .nth(1)
            .and_then(|rest| rest.split("撤回").next())
            .map(str::to_owned)
            .unwrap_or_else(|| panic!("March listed: {said}"))
    };
    let before = march().await;
    assert!(
        before.contains("5→7") && !before.contains("7600"),
        "{before}"
    );
    let withdrawn = admin
        .post_api(
            "/api/settings/policy_withdraw",
            &crate::helpers::fields(&[("effective_from", "2027-01-01")]),
        )
        .await;
    assert!(withdrawn.status().is_success() || withdrawn.status().is_redirection());
    let after = march().await;
    assert!(after.contains("5→7") && !after.contains("7600"), "{after}");
    let in_force_march: serde_json::Value = sqlx::query_scalar::<_, String>(
        "select body from policies where effective_from = '2027-03-01'",
    )
    .fetch_one(&app.state.db.pool)
    .await
    .map(|body| serde_json::from_str(&body).expect("json"))
    .expect("the March row");
    assert_eq!(
        in_force_march["income_line"], 730_000,
        "the line stays as today"
    );
    // A change saved afterwards for February reaches March.
    save("2027-02-01", "income_line", "7800").await;
    let body: String =
        sqlx::query_scalar("select body from policies where effective_from = '2027-03-01'")
            .fetch_one(&app.state.db.pool)
            .await
            .expect("the March row");
    assert!(body.contains("780000"), "{body}");
}
