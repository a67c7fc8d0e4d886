//! The staff queue at county scale: 1,000,000 cases (one per household) of which 100,000 are
//! open (`next_due_on` set, two open clocks each) and 900,000 eliminated, spread over the 12
//! demo villages, in a fresh SQLite file and, when `TEST_POSTGRES_URL` (an admin URL) is set,
//! a fresh PostgreSQL database as well. Measures `services::queue::list_for` as officers see
//! it: first pages, a page deep in the keyset, and a search by mobile number.
//!
//! cargo bench -p server --bench queue_scale -- --warm-up-time 1 --measurement-time 5 --sample-size 10

mod support;

use std::{sync::Arc, time::Instant};

use app::{
    domain::queue_query::{QueueFilter, QueueQuery},
    domain::{
        calendar::Calendar,
        case::{decide_report, Actor, Case, NewCase, Policy},
        id_number::check_digit,
        region::RegionCode,
        role::Role,
        time::to_beijing,
        vocab::{Channel, RiskType},
    },
    ssr::{
        clock::ManualClock,
        db::Backend,
        repo::cases::QueueColumns,
        seed::{COUNTY, TOWNSHIPS},
        services::{auth::Staff, queue::list_for},
        state::AppState,
    },
    wire::queue::QueueView,
};
use chrono::{DateTime, Days, NaiveDate, TimeZone, Utc};
use criterion::{criterion_group, criterion_main, Criterion};
use server::{config::Config, startup::Application};
use sqlx::Executor;
use tokio::runtime::Runtime;

const SQLITE_PATH: &str = "/tmp/sn-bench/queue_scale.db";
/// All cases (households on record).
const CASES: usize = 1_000_000;
/// Every OPEN_EVERY-th case is open: 100,000 open cases spread through the id space.
const OPEN_EVERY: usize = 10;
/// Rows per multi-row INSERT (20 columns: 10,000 bound values, under SQLite's 32,766).
const BATCH: usize = 500;
/// Cases (with their clocks) per transaction.
const CASES_PER_TX: usize = 50_000;
/// Open cases' next due dates run from 30 days before "today" to 29 days after.
const DUE_SPREAD_DAYS: u64 = 60;
/// "Today" of the benchmark: Monday 2026-03-16, 10:00 Beijing time.
fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 16, 2, 0, 0)
        .single()
        .expect("valid time")
}
const TODAY: &str = "2026-03-16";
/// Queue pages walked before the "deep page" measurement.
const DEEP_PAGES: usize = 20;

/// The 12 demo villages with their township.
fn villages() -> Vec<(&'static str, &'static str)> {
    TOWNSHIPS
        .iter()
        .flat_map(|(township, _, villages)| villages.iter().map(move |(v, _)| (*v, *township)))
        .collect()
}

fn village_of(i: usize) -> usize {
    (i / OPEN_EVERY) % 12
}

fn is_open(i: usize) -> bool {
    i.is_multiple_of(OPEN_EVERY)
}

fn mobile_of(i: usize) -> String {
    format!("139{i:08}")
}

fn id_number_of(i: usize) -> String {
    let first17 = format!("5227271980{:07}", i % 10_000_000);
    let check = check_digit(&first17).expect("17 digits");
    format!("{first17}{check}")
}

fn day(s: &str) -> NaiveDate {
    s.parse().expect("valid date")
}

