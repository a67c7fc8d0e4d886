//! The dashboard counts a case as overdue when the queue does: a case whose notice still ran
//! past its 15-day limit was a green 公示中 bar beside the queue's 已逾期 8 (officer tester).
use app::domain::{case::CaseCommand, case::VillageOutcome, region::RegionCode, role::Role};
use app::ssr::{
    clock::Clock,
    services::{auth::Staff, dashboard},
};
use chrono::Duration;
use serde_json::Value;

use crate::{
    fixtures::{accepted_case, record, village_cadre},
    helpers::{spawn_app, TestApp},
    storage::{run, today},
};

/// A case whose notice the village started and never ended, 25 days on: past its 15-day
/// limit, waiting on the village to end the notice.
pub(crate) async fn notice_left_running(app: &TestApp, mobile: &str) -> String {
    let id = accepted_case(app, mobile).await;
    let cadre = village_cadre();
    let steps = [
        CaseCommand::RecordHomeCheck {
            record: record(today(app), 300_000),
        },
        CaseCommand::HoldVillageReview {
            date: today(app),
            outcome: VillageOutcome::Pass,
        },
        CaseCommand::StartNotice { from: today(app) },
    ];
    for step in steps {
        run(app, &cadre, &id, step).await;
    }
    app.clock.advance(Duration::days(25));
    id
}

#[tokio::test]
async fn a_notice_past_the_fifteen_day_limit_is_overdue_on_the_dashboard_as_in_the_queue() {
    let app = spawn_app().await;
    notice_left_running(&app, "13800138091").await;

    let view: Value = app
        .login("xian-officer")
        .await
        .queue_tab("overdue")
        .await
        .json()
        .await
        .expect("json");
    let queue = view["counts"]["overdue"].as_u64().expect("count");
    assert_eq!(queue, 1, "{view}");
    let officer = Staff {
        id: "xian-officer".to_owned(),
        username: "xian-officer".to_owned(),
        display_name: "县级办公室".to_owned(),
        role: Role::CountyOfficer,
        scope: RegionCode::parse("522799000000").expect("county"),
        scope_name: "青石县".to_owned(),
    };
    let board = dashboard::for_staff(&app.state, &officer, app.clock.now())
        .await
        .expect("dashboard");
    let overdue: usize = board.by_step.iter().map(|s| s.overdue).sum();
    assert_eq!(overdue as u64, queue, "{:?}", board.by_step);
    let placed: usize = board.overdue_by_place.iter().map(|(_, n)| n).sum();
    assert_eq!(placed as u64, queue);
}

/// The county owns the 15-day limit, but the village whose step the case waits on (ending
/// the notice) is told when it runs out too (officer tester: only the county heard).
#[tokio::test]
async fn the_level_a_late_case_waits_on_is_told_of_the_overall_limit() {
    let app = spawn_app().await;
    notice_left_running(&app, "13800138092").await;
    app::ssr::services::escalation::sweep(&app.state, app.clock.now())
        .await
        .expect("sweep");
    let inbox: Value = app
        .login("cun-qingshi")
        .await
        .post_api("/api/inbox/mine", &[])
        .await
        .json()
        .await
        .expect("json");
    let titles: Vec<&str> = inbox
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|n| n["title"].as_str())
        .collect();
    assert!(
        titles.iter().any(|t| t.contains("识别认定总时限")),
        "{titles:?}"
    );
    // The 消息 link says how many are unread (officer tester).
    let cadre = app.login("cun-qingshi").await;
    let queue: Value = cadre.queue_tab("all").await.json().await.expect("json");
    assert_eq!(
        queue["unread"].as_u64(),
        Some(titles.len() as u64),
        "{}",
        queue["unread"]
    );
    let page = cadre.get_html("/staff").await;
    assert!(
        page.contains(&format!("（{}条未读）", titles.len())),
        "the link says so"
    );
}
