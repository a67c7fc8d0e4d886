//! Whole-database counts for monitoring (`/metrics`). Read from the database at scrape time,
//! so every app server behind a load balancer reports the same figures.
use sqlx::{Any, Executor, Row};

/// Counts by label, as stored codes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OperationalCounts {
    /// Every filing ever made, by channel (self-report, proxy, department alert …).
    pub filings_by_channel: Vec<(String, i64)>,
    /// Cases with an open clock, by workflow state.
    pub open_by_state: Vec<(String, i64)>,
    /// Open clocks whose due date has passed, by owning level.
    pub overdue_by_level: Vec<(String, i64)>,
    /// Outbox rows by channel and status (pending, sent, dead).
    pub outbox: Vec<(String, String, i64)>,
}

async fn pairs<'e, E: Executor<'e, Database = Any>>(
    db: E,
    sql: &str,
    bind: Option<&str>,
) -> sqlx::Result<Vec<(String, i64)>> {
    let mut query = sqlx::query(sql);
    if let Some(value) = bind {
        query = query.bind(value.to_owned());
    }
    query
        .fetch_all(db)
        .await?
        .iter()
        .map(|row| Ok((row.try_get(0)?, row.try_get(1)?)))
        .collect()
}

/// Every count, as of `today` (ISO date) for the overdue clocks.
pub async fn operational_counts(
    pool: &sqlx::Pool<Any>,
    today: &str,
) -> sqlx::Result<OperationalCounts> {
    let filings_by_channel = pairs(
        pool,
        "select channel, count(*) from cases group by channel order by channel",
        None,
    )
    .await?;
    let open_by_state = pairs(
        pool,
        "select state, count(*) from cases where next_due_on is not null \
         group by state order by state",
        None,
    )
    .await?;
    let overdue_by_level = pairs(
        pool,
        "select owner_level, count(*) from case_clocks where state = 'open' and due_on < $1 \
         group by owner_level order by owner_level",
        Some(today),
    )
    .await?;
    let outbox = sqlx::query(
        "select channel, status, count(*) from outbox group by channel, status \
         order by channel, status",
    )
    .fetch_all(pool)
    .await?
    .iter()
    .map(|row| Ok((row.try_get(0)?, row.try_get(1)?, row.try_get(2)?)))
    .collect::<sqlx::Result<_>>()?;
    Ok(OperationalCounts {
        filings_by_channel,
        open_by_state,
        overdue_by_level,
        outbox,
    })
}