/// Next due date of open case `i`, spread over the 60 days around [`TODAY`].
fn due_on(i: usize) -> NaiveDate {
    let first = day(TODAY) - Days::new(DUE_SPREAD_DAYS / 2);
    first + Days::new(((i / OPEN_EVERY * 7) as u64) % DUE_SPREAD_DAYS)
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

/// A real case snapshot per village, as the report service files it, serialized once with a
/// marker where the id goes: (before the id, after the id, its queue columns).
fn snapshot_templates(villages: &[(&str, &str)]) -> Vec<(String, String, QueueColumns)> {
    const MARK: &str = "@@CASE-ID@@";
    villages
        .iter()
        .map(|(village, _)| {
            let village = RegionCode::parse(village).expect("village code");
            let actor = Actor::new("household:139****0000", Role::Household, village.clone());
            let new = NewCase {
                id: MARK.to_owned(),
                village,
                channel: Channel::SelfReport,
                risks: vec![RiskType::Illness],
                discovered_on: day("2026-03-10"),
                duplicates: Vec::new(),
            };
            let events = decide_report(
                &new,
                &actor,
                &Policy::national_default(),
                &Calendar::china(),
                to_beijing(now()),
            )
            .expect("a valid report");
            let case = Case::replay(&events).expect("a case");
            let json = serde_json::to_string(&case).expect("snapshot JSON");
            let (before, after) = json.split_once(MARK).expect("id in the snapshot");
            let queue = QueueColumns::from(&case.queue_keys(&Policy::national_default()));
            (before.to_owned(), after.to_owned(), queue)
        })
        .collect()
}

struct Seed {
    villages: Vec<(&'static str, &'static str)>,
    templates: Vec<(String, String, QueueColumns)>,
    now_ms: i64,
}

async fn insert_cases(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    range: std::ops::Range<usize>,
    seed: &Seed,
) {
    const COLUMNS: usize = 30;
    // The numbers are stored as the app stores them: sealed, with their blind indexes.
    let vault = app::ssr::vault::Vault::for_tests();
    let sql = format!(
        "insert into cases (id, tracking_number, village_code, township_code, county_code, state,
             channel, applicant_name, applicant_mobile, applicant_id_number,
             applicant_mobile_index, applicant_id_number_index, household_size,
             risk_types, description, discovered_on, consent_at, version, created_at, updated_at,
             snapshot, next_due_on, work_village_cadre, work_township_officer, work_township_head,
             work_county_officer, work_county_head, work_department, work_rev, urgency_due_on)
             values {}",
        placeholders(range.len(), COLUMNS)
    );
    let mut query = sqlx::query(&sql);
    for i in range {
        let v = village_of(i);
        let (village, township) = seed.villages[v];
        let id = format!("bench-{i:07}");
        let (before, after, queue) = &seed.templates[v];
        // Open rows carry the template's work; their due date is the bench's own spread.
        let flag = |b: bool| i64::from(b && is_open(i));
        let snapshot = format!("{before}{id}{after}");
        let open = is_open(i);
        let created_at = seed.now_ms - (i as i64) * 1_000;
        query = query
            .bind(id)
            .bind(format!("BN{i:010}"))
            .bind(village)
            .bind(township)
            .bind(COUNTY.0)
            .bind(if open { "reported" } else { "eliminated" })
            .bind("self_report")
            .bind(format!("测试户{i}"))
            .bind(vault.seal(app::ssr::vault::Field::Mobile, &mobile_of(i)))
            .bind(vault.seal(app::ssr::vault::Field::IdNumber, &id_number_of(i)))
            .bind(vault.index(app::ssr::vault::Field::Mobile, &mobile_of(i)))
            .bind(vault.index(app::ssr::vault::Field::IdNumber, &id_number_of(i)))
            .bind(1 + (i % 6) as i64)
            .bind("illness")
            .bind("基准测试数据")
            .bind("2026-03-10")
            .bind(created_at)
            .bind(1_i64)
            .bind(created_at)
            .bind(created_at)
            .bind(snapshot)
            .bind(open.then(|| due_on(i).to_string()))
            .bind(flag(queue.work_village_cadre))
            .bind(flag(queue.work_township_officer))
            .bind(flag(queue.work_township_head))
            .bind(flag(queue.work_county_officer))
            .bind(flag(queue.work_county_head))
            .bind(flag(queue.work_department))
            .bind(queue.work_rev.clone())
            .bind(open.then(|| due_on(i).to_string()));
    }
    query.execute(&mut **tx).await.expect("insert cases");
}

