//! The village's review of an assistance plan can fail, and its notice can take an objection,
//! through the forms the case page posts (the review had no 不通过, the notice no 登记异议).
use app::domain::case::CaseCommand;
use app::domain::vocab::MeasureType;
use serde_json::Value;

use crate::{
    fixtures::{footprint, measure, township_officer, village_cadre},
    helpers::{detail, offered, spawn_app, step, timeline, TestApp, QINGSHI_VILLAGE},
    storage::{run, today},
};

/// An identified household with a responsible person and a plan of one planned measure,
/// awaiting the village review.
async fn with_plan(app: &TestApp) -> String {
    let id = crate::fixtures::accepted_case(app, "13800138072").await;
    crate::storage::home_check_to_township(app, &id, 300_000).await;
    crate::storage::compare_and_identify(app, &id).await;
    let responsible = CaseCommand::AssignResponsible {
        person: "刘帮扶".to_owned(),
        mobile: app::domain::mobile::MobileNumber::parse("13800138000").expect("mobile"),
    };
    run(app, &township_officer(), &id, responsible).await;
    let plan = CaseCommand::AddPlan {
        measures: vec![measure(MeasureType::Medical, today(app))],
    };
    run(app, &township_officer(), &id, plan).await;
    id
}

/// Adds one measure of `kind` from today through the case page's form, posted without
/// JavaScript: the page the browser is sent back to.
async fn add_by_page(app: &TestApp, township: &TestApp, id: &str, kind: &str) -> String {
    let day = today(app).to_string();
    let form = [
        ("kind", "add_plan"),
        ("measures][0][measure_type", kind),
        ("measures][0][amount", "500"),
        ("measures][0][start", &day),
        ("measures][0][end", &day),
    ];
    let answer = crate::step_form_typed::plain_step(township, id, &form).await;
    assert_eq!(
        answer.status(),
        303,
        "{}",
        answer.text().await.unwrap_or_default()
    );
    let back = answer.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned();
    township.get_html(&back).await
}

fn version(case: &Value) -> i64 {
    case["version"].as_i64().expect("version")
}

#[tokio::test]
async fn a_plan_not_passed_says_why_and_goes_back_to_the_township() {
    let app = spawn_app().await;
    let id = with_plan(&app).await;
    let cadre = app.login("cun-qingshi").await;
    let case = detail(&cadre, &id).await;
    let date = today(&app).to_string();
    let form = |reason: &'static str| {
        [
            ("kind", "review_plan"),
            ("date", ""),
            ("outcome", "fail"),
            ("reason", reason),
        ]
    };

    // No reason: refused on that field, and nothing written.
    let before = footprint(&app, &id).await;
    let mut blank = form("  ");
    blank[1].1 = &date;
    let refused = step(&cadre, &id, version(&case), &blank).await;
    assert_eq!(refused.status(), 422);
    let body: Value = refused.json().await.expect("json");
    assert_eq!(body["Validation"][0]["field"], "reason", "{body}");
    assert_eq!(footprint(&app, &id).await, before);

    let mut returned = form("缺少就业帮扶，家中有劳动力");
    returned[1].1 = &date;
    let response = step(&cadre, &id, version(&case), &returned).await;
    assert_eq!(
        response.status(),
        200,
        "{}",
        response.text().await.unwrap_or_default()
    );

    let township = app.login("zhen-qingshi").await;
    let case = detail(&township, &id).await;
    let history = timeline(&case);
    assert!(
        history.contains("帮扶措施村级民主评议未通过") && history.contains("缺少就业帮扶"),
        "{history}"
    );
    // The township's page leads with revising the plan, the village's reason above its form.
    assert_eq!(case["available"][0]["code"], "add_plan", "{case}");
    assert_eq!(case["plan_returned"], "缺少就业帮扶，家中有劳动力");
    let page = township.get_html(&format!("/staff/cases/{id}")).await;
    assert!(
        page.contains("村级评议未通过：缺少就业帮扶，家中有劳动力"),
        "the reason by the plan form"
    );
    assert_eq!(case["first_step_due"], true, "{case}");
    // And the plan is not posted meanwhile.
    let notice = app.get_html(&format!("/notice/{QINGSHI_VILLAGE}")).await;
    assert!(!notice.contains("落实帮扶措施"));

    // The measure the village did not want is withdrawn: the household no longer reads it
    // as help it gets.
    let tracking = case["tracking"].as_str().expect("tracking").to_owned();
    let household = || crate::fixtures::track_page(&app, &tracking, "13800138072");
    assert!(
        household().await.contains("医疗保障"),
        "listed while planned"
    );
    let withdraw = [
        ("kind", "update_measure_status"),
        ("index", "0"),
        ("status", "withdrawn"),
    ];
    let response = step(&township, &id, version(&case), &withdraw).await;
    assert_eq!(
        response.status(),
        200,
        "{}",
        response.text().await.unwrap_or_default()
    );
    let case = detail(&township, &id).await;
    assert_eq!(case["measures"][0]["status_zh"], "已撤销", "{case}");
    assert!(
        !household().await.contains("医疗保障"),
        "withdrawn: not shown"
    );
}

