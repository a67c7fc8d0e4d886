//! The staff case page's forms as a tester playing village and township officers found them:
//! clock steps offer and accept only the clocks that apply, later household members must
//! choose their relation, and the previous year's income is shown once entered.
use serde_json::Value;

use crate::{
    fixtures::{accepted_case, footprint},
    helpers::{detail, spawn_app, step},
};

fn offered(case: &Value, step: &str) -> Vec<String> {
    case["clock_choices"]
        .as_array()
        .expect("clock choices")
        .iter()
        .find(|pair| pair[0] == step)
        .map(|pair| {
            pair[1]
                .as_array()
                .expect("clocks")
                .iter()
                .filter_map(|c| c["code"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn clock_steps_offer_only_clocks_that_apply_and_refuse_others_on_the_clock_field() {
    let app = spawn_app().await;
    let id = accepted_case(&app, "13800138000").await;
    let cadre = app.login("cun-qingshi").await;
    let case = detail(&cadre, &id).await;
    assert_eq!(offered(&case, "pause_clock"), ["home_check"]);
    assert_eq!(offered(&case, "request_extension"), ["home_check"]);
    assert!(offered(&case, "resume_clock").is_empty());
    assert!(offered(&case, "approve_extension").is_empty());

    let version = case["version"].as_i64().expect("version");
    let before = footprint(&app, &id).await;
    let tries = [
        ("pause_clock", "notice_window"),
        ("pause_clock", "identification_overall"),
        ("request_extension", "notice_window"),
        ("request_extension", "township_acceptance"),
    ];
    for (kind, clock) in tries {
        let form = [
            ("kind", kind),
            ("clock", clock),
            ("days", "2"),
            ("reason", "农户住院"),
        ];
        let refused = step(&cadre, &id, version, &form).await;
        assert_eq!(refused.status(), 422, "{kind} {clock}");
        let body: Value = refused.json().await.expect("json");
        assert_eq!(
            body["Validation"][0]["field"], "clock",
            "{kind} {clock}: {body}"
        );
        assert!(
            body["Validation"][0]["message"]
                .as_str()
                .is_some_and(|zh| !zh.is_ascii()),
            "{body}"
        );
    }
    assert_eq!(footprint(&app, &id).await, before, "nothing written");

    let paused = step(
        &cadre,
        &id,
        version,
        &[
            ("kind", "pause_clock"),
            ("clock", "home_check"),
            ("reason", "农户住院"),
        ],
    )
    .await;
    assert_eq!(paused.status(), 200);
    let case = detail(&cadre, &id).await;
    assert!(offered(&case, "pause_clock").is_empty());
    assert_eq!(offered(&case, "resume_clock"), ["home_check"]);
}

#[tokio::test]
async fn a_later_member_must_choose_a_relation_and_last_years_income_is_shown() {
    let app = spawn_app().await;
    let id = accepted_case(&app, "13800138000").await;
    let cadre = app.login("cun-qingshi").await;
    let case = detail(&cadre, &id).await;
    let version = case["version"].as_i64().expect("version");
    let today = case["today"].as_str().expect("today").to_owned();
    let home_check = |relation: &'static str| {
        let mut form = vec![
            ("kind", "record_home_check"),
            ("date", today.as_str()),
            ("visitors", "王村干"),
            ("members][0][name", "张三"),
            ("members][0][relation", "head"),
            ("members][0][labour", "full"),
            ("members][0][income", "3000"),
            ("members][1][name", "李梅"),
            ("members][1][relation", relation),
            ("members][1][labour", "partial"),
            ("members][1][income", "1000"),
            ("previous_income", "40000"),
            ("consent_signed", "on"),
        ];
        form.extend(crate::helpers::ALL_SECURED);
        form
    };
    let before = footprint(&app, &id).await;
    let unchosen = step(&cadre, &id, version, &home_check("")).await;
    assert_eq!(unchosen.status(), 422);
    let body: Value = unchosen.json().await.expect("json");
    assert_eq!(
        body["Validation"][0]["field"], "members[1][relation]",
        "{body}"
    );
    assert_eq!(body["Validation"][0]["key"], "command.relation_missing");
    assert_eq!(footprint(&app, &id).await, before, "nothing written");

    // An item of 两不愁三保障 left without 是 or 否 is asked for, not saved as at risk.
    let mut skipped = home_check("spouse");
    skipped.retain(|(name, _)| *name != "guarantees][4");
    let unanswered = step(&cadre, &id, version, &skipped).await;
    assert_eq!(unanswered.status(), 422);
    let body: Value = unanswered.json().await.expect("json");
    assert_eq!(body["Validation"][0]["field"], "guarantees", "{body}");
    assert_eq!(body["Validation"][0]["key"], "command.guarantee_unanswered");
    assert_eq!(footprint(&app, &id).await, before, "nothing written");

    // An unsigned consent is said with the form's other problems, not in a second round.
    let mut unsigned = home_check("");
    unsigned.retain(|(name, _)| *name != "consent_signed");
    let both = step(&cadre, &id, version, &unsigned).await;
    assert_eq!(both.status(), 422);
    let body: Value = both.json().await.expect("json");
    let fields: Vec<&str> = body["Validation"]
        .as_array()
        .expect("problems")
        .iter()
        .filter_map(|e| e["field"].as_str())
        .collect();
    assert_eq!(fields, ["members[1][relation]", "consent_signed"], "{body}");
    assert_eq!(footprint(&app, &id).await, before, "nothing written");

    let checked = step(&cadre, &id, version, &home_check("spouse")).await;
    assert_eq!(checked.status(), 200);
    let case = detail(&cadre, &id).await;
    assert_eq!(case["members"][1]["relation_zh"], "配偶");
    let previous = case["previous_income"].as_str().expect("previous income");
    assert!(previous.replace(',', "").contains("40000"), "{previous}");
    let page = cadre.get_html(&format!("/staff/cases/{id}")).await;
    assert!(
        page.contains("上一年度家庭纯收入"),
        "shown on the case page"
    );
}

#[tokio::test]
async fn the_approver_sees_the_days_asked_the_reason_and_the_date_it_would_move_to() {
    let app = spawn_app().await;
    let id = accepted_case(&app, "13800138000").await;
    let cadre = app.login("cun-qingshi").await;
    let version = detail(&cadre, &id).await["version"]
        .as_i64()
        .expect("version");
    let asked = [
        ("kind", "request_extension"),
        ("clock", "home_check"),
        ("days", "3"),
        ("reason", "户主外出务工，周末返乡"),
    ];
    assert_eq!(step(&cadre, &id, version, &asked).await.status(), 200);

    let township = app.login("zhen-qingshi").await;
    let case = detail(&township, &id).await;
    assert_eq!(offered(&case, "approve_extension"), ["home_check"]);
    assert_eq!(case["pending_extensions"][0]["days"], 3, "{case}");
    let page = township.get_html(&format!("/staff/cases/{id}")).await;
    // The approval form's own line (the timeline words it differently).
    assert!(
        page.contains("申请延期3个工作日，理由：户主外出务工，周末返乡。批准后截止"),
        "{page}"
    );
    // And under its deadline, where an officer looks for when the step is due.
    assert!(
        page.contains("延期申请待批：3个工作日，批准后截止"),
        "{page}"
    );
}

#[tokio::test]
async fn a_home_check_with_fewer_members_than_the_report_declared_is_flagged() {
    use app::domain::case::CaseCommand;

    use crate::{
        fixtures::{record, township_officer, village_cadre},
        storage::{file_case, run, today},
    };
    let app = spawn_app().await;
    let officer = app.login("zhen-qingshi").await;
    // The report declared 3 people; the sample home check records 2.
    let short = file_case(&app).await;
    let full = file_case(&app).await;
    for id in [&short, &full] {
        run(&app, &township_officer(), id, CaseCommand::ACCEPT).await;
    }
    let page = officer.get_html(&format!("/staff/cases/{short}")).await;
    assert!(
        !page.contains("members-differ"),
        "nothing to compare before the home check"
    );
    let two = record(today(&app), 300_000);
    let mut three = two.clone();
    three.members.push(two.members[1].clone());
    for (id, record) in [(&short, two), (&full, three)] {
        run(
            &app,
            &village_cadre(),
            id,
            CaseCommand::RecordHomeCheck { record },
        )
        .await;
    }
    let page = officer.get_html(&format!("/staff/cases/{short}")).await;
    assert!(
        page.contains("申报时填写家庭人口3人，入户核查录入了2人，人均收入按2人计算"),
        "the officer sees the gap before reviewing the income"
    );
    let page = officer.get_html(&format!("/staff/cases/{full}")).await;
    assert!(!page.contains("members-differ"), "sizes agree");
}

/// After an objection sends the case back, the re-check's form starts from the last home
/// check: the recorded head, incomes, spending and 是/否 answers, not the applicant and zeros
/// (tester). The ID number is not on the page; sent empty, it is kept.
#[tokio::test]
async fn a_recheck_starts_from_the_last_home_check_and_keeps_its_id_numbers() {
    use app::domain::{
        case::{
            state::{Guarantees, Relation},
            CaseCommand, VillageOutcome,
        },
        id_number::IdNumber,
        money::Fen,
    };
    let app = spawn_app().await;
    let id = accepted_case(&app, "13800138094").await;
    let today = crate::storage::today(&app);
    let mut record = crate::fixtures::record(today, 300_000);
    record.members[0].name = "王建军".into();
    record.members[0].relation = Relation::Head;
    record.members[0].id_number = Some(IdNumber::parse("522727198001010015").expect("id"));
    record.rigid_expenditure = Fen::from_fen(4_800_000);
    record.guarantees = Guarantees {
        housing_safety: false,
        ..Guarantees::ALL_SECURED
    };
    let cadre = crate::fixtures::village_cadre();
    for command in [
        CaseCommand::RecordHomeCheck { record },
        CaseCommand::HoldVillageReview {
            date: today,
            outcome: VillageOutcome::Pass,
        },
        CaseCommand::StartNotice { from: today },
        CaseCommand::RecordObjection {
            text: "村民反映家中有人在外务工".into(),
        },
    ] {
        crate::storage::run(&app, &cadre, &id, command).await;
    }
    let officer = app.login("cun-qingshi").await;
    let page = officer.get_html(&format!("/staff/cases/{id}")).await;
    let form = page
        .split(r#"id="step-record_home_check""#)
        .nth(1)
        .expect("the re-check is offered");
    let form = &form[..form.find("</details>").expect("its end")];
    let tag = |attribute: &str| crate::helpers::tag_with(form, attribute).to_owned();
    assert!(tag(r#"name="form[members][0][name]""#).contains(r#"value="王建军""#));
    assert!(tag(r#"name="form[rigid_expenditure]""#).contains(r#"value="48000""#));
    assert!(tag(r#"value="housing_safety:no""#).contains("checked"));
    assert!(tag(r#"value="food""#).contains("checked"));
    let id_box = tag(r#"name="form[members][0][id_number]""#);
    assert!(
        id_box.contains(r#"value="""#),
        "never the full number: {id_box}"
    );
    // Its last four digits, which fit a phone's box (the masked number did not).
    assert!(id_box.contains("留空沿用尾号0015"), "{id_box}");
    assert!(!page.contains("522727198001010015"));

    // Sent with the ID box empty, the recorded number stays.
    let case = detail(&officer, &id).await;
    let version = case["version"].as_i64().expect("version");
    let date = today.to_string();
    let mut recheck = vec![
        ("kind", "record_home_check"),
        ("date", date.as_str()),
        ("visitors", "王村干"),
        ("members][0][name", "王建军"),
        ("members][0][relation", "head"),
        ("members][0][labour", "full"),
        ("members][0][income", "3000"),
        ("consent_signed", "on"),
    ];
    let answers = [
        "food",
        "clothing",
        "compulsory_education",
        "basic_medical",
        "housing_safety",
        "drinking_water",
    ];
    let names: Vec<String> = (0..6).map(|i| format!("guarantees][{i}")).collect();
    recheck.extend(names.iter().map(String::as_str).zip(answers));
    assert_eq!(step(&officer, &id, version, &recheck).await.status(), 200);
    let case = detail(&officer, &id).await;
    assert!(
        case["members"][0]["id_masked"]
            .as_str()
            .is_some_and(|m| m.ends_with("0015")),
        "{}",
        case["members"]
    );
}

/// An elimination whose home check shows income after spending under the line is said to be
/// refused on the case page from that home check on (tester: refused only at 县级审定).
#[tokio::test]
async fn an_elimination_its_home_check_refuses_is_said_from_the_home_check_on() {
    use app::domain::case::CaseCommand;
    let app = spawn_app().await;
    let id = accepted_case(&app, "13800138096").await;
    crate::storage::home_check_to_township(&app, &id, 300_000).await;
    crate::storage::compare_and_identify(&app, &id).await;
    crate::storage::monitor_until_proposal(&app, &id).await;
    let cadre = app.login("cun-qingshi").await;
    let card = r#"data-testid="elimination-refused""#;
    let page = cadre.get_html(&format!("/staff/cases/{id}")).await;
    assert!(!page.contains(card), "not before its home check");
    // But the home check's form comes filled with the last check, whose income is under the
    // line: said on the form, before it is saved unchanged (officer tester: said only after).
    let warned = page
        .split(r#"data-testid="prefill-refused""#)
        .nth(1)
        .expect("said on the form");
    let warned = &warned[..warned.find("</div>").expect("its end")];
    assert!(warned.contains("上次入户核查"), "{warned}");
    assert!(warned.contains("未超过监测标准"), "{warned}");
    let today = crate::storage::today(&app);
    let mut record = crate::fixtures::record(today, 300_000);
    record.guarantees.housing_safety = false;
    let check = CaseCommand::RecordHomeCheck { record };
    crate::storage::run(&app, &crate::fixtures::village_cadre(), &id, check).await;
    let page = cadre.get_html(&format!("/staff/cases/{id}")).await;
    let said = page.split(card).nth(1).expect("the card");
    let said = &said[..said.find("</section>").expect("its end")];
    assert!(said.contains("县级将不能标注风险消除"), "{said}");
    // Both problems of the re-check, not only the first.
    assert!(said.contains("未超过监测标准"), "{said}");
    assert!(said.contains("两不愁三保障"), "{said}");
}

/// A monitored household's page names what holds back 风险消除: each measure not carried out,
/// and each risk no measure answers (tester: the village could not see which).
#[tokio::test]
async fn the_case_page_names_the_measure_and_the_risk_that_hold_back_elimination() {
    use app::domain::{case::CaseCommand, vocab::MeasureType};
    let app = spawn_app().await;
    let id = accepted_case(&app, "13800138097").await;
    let cadre = app.login("cun-qingshi").await;
    let page = cadre.get_html(&format!("/staff/cases/{id}")).await;
    assert!(!page.contains("请先登录"), "signed in");
    assert!(!page.contains("risks-unanswered"), "not while identifying");
    let mut record = crate::fixtures::record(crate::storage::today(&app), 300_000);
    record.guarantees.housing_safety = false;
    crate::storage::home_check_to_township_with(&app, &id, record).await;
    crate::storage::compare_and_identify(&app, &id).await;
    // The days the steps took ended the first sign-in.
    let cadre = app.login("cun-qingshi").await;

    let open = r#"data-testid="risks-unanswered""#;
    let page = cadre.get_html(&format!("/staff/cases/{id}")).await;
    let said = page.split(open).nth(1).expect("the open risks");
    let said = &said[..said.find("</p>").expect("its end")];
    assert!(
        said.contains("因病") && said.contains("因务工就业不稳"),
        "{said}"
    );
    // The unsafe house the home check found is named too: no measure answers it yet.
    let unsafe_house = r#"data-testid="guarantees-unanswered""#;
    let said = page.split(unsafe_house).nth(1).expect("the unsecured item");
    assert!(said[..said.find("</p>").expect("end")].contains("住房安全"));

    let today = crate::storage::today(&app);
    let plan = CaseCommand::AddPlan {
        measures: vec![crate::fixtures::measure(MeasureType::Medical, today)],
    };
    crate::storage::run(&app, &crate::fixtures::township_officer(), &id, plan).await;
    let page = cadre.get_html(&format!("/staff/cases/{id}")).await;
    assert_eq!(
        page.matches(r#"data-testid="holds-back""#).count(),
        1,
        "the planned one"
    );
    // Medical care may run on: planned, it needs starting, not finishing (tester).
    assert!(
        page.contains("（风险消除前至少要开始落实）"),
        "its own words"
    );
    assert!(!page.contains("（风险消除前要落实完毕）"));
    let run_on = &page[page
        .find(r#"data-testid="may-run-on""#)
        .expect("which may run on")..];
    let run_on = &run_on[..run_on.find("</p>").expect("its end")];
    assert!(
        run_on.contains("医疗") && run_on.contains("教育"),
        "{run_on}"
    );
    let said = page.split(open).nth(1).expect("the open risk");
    let said = &said[..said.find("</p>").expect("its end")];
    assert!(
        said.contains("因务工就业不稳") && !said.contains("因病"),
        "{said}"
    );
    // A job placement pays nothing: no ¥0.00 beside it (tester), the others keep theirs.
    let mut job = crate::fixtures::measure(MeasureType::Employment, today);
    job.amount = app::domain::money::Fen::from_fen(0);
    let plan = CaseCommand::AddPlan {
        measures: vec![crate::fixtures::measure(MeasureType::Housing, today), job],
    };
    crate::storage::run(&app, &crate::fixtures::township_officer(), &id, plan).await;
    let page = cadre.get_html(&format!("/staff/cases/{id}")).await;
    assert!(!page.contains(unsafe_house), "answered by 危房改造");
    assert!(!page.contains("¥0.00 · "), "a measure without money");
    assert_eq!(
        page.matches("¥2,000.00 · ").count(),
        2,
        "medical and housing"
    );
}

/// The update-measure form starts on the first measure not yet delivered, at "its next stage"
/// (it opened on a delivered one at 实施中, which is refused as backwards; and a fixed status
/// did not follow another measure picked on a page without scripts), and the timeline names
/// the measure each update was about.
#[tokio::test]
async fn the_measure_update_form_starts_on_the_next_open_measure() {
    use app::domain::{
        case::{CaseCommand, MeasureStatus},
        vocab::MeasureType,
    };
    let app = spawn_app().await;
    let id = accepted_case(&app, "13800138096").await;
    crate::storage::home_check_to_township(&app, &id, 300_000).await;
    crate::storage::compare_and_identify(&app, &id).await;
    let today = crate::storage::today(&app);
    let plan = CaseCommand::AddPlan {
        measures: vec![
            crate::fixtures::measure(MeasureType::Medical, today),
            crate::fixtures::measure(MeasureType::Employment, today),
        ],
    };
    let township = crate::fixtures::township_officer();
    crate::storage::run(&app, &township, &id, plan).await;
    let update = |index, status| CaseCommand::UpdateMeasureStatus { index, status };
    crate::storage::run(&app, &township, &id, update(0, MeasureStatus::Delivered)).await;
    let officer = app.login("zhen-qingshi").await;
    // Choices that wrap (a `<select>` cut the measure's words off at 360 px: tester).
    let select = |page: &str, field: &str| -> String {
        let from = &page[page
            .find(&format!(r#"id="l-update_measure_status-{field}""#))
            .unwrap_or_else(|| panic!("the {field} control"))..];
        from[..from.find("field-error").expect("its end")].to_owned()
    };
    let page = officer.get_html(&format!("/staff/cases/{id}")).await;
    let measures = select(&page, "index");
    assert!(
        measures.contains(r#"type="radio" name="form[index]" value="1" checked"#),
        "{measures}"
    );
    // The delivered one is not offered: it has no stage left (tester picked it and was refused).
    assert!(!measures.contains(r#"value="0""#), "{measures}");
    let status = select(&page, "status");
    assert!(
        status.contains(r#"name="form[status]" value="next" checked"#),
        "{status}"
    );
    assert!(
        page.contains("帮扶措施“医疗保障”已落实"),
        "the timeline names it"
    );
    // Met clocks sit apart from the running ones (a met 监测回访 beside the next read as a
    // duplicate).
    let running = &page[page
        .find(r#"data-testid="clocks-running""#)
        .expect("running")..];
    let running = &running[..running.find("</ul>").expect("its end")];
    assert!(!running.contains("已按时办结"), "{running}");
    let settled = &page[page
        .find(r#"data-testid="clocks-settled""#)
        .expect("settled")..];
    let settled = &settled[..settled.find("</details>").expect("end")];
    // Each with the day it ended: two rounds of one step read alike without it (tester).
    assert!(settled.contains("已按时办结（"), "{settled}");

    // The form as posted: measure 2 at its next stage moves it from 计划中 to 落实中.
    let version = crate::helpers::detail(&officer, &id).await["version"]
        .as_i64()
        .expect("version");
    let form = [
        ("kind", "update_measure_status"),
        ("index", "1"),
        ("status", "next"),
    ];
    let posted = crate::helpers::step(&officer, &id, version, &form).await;
    assert_eq!(
        posted.status(),
        200,
        "{}",
        posted.text().await.unwrap_or_default()
    );
    let case = crate::helpers::detail(&officer, &id).await;
    assert_eq!(
        case["measures"][1]["status_zh"], "落实中",
        "{}",
        case["measures"]
    );
    let page = officer.get_html(&format!("/staff/cases/{id}")).await;
    assert!(select(&page, "index").contains(r#"name="form[index]" value="1" checked"#));
    let status = select(&page, "status");
    assert!(
        status.contains(r#"name="form[status]" value="next" checked"#),
        "{status}"
    );

    // The plan's notice over its minimum: the village's queue row names ending it, not the
    // visit it may also log (officer tester).
    let (cadre, day) = (
        crate::fixtures::village_cadre(),
        crate::storage::today(&app),
    );
    // The form records the review either way (it said not to record one that failed, beside
    // its 不通过: tester).
    let village = app.login("cun-qingshi").await;
    let page = village.get_html(&format!("/staff/cases/{id}")).await;
    assert!(
        page.contains("帮扶措施村级评议日期") && !page.contains("不要登记"),
        "the plan review's date"
    );
    crate::storage::run(
        &app,
        &cadre,
        &id,
        CaseCommand::ReviewPlan {
            date: day,
            outcome: app::domain::case::VillageOutcome::Pass,
        },
    )
    .await;
    let notice = CaseCommand::StartPlanNotice { from: day };
    crate::storage::run(&app, &cadre, &id, notice).await;
    app.clock.advance(chrono::Duration::days(6));
    let village = app.login("cun-qingshi").await;
    let queue = village.get_html("/staff?tab=all&q=13800138096").await;
    assert!(
        queue.contains("结束帮扶措施公示</strong>"),
        "the step to take"
    );
    // Its date is the case's nearest deadline, said as such (it read as the notice's).
    let row = &queue[queue.find("结束帮扶措施公示</strong>").expect("the row")..];
    let said = &row[..row.find("</div>").expect("the line's end")];
    assert!(said.contains("最近时限："), "{said}");
}
