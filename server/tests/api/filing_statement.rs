//! PostgreSQL files a report in one statement (`repo::filing_statement`): its counters, case,
//! events and clocks commit together, and a counter at its limit leaves nothing written, the
//! counter included. On SQLite the filing takes the grouped writer instead.
use app::ssr::{
    db::Backend,
    repo::{
        cases::{CaseRow, QueueColumns},
        clocks::{ClockCase, ClockRow},
        filing_statement::{self, Filing, Written},
        multi_row::{EventRow, WindowHit},
    },
};

use crate::{
    fixtures::{COUNTY, QINGSHI_TOWNSHIP},
    helpers::{spawn_app, valid_id_number, TestApp, QINGSHI_VILLAGE},
};

fn row(id: &str, serial: u32) -> CaseRow {
    CaseRow {
        id: id.to_owned(),
        tracking_number: format!("FS{serial:08}"),
        village_code: QINGSHI_VILLAGE.to_owned(),
        township_code: QINGSHI_TOWNSHIP.to_owned(),
        county_code: COUNTY.to_owned(),
        village_group: None,
        state: "reported".to_owned(),
        channel: "self_report".to_owned(),
        applicant_name: "一句户".to_owned(),
        applicant_mobile: format!("1370000{serial:04}"),
        applicant_id_number: valid_id_number(serial),
        household_size: 3,
        risk_types: app::domain::risk_list::RiskList(Vec::new()),
        description: "一条语句".to_owned(),
        discovered_on: "2026-11-23".to_owned(),
        consent_at: 0,
        version: 1,
        created_at: 0,
        updated_at: 0,
        consent_by: None,
        idempotency_key: None,
    }
}

async fn file(app: &TestApp, id: &str, serial: u32, hits: &[WindowHit<'_>]) -> Written {
    let row = row(id, serial);
    let events = [EventRow {
        seq: 1,
        kind: "reported",
        actor_id: Some("household:137****0000"),
        at_ms: 0,
        payload: "{}".to_owned(),
    }];
    let clocks = [ClockRow {
        seq: 0,
        kind: "accept".to_owned(),
        owner_level: "township".to_owned(),
        started_on: "2026-11-23".to_owned(),
        due_on: "2026-11-26".to_owned(),
        state: "open".to_owned(),
        closed_on: None,
        paused_left: None,
    }];
    let filing = Filing {
        hits,
        row: &row,
        snapshot: "{}",
        next_due_on: Some("2026-11-26"),
        queue: &QueueColumns::default(),
        events: &events,
        clock_case: ClockCase {
            case_id: id,
            village_code: &row.village_code,
            township_code: &row.township_code,
            tracking_number: &row.tracking_number,
        },
        clocks: &clocks,
        now_ms: 1_000,
    };
    filing_statement::write(&app.state.db.pool, &app.state.vault, &filing)
        .await
        .expect("the statement runs")
}

/// (cases, events, clocks) stored for `id`, and the hits on `bucket`.
async fn stored(app: &TestApp, id: &str, bucket: &str) -> (i64, i64, i64, Option<i64>) {
    let pool = &app.state.db.pool;
    let count = |table: &'static str| {
        let sql = format!(
            "select count(*) from {table} where {} = $1",
            if table == "cases" { "id" } else { "case_id" }
        );
        async move {
            sqlx::query_scalar::<_, i64>(&sql)
                .bind(id)
                .fetch_one(pool)
                .await
                .expect("count")
        }
    };
    let hits = sqlx::query_scalar::<_, i64>("select hits from rate_limits where bucket = $1")
        .bind(bucket)
        .fetch_optional(pool)
        .await
        .expect("hits");
    (
        count("cases").await,
        count("case_events").await,
        count("case_clocks").await,
        hits,
    )
}

#[tokio::test]
async fn one_statement_stores_a_filing_whole_and_a_limit_leaves_nothing() {
    let app = spawn_app().await;
    if app.state.db.backend != Backend::Postgres {
        return;
    }
    let hit = [WindowHit {
        bucket: "filing-test",
        limit: 1,
        window_ms: 60_000,
    }];
    assert_eq!(file(&app, "fs-1", 1, &hit).await, Written::Stored);
    assert_eq!(
        stored(&app, "fs-1", "filing-test").await,
        (1, 1, 1, Some(1))
    );
    // The counter is at its limit: the second filing is refused and writes nothing.
    assert_eq!(file(&app, "fs-2", 2, &hit).await, Written::OverALimit);
    assert_eq!(
        stored(&app, "fs-2", "filing-test").await,
        (0, 0, 0, Some(1))
    );
    // A filing counted by nothing (a proxy's) is stored.
    assert_eq!(file(&app, "fs-3", 3, &[]).await, Written::Stored);
    assert_eq!(
        stored(&app, "fs-3", "filing-test").await,
        (1, 1, 1, Some(1))
    );
    // Two counters, one of them full: neither is counted.
    let two = [
        WindowHit {
            bucket: "filing-free",
            limit: 5,
            window_ms: 60_000,
        },
        hit[0],
    ];
    assert_eq!(file(&app, "fs-4", 4, &two).await, Written::OverALimit);
    assert_eq!(stored(&app, "fs-4", "filing-free").await, (0, 0, 0, None));
}
