//! The queue's due-date queries over a county-sized table: 100,000 open cases with three
//! clocks each (300,000 rows in `case_clocks`, due dates spread over 60 days), in a fresh
//! SQLite file and, when `TEST_POSTGRES_URL` (an admin URL) is set, a fresh PostgreSQL
//! database as well.
//!
//! cargo bench -p server --bench due_clocks -- --warm-up-time 1 --measurement-time 5

mod support;

use std::time::Instant;

use app::ssr::{
    db::{Backend, Db},
    repo::notifications,
    seed::{seed_demo, COUNTY, TOWNSHIPS},
};
use chrono::{Days, NaiveDate, TimeZone, Utc};
use criterion::{criterion_group, criterion_main, Criterion};
use sqlx::{AnyPool, Executor};
use tokio::runtime::Runtime;

const SQLITE_PATH: &str = "/tmp/sn-bench/bench.db";
const CASES: usize = 100_000;
const CLOCKS_PER_CASE: usize = 3;
/// Rows per multi-row INSERT.
const BATCH: usize = 500;
/// Cases (with their clocks) per transaction.
const CASES_PER_TX: usize = 20_000;
/// Due dates run from 30 days before "today" to 29 days after.
const DUE_SPREAD_DAYS: u64 = 60;
/// "Today" of the benchmark: a Monday.
const TODAY: &str = "2026-03-16";
/// Due soon or overdue: due on or before the next two days.
const DUE_BY: &str = "2026-03-18";
/// The township the township-scoped query looks at (青石镇).
const TOWNSHIP: &str = "522799101000";
const LIMIT: i64 = 200;

const OPEN_CASE_STATES: [&str; 5] = [
    "reported",
    "accepted",
    "home_checked",
    "village_reviewed",
    "notice_running",
];

const TOWNSHIP_DUE_BY: &str = "select case_id, kind, due_on from case_clocks
     where township_code = $1 and state = 'open' and due_on <= $2 order by due_on limit 200";

const OVERDUE_BY_TOWNSHIP: &str = "select township_code, count(*) from case_clocks
     where state = 'open' and due_on < $1 group by township_code order by township_code";

fn day(s: &str) -> NaiveDate {
    s.parse().expect("valid date")
}

/// The 12 demo villages with their township.
fn villages() -> Vec<(&'static str, &'static str)> {
    TOWNSHIPS
        .iter()
        .flat_map(|(township, _, villages)| villages.iter().map(move |(v, _)| (*v, *township)))
        .collect()
}

