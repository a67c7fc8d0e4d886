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

    // Left as shown (today's 7300), March keeps January's 7600.
    let march = admin
        .post_api("/api/settings/policy", &policy_fields("2027-03-01", &[]))
        .await;
    assert!(march.status().is_success() || march.status().is_redirection());
    let line = |said: &str, day: &str| {
        said.split(&format!("{day}起生效："))
            .nth(1)
            .and_then(|rest| rest.split("撤回").next())
            .map(str::to_owned)
    };
    let said = words(&admin.get_html("/staff/settings").await);
    let march = line(&said, "2027年3月1日").unwrap_or_else(|| panic!("listed: {said}"));
    assert!(march.contains("各项与之前的版本相同"), "{march}");

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
