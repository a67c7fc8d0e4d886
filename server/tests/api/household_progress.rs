//! The household's progress page tells the same dates as the staff side (the county's own
//! policy), says what happens next at each step, says when a step is late, and gives phones.
use app::domain::case::CaseCommand;
use chrono::Duration;
use serde_json::Value;

use crate::{
    fixtures::township_officer,
    helpers::{fields, policy_fields, spawn_app, TestApp, QINGSHI_VILLAGE},
    storage::run,
};

async fn track(app: &TestApp, tracking: &str) -> Value {
    let found = app
        .post_api(
            "/api/reports/track",
            &fields(&[("tracking", tracking), ("mobile", "13800138000")]),
        )
        .await;
    assert_eq!(found.status(), 200);
    found.json().await.expect("json")
}

/// A county that gives its township 4 working days to accept and its village 5 to visit.
async fn slower_county(app: &TestApp) {
    let admin = app.login("xian-admin").await;
    let mut form = policy_fields("2026-11-23", &[]);
    form.retain(|(k, _)| k != "policy[township_acceptance_days]" && k != "policy[home_check_days]");
    form.push(("policy[township_acceptance_days]".into(), "4".into()));
    form.push(("policy[home_check_days]".into(), "5".into()));
    let saved = admin.post_api("/api/settings/policy", &form).await;
    assert_eq!(saved.status(), 200);
}

#[tokio::test]
async fn the_household_is_given_the_county_dates_and_the_phones_the_admin_set() {
    let app = spawn_app().await;
    slower_county(&app).await;
    let admin = app.login("xian-admin").await;
    let set =
        |region: &'static str, phone: &'static str| fields(&[("region", region), ("phone", phone)]);
    let township = &QINGSHI_VILLAGE[..9];
    let township_code = format!("{township}000");
    let saved = admin
        .post_api(
            "/api/contacts/set",
            &set(QINGSHI_VILLAGE, "０８５１－２３４５６７８"),
        )
        .await;
    assert!(saved.status().is_success() || saved.status().is_redirection());
    let saved = admin
        .post_api(
            "/api/contacts/set",
            &fields(&[("region", &township_code), ("phone", "0851-8765432 转 8")]),
        )
        .await;
    assert!(saved.status().is_success() || saved.status().is_redirection());
    let bad = admin
        .post_api("/api/contacts/set", &set(QINGSHI_VILLAGE, "12345"))
        .await;
    assert_eq!(bad.status(), 422);
    let officer = app.login("zhen-qingshi").await;
    let refused = officer
        .post_api("/api/contacts/set", &set(QINGSHI_VILLAGE, "0851-1111111"))
        .await;
    assert_eq!(refused.status(), 403);

    let tracking = app
        .submit_report("张三", "13800138000", QINGSHI_VILLAGE)
        .await;
    let body = track(&app, &tracking).await;
    // Filed Monday 23 Nov: 4 working days → Friday 27 Nov; the visit 5 working days later.
    let next = body["status_detail"].as_str().unwrap_or_default();
    assert!(next.contains("最迟在2026年11月27日完成"), "{next}");
    assert!(next.contains("2026年12月4日"), "{next}");
    let contacts = body["contacts"].to_string();
    assert!(contacts.contains("0851-2345678"), "{contacts}");
    // An office's extension is kept (it was refused: officer tester).
    assert!(contacts.contains("0851-8765432转8"), "{contacts}");
    assert!(contacts.contains("12317"), "{contacts}");

    let posted = app
        .post_plain_form(
            "/api/reports/track",
            "/track",
            &fields(&[("tracking", &tracking), ("mobile", "13800138000")]),
        )
        .await;
    let location = posted.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned();
    let page = app.get_html(&location).await;
    assert!(
        page.contains("href=\"tel:0851-2345678\"") || page.contains("href=\"tel:08512345678\""),
        "tap to call"
    );
    assert!(page.contains("tel:12317"), "the hotline on the page");
    // The extension is dialled after a pause, not run into the number.
    assert!(
        page.contains(r#"href="tel:08518765432,8""#),
        "the extension"
    );
}

#[tokio::test]
async fn a_late_step_says_so_names_whom_to_call_and_that_it_was_reported() {
    let app = spawn_app().await;
    let tracking = app
        .submit_report("张三", "13800138000", QINGSHI_VILLAGE)
        .await;
    let id = app.case_id_of(&tracking).await;
    run(&app, &township_officer(), &id, CaseCommand::ACCEPT).await;
    let on_time = track(&app, &tracking).await;
    assert_eq!(on_time["overdue"], Value::Null);
    let advice = on_time["contact_advice"].as_str().unwrap_or_default();
    assert!(advice.contains("如果到了上面写的日期"), "{advice}");
    assert!(on_time["status_detail"]
        .as_str()
        .unwrap_or_default()
        .contains("上门核实"));
    // The village had 3 working days for the visit; two weeks on, nobody came.
    app.clock.advance(Duration::days(14));
    let late = track(&app, &tracking).await;
    let overdue = late["overdue"].as_str().expect("an overdue sentence");
    assert!(overdue.contains("超过规定时间"), "{overdue}");
    assert!(overdue.contains("报告上级督办"), "{overdue}");
    assert!(
        overdue.contains("村委会") && overdue.contains("12317"),
        "{overdue}"
    );
    // Not also "if the date above passes": it has, and the box above says what to do.
    assert_eq!(
        late["contact_advice"], "",
        "no advice about a date already gone"
    );
}

#[tokio::test]
async fn a_refusal_is_not_accepted_and_not_yet_told_until_it_was() {
    let app = spawn_app().await;
    let tracking = app
        .submit_report("张三", "13800138000", QINGSHI_VILLAGE)
        .await;
    let id = app.case_id_of(&tracking).await;
    let reject = CaseCommand::RejectOutOfScope {
        reason: "非农村户籍".into(),
    };
    run(&app, &township_officer(), &id, reject).await;
    let body = track(&app, &tracking).await;
    assert_eq!(body["status"], "不予受理");
    let text = body.to_string();
    assert!(
        !text.contains("已告知") && !text.contains("乡镇已于"),
        "{text}"
    );
    // Not the end of the road: read as one (household tester).
    assert!(text.contains("情况有变化，可以随时重新申报"), "{text}");
    let notified = CaseCommand::NotifyRefusal {
        on: crate::storage::today(&app),
    };
    run(&app, &township_officer(), &id, notified).await;
    let told = track(&app, &tracking).await;
    assert!(told["done"]
        .as_str()
        .unwrap_or_default()
        .contains("乡镇已于"));
    // Nothing more is to come: no "如果一直没有消息" (household tester).
    assert_eq!(told["contact_advice"], "", "{told}");
    assert!(!told["status_detail"]
        .as_str()
        .unwrap_or_default()
        .contains("原因"));
}
