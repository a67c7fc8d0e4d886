//! The staff queue at county scale: 1,000,000 cases (one per household) of which 100,000 are
//! open (`next_due_on` set, two open clocks each) and 900,000 eliminated, spread over the 12
//! demo villages, in a fresh SQLite file and, when `TEST_POSTGRES_URL` (an admin URL) is set,
//! a fresh PostgreSQL database as well. Measures `services::queue::list_for` as officers see
//! it: first pages, a page deep in the keyset, and a search by mobile number.
//!
//! cargo bench -p server --bench queue_scale -- --warm-up-time 1 --measurement-time 5 --sample-size 10

#[path = "support/households.rs"]
mod households;
mod support;

use std::sync::Arc;

use app::{
    domain::queue_query::{QueueFilter, QueueQuery},
    domain::{region::RegionCode, role::Role},
    ssr::{
        clock::ManualClock,
        db::Backend,
        seed::{COUNTY, TOWNSHIPS},
        services::{auth::Staff, queue::list_for},
        state::AppState,
    },
    wire::queue::QueueView,
};
use chrono::{DateTime, TimeZone, Utc};
use criterion::{criterion_group, criterion_main, Criterion};
use households::{is_open, mobile_of, village_of, OPEN_EVERY};
use server::{config::Config, startup::Application};
use tokio::runtime::Runtime;

const SQLITE_PATH: &str = "/tmp/sn-bench/queue_scale.db";
/// All cases (households on record).
const CASES: usize = 1_000_000;
/// "Today" of the benchmark: Monday 2026-03-16, 10:00 Beijing time.
fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 16, 2, 0, 0)
        .single()
        .expect("valid time")
}
/// Queue pages walked before the "deep page" measurement.
const DEEP_PAGES: usize = 20;

/// Bulk cases and clocks on top of the demo county, then planner statistics.
async fn populate(state: &AppState) {
    let took = households::populate(state, CASES, now(), true).await;
    let pool = &state.db.pool;
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
        "{:?}: seeded {cases} cases ({open} open, {clocks} open clocks) in {took:.1?}",
        state.db.backend,
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
        department: None,
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