#[tokio::test]
async fn an_objection_during_the_plans_notice_takes_it_down_for_another_review() {
    let app = spawn_app().await;
    let id = with_plan(&app).await;
    let review = CaseCommand::ReviewPlan {
        date: today(&app),
        outcome: app::domain::case::VillageOutcome::Pass,
    };
    run(&app, &village_cadre(), &id, review).await;
    let posted = CaseCommand::StartPlanNotice { from: today(&app) };
    run(&app, &village_cadre(), &id, posted).await;
    let path = format!("/notice/{QINGSHI_VILLAGE}");
    assert!(app.get_html(&path).await.contains("落实帮扶措施"));

    let cadre = app.login("cun-qingshi").await;
    let case = detail(&cadre, &id).await;
    let steps = offered(&case);
    assert!(steps.iter().any(|s| s == "record_objection"), "{steps:?}");
    let objection = [
        ("kind", "record_objection"),
        ("text", "邻居反映该户已享受医疗救助"),
    ];
    let response = step(&cadre, &id, version(&case), &objection).await;
    assert_eq!(
        response.status(),
        200,
        "{}",
        response.text().await.unwrap_or_default()
    );

    let case = detail(&cadre, &id).await;
    assert!(
        timeline(&case).contains("帮扶措施公示有异议，退回村级评议"),
        "{case}"
    );
    assert_eq!(case["available"][0]["code"], "review_plan", "{case}");
    assert!(
        !app.get_html(&path).await.contains("落实帮扶措施"),
        "the notice is down"
    );
}

/// A review dated before the plan is refused, and the refusal names the earliest day
/// (officer tester: it said only "早于上一步办理的日期").
#[tokio::test]
async fn a_review_dated_before_the_plan_is_refused_naming_the_earliest_day() {
    let app = spawn_app().await;
    let id = with_plan(&app).await;
    let made = today(&app);
    app.clock.advance(chrono::Duration::days(2));
    let cadre = app.login("cun-qingshi").await;
    let case = detail(&cadre, &id).await;
    let early = (made - chrono::Duration::days(1)).to_string();
    let form = [
        ("kind", "review_plan"),
        ("date", early.as_str()),
        ("outcome", "pass"),
    ];
    let before = footprint(&app, &id).await;
    let refused = step(&cadre, &id, version(&case), &form).await;
    assert_eq!(refused.status(), 422);
    let body: Value = refused.json().await.expect("json");
    let message = body.to_string();
    let day = app::domain::lang::Lang::Zh.date(made);
    assert!(message.contains(&format!("日期不能早于{day}")), "{message}");
    assert_eq!(footprint(&app, &id).await, before, "nothing written");
}

