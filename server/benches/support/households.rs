//! A county's households in bulk, as the product stores them: one case per household, every
//! `OPEN_EVERY`-th one open (`next_due_on` set, two open clocks), the rest eliminated, spread
//! over the 12 demo villages. Mobiles and ID numbers are sealed with the app's own vault and
//! carry its blind indexes. Shared by `benches/queue_scale.rs` and `examples/bench`.
//!
//! Speed: multi-row inserts of 1,000 rows, 50,000 households per transaction, and the
//! secondary indexes of `cases` and `case_clocks` dropped first and rebuilt once at the end
//! (one sort per index instead of a million random B-tree inserts).
#![allow(dead_code)] // Each bench uses its own part of these helpers.
use std::time::{Duration, Instant};

use app::{
    domain::{
        calendar::Calendar,
        case::{decide_report, Actor, Case, NewCase, Policy},
        id_number::check_digit,
        region::RegionCode,
        role::Role,
        time::{beijing_date, to_beijing},
        vocab::{Channel, RiskType},
    },
    ssr::{
        db::Backend,
        repo::cases::QueueColumns,
        seed::{COUNTY, TOWNSHIPS},
        state::AppState,
        vault::Field,
    },
};
use chrono::{DateTime, Days, NaiveDate, Utc};
use sqlx::Executor;

/// Every OPEN_EVERY-th household has an open case: 100,000 of 1,000,000.
pub const OPEN_EVERY: usize = 10;
/// Rows per multi-row INSERT (30 columns: 30,000 bound values, under SQLite's 32,766).
const BATCH: usize = 1_000;
/// Households (with their clocks) per transaction.
const PER_TX: usize = 50_000;
/// Open cases' next due dates run from 30 days before today to 29 days after.
const DUE_SPREAD_DAYS: u64 = 60;

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

/// Next due date of open case `i`, spread over the 60 days around `today`.
fn due_on(today: NaiveDate, i: usize) -> NaiveDate {
    let first = today - Days::new(DUE_SPREAD_DAYS / 2);
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
fn snapshot_templates(
    villages: &[(&str, &str)],
    now: DateTime<Utc>,
) -> Vec<(String, String, QueueColumns)> {
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
                discovered_on: beijing_date(now) - Days::new(6),
                duplicates: Vec::new(),
            };
            let events = decide_report(
                &new,
                &actor,
                &Policy::national_default(),
                &Calendar::china(),
                to_beijing(now),
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

struct Seed<'a> {
    state: &'a AppState,
    villages: Vec<(&'static str, &'static str)>,
    templates: Vec<(String, String, QueueColumns)>,
    now_ms: i64,
    today: NaiveDate,
}

async fn insert_cases(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    range: std::ops::Range<usize>,
    seed: &Seed<'_>,
) {
    const COLUMNS: usize = 30;
    let vault = &seed.state.vault;
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
    let discovered = (seed.today - Days::new(6)).to_string();
    let mut query = sqlx::query(&sql);
    for i in range {
        let v = village_of(i);
        let (village, township) = seed.villages[v];
        let id = case_id_of(i);
        let (before, after, queue) = &seed.templates[v];
        let open = is_open(i);
        // Open rows carry the template's work; their due date is the seed's own spread.
        let flag = |b: bool| i64::from(b && open);
        let snapshot = format!("{before}{id}{after}");
        let created_at = seed.now_ms - (i as i64) * 1_000;
        let (mobile, id_number) = (mobile_of(i), id_number_of(i));
        query = query
            .bind(id)
            .bind(format!("BN{i:010}"))
            .bind(village)
            .bind(township)
            .bind(COUNTY.0)
            .bind(if open { "reported" } else { "eliminated" })
            .bind("self_report")
            .bind(name_of(i))
            .bind(vault.seal(Field::Mobile, &mobile))
            .bind(vault.seal(Field::IdNumber, &id_number))
            .bind(vault.index(Field::Mobile, &mobile))
            .bind(vault.index(Field::IdNumber, &id_number))
            .bind(1 + (i % 6) as i64)
            .bind("illness")
            .bind("父亲住院，看病花了很多钱")
            .bind(discovered.clone())
            .bind(created_at)
            .bind(1_i64)
            .bind(created_at)
            .bind(created_at)
            .bind(snapshot)
            .bind(open.then(|| due_on(seed.today, i).to_string()))
            .bind(flag(queue.work_village_cadre))
            .bind(flag(queue.work_township_officer))
            .bind(flag(queue.work_township_head))
            .bind(flag(queue.work_county_officer))
            .bind(flag(queue.work_county_head))
            .bind(flag(queue.work_department))
            .bind(queue.work_rev.clone())
            .bind(open.then(|| due_on(seed.today, i).to_string()));
    }
    query.execute(&mut **tx).await.expect("insert cases");
}

/// The two open clocks of each open case in `range` (acceptance, identification overall).
async fn insert_clocks(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    range: std::ops::Range<usize>,
    seed: &Seed<'_>,
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
    let started = (seed.today - Days::new(6)).to_string();
    let mut query = sqlx::query(&sql);
    for (i, seq) in rows {
        let (village, township) = seed.villages[village_of(i)];
        let due = due_on(seed.today, i);
        let (kind, owner, due) = match seq {
            0 => ("township_acceptance", "township", due),
            _ => ("identification_overall", "county", due + Days::new(40)),
        };
        query = query
            .bind(case_id_of(i))
            .bind(seq as i64)
            .bind(kind)
            .bind(owner)
            .bind(village)
            .bind(township)
            .bind(started.clone())
            .bind(due.to_string())
            .bind("open")
            .bind(None::<String>)
            .bind(seed.now_ms);
    }
    query.execute(&mut **tx).await.expect("insert clocks");
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
    };
    let pool = &state.db.pool;
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
    bar.set_message(format!("{:?} seed", state.db.backend));
    let indexes = secondary_indexes(state).await;
    for (name, _) in &indexes {
        pool.execute(format!("drop index {name}").as_str())
            .await
            .expect("drop index");
    }
    for tx_start in (0..households).step_by(PER_TX) {
        let tx_end = (tx_start + PER_TX).min(households);
        let mut tx = pool.begin().await.expect("begin");
        for batch_start in (tx_start..tx_end).step_by(BATCH) {
            let batch = batch_start..(batch_start + BATCH).min(tx_end);
            insert_cases(&mut tx, batch.clone(), &seed).await;
            insert_clocks(&mut tx, batch.clone(), &seed).await;
            bar.inc(batch.len() as u64);
        }
        tx.commit().await.expect("commit");
    }
    bar.set_message(format!("{:?} indexes", state.db.backend));
    let mut tx = pool.begin().await.expect("begin");
    if state.db.backend == Backend::Postgres {
        // Room to sort each index in memory.
        (&mut *tx)
            .execute("set local maintenance_work_mem = '256MB'")
            .await
            .expect("maintenance_work_mem");
    }
    for (_, create) in &indexes {
        (&mut *tx)
            .execute(create.as_str())
            .await
            .expect("create index");
    }
    tx.commit().await.expect("commit");
    pool.execute("analyze").await.expect("analyze");
    bar.finish_and_clear();
    started.elapsed()
}
