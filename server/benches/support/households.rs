//! A county's households in bulk, as the product stores them: one case per household, every
//! `OPEN_EVERY`-th one open (`next_due_on` set, two open clocks), the rest eliminated, spread
//! over the 12 demo villages. Mobiles and ID numbers are sealed with the app's own vault and
//! carry its blind indexes. Shared by `benches/queue_scale.rs` and `examples/bench`.
//!
//! Open cases' clocks are the product's own (`decide_report`), moved so their due dates spread
//! from a few days overdue to two months ahead: the snapshot, the clock rows and the queue
//! columns agree, so the deadline sweep notifies the demo accounts as it would in production.
//!
//! Speed: multi-row inserts of 1,000 rows (COPY on PostgreSQL, `households_copy.rs`), 50,000 households per transaction on one
//! connection, and the secondary indexes of `cases` and `case_clocks` dropped first and
//! rebuilt once at the end (one sort per index instead of a million random B-tree inserts).
//! On SQLite the placeholders are anonymous `?`: SQLite looks a numbered `$n` up by a linear
//! scan of the statement's names, which made every 30,000-value INSERT quadratic (~200
//! households/s). The seed's own connection runs with `synchronous = off` and a 256 MB page
//! cache, and is closed afterwards (the product's connections keep `synchronous = full`).
#![allow(dead_code)] // Each bench uses its own part of these helpers.
#[path = "households_copy.rs"]
mod copy;
#[path = "households_rows.rs"]
mod rows;
use rows::{case_values, clock_values, Value, CASE_COLUMNS, CLOCK_COLUMNS};
use std::time::{Duration, Instant};

use app::{
    domain::{
        calendar::Calendar,
        case::{decide_report, Actor, Case, NewCase, Policy},
        clock::ClockState,
        id_number::check_digit,
        region::RegionCode,
        role::Role,
        time::{beijing_date, to_beijing},
        vocab::{Channel, RiskType},
    },
    ssr::{
        db::Backend,
        repo::{cases::QueueColumns, clocks::ClockRow},
        seed::TOWNSHIPS,
        services::cases::clock_rows,
        state::AppState,
    },
};
use chrono::{DateTime, Days, NaiveDate, Utc};
use sqlx::{Connection, Executor};

/// Every OPEN_EVERY-th household has an open case: 100,000 of 1,000,000.
pub const OPEN_EVERY: usize = 10;
/// Rows per multi-row INSERT (30 columns: 30,000 bound values, under SQLite's 32,766).
const BATCH: usize = 1_000;
/// Households (with their clocks) per transaction.
const PER_TX: usize = 50_000;
/// Open cases' next due dates run over 60 days, from `DUE_OVERDUE_DAYS` before today: about
/// one case in twenty overdue and one in ten due soon, so the sweep has people to tell.
const DUE_SPREAD_DAYS: u64 = 60;
const DUE_OVERDUE_DAYS: u64 = 3;

/// The 12 demo villages with their township.
pub fn villages() -> Vec<(&'static str, &'static str)> {
    TOWNSHIPS
        .iter()
        .flat_map(|(township, _, villages)| villages.iter().map(move |(v, _)| (*v, *township)))
        .collect()
}

pub fn village_of(i: usize) -> usize {
    (i / OPEN_EVERY) % 12
}

pub fn is_open(i: usize) -> bool {
    i.is_multiple_of(OPEN_EVERY)
}

pub fn case_id_of(i: usize) -> String {
    format!("bench-{i:07}")
}

pub fn mobile_of(i: usize) -> String {
    format!("139{i:08}")
}

/// A household head's name, unique per household (the search by name finds one).
pub fn name_of(i: usize) -> String {
    format!("测试户{i}")
}

/// A valid ID number (real birth date, check digit), unique per household below 20 million.
pub fn id_number_of(i: usize) -> String {
    id_number("522727", i)
}

/// `region` + a birth date in 1950–2004 + a serial + the check digit, distinct for each `n`.
pub fn id_number(region: &str, n: usize) -> String {
    let first = NaiveDate::from_ymd_opt(1950, 1, 1).expect("date");
    let born = first + Days::new((n % 20_000) as u64);
    let serial = (n / 20_000) % 1_000;
    let first17 = format!("{region}{}{serial:03}", born.format("%Y%m%d"));
    let check = check_digit(&first17).expect("17 digits");
    format!("{first17}{check}")
}

/// Which of the `DUE_SPREAD_DAYS` due dates open case `i` has (0: the most overdue).
fn due_day(i: usize) -> usize {
    (i / OPEN_EVERY * 7) % DUE_SPREAD_DAYS as usize
}