/// Measures added to a plan read as added, on the banner and in the history: both said
/// 制定帮扶计划 again (officer tester).
#[tokio::test]
async fn measures_added_to_a_plan_read_as_added() {
    let app = spawn_app().await;
    let id = with_plan(&app).await;
    let township = app.login("zhen-qingshi").await;
    let page = add_by_page(&app, &township, &id, "employment").await;
    assert!(page.contains("已办理：增加帮扶措施"), "the banner");
    assert!(!page.contains("overlaps-added"), "no overlap to point at");
    let history = timeline(&detail(&township, &id).await);
    assert!(
        history.contains("增加帮扶措施：就业帮扶") && history.contains("制定帮扶计划：医疗保障"),
        "{history}"
    );
}

/// A second measure of a kind already planned over the same days is pointed out on the case
/// page, at the later one, and saved all the same (two one-off grants can both be right):
/// nothing warned of a measure entered twice (officer tester).
#[tokio::test]
async fn a_measure_entered_twice_is_pointed_out() {
    let app = spawn_app().await;
    let id = with_plan(&app).await;
    let later = (today(&app) + chrono::Duration::days(10)).to_string();
    let add = |kind: &'static str| CaseCommand::AddPlan {
        measures: vec![measure(
            MeasureType::from_code(kind).expect("kind"),
            later.parse().expect("day"),
        )],
    };
    run(&app, &township_officer(), &id, add("education")).await;
    run(&app, &township_officer(), &id, add("medical")).await;
    // Passed and posted: the first falls due the day its notice may end, five days on.
    crate::storage::plan_on_notice(&app, &id).await;
    app.clock.advance(chrono::Duration::days(5));
    let township = app.login("zhen-qingshi").await;
    let overlaps = |case: &Value| -> Vec<Value> {
        case["measures"]
            .as_array()
            .expect("measures")
            .iter()
            .map(|m| m["overlaps"].clone())
            .collect()
    };
    let none = serde_json::json!([]);
    let case = detail(&township, &id).await;
    assert_eq!(
        overlaps(&case),
        [none.clone(), none, serde_json::json!([1])]
    );
    let page = township.get_html(&format!("/staff/cases/{id}")).await;
    assert_eq!(
        page.matches(r#"data-testid="overlaps""#).count(),
        1,
        "one warning, at the later measure"
    );
    assert!(
        page.contains("与第1项同类措施的时间重叠"),
        "points at the first"
    );
    assert!(
        page.contains("改为“已撤销”"),
        "a planned one can be withdrawn"
    );
    // The queue's "更新措施进度的日期" is on the page, at each measure (the first medical one
    // starts today and says in full what to do; the two later ones say their day: a second
    // measure said nothing, officer tester).
    let due = crate::helpers::tag_with(&page, r#"data-testid="update-due""#);
    assert!(due.contains(r#"class="bad""#), "due today: {due}");
    assert_eq!(page.matches(r#"data-testid="update-due""#).count(), 3);
    assert!(page.contains("（更新措施进度的日期：最迟"), "said in words");
    assert_eq!(
        page.matches("计划中的开始后改为落实中").count(),
        1,
        "in full once"
    );
    // The update form's choice names each measure by that number and its dates.
    assert!(
        page.contains(">第1项：医疗保障（计划中） · "),
        "numbered in the choice"
    );
    // A third, today: it names both before it. Once the two medical ones have started,
    // neither can be withdrawn, and the warning no longer says to.
    let today_medical = CaseCommand::AddPlan {
        measures: vec![measure(MeasureType::Medical, today(&app))],
    };
    run(&app, &township_officer(), &id, today_medical).await;
    let case = detail(&township, &id).await;
    assert_eq!(overlaps(&case)[3], serde_json::json!([1, 3]));
    for index in [0, 3] {
        let started = CaseCommand::UpdateMeasureStatus {
            index,
            status: app::domain::case::MeasureStatus::InProgress,
        };
        run(&app, &township_officer(), &id, started).await;
    }
    let page = township.get_html(&format!("/staff/cases/{id}")).await;
    assert!(
        page.contains("与第1、3项同类措施的时间重叠：如果是重复录入"),
        "both named; the third, still planned, can be withdrawn"
    );
    let withdrawn = CaseCommand::UpdateMeasureStatus {
        index: 2,
        status: app::domain::case::MeasureStatus::Withdrawn,
    };
    run(&app, &township_officer(), &id, withdrawn).await;
    let page = township.get_html(&format!("/staff/cases/{id}")).await;
    assert!(
        page.contains("与第1项同类措施的时间重叠，已开始的措施不能撤销"),
        "no withdrawal offered for two started"
    );
    // Added through the page, an overlapping measure is pointed at from the done banner too:
    // the warning at the measure sits far below it.
    let page = add_by_page(&app, &township, &id, "medical").await;
    let banner = crate::helpers::tag_with(&page, r#"data-testid="overlaps-added""#);
    assert!(!banner.is_empty(), "pointed at from the banner");
    assert!(page.contains(r##"<a href="#measures">注意：有帮扶措施与同类措施的时间重叠"##));
}

/// 提出风险消除 offered before it could pass says on its form what it still lacks (the gaps
/// came only after sending it: officer tester).
#[tokio::test]
async fn an_elimination_proposed_too_early_says_what_it_lacks_on_its_form() {
    let app = spawn_app().await;
    let id = with_plan(&app).await;
    let cadre = app.login("cun-qingshi").await;
    let page = cadre.get_html(&format!("/staff/cases/{id}")).await;
    assert!(page.contains("step-propose_elimination"), "offered");
    let said = crate::helpers::tag_with(&page, r#"data-testid="proposal-gaps""#);
    let said = &page[page.find(said).expect("there")..];
    let said = &said[..said.find("</div>").expect("its end")];
    assert!(said.contains("现在提出，县里会退回"), "{said}");
    assert!(said.contains("帮扶措施“医疗保障”还在计划中"), "{said}");
    assert!(said.contains("走访了0次"), "{said}");
}

/// A measure's update day gone by says so in words, not only in red: a lapsed date read as
/// any other (officer tester).
#[tokio::test]
async fn a_measure_update_day_gone_by_says_it_has_passed() {
    let app = spawn_app().await;
    let id = with_plan(&app).await;
    crate::storage::plan_on_notice(&app, &id).await;
    app.clock.advance(chrono::Duration::days(5));
    let page = app
        .login("zhen-qingshi")
        .await
        .get_html(&format!("/staff/cases/{id}"))
        .await;
    assert!(
        !page.contains("已过：请尽快更新这项措施的进度"),
        "due today, not past"
    );
    app.clock.advance(chrono::Duration::days(3));
    let page = app
        .login("zhen-qingshi")
        .await
        .get_html(&format!("/staff/cases/{id}"))
        .await;
    let due = crate::helpers::tag_with(&page, r#"data-testid="update-due""#);
    assert!(due.contains(r#"class="bad""#), "{due}");
    assert!(page.contains("已过：请尽快更新这项措施的进度"), "said past");
}

/// A measure begun after its planned day says the day it began beside the plan's dates (a late
/// start showed only the plan's: officer tester); one begun on its day says nothing more.
#[tokio::test]
async fn a_measure_begun_late_says_the_day_it_began() {
    let app = spawn_app().await;
    let id = crate::engine::identified_case(&app).await;
    let plan = CaseCommand::AddPlan {
        measures: vec![
            measure(MeasureType::Medical, today(&app)),
            measure(MeasureType::Education, today(&app)),
        ],
    };
    run(&app, &township_officer(), &id, plan).await;
    let start = |index| CaseCommand::UpdateMeasureStatus {
        index,
        status: app::domain::case::MeasureStatus::InProgress,
    };
    run(&app, &township_officer(), &id, start(1)).await;
    app.clock.advance(chrono::Duration::days(2));
    run(&app, &township_officer(), &id, start(0)).await;
    let township = app.login("zhen-qingshi").await;
    let page = township.get_html(&format!("/staff/cases/{id}")).await;
    let began = app::domain::lang::Lang::Zh.date(today(&app));
    assert_eq!(page.matches(r#"data-testid="started-on""#).count(), 1);
    assert!(
        page.contains(&format!("（{began}开始落实）")),
        "the late one: {began}"
    );
}