/// The two open clocks of each open case in `range` (acceptance, identification overall).
async fn insert_clocks(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    range: std::ops::Range<usize>,
    seed: &Seed,
) {
    const COLUMNS: usize = 11;
    let rows: Vec<(usize, usize)> = range
        .filter(|i| is_open(*i))
        .flat_map(|i| (0..2).map(move |seq| (i, seq)))
        .collect();
    if rows.is_empty() {
        return;
    }
    let sql = format!(
        "insert into case_clocks (case_id, seq, kind, owner_level, village_code, township_code,
             started_on, due_on, state, closed_on, created_at) values {}",
        placeholders(rows.len(), COLUMNS)
    );
    let mut query = sqlx::query(&sql);
    for (i, seq) in rows {
        let (village, township) = seed.villages[village_of(i)];
        let (kind, owner, due) = match seq {
            0 => ("township_acceptance", "township", due_on(i)),
            _ => (
                "identification_overall",
                "county",
                due_on(i) + Days::new(40),
            ),
        };
        query = query
            .bind(format!("bench-{i:07}"))
            .bind(seq as i64)
            .bind(kind)
            .bind(owner)
            .bind(village)
            .bind(township)
            .bind("2026-03-10")
            .bind(due.to_string())
            .bind("open")
            .bind(None::<String>)
            .bind(seed.now_ms);
    }
    query.execute(&mut **tx).await.expect("insert clocks");
}

/// Bulk cases and clocks on top of the demo county, then planner statistics.
async fn populate(state: &AppState) {
    let villages = villages();
    let seed = Seed {
        templates: snapshot_templates(&villages),
        villages,
        now_ms: now().timestamp_millis(),
    };
    eprintln!(
        "snapshot JSON: {} bytes",
        seed.templates[0].0.len() + seed.templates[0].1.len() + 13
    );
    let pool = &state.db.pool;
    let started = Instant::now();
    for tx_start in (0..CASES).step_by(CASES_PER_TX) {
        let tx_end = (tx_start + CASES_PER_TX).min(CASES);
        let mut tx = pool.begin().await.expect("begin");
        for batch_start in (tx_start..tx_end).step_by(BATCH) {
            let batch = batch_start..(batch_start + BATCH).min(tx_end);
            insert_cases(&mut tx, batch.clone(), &seed).await;
            insert_clocks(&mut tx, batch, &seed).await;
        }
        tx.commit().await.expect("commit");
    }
    pool.execute("analyze").await.expect("analyze");
    let (cases,): (i64,) = sqlx::query_as("select count(*) from cases")
        .fetch_one(pool)
        .await
        .expect("count cases");
    let (open,): (i64,) =
        sqlx::query_as("select count(*) from cases where next_due_on is not null")
            .fetch_one(pool)
            .await
            .expect("count open");
    let (clocks,): (i64,) = sqlx::query_as("select count(*) from case_clocks where state = 'open'")
        .fetch_one(pool)
        .await
        .expect("count clocks");
    eprintln!(
        "{:?}: seeded {cases} cases ({open} open, {clocks} open clocks) in {:.1?}",
        state.db.backend,
        started.elapsed()
    );
}

/// The app as the server builds it (migrations, demo county, calendar), workers off.
async fn build_state(database_url: &str) -> AppState {
    let config = Config::local(database_url);
    let app = Application::build(&config, Arc::new(ManualClock::new(now())))
        .await
        .expect("application starts");
    populate(&app.state).await;
    app.state.refreshed()
}

fn staff(id: &str, role: Role, scope: &str, scope_name: &str) -> Staff {
    Staff {
        id: format!("demo-{id}"),
        username: id.to_owned(),
        display_name: id.to_owned(),
        role,
        scope: RegionCode::parse(scope).expect("scope code"),
        scope_name: scope_name.to_owned(),
    }
}

async fn queue(state: &AppState, staff: &Staff, q: Option<&str>, after: Option<&str>) -> QueueView {
    queue_tab(state, staff, "all", q, after).await
}

async fn queue_tab(
    state: &AppState,
    staff: &Staff,
    tab: &str,
    q: Option<&str>,
    after: Option<&str>,
) -> QueueView {
    let query = QueueQuery::parse(Some(tab), q, QueueFilter::default(), after).expect("query");
    list_for(state, staff, &query, now()).await.expect("queue")
}

