//! The case page's step forms over HTTP, as the browser posts them (url-encoded `CommandForm`).

use serde_json::Value;

use crate::helpers::{detail, offered, spawn_app, step, QINGSHI_VILLAGE};

#[tokio::test]
async fn step_forms_move_the_case_and_refusals_say_why() {
    let app = spawn_app().await;
    let tracking = app
        .submit_report("张三", "13800138000", QINGSHI_VILLAGE)
        .await;
    let id = app.case_id_of(&tracking).await;

    let township = app.login("zhen-qingshi").await;
    let case = detail(&township, &id).await;
    let steps = offered(&case);
    assert!(
        steps.iter().any(|s| s == "accept") && steps.iter().any(|s| s == "reject_out_of_scope"),
        "{steps:?}"
    );
    let version = case["version"].as_i64().expect("version");
    let accepted = step(&township, &id, version, &[("kind", "accept")]).await;
    assert_eq!(accepted.status(), 200);
    assert_eq!(detail(&township, &id).await["state_zh"], "待入户核查");

    // The same form again, loaded before the change: a conflict, not a second acceptance.
    let stale = step(&township, &id, version, &[("kind", "accept")]).await;
    assert_eq!(stale.status(), 409);

    // The village cadre's home check, with members and the consent.
    let cadre = app.login("cun-qingshi").await;
    let case = detail(&cadre, &id).await;
    let version = case["version"].as_i64().expect("version");
    let today = case["today"].as_str().expect("today").to_owned();
    let missing_consent = step(
        &cadre,
        &id,
        version,
        &[
            ("kind", "record_home_check"),
            ("date", today.as_str()),
            ("visitors", "王村干"),
            ("members][0][name", "张三"),
            ("members][0][labour", "full"),
            ("members][0][income", "3000"),
        ]
        .into_iter()
        .chain(crate::helpers::ALL_SECURED)
        .collect::<Vec<_>>(),
    )
    .await;
    assert_eq!(missing_consent.status(), 422);
    let body: Value = missing_consent.json().await.expect("json");
    assert!(
        body.to_string().contains("承诺") || body["Refused"].is_object(),
        "says why: {body}"
    );

    let checked = step(
        &cadre,
        &id,
        version,
        &[
            ("kind", "record_home_check"),
            ("date", &today),
            ("visitors", "王村干、李乡干"),
            ("members][0][name", "张三"),
            ("members][0][labour", "full"),
            ("members][0][income", "3000"),
            ("guarantees][0", "food"),
            ("guarantees][1", "clothing"),
            ("guarantees][2", "compulsory_education"),
            ("guarantees][3", "basic_medical"),
            ("guarantees][4", "housing_safety:no"),
            ("guarantees][5", "drinking_water"),
            ("consent_signed", "on"),
        ],
    )
    .await;
    assert_eq!(
        checked.status(),
        200,
        "{}",
        checked.text().await.unwrap_or_default()
    );
    let case = detail(&cadre, &id).await;
    assert_eq!(case["state_zh"], "待村级评议");
    assert_eq!(case["members"][0]["name"], "张三");
    // 否 is recorded as not secured, and only where it was chosen.
    assert_eq!(
        case["guarantees_zh"],
        serde_json::json!([
            ["不愁吃", true],
            ["不愁穿", true],
            ["义务教育", true],
            ["基本医疗", true],
            ["住房安全", false],
            ["饮水安全", true]
        ])
    );

    // A township officer may not hold the village review: the form is not offered, and a
    // hand-made post is refused.
    let version = case["version"].as_i64().expect("version");
    let offered = detail(&township, &id).await;
    assert!(!offered["available"]
        .to_string()
        .contains("hold_village_review"));
    let refused = step(
        &township,
        &id,
        version,
        &[
            ("kind", "hold_village_review"),
            ("date", &today),
            ("outcome", "pass"),
        ],
    )
    .await;
    assert_eq!(refused.status(), 422);
    let body: Value = refused.json().await.expect("json");
    assert!(
        body["Refused"]["message"]
            .as_str()
            .is_some_and(|s| !s.is_empty()),
        "{body}"
    );
}