/// `($1, $2, ...), ($k, ...)`: `rows` groups of `columns` numbered placeholders.
fn placeholders(rows: usize, columns: usize) -> String {
    (0..rows)
        .map(|r| {
            let row: Vec<String> = (1..=columns)
                .map(|c| format!("${}", r * columns + c))
                .collect();
            format!("({})", row.join(", "))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Due date of clock `seq` of case `i`, spread over the 60 days around [`TODAY`].
fn due_on(i: usize, seq: usize) -> NaiveDate {
    let first = day(TODAY) - Days::new(DUE_SPREAD_DAYS / 2);
    first + Days::new(((i * 7 + seq * 11) as u64) % DUE_SPREAD_DAYS)
}

/// (kind, owner level, state) of clock `seq` of case `i`: mostly open, some met or cancelled.
fn clock_of(i: usize, seq: usize) -> (&'static str, &'static str, &'static str) {
    match seq {
        0 if !i.is_multiple_of(3) => ("township_acceptance", "township", "met"),
        0 => ("township_acceptance", "township", "open"),
        1 => ("home_check", "village", "open"),
        _ if i.is_multiple_of(10) => ("identification_overall", "township", "cancelled"),
        _ => ("identification_overall", "township", "open"),
    }
}

async fn insert_cases(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    range: std::ops::Range<usize>,
    villages: &[(&str, &str)],
    now_ms: i64,
) {
    const COLUMNS: usize = 20;
    let sql = format!(
        "insert into cases (id, tracking_number, village_code, township_code, county_code, state,
             channel, applicant_name, applicant_mobile, applicant_id_number, household_size,
             risk_types, description, discovered_on, consent_at, version, created_at, updated_at,
             snapshot, next_due_on) values {}",
        placeholders(range.len(), COLUMNS)
    );
    let mut query = sqlx::query(&sql);
    for i in range {
        let (village, township) = villages[i % villages.len()];
        let next_due = (0..CLOCKS_PER_CASE)
            .filter(|seq| clock_of(i, *seq).2 == "open")
            .map(|seq| due_on(i, seq))
            .min()
            .map(|d| d.to_string());
        let created_at = now_ms - (i as i64) * 1_000;
        query = query
            .bind(format!("bench-{i:06}"))
            .bind(format!("BN{i:010}"))
            .bind(village)
            .bind(township)
            .bind(COUNTY.0)
            .bind(OPEN_CASE_STATES[i % OPEN_CASE_STATES.len()])
            .bind("self_report")
            .bind(format!("测试户{i}"))
            .bind(format!("139{i:08}"))
            .bind(format!("52272719800101{:04}", i % 10_000))
            .bind(1 + (i % 6) as i64)
            .bind("illness")
            .bind("基准测试数据")
            .bind((due_on(i, 1) - Days::new(20)).to_string())
            .bind(created_at)
            .bind(1_i64)
            .bind(created_at)
            .bind(created_at)
            .bind("{}")
            .bind(next_due);
    }
    query.execute(&mut **tx).await.expect("insert cases");
}

async fn insert_clocks(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    range: std::ops::Range<usize>,
    villages: &[(&str, &str)],
    now_ms: i64,
) {
    const COLUMNS: usize = 13;
    let rows: Vec<(usize, usize)> = range
        .flat_map(|i| (0..CLOCKS_PER_CASE).map(move |seq| (i, seq)))
        .collect();
    for chunk in rows.chunks(BATCH) {
        let sql = format!(
            "insert into case_clocks (case_id, seq, kind, owner_level, village_code, township_code,
                 tracking_number, started_on, due_on, state, closed_on, pause_known, created_at)
             values {}",
            placeholders(chunk.len(), COLUMNS)
        );
        let mut query = sqlx::query(&sql);
        for &(i, seq) in chunk {
            let (village, township) = villages[i % villages.len()];
            let (kind, owner, state) = clock_of(i, seq);
            let due = due_on(i, seq);
            let closed_on = (state != "open").then(|| (due - Days::new(2)).to_string());
            query = query
                .bind(format!("bench-{i:06}"))
                .bind(seq as i64)
                .bind(kind)
                .bind(owner)
                .bind(village)
                .bind(township)
                .bind(format!("BN-bench-{i:06}"))
                .bind((due - Days::new(10)).to_string())
                .bind(due.to_string())
                .bind(state)
                .bind(closed_on)
                .bind(1_i64)
                .bind(now_ms);
        }
        query.execute(&mut **tx).await.expect("insert clocks");
    }
}

/// Seeds the demo regions and the bulk cases and clocks, then refreshes planner statistics.
async fn populate(db: &Db) {
    let now = Utc
        .with_ymd_and_hms(2026, 3, 16, 2, 0, 0)
        .single()
        .expect("valid time");
    seed_demo(db, now).await.expect("seed demo county");
    let villages = villages();
    let now_ms = now.timestamp_millis();
    let started = Instant::now();
    for tx_start in (0..CASES).step_by(CASES_PER_TX) {
        let tx_end = (tx_start + CASES_PER_TX).min(CASES);
        let mut tx = db.pool.begin().await.expect("begin");
        for batch_start in (tx_start..tx_end).step_by(BATCH) {
            let batch = batch_start..(batch_start + BATCH).min(tx_end);
            insert_cases(&mut tx, batch.clone(), &villages, now_ms).await;
            insert_clocks(&mut tx, batch, &villages, now_ms).await;
        }
        tx.commit().await.expect("commit");
    }
    db.pool.execute("analyze").await.expect("analyze");
    let (cases,): (i64,) = sqlx::query_as("select count(*) from cases")
        .fetch_one(&db.pool)
        .await
        .expect("count cases");
    let (open,): (i64,) = sqlx::query_as("select count(*) from case_clocks where state = 'open'")
        .fetch_one(&db.pool)
        .await
        .expect("count clocks");
    eprintln!(
        "{:?}: seeded {cases} cases, {open} open clocks in {:.1?}",
        db.backend,
        started.elapsed()
    );
}

fn bench_queries(c: &mut Criterion, rt: &Runtime, db: &Db) {
    let pool: &AnyPool = &db.pool;
    let name = match db.backend {
        Backend::Sqlite => "due_clocks_sqlite",
        Backend::Postgres => "due_clocks_postgres",
    };

    // One look at what each query returns, so the figures are about real work.
    rt.block_on(async {
        let due = notifications::untold_clocks_due(
            pool,
            &app::ssr::vault::Vault::for_tests(),
            DUE_BY,
            TODAY,
            LIMIT,
        )
        .await
        .expect("the sweep's query");
        let township: Vec<(String, String, String)> = sqlx::query_as(TOWNSHIP_DUE_BY)
            .bind(TOWNSHIP)
            .bind(DUE_BY)
            .fetch_all(pool)
            .await
            .expect("township due");
        let overdue: Vec<(String, i64)> = sqlx::query_as(OVERDUE_BY_TOWNSHIP)
            .bind(TODAY)
            .fetch_all(pool)
            .await
            .expect("overdue counts");
        eprintln!(
            "{name}: sweep query {} rows, township {} rows, overdue by township {overdue:?}",
            due.len(),
            township.len()
        );
    });

    let mut group = c.benchmark_group(name);
    // The clock sweep's own query (`escalation::sweep` reads through it).
    group.bench_function("sweep_untold_clocks_due_200", |b| {
        b.to_async(rt).iter(|| async move {
            notifications::untold_clocks_due(
                pool,
                &app::ssr::vault::Vault::for_tests(),
                DUE_BY,
                TODAY,
                LIMIT,
            )
            .await
            .expect("the sweep's query")
        })
    });
    group.bench_function("township_due_by_200", |b| {
        b.to_async(rt).iter(|| async move {
            let rows: Vec<(String, String, String)> = sqlx::query_as(TOWNSHIP_DUE_BY)
                .bind(TOWNSHIP)
                .bind(DUE_BY)
                .fetch_all(pool)
                .await
                .expect("township due");
            rows
        })
    });
    group.bench_function("overdue_count_by_township", |b| {
        b.to_async(rt).iter(|| async move {
            let rows: Vec<(String, i64)> = sqlx::query_as(OVERDUE_BY_TOWNSHIP)
                .bind(TODAY)
                .fetch_all(pool)
                .await
                .expect("overdue counts");
            rows
        })
    });
    group.finish();
}

fn sqlite(c: &mut Criterion, rt: &Runtime) {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{SQLITE_PATH}{suffix}"));
    }
    let db = rt.block_on(async {
        let db = Db::connect(&format!("sqlite://{SQLITE_PATH}"))
            .await
            .expect("open SQLite");
        populate(&db).await;
        db
    });
    bench_queries(c, rt, &db);
    rt.block_on(db.pool.close());
}

fn postgres(c: &mut Criterion, rt: &Runtime, admin_url: &str) {
    let name = format!("sn_bench_{}", std::process::id());
    let db = rt.block_on(async {
        let url = support::recreate_database(admin_url, &name).await;
        let db = Db::connect(&url).await.expect("open PostgreSQL");
        populate(&db).await;
        db
    });
    bench_queries(c, rt, &db);
    rt.block_on(async {
        db.pool.close().await;
        support::drop_database(admin_url, &name).await;
    });
}

fn due_clocks(c: &mut Criterion) {
    support::on_both_databases(c, sqlite, postgres);
}

criterion_group!(benches, due_clocks);
criterion_main!(benches);
