//! The plan form's suggested rows (a measure type for each of the household's risks) are
//! offers: one left as the form gave it is not saved and does not block the plan; they
//! blocked it until each unwanted row was cleared (officer tester).
use reqwest::StatusCode;

use crate::{
    helpers::{detail, spawn_app, tag_with},
    step_form_typed::plain_step,
};

#[tokio::test]
async fn a_suggested_row_left_as_given_is_not_saved_and_does_not_block_the_plan() {
    let app = spawn_app().await;
    let (_, id) = crate::responsible_phone::identified(&app).await;
    let township = app.login("zhen-qingshi").await;
    let page = township.get_html(&format!("/staff/cases/{id}")).await;
    let offered = tag_with(&page, r#"name="form[measures][0][measure_type]""#);
    let suggested = page
        .split(r#"name="form[measures][0][measure_type]""#)
        .nth(1)
        .and_then(|s| s.split("</select>").next())
        .unwrap_or_default();
    assert!(
        suggested.contains("selected"),
        "a type is offered: {offered}"
    );
    let amount = tag_with(&page, r#"name="form[measures][0][amount]""#);
    assert!(
        amount.contains(r#"value="""#),
        "no amount assumed: {amount}"
    );
    let start = tag_with(&page, r#"name="form[measures][0][start]""#);
    let today = start
        .split(r#"value=""#)
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap_or_default()
        .to_owned();
    assert_eq!(today.len(), 10, "today's start is offered: {start}");
    assert!(page.contains("不用的不用管"), "the form says so");

    let form = [
        ("kind", "add_plan"),
        ("measures][0][measure_type", "medical"),
        ("measures][0][amount", "3000"),
        ("measures][0][start", today.as_str()),
        ("measures][0][end", "2027-06-30"),
        ("measures][1][measure_type", "employment"),
        ("measures][1][amount", ""),
        ("measures][1][start", today.as_str()),
        ("measures][1][end", ""),
        ("measures][2][measure_type", "temporary_relief"),
        ("measures][2][amount", ""),
        ("measures][2][start", today.as_str()),
        ("measures][2][end", ""),
    ];
    let response = plain_step(&township, &id, &form).await;
    assert_eq!(
        response.status(),
        StatusCode::SEE_OTHER,
        "the plan is taken"
    );
    let case = detail(&township, &id).await;
    let measures = case["measures"].as_array().expect("measures");
    assert_eq!(measures.len(), 1, "{measures:?}");
}
