//! Issue 10's engine rules over HTTP, as the staff case page posts them: a removal from
//! monitoring (标注回退/清退/迁出) and an elimination refused for want of measures.

use app::domain::case::{CaseCommand, IdentificationDecision};
use app::domain::vocab::{Category, RiskTier};
use chrono::Duration;
use serde_json::Value;

use crate::fixtures::{county_officer, township_officer};
use crate::helpers::{detail, offered, spawn_app, step, TestApp};
use crate::storage::{compare_clean, file_case, home_check_to_township, run, today};

/// A case filed, checked, noticed, compared and identified (yellow tier), through the services.
pub(crate) async fn identified_case(app: &TestApp) -> String {
    let id = file_case(app).await;
    run(app, &township_officer(), &id, CaseCommand::ACCEPT).await;
    home_check_to_township(app, &id, 300_000).await;
    compare_clean(app, &id).await;
    let identify = CaseCommand::CountyDecide {
        decision: IdentificationDecision::Identify {
            category: Category::Marginal,
            tier: RiskTier::Yellow,
            note: String::new(),
        },
    };
    run(app, &county_officer(), &id, identify).await;
    id
}

#[tokio::test]
async fn the_county_removes_a_wrongly_identified_household_with_its_reason_on_record() {
    let app = spawn_app().await;
    let id = identified_case(&app).await;
    let county = app.login("xian-head").await;
    let case = detail(&county, &id).await;
    assert!(offered(&case).contains(&"remove".to_owned()), "{case}");
    let version = case["version"].as_i64().expect("version");

    // A township officer may not remove: the form is not offered and a post is refused.
    let township = app.login("zhen-qingshi").await;
    assert!(!offered(&detail(&township, &id).await).contains(&"remove".to_owned()));
    let refused = step(
        &township,
        &id,
        version,
        &[
            ("kind", "remove"),
            ("removal_kind", "moved_away"),
            ("reason", "迁出"),
        ],
    )
    .await;
    assert_eq!(refused.status(), 422);

    // A negative-list removal needs a comparison hit first; the refusal says so.
    let no_hit = step(
        &county,
        &id,
        version,
        &[
            ("kind", "remove"),
            ("removal_kind", "negative_list"),
            ("reason", "家有小轿车"),
        ],
    )
    .await;
    assert_eq!(no_hit.status(), 422);
    let body: Value = no_hit.json().await.expect("json");
    assert!(body.to_string().contains("负面清单"), "{body}");

    let removed = step(
        &county,
        &id,
        version,
        &[
            ("kind", "remove"),
            ("removal_kind", "wrongly_identified"),
            ("reason", "复核发现家庭收入核算有误"),
        ],
    )
    .await;
    assert_eq!(
        removed.status(),
        200,
        "{}",
        removed.text().await.unwrap_or_default()
    );
    let case = detail(&county, &id).await;
    assert_eq!(case["state_code"], "removed", "{case}");
    let timeline = case["timeline"].to_string();
    assert!(
        timeline.contains("识别错误，标注回退") && timeline.contains("复核发现家庭收入核算有误"),
        "{timeline}"
    );
    // Only the notice to the household still runs, owned by the township.
    let clocks: Vec<&str> = case["clocks"]
        .as_array()
        .expect("clocks")
        .iter()
        .filter(|c| c["urgency"] != "met" && c["urgency"] != "cancelled")
        .filter_map(|c| c["kind_zh"].as_str())
        .collect();
    assert_eq!(clocks, vec!["告知农户结果和原因"], "{case}");
    assert!(offered(&detail(&township, &id).await).contains(&"notify_refusal".to_owned()));
}

#[tokio::test]
async fn an_elimination_without_any_measure_is_refused_and_says_why() {
    let app = spawn_app().await;
    let id = identified_case(&app).await;
    app.clock.advance(Duration::days(20));
    let cadre = app.login("cun-qingshi").await;
    let case = detail(&cadre, &id).await;
    let visited = step(
        &cadre,
        &id,
        case["version"].as_i64().expect("version"),
        &[
            ("kind", "log_visit"),
            ("date", &today(&app).to_string()),
            ("note", "收入稳定"),
        ],
    )
    .await;
    assert_eq!(
        visited.status(),
        200,
        "{}",
        visited.text().await.unwrap_or_default()
    );
    let case = detail(&cadre, &id).await;
    let version = case["version"].as_i64().expect("version");
    let mut form = vec![("kind", "propose_elimination")];
    let items = [
        ("checklist][0", "income_above_line"),
        ("checklist][1", "three_guarantees_and_water_secured"),
        ("checklist][2", "rigid_spending_resolved"),
        ("checklist][3", "measures_delivered"),
    ];
    form.extend(items);
    let refused = step(&cadre, &id, version, &form).await;
    assert_eq!(refused.status(), 422);
    let body: Value = refused.json().await.expect("json");
    // Every problem at once, not the first (officer tester): no measure, and the risk no
    // measure answers, each with its words.
    let said = body.to_string();
    assert!(said.contains("尚未落实任何帮扶措施"), "{body}");
    assert!(said.contains("“因病”的风险还没有对应的帮扶措施"), "{body}");
    assert!(!said.contains("{risk}"), "{body}");
    // The page lists them under a banner that asks for nothing red (nothing is).
    let mut plain = crate::helpers::fields(&[("case_id", &id), ("version", &version.to_string())]);
    plain.extend(
        form.iter()
            .map(|(k, v)| (format!("form[{k}]"), (*v).to_owned())),
    );
    let page_path = format!("/staff/cases/{id}");
    let answer = cadre.post_plain_form(&page_path, &page_path, &plain).await;
    let page = answer.text().await.expect("page");
    assert!(page.contains("现在还不能办理这一步：") && !page.contains("请检查标红的内容"));
    assert!(page.contains("尚未落实任何帮扶措施") && page.contains("“因病”的风险"));
    assert_eq!(detail(&cadre, &id).await["state_code"], "identified");
}

