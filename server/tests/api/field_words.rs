//! Words that come from the domain, read in English: the public notice's matter and dates, a
//! household form's error answer without JavaScript, and a home check's member-named error.
use app::domain::{
    case::{CaseCommand, VillageOutcome},
    lang::Lang,
};
use serde_json::Value;

use crate::{
    english_page::{assert_english, choose_english},
    fixtures::{record, township_officer, village_cadre},
    helpers::{client, detail, report_fields, spawn_app, step, QINGSHI_VILLAGE},
    storage::{run, today},
};

#[tokio::test]
async fn the_public_notice_words_the_matter_and_the_dates_in_the_readers_language() {
    let app = spawn_app().await;
    let tracking = app
        .submit_report("公示户", "13800138000", QINGSHI_VILLAGE)
        .await;
    let id = app.case_id_of(&tracking).await;
    let day = today(&app);
    run(&app, &township_officer(), &id, CaseCommand::ACCEPT).await;
    let cadre = village_cadre();
    let home_check = CaseCommand::RecordHomeCheck {
        record: record(day, 300_000),
    };
    run(&app, &cadre, &id, home_check).await;
    let review = CaseCommand::HoldVillageReview {
        date: day,
        outcome: VillageOutcome::Pass,
    };
    run(&app, &cadre, &id, review).await;
    run(&app, &cadre, &id, CaseCommand::StartNotice { from: day }).await;
    let path = format!("/notice/{QINGSHI_VILLAGE}");

    let chinese = app.get_html(&path).await;
    assert!(chinese.contains("拟认定为防返贫监测对象"), "{chinese}");
    assert!(
        crate::helpers::words(&chinese).contains(&Lang::Zh.date(day)),
        "{chinese}"
    );

    let reader = app.with_client(client(&app.base));
    choose_english(&reader).await;
    let english = assert_english(&reader, &path).await;
    assert!(
        english.contains("To be identified as a monitored household"),
        "{english}"
    );
    assert!(english.contains(&Lang::En.date(day)), "{english}");
    assert!(!english.contains(&Lang::Zh.date(day)), "{english}");
    assert!(
        english.contains("lang=\"zh-CN\">公*户</td>"),
        "the name stays Chinese, marked: {english}"
    );
}

#[tokio::test]
async fn a_household_forms_error_answer_without_javascript_is_in_english() {
    let app = spawn_app().await;
    choose_english(&app).await;
    let mut fields = report_fields("张三", "1380013800", QINGSHI_VILLAGE);
    fields.retain(|(k, _)| k != "form[consent]");
    // What the household typed is its own words; here, English ones.
    for (k, v) in &mut fields {
        if k == "form[description]" {
            *v = "Father in hospital, large medical bills".into();
        }
    }
    let refused = app
        .post_plain_form("/api/reports/submit", "/report", &fields)
        .await;
    assert_eq!(refused.status(), 302);
    let back = refused.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned();
    let page = assert_english(&app, &back).await;
    assert!(
        page.contains("Read and tick the pledge and authorisation."),
        "{page}"
    );
}

#[tokio::test]
async fn a_home_check_error_names_the_member_whose_income_is_wrong() {
    let app = spawn_app().await;
    let tracking = app
        .submit_report("张三", "13800138000", QINGSHI_VILLAGE)
        .await;
    let id = app.case_id_of(&tracking).await;
    run(&app, &township_officer(), &id, CaseCommand::ACCEPT).await;
    let cadre = app.login("cun-qingshi").await;
    let case = detail(&cadre, &id).await;
    let version = case["version"].as_i64().expect("version");
    let today = case["today"].as_str().expect("today").to_owned();
    let form = [
        ("kind", "record_home_check"),
        ("date", today.as_str()),
        ("visitors", "王村干"),
        ("members][0][name", "张三"),
        ("members][0][relation", "head"),
        ("members][0][labour", "full"),
        ("members][0][income", "3000"),
        ("members][1][name", "李梅"),
        ("members][1][relation", "spouse"),
        ("members][1][labour", "partial"),
        ("members][1][income", ""),
        ("consent_signed", "on"),
    ]
    .into_iter()
    .chain(crate::helpers::ALL_SECURED)
    .collect::<Vec<_>>();
    let refused = step(&cadre, &id, version, &form).await;
    assert_eq!(refused.status(), 422);
    let body: Value = refused.json().await.expect("json");
    let error = &body["Validation"][0];
    // Under the wrong control's name, naming the member by the name typed.
    assert_eq!(error["field"], "members[1][income]", "{body}");
    assert_eq!(error["key"], "command.missing");
    assert_eq!(error["message"], "第2位成员 李梅（年收入）：请填写此项");
}