/// A decision's choices start unchosen (a form sent without looking recorded 通过), and a
/// step sent without one is asked for it and writes nothing.
#[tokio::test]
async fn a_decision_is_never_chosen_for_the_officer() {
    use app::domain::case::CaseCommand;
    let app = spawn_app().await;
    let id = crate::fixtures::accepted_case(&app, "13800138093").await;
    let today = crate::storage::today(&app);
    let record = CaseCommand::RecordHomeCheck {
        record: crate::fixtures::record(today, 300_000),
    };
    crate::storage::run(&app, &crate::fixtures::village_cadre(), &id, record).await;
    let cadre = app.login("cun-qingshi").await;
    let page = cadre.get_html(&format!("/staff/cases/{id}")).await;
    let radios: Vec<&str> = page
        .split("<input")
        .skip(1)
        .filter(|tag| tag.contains(r#"name="form[outcome]""#))
        .map(|tag| &tag[..tag.find('>').expect("tag end")])
        .collect();
    assert_eq!(radios.len(), 2, "通过 and 不通过");
    assert!(radios.iter().all(|r| !r.contains("checked")), "{radios:?}");
    let case = detail(&cadre, &id).await;
    let version = case["version"].as_i64().expect("version");
    let today = today.to_string();
    let unchosen = step(
        &cadre,
        &id,
        version,
        &[("kind", "hold_village_review"), ("date", &today)],
    )
    .await;
    assert_eq!(unchosen.status(), 422);
    let body: Value = unchosen.json().await.expect("json");
    assert_eq!(body["Validation"][0]["field"], "outcome", "{body}");
    assert_eq!(
        detail(&cadre, &id).await["version"],
        version,
        "nothing written"
    );
}

/// The county's page at 待县级审定 opens the data comparison its decision needs (it opened
/// 县级审定, which was refused for want of it), and the queue row names the same step and
/// shows the case's tracking number (officer tester: two rows of one name).
#[tokio::test]
async fn the_county_page_opens_the_comparison_before_the_decision() {
    let app = spawn_app().await;
    let tracking = app
        .submit_report("张三", "13800138000", QINGSHI_VILLAGE)
        .await;
    let id = app.case_id_of(&tracking).await;
    let accept = app::domain::case::CaseCommand::ACCEPT;
    crate::storage::run(&app, &crate::fixtures::township_officer(), &id, accept).await;
    crate::storage::home_check_to_township(&app, &id, 300_000).await;
    let county = app.login("xian-officer").await;
    let page = county.get_html(&format!("/staff/cases/{id}")).await;
    let first = &page[page
        .find("<details")
        .unwrap_or_else(|| panic!("a step: {page}"))..];
    let first = &first[..first.find('>').expect("its tag")];
    assert!(first.contains("step-record_comparison"), "{first}");
    assert!(first.contains("open"), "{first}");
    let queue = county.get_html("/staff?tab=todo").await;
    let row = &queue[queue.find("张三").expect("the row")..];
    let row = &row[..row.find("</li>").expect("its end")];
    assert!(row.contains("录入县级数据比对"), "{row}");
    let grouped = app::domain::tracking::TrackingNumber::shown_back(&tracking);
    assert!(row.contains(&grouped), "{row}");
    // Once recorded, its form reads as a correction, after the decision: under its own name
    // it looked as if the comparison had not been saved (officer tester).
    crate::storage::compare_clean(&app, &id).await;
    let page = county.get_html(&format!("/staff/cases/{id}")).await;
    let at = |needle: &str| page.find(needle).unwrap_or_else(|| panic!("{needle}"));
    assert!(
        at("<summary>更正县级数据比对（已录入）</summary>") > at("<summary>县级审定</summary>")
    );
    assert!(!page.contains("<summary>录入县级数据比对</summary>"));
}

/// Once identified, the comparison no longer bears on the step at hand: it sits below the
/// household, not above the steps (a monitored household's page opened on it: officer tester).
#[tokio::test]
async fn a_monitored_household_s_page_leads_with_its_steps_not_an_old_comparison() {
    let app = spawn_app().await;
    let (_, id) = crate::responsible_phone::identified(&app).await;
    let township = app.login("zhen-qingshi").await;
    let page = township.get_html(&format!("/staff/cases/{id}")).await;
    let at = |needle: &str| page.find(needle).unwrap_or_else(|| panic!("{needle}"));
    assert!(
        at(r#"id="steps""#) < at(r#"data-testid="comparison""#),
        "the steps first"
    );
}
