use serde_json::Value;

use crate::helpers::{fields, policy_fields, spawn_app, QINGSHI_VILLAGE};

async fn acceptance_due(app: &crate::helpers::TestApp) -> String {
    let officer = app.login("zhen-qingshi").await;
    let view: Value = officer.queue_tab("all").await.json().await.expect("json");
    let items = view["items"].as_array().expect("items");
    items.last().expect("an item")["due_on"]
        .as_str()
        .expect("due")
        .to_owned()
}

#[tokio::test]
async fn a_holiday_added_by_the_admin_moves_working_day_deadlines() {
    let app = spawn_app().await;
    app.submit_report("张三", "13800138000", QINGSHI_VILLAGE)
        .await;
    // Filed Monday 2026-11-23: two working days → Wednesday.
    assert_eq!(acceptance_due(&app).await, "2026年11月25日");

    let admin = app.login("xian-admin").await;
    let response = admin
        .post_api(
            "/api/settings/day",
            &fields(&[
                ("day", "2026-11-24"),
                ("kind", "holiday"),
                ("name", "演示假日"),
            ]),
        )
        .await;
    assert_eq!(response.status(), 200);
    app.submit_report("李四", "13900139000", QINGSHI_VILLAGE)
        .await;
    // Tuesday is now a holiday: Wednesday and Thursday are the two working days.
    assert_eq!(acceptance_due(&app).await, "2026年11月26日");
}

#[tokio::test]
async fn a_county_policy_applies_from_its_effective_date() {
    let app = spawn_app().await;
    let admin = app.login("xian-admin").await;
    let policy = |from: &'static str| {
        let mut form = policy_fields(from, &[]);
        form.retain(|(k, _)| k != "policy[township_acceptance_days]");
        form.push(("policy[township_acceptance_days]".into(), "4".into()));
        form
    };
    // Not yet in force: deadlines stay as before.
    assert_eq!(
        admin
            .post_api("/api/settings/policy", &policy("2026-12-01"))
            .await
            .status(),
        200
    );
    app.submit_report("张三", "13800138000", QINGSHI_VILLAGE)
        .await;
    assert_eq!(acceptance_due(&app).await, "2026年11月25日");
    // In force from today: four working days to accept.
    assert_eq!(
        admin
            .post_api("/api/settings/policy", &policy("2026-11-23"))
            .await
            .status(),
        200
    );
    app.submit_report("李四", "13900139000", QINGSHI_VILLAGE)
        .await;
    assert_eq!(acceptance_due(&app).await, "2026年11月27日");

    let officer = app.login("zhen-qingshi").await;
    let refused = officer
        .post_api("/api/settings/policy", &policy("2026-11-23"))
        .await;
    assert_eq!(refused.status(), 403);
}

#[tokio::test]
async fn the_admin_sets_the_visit_cadence_new_monitoring_follows_and_blank_fields_keep_theirs() {
    use app::domain::{
        case::{CaseCommand, IdentificationDecision},
        clock::ClockKind,
        vocab::{Category, RiskTier},
    };

    use crate::{
        fixtures::county_officer,
        storage::{compare_clean, file_case, home_check_to_township, run, today},
    };

    let app = spawn_app().await;
    let admin = app.login("xian-admin").await;
    let form = policy_fields(
        "2026-11-23",
        &[("visit_red_days", "10"), ("recheck_months", "")],
    );
    assert_eq!(
        admin.post_api("/api/settings/policy", &form).await.status(),
        200
    );
    let shown: Value = admin
        .post_api("/api/settings/current", &[])
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(shown["policy"]["visit_red_days"], "10");
    assert_eq!(
        shown["policy"]["recheck_months"], "3",
        "blank kept the default"
    );
    let bad = policy_fields("2026-11-23", &[("visit_yellow_months", "0")]);
    let refused = admin.post_api("/api/settings/policy", &bad).await;
    assert_eq!(refused.status(), 422);

    let id = file_case(&app).await;
    run(
        &app,
        &crate::fixtures::township_officer(),
        &id,
        CaseCommand::ACCEPT,
    )
    .await;
    home_check_to_township(&app, &id, 300_000).await;
    compare_clean(&app, &id).await;
    let identify = CaseCommand::CountyDecide {
        decision: IdentificationDecision::Identify {
            category: Category::Marginal,
            tier: RiskTier::Red,
            note: String::new(),
        },
    };
    run(&app, &county_officer(), &id, identify).await;
    let case = app::ssr::services::cases::load_unscoped(&app.state, &id)
        .await
        .expect("case");
    let visit = case
        .open_clock(ClockKind::MonitoringVisit)
        .expect("visit clock");
    assert_eq!(visit.due_on, today(&app) + chrono::Duration::days(10));
}