fn bench_queue(c: &mut Criterion, rt: &Runtime, state: &AppState) {
    let township = staff(
        "zhen-qingshi",
        Role::TownshipOfficer,
        TOWNSHIPS[0].0,
        TOWNSHIPS[0].1,
    );
    let county = staff("xian-officer", Role::CountyOfficer, COUNTY.0, COUNTY.1);
    // An open case in 青石镇 (villages 0..4), found by its mobile number.
    let target = (0..CASES)
        .find(|i| is_open(*i) && village_of(*i) < 4 && *i > CASES / 2)
        .expect("an open case in the township");
    let mobile = mobile_of(target);

    // One look at what each call returns, so the figures are about real work; and the deep
    // cursor, reached by following `next` page by page.
    let deep = rt.block_on(async {
        let first = queue(state, &township, None, None).await;
        let county_first = queue(state, &county, None, None).await;
        let found = queue(state, &township, Some(&mobile), None).await;
        let todo = queue_tab(state, &township, "todo", None, None).await;
        eprintln!(
            "township 待办: {} items, counts {:?}; county counts {:?}",
            todo.items.len(),
            todo.counts,
            county_first.counts
        );
        // Exact counts: every open case of the county, not one batch.
        assert_eq!(county_first.counts.all, CASES / OPEN_EVERY);
        assert_eq!(todo.items.len(), 50);
        let mut cursor = first.next.clone();
        for _ in 1..DEEP_PAGES {
            let page = queue(state, &township, None, cursor.as_deref()).await;
            cursor = page.next;
        }
        let deep = cursor.expect("a page deep in the queue");
        let deep_page = queue(state, &township, None, Some(&deep)).await;
        eprintln!(
            "township first page: {} items (counts {:?}, next {:?}); county first page: {} items; \
             page {}: {} items from {:?}; search {mobile}: {} item(s) {:?}",
            first.items.len(),
            first.counts,
            first.next,
            county_first.items.len(),
            DEEP_PAGES + 1,
            deep_page.items.len(),
            deep,
            found.items.len(),
            found.items.first().map(|i| &i.applicant),
        );
        assert_eq!(first.items.len(), 50);
        assert_eq!(county_first.items.len(), 50);
        assert_eq!(deep_page.items.len(), 50);
        assert_eq!(found.items.len(), 1);
        deep
    });

    let name = match state.db.backend {
        Backend::Sqlite => "queue_scale_sqlite",
        Backend::Postgres => "queue_scale_postgres",
    };
    let mut group = c.benchmark_group(name);
    group.bench_function("township_first_page", |b| {
        b.to_async(rt)
            .iter(|| async { queue(state, &township, None, None).await })
    });
    group.bench_function("county_first_page", |b| {
        b.to_async(rt)
            .iter(|| async { queue(state, &county, None, None).await })
    });
    group.bench_function("township_todo_first_page", |b| {
        b.to_async(rt)
            .iter(|| async { queue_tab(state, &township, "todo", None, None).await })
    });
    group.bench_function("county_todo_first_page", |b| {
        b.to_async(rt)
            .iter(|| async { queue_tab(state, &county, "todo", None, None).await })
    });
    group.bench_function("township_deep_page", |b| {
        b.to_async(rt)
            .iter(|| async { queue(state, &township, None, Some(&deep)).await })
    });
    group.bench_function("township_search_mobile", |b| {
        b.to_async(rt)
            .iter(|| async { queue(state, &township, Some(&mobile), None).await })
    });
    group.bench_function("county_search_mobile", |b| {
        b.to_async(rt)
            .iter(|| async { queue(state, &county, Some(&mobile), None).await })
    });
    group.finish();
}

fn sqlite(c: &mut Criterion, rt: &Runtime) {
    std::fs::create_dir_all("/tmp/sn-bench").expect("bench dir");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{SQLITE_PATH}{suffix}"));
    }
    let state = rt.block_on(build_state(&format!("sqlite://{SQLITE_PATH}")));
    assert_eq!(state.db.backend, Backend::Sqlite);
    bench_queue(c, rt, &state);
    rt.block_on(state.db.pool.close());
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{SQLITE_PATH}{suffix}"));
    }
}

fn postgres(c: &mut Criterion, rt: &Runtime, admin_url: &str) {
    let name = format!("sn_bench_queue_{}", std::process::id());
    let state = rt.block_on(async {
        let url = support::recreate_database(admin_url, &name).await;
        build_state(&url).await
    });
    assert_eq!(state.db.backend, Backend::Postgres);
    bench_queue(c, rt, &state);
    rt.block_on(async {
        state.db.pool.close().await;
        support::drop_database(admin_url, &name).await;
    });
}

fn queue_scale(c: &mut Criterion) {
    support::on_both_databases(c, sqlite, postgres);
}

criterion_group!(benches, queue_scale);
criterion_main!(benches);
