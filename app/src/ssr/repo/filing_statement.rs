//! A filing's writes on PostgreSQL as ONE statement: its limit counters, the case row, its
//! events and its clocks, each a writable CTE. A statement is its own transaction, so the
//! filing still commits whole or not at all, in one round trip where BEGIN, four statements
//! and COMMIT took six (a filing's CPU on PostgreSQL was mostly per-statement work).
//!
//! Over a limit, the statement divides by zero: the error undoes all of it, the counters
//! included, and the caller files again the long way, which names the limit.
use sqlx::{Any, Executor};

use super::{
    cases::{self, CaseRow, QueueColumns},
    clocks::{ClockCase, ClockRow},
    multi_row::{self, EventRow, WindowHit},
};
use crate::ssr::vault::Vault;

/// One filing's rows, as the separate statements take them.
pub struct Filing<'a> {
    pub hits: &'a [WindowHit<'a>],
    pub row: &'a CaseRow,
    pub snapshot: &'a str,
    pub next_due_on: Option<&'a str>,
    pub queue: &'a QueueColumns,
    pub events: &'a [EventRow<'a>],
    pub clock_case: ClockCase<'a>,
    pub clocks: &'a [ClockRow],
    pub now_ms: i64,
}

/// What the one statement did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    Stored,
    /// A counter was at its limit: nothing was written.
    OverALimit,
}

/// SQLSTATE of the division by zero that refuses a filing over a limit.
const DIVISION_BY_ZERO: &str = "22012";

/// The statement for a filing of `hits` counters, `events` events and `clocks` clocks: its
/// CTEs in order, then the limit check.
fn sql(hits: usize, events: usize, clocks: usize) -> String {
    let mut next = 1;
    let mut parts = Vec::new();
    if hits > 0 {
        parts.push(format!("hits as ({})", multi_row::hits_sql(next, hits)));
        next += multi_row::hit_binds(hits);
    }
    parts.push(format!("filed as ({})", cases::insert_sql(next)));
    next += cases::INSERT_BINDS;
    if events > 0 {
        parts.push(format!(
            "events as ({})",
            multi_row::events_sql(next, events)
        ));
        next += events * multi_row::EVENT_WIDTH;
    }
    if clocks > 0 {
        parts.push(format!(
            "clocks as ({})",
            multi_row::clocks_sql(next, clocks)
        ));
        next += clocks * multi_row::CLOCK_WIDTH;
    }
    // Every hit counted and within its limit, or 1/0 undoes the statement.
    let check = if hits > 0 {
        let limits: Vec<String> = (0..hits)
            .map(|i| format!("(${}, ${})", next + 2 * i, next + 2 * i + 1))
            .collect();
        format!(
            "select 1 / (case when (select count(*) from hits \
               join (values {}) as limits (bucket, most) on limits.bucket = hits.bucket \
               where hits.hits <= limits.most) = {hits} then 1 else 0 end)",
            limits.join(", ")
        )
    } else {
        "select 1".to_owned()
    };
    format!("with {} {check}", parts.join(", "))
}

/// Writes `filing` in one statement (PostgreSQL only: SQLite has no writable CTEs).
pub async fn write<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    vault: &Vault,
    filing: &Filing<'_>,
) -> sqlx::Result<Written> {
    let sql = sql(filing.hits.len(), filing.events.len(), filing.clocks.len());
    let mut query = sqlx::query(&sql);
    if !filing.hits.is_empty() {
        query = multi_row::bind_hits(query, filing.hits, filing.now_ms);
    }
    query = cases::bind_insert(
        query,
        vault,
        filing.row,
        filing.snapshot,
        filing.next_due_on,
        filing.queue,
    )?;
    query = multi_row::bind_events(query, vault, filing.clock_case.case_id, filing.events)?;
    query = multi_row::bind_clocks(query, &filing.clock_case, filing.clocks, filing.now_ms);
    for hit in filing.hits {
        query = query.bind(hit.bucket).bind(hit.limit);
    }
    match query.execute(ex).await {
        Ok(_) => Ok(Written::Stored),
        Err(e)
            if e.as_database_error()
                .and_then(|d| d.code())
                .is_some_and(|code| code == DIVISION_BY_ZERO) =>
        {
            Ok(Written::OverALimit)
        }
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every `$n` from 1 to the number of binds appears, and no other: a marker numbered
    /// wrong would bind a value to another column, or fail only on PostgreSQL.
    #[test]
    fn the_markers_run_from_one_to_the_last_bind_without_a_gap() {
        for (hits, events, clocks) in [(2, 3, 2), (0, 1, 0), (1, 0, 3)] {
            let text = sql(hits, events, clocks);
            let binds = if hits > 0 {
                multi_row::hit_binds(hits) + 2 * hits
            } else {
                0
            } + cases::INSERT_BINDS
                + events * multi_row::EVENT_WIDTH
                + clocks * multi_row::CLOCK_WIDTH;
            let mut seen: Vec<usize> = text
                .split('$')
                .skip(1)
                .map(|rest| {
                    rest.chars()
                        .take_while(char::is_ascii_digit)
                        .collect::<String>()
                        .parse()
                        .expect("a marker number")
                })
                .collect();
            seen.sort_unstable();
            seen.dedup();
            assert_eq!(seen, (1..=binds).collect::<Vec<_>>(), "{text}");
        }
    }
}
