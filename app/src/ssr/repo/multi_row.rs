//! Multi-row statements for the filing path: a case's events in one insert, its clocks in
//! one insert, and several rate-limit hits in one upsert. Each statement is one round trip
//! (on PostgreSQL a network one) instead of one per row.
use sqlx::{Any, Executor, Row};

use super::{
    clocks::{ClockCase, ClockRow},
    Bound,
};
use crate::ssr::vault::Vault;

/// `($a, $a+1, …), (…)`: `rows` groups of `width` numbered binds from `$first`.
fn value_groups(first: usize, rows: usize, width: usize) -> String {
    (0..rows)
        .map(|r| {
            let binds: Vec<String> = (0..width)
                .map(|c| format!("${}", first + r * width + c))
                .collect();
            format!("({})", binds.join(", "))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

pub(super) const EVENT_WIDTH: usize = 7;
pub(super) const CLOCK_WIDTH: usize = 14;

/// The insert of `rows` events, its markers numbered from `$first`.
pub(super) fn events_sql(first: usize, rows: usize) -> String {
    format!(
        "insert into case_events (case_id, seq, kind, actor_id, at, payload, created_at) values {}",
        value_groups(first, rows, EVENT_WIDTH)
    )
}

/// Binds for [`events_sql`] (each payload sealed here); `EVENT_WIDTH` per event.
pub(super) fn bind_events<'q>(
    mut query: Bound<'q>,
    vault: &Vault,
    case_id: &'q str,
    events: &'q [EventRow<'q>],
) -> sqlx::Result<Bound<'q>> {
    for event in events {
        query = query
            .bind(case_id)
            .bind(event.seq)
            .bind(event.kind)
            .bind(event.actor_id)
            .bind(event.at_ms)
            .bind(vault.seal_json(&event.payload)?)
            .bind(event.at_ms);
    }
    Ok(query)
}

/// The insert of `rows` clocks, its markers numbered from `$first`.
pub(super) fn clocks_sql(first: usize, rows: usize) -> String {
    format!(
        "insert into case_clocks (case_id, seq, kind, owner_level, village_code, township_code,
             tracking_number, started_on, due_on, state, closed_on, paused_left, pause_known,
             created_at)
         values {}",
        value_groups(first, rows, CLOCK_WIDTH)
    )
}

/// Binds for [`clocks_sql`]; `CLOCK_WIDTH` per clock.
pub(super) fn bind_clocks<'q>(
    mut query: Bound<'q>,
    case: &ClockCase<'q>,
    rows: &'q [ClockRow],
    now_ms: i64,
) -> Bound<'q> {
    for row in rows {
        query = query
            .bind(case.case_id)
            .bind(row.seq)
            .bind(&row.kind)
            .bind(&row.owner_level)
            .bind(case.village_code)
            .bind(case.township_code)
            .bind(case.tracking_number)
            .bind(&row.started_on)
            .bind(&row.due_on)
            .bind(&row.state)
            .bind(&row.closed_on)
            .bind(row.paused_left)
            .bind(1_i64)
            .bind(now_ms);
    }
    query
}

/// One event to store (its payload is sealed here).
pub struct EventRow<'a> {
    pub seq: i64,
    pub kind: &'a str,
    pub actor_id: Option<&'a str>,
    pub at_ms: i64,
    pub payload: String,
}

/// Inserts all `events` of `case_id` in one statement.
pub async fn insert_events<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    vault: &Vault,
    case_id: &str,
    events: &[EventRow<'_>],
) -> sqlx::Result<()> {
    if events.is_empty() {
        return Ok(());
    }
    let sql = events_sql(1, events.len());
    bind_events(sqlx::query(&sql), vault, case_id, events)?
        .execute(ex)
        .await
        .map(|_| ())
}

/// Inserts all `rows` (the clocks of `case`) in one statement.
pub async fn insert_clocks<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    case: &ClockCase<'_>,
    rows: &[ClockRow],
    now_ms: i64,
) -> sqlx::Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    let sql = clocks_sql(1, rows.len());
    bind_clocks(sqlx::query(&sql), case, rows, now_ms)
        .execute(ex)
        .await
        .map(|_| ())
}

/// One hit on a fixed-window counter (see `rate_limits::take_in_window`).
#[derive(Debug, Clone, Copy)]
pub struct WindowHit<'a> {
    pub bucket: &'a str,
    pub limit: i64,
    pub window_ms: i64,
}

/// Binds [`hits_sql`] takes for `n` hits.
pub(super) fn hit_binds(n: usize) -> usize {
    n * 4 + 1
}

/// The upsert of `n` hits, its markers numbered from `$first`, returning `bucket, hits` of
/// each bucket counted (a bucket at its limit is neither counted nor returned).
pub(super) fn hits_sql(first: usize, n: usize) -> String {
    // Binds: per hit (bucket, window end) for the rows, then now, then (bucket, limit) pairs
    // for the limit of the conflicting row.
    let now = first + n * 2;
    let rows: Vec<String> = (0..n)
        .map(|i| {
            format!(
                "(${}, 1, ${}, ${now}, ${now})",
                first + 2 * i,
                first + 2 * i + 1
            )
        })
        .collect();
    let limits: String = (0..n)
        .map(|i| format!(" when ${} then ${}", now + 2 * i + 1, now + 2 * i + 2))
        .collect();
    format!(
        "insert into rate_limits (bucket, hits, window_ends, next_at, created_at)
         values {}
         on conflict (bucket) do update set
           hits = case when rate_limits.window_ends <= ${now} then 1 else rate_limits.hits + 1 end,
           window_ends = case when rate_limits.window_ends <= ${now} then excluded.window_ends
                         else rate_limits.window_ends end
         where rate_limits.window_ends <= ${now}
            or rate_limits.hits < (case excluded.bucket{limits} end)
         returning bucket, hits",
        rows.join(", ")
    )
}

/// Binds for [`hits_sql`]: [`hit_binds`] of them.
pub(super) fn bind_hits<'q>(
    mut query: Bound<'q>,
    hits: &'q [WindowHit<'q>],
    now_ms: i64,
) -> Bound<'q> {
    for hit in hits {
        query = query.bind(hit.bucket).bind(now_ms + hit.window_ms);
    }
    query = query.bind(now_ms);
    for hit in hits {
        query = query.bind(hit.bucket).bind(hit.limit);
    }
    query
}

/// Takes every hit in one upsert and returns the buckets admitted (a bucket at its limit is
/// neither counted nor returned). The buckets must be distinct.
pub async fn take_each_in_window<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    hits: &[WindowHit<'_>],
    now_ms: i64,
) -> sqlx::Result<Vec<String>> {
    if hits.is_empty() {
        return Ok(Vec::new());
    }
    let sql = hits_sql(1, hits.len());
    let taken: Vec<(String, i64)> = bind_hits(sqlx::query(&sql), hits, now_ms)
        .fetch_all(ex)
        .await?
        .iter()
        .map(|row| Ok((row.try_get(0)?, row.try_get(1)?)))
        .collect::<sqlx::Result<_>>()?;
    Ok(taken
        .into_iter()
        .filter(|(bucket, count)| {
            hits.iter()
                .any(|h| h.bucket == bucket.as_str() && *count <= h.limit)
        })
        .map(|(bucket, _)| bucket)
        .collect())
}