/// `rows` groups of `columns` placeholders: anonymous `?` on SQLite (bound in order, O(1)
/// each), `$1, $2, ...` on PostgreSQL.
fn placeholders(backend: Backend, rows: usize, columns: usize) -> String {
    (0..rows)
        .map(|r| {
            let row: Vec<String> = (1..=columns)
                .map(|c| match backend {
                    Backend::Sqlite => "?".to_owned(),
                    Backend::Postgres => format!("${}", r * columns + c),
                })
                .collect();
            format!("({})", row.join(", "))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// One case as the report service files it, serialized once with a marker where the id goes.
struct Template {
    before: String,
    after: String,
    queue: QueueColumns,
    next_due_on: Option<String>,
    clocks: Vec<ClockRow>,
}

/// A real case per village and due day (index `village * DUE_SPREAD_DAYS + day`), its running
/// clocks moved so the first falls due on `first_due + day`.
fn snapshot_templates(villages: &[(&str, &str)], now: DateTime<Utc>) -> Vec<Template> {
    const MARK: &str = "@@CASE-ID@@";
    let policy = Policy::national_default();
    let first_due = beijing_date(now) - Days::new(DUE_OVERDUE_DAYS);
    let mut out = Vec::new();
    for (village, _) in villages {
        let village = RegionCode::parse(village).expect("village code");
        let actor = Actor::new("household:139****0000", Role::Household, village.clone());
        let new = NewCase {
            id: MARK.to_owned(),
            village,
            channel: Channel::SelfReport,
            risks: vec![RiskType::Illness],
            discovered_on: beijing_date(now) - Days::new(6),
            duplicates: Vec::new(),
        };
        let events = decide_report(&new, &actor, &policy, &Calendar::china(), to_beijing(now))
            .expect("a valid report");
        let filed = Case::replay(&events).expect("a case");
        for day in 0..DUE_SPREAD_DAYS {
            let mut case = filed.clone();
            let target = first_due + Days::new(day);
            if let Some(next) = case.next_deadline().map(|c| c.due_on) {
                let shift = target - next;
                for clock in &mut case.clocks {
                    if matches!(clock.state, ClockState::Running) {
                        clock.due_on += shift;
                    }
                }
            }
            let clocks = clock_rows(&case);
            let json = serde_json::to_string(&case).expect("snapshot JSON");
            let (before, after) = json.split_once(MARK).expect("id in the snapshot");
            out.push(Template {
                before: before.to_owned(),
                after: after.to_owned(),
                queue: QueueColumns::from(&case.queue_keys(&policy)),
                next_due_on: case.next_deadline().map(|c| c.due_on.to_string()),
                clocks,
            });
        }
    }
    out
}

struct Seed<'a> {
    state: &'a AppState,
    villages: Vec<(&'static str, &'static str)>,
    templates: Vec<Template>,
    now_ms: i64,
    today: NaiveDate,
    /// Every case's `discovered_on`: six days before today.
    discovered: String,
}

impl Seed<'_> {
    /// Household `i`'s case: open ones by their due day, closed ones the village's first.
    fn template(&self, i: usize) -> &Template {
        let day = if is_open(i) { due_day(i) } else { 0 };
        &self.templates[village_of(i) * DUE_SPREAD_DAYS as usize + day]
    }
}

/// One multi-row INSERT of `rows` into `table`.
async fn insert_rows<const N: usize>(
    conn: &mut sqlx::AnyConnection,
    table: &str,
    columns: &str,
    rows: Vec<[Value; N]>,
    backend: Backend,
) {
    if rows.is_empty() {
        return;
    }
    let sql = format!(
        "insert into {table} ({columns}) values {}",
        placeholders(backend, rows.len(), N)
    );
    let mut query = sqlx::query(&sql);
    for value in rows.into_iter().flatten() {
        query = match value {
            Value::Text(s) => query.bind(s),
            Value::Int(n) => query.bind(n),
            Value::Null => query.bind(None::<String>),
        };
    }
    query.execute(&mut *conn).await.expect("insert rows");
}

async fn insert_cases(
    conn: &mut sqlx::AnyConnection,
    range: std::ops::Range<usize>,
    seed: &Seed<'_>,
) {
    let rows = range.map(|i| case_values(i, seed)).collect();
    insert_rows(conn, "cases", CASE_COLUMNS, rows, seed.state.db.backend).await;
}

/// The clocks of each open case in `range`, from its template.
async fn insert_clocks(
    conn: &mut sqlx::AnyConnection,
    range: std::ops::Range<usize>,
    seed: &Seed<'_>,
) {
    let rows = clock_values(range, seed);
    insert_rows(
        conn,
        "case_clocks",
        CLOCK_COLUMNS,
        rows,
        seed.state.db.backend,
    )
    .await;
}

/// The secondary indexes of the bulk tables as (name, create statement), constraint indexes
/// (primary keys, unique constraints) left out: they cannot be dropped and stay in place.
async fn secondary_indexes(state: &AppState) -> Vec<(String, String)> {
    let sql = match state.db.backend {
        Backend::Sqlite => {
            "select name, sql from sqlite_master where type = 'index'
             and tbl_name in ('cases', 'case_clocks') and sql is not null"
        }
        Backend::Postgres => {
            "select i.relname::text, pg_get_indexdef(i.oid) from pg_index x
             join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
             where t.relname in ('cases', 'case_clocks')
             and not exists (select 1 from pg_constraint c where c.conindid = i.oid)"
        }
    };
    sqlx::query_as(sql)
        .fetch_all(&state.db.pool)
        .await
        .expect("list indexes")
}

/// Bulk households on top of the demo county (today = Beijing date of `now`), then planner
/// statistics. Returns how long it took. `progress` draws a bar on stderr.
pub async fn populate(
    state: &AppState,
    households: usize,
    now: DateTime<Utc>,
    progress: bool,
) -> Duration {
    let villages = villages();
    let seed = Seed {
        state,
        templates: snapshot_templates(&villages, now),
        villages,
        now_ms: now.timestamp_millis(),
        today: beijing_date(now),
        discovered: (beijing_date(now) - Days::new(6)).to_string(),
    };
    let backend = state.db.backend;
    let started = Instant::now();
    let bar = if progress {
        indicatif::ProgressBar::new(households as u64)
    } else {
        indicatif::ProgressBar::hidden()
    };
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{msg} [{bar:40}] {human_pos}/{human_len} households, {per_sec}, eta {eta}",
        )
        .expect("progress template")
        .progress_chars("=> "),
    );
    bar.set_message(format!("{backend:?} seed"));
    let indexes = secondary_indexes(state).await;
    // One connection of its own, closed at the end: its seed-only settings never reach the
    // pool the product (or the bench's later steps) use.
    let mut conn = state
        .db
        .pool
        .acquire()
        .await
        .expect("a connection")
        .detach();
    let settings: &[&str] = match backend {
        // Not durable while seeding (a crash means seeding again); 256 MB of page cache
        // for the inserts and the index sorts.
        Backend::Sqlite => &["pragma synchronous = off", "pragma cache_size = -262144"],
        // Room to sort each index in memory; commits need not wait for the disk.
        Backend::Postgres => &[
            "set maintenance_work_mem = '256MB'",
            "set synchronous_commit = off",
        ],
    };
    for sql in settings {
        conn.execute(*sql).await.expect(sql);
    }
    for (name, _) in &indexes {
        conn.execute(format!("drop index {name}").as_str())
            .await
            .expect("drop index");
    }
    match backend {
        // COPY on a native connection: no bind parameters to build and parse.
        Backend::Postgres => {
            let url = state.db.pool.connect_options().database_url.to_string();
            copy::copy_households(&url, households, &seed, &bar).await;
        }
        Backend::Sqlite => {
            for tx_start in (0..households).step_by(PER_TX) {
                let tx_end = (tx_start + PER_TX).min(households);
                let mut tx = conn.begin().await.expect("begin");
                for batch_start in (tx_start..tx_end).step_by(BATCH) {
                    let batch = batch_start..(batch_start + BATCH).min(tx_end);
                    insert_cases(&mut tx, batch.clone(), &seed).await;
                    insert_clocks(&mut tx, batch.clone(), &seed).await;
                    bar.inc(batch.len() as u64);
                }
                tx.commit().await.expect("commit");
            }
        }
    }
    bar.set_message(format!("{backend:?} indexes"));
    let mut tx = conn.begin().await.expect("begin");
    for (_, create) in &indexes {
        (&mut *tx)
            .execute(create.as_str())
            .await
            .expect("create index");
    }
    tx.commit().await.expect("commit");
    bar.set_message(format!("{backend:?} analyze"));
    let finish: &[&str] = match backend {
        // Statistics from a sample of each index (SQLite's recommended limit), then the
        // WAL folded into the database so the server does not start with gigabytes of it.
        Backend::Sqlite => &[
            "pragma analysis_limit = 1000",
            "analyze",
            "pragma wal_checkpoint(truncate)",
        ],
        // vacuum too: it sets the visibility map, without which every index-only count of
        // the queue visits the heap until autovacuum comes round (seen as a slow first page).
        Backend::Postgres => &["vacuum analyze"],
    };
    for sql in finish {
        conn.execute(*sql).await.expect(sql);
    }
    conn.close().await.expect("close the seed connection");
    bar.finish_and_clear();
    started.elapsed()
}