#[tokio::test]
async fn a_county_campaign_puts_a_visit_for_every_monitored_household_in_the_queue() {
    let app = spawn_app().await;
    let first = identified_case(&app).await;
    let second = identified_case(&app).await;
    let waiting = file_case(&app).await;
    let until = (today(&app) + Duration::days(30)).to_string();

    let cadre = app.login("cun-qingshi").await;
    let refused = cadre
        .post_api(
            "/api/campaigns/start",
            &crate::helpers::fields(&[("name", "年度集中排查"), ("until", &until)]),
        )
        .await;
    assert_eq!(refused.status(), 403);
    // Without JavaScript the dashboard comes back saying so: the form is not shown to the
    // village, and it came back with no word of the refusal (attacker tester).
    let plain = cadre
        .post_plain_form(
            "/staff/dashboard",
            "/staff/dashboard",
            &crate::helpers::fields(&[("name", "年度集中排查"), ("until", &until)]),
        )
        .await;
    let page = plain.text().await.expect("page");
    let said = page
        .split(r#"data-testid="campaign-refused""#)
        .nth(1)
        .expect("the refusal said");
    assert!(
        crate::helpers::words(&said[..said.find("</p>").expect("end")]).contains("您没有权限"),
        "{said}"
    );

    let county = app.login("xian-officer").await;
    let answer = county
        .post_api(
            "/api/campaigns/start",
            &crate::helpers::fields(&[("name", "2026年度集中排查"), ("until", &until)]),
        )
        .await;
    assert_eq!(
        answer.status(),
        200,
        "{}",
        answer.text().await.unwrap_or_default()
    );
    let report: Value = answer.json().await.expect("json");
    assert_eq!(
        (report["started"].as_u64(), report["skipped"].as_u64()),
        (Some(2), Some(0))
    );

    for id in [&first, &second] {
        let case = detail(&cadre, id).await;
        assert!(
            case["clocks"].to_string().contains("集中排查走访"),
            "{case}"
        );
        assert!(case["timeline"].to_string().contains("2026年度集中排查"));
    }
    assert!(!detail(&cadre, &waiting).await["clocks"]
        .to_string()
        .contains("集中排查走访"));

    let past = county
        .post_api(
            "/api/campaigns/start",
            &crate::helpers::fields(&[("name", "补充排查"), ("until", &today(&app).to_string())]),
        )
        .await;
    assert_eq!(past.status(), 422);
}

/// The campaign form refused empty says what is missing under each field, both at once, and
/// starts nothing; a deadline already past is named as such.
#[tokio::test]
async fn an_empty_campaign_form_names_each_missing_field_and_starts_nothing() {
    let app = spawn_app().await;
    let monitored = identified_case(&app).await;
    let county = app.login("xian-officer").await;
    let empty = county
        .post_plain_form(
            "/staff/dashboard",
            "/staff/dashboard",
            &crate::helpers::fields(&[("name", ""), ("until", "")]),
        )
        .await;
    assert_eq!(empty.status(), 200, "the dashboard, with the refusal");
    let page = empty.text().await.expect("page");
    for id in ["e-campaign_name", "e-campaign_until"] {
        let under = crate::helpers::paragraph(&page, id);
        assert!(under.contains("请填写"), "{id}: {under}");
    }
    let past = county
        .post_api(
            "/api/campaigns/start",
            &crate::helpers::fields(&[("name", "排查"), ("until", &today(&app).to_string())]),
        )
        .await;
    assert_eq!(past.status(), 422);
    assert!(past.text().await.expect("body").contains("今天之后"));
    // A name written on every household's history has a limit (60,000 characters went in
    // and broke the county's workbook: attacker tester).
    let until = (today(&app) + Duration::days(30)).to_string();
    let long = "排".repeat(41);
    let refused = county
        .post_api(
            "/api/campaigns/start",
            &crate::helpers::fields(&[("name", &long), ("until", &until)]),
        )
        .await;
    assert_eq!(refused.status(), 422);
    assert!(refused.text().await.expect("body").contains("不超过40个字"));
    let case = detail(&county, &monitored).await;
    assert!(
        !case["clocks"].to_string().contains("集中排查走访"),
        "{case}"
    );
}

/// A second click started every household's campaign visit twice, and the plain form came
/// back to the dashboard without a word (officer tester): a household with a campaign visit
/// due is skipped, and the dashboard says what was done.
#[tokio::test]
async fn a_campaign_started_twice_plans_each_visit_once_and_says_so() {
    let app = spawn_app().await;
    let monitored = identified_case(&app).await;
    let until = (today(&app) + Duration::days(30)).to_string();
    let county = app.login("xian-officer").await;
    let form = crate::helpers::fields(&[("name", "2026年度集中排查"), ("until", &until)]);
    let first = county
        .post_plain_form("/staff/dashboard", "/staff/dashboard", &form)
        .await;
    assert!(first.status().is_redirection(), "{}", first.status());
    let back = first.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned();
    let back = back.strip_prefix(&county.base).unwrap_or(&back).to_owned();
    assert!(county
        .get_html(&back)
        .await
        .contains("已为 1 户安排集中排查走访（0 户"));
    let again = county.start_campaign("2026年度集中排查", &until).await;
    assert_eq!(
        (again["started"].as_u64(), again["skipped"].as_u64()),
        (Some(0), Some(1))
    );
    let timeline = detail(&county, &monitored).await["timeline"].to_string();
    assert_eq!(
        timeline.matches(r#""code":"campaign_started""#).count(),
        1,
        "{timeline}"
    );
}
