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
    helpers::spawn_app,
    storage::{run, today},
};

#[tokio::test]
async fn a_notice_past_the_fifteen_day_limit_is_overdue_on_the_dashboard_as_in_the_queue() {
    let app = spawn_app().await;
    let id = accepted_case(&app, "13800138091").await;
    let cadre = village_cadre();
    let steps = [
        CaseCommand::RecordHomeCheck {
            record: record(today(&app), 300_000),
        },
        CaseCommand::HoldVillageReview {
            date: today(&app),
            outcome: VillageOutcome::Pass,
        },
        CaseCommand::StartNotice { from: today(&app) },
    ];
    for step in steps {
        run(&app, &cadre, &id, step).await;
    }
    // The notice is left running past the 15-day limit.
    app.clock.advance(Duration::days(25));

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
