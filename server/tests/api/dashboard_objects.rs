//! The dashboard counts monitoring objects (监测对象) by category, risk level and risk type,
//! and this month's eliminations and removals, as the reporting rules ask. It had no such
//! counts (officer tester, carried since session 37).
use app::domain::{
    case::{reversal::RemovalKind, samples::measure, CaseCommand, EliminationDecision},
    vocab::MeasureType,
};
use chrono::Duration;
use serde_json::Value;

use crate::{
    engine::identified_case,
    fixtures::{county_officer, township_officer},
    helpers::{spawn_app, TestApp},
    storage::{home_check_to_township, monitor_until_proposal, run, today},
};

async fn objects(officer: &TestApp) -> Value {
    let board: Value = officer
        .post_api("/api/dashboard/mine", &[])
        .await
        .json()
        .await
        .expect("json");
    board["objects"].clone()
}

/// (at risk, eliminated) of the `marginal` category, the one identified_case decides.
fn marginal(objects: &Value) -> (u64, u64) {
    let row = objects["by_category"]
        .as_array()
        .and_then(|rows| rows.iter().find(|r| r["category"] == "marginal"))
        .unwrap_or_else(|| panic!("a marginal row: {objects}"));
    let n = |k: &str| row[k].as_u64().unwrap_or(u64::MAX);
    (n("at_risk"), n("eliminated"))
}

/// The total row's households in the ledger workbook's 帮扶措施统计.
async fn measured_households(officer: &TestApp) -> f64 {
    use calamine::{Data, Reader, Xlsx};
    let bytes = officer.get_bytes("/staff/ledger.xlsx").await;
    let mut book: Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).expect("xlsx");
    let sheet = book.worksheet_range("帮扶措施统计").expect("sheet");
    match sheet.rows().next_back().map(|row| row[1].clone()) {
        Some(Data::Float(n)) => n,
        other => panic!("a total row: {other:?}"),
    }
}

fn households(list: &Value, code: &str) -> u64 {
    list.as_array()
        .and_then(|rows| rows.iter().find(|r| r["code"] == code))
        .and_then(|r| r["households"].as_u64())
        .unwrap_or(0)
}

#[tokio::test]
async fn identified_households_are_counted_by_category_level_and_risk_with_the_months_changes() {
    let app = spawn_app().await;
    let eliminated = identified_case(&app).await;
    identified_case(&app).await;
    let moved = identified_case(&app).await;

    let county = app.login("xian-officer").await;
    let seen = objects(&county).await;
    assert_eq!(marginal(&seen), (3, 0), "{seen}");
    assert_eq!(households(&seen["by_tier"], "yellow"), 3, "{seen}");
    assert_eq!(households(&seen["by_risk"], "illness"), 3, "{seen}");
    assert_eq!(seen["removed_this_month"], 0);

    let remove = CaseCommand::Remove {
        kind: RemovalKind::MovedAway,
        reason: "整户迁往外省".into(),
    };
    let plan = CaseCommand::AddPlan {
        measures: vec![measure(MeasureType::Medical, today(&app))],
    };
    run(&app, &township_officer(), &moved, plan).await;
    assert_eq!(measured_households(&county).await, 1.0);
    run(&app, &county_officer(), &moved, remove).await;
    let seen = objects(&county).await;
    assert_eq!(
        marginal(&seen),
        (2, 0),
        "a removed household is not counted"
    );
    assert_eq!(seen["removed_this_month"], 1, "{seen}");
    // Nor are its measures in the ledger's 帮扶措施统计 (it said 2 households where the
    // dashboard said 1: officer tester).
    assert_eq!(measured_households(&county).await, 0.0);

    monitor_until_proposal(&app, &eliminated).await;
    home_check_to_township(&app, &eliminated, 1_500_000).await;
    let decide = CaseCommand::CountyDecideElimination {
        decision: EliminationDecision::Eliminate,
    };
    run(&app, &county_officer(), &eliminated, decide).await;
    let county = app.login("xian-officer").await;
    let seen = objects(&county).await;
    assert_eq!(marginal(&seen), (1, 1), "{seen}");
    assert_eq!(seen["eliminated_this_month"], 1, "{seen}");
    // Levels and risks count the households whose risk remains (the eliminated one was blue).
    assert_eq!(households(&seen["by_tier"], "yellow"), 1, "{seen}");
    assert_eq!(households(&seen["by_risk"], "illness"), 1, "{seen}");
    let page = county.get_html("/staff/dashboard").await;
    assert!(
        page.contains(
            "现有监测对象 2 户（不含已退出监测的户）：风险未消除 1 户，已消除风险 1 户。"
        ),
        "said on the page"
    );
    assert!(page.contains("本月风险消除 1 户"), "the month's changes");
    let day = crate::storage::today(&app);
    assert!(
        crate::helpers::words(&page)
            .contains(&format!("统计日期：{}", app::domain::time::date_zh(day))),
        "the page says the day its figures are for"
    );

    // The next month counts its own changes; the households stay counted.
    app.clock.advance(Duration::days(40));
    let county = app.login("xian-officer").await;
    let seen = objects(&county).await;
    assert_eq!(marginal(&seen), (1, 1));
    assert_eq!(seen["eliminated_this_month"], 0, "{seen}");
    assert_eq!(seen["removed_this_month"], 0, "{seen}");

    // The township sees its villages' households, another township none.
    assert_eq!(
        marginal(&objects(&app.login("zhen-qingshi").await).await),
        (1, 1)
    );
    let elsewhere = app.login("zhen-hekou").await;
    assert_eq!(marginal(&objects(&elsewhere).await), (0, 0));
    assert!(elsewhere
        .get_html("/staff/dashboard")
        .await
        .contains("这个范围内现在没有监测对象。"));
    // A department's liaison reads its own work, not the region's households.
    let liaison = objects(&app.login("bumen-minzheng").await).await;
    assert!(liaison.is_null(), "{liaison}");
}
