//! Counter rows for every counted limit. Each `take_*` is ONE statement: an upsert whose
//! `where` refuses the hit once the limit is reached. PostgreSQL locks the conflicting row
//! and re-checks the `where` on its latest version; SQLite runs one writer at a time. So a
//! parallel burst gets exactly the allowed number through on both, unlike count-then-insert.
use sqlx::{Any, Executor};

/// A hit in a fixed window: admitted while fewer than `limit` hits were counted since the
/// window opened (the first hit opens it for `window_ms`). Returns whether it was admitted.
pub async fn take_in_window<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    bucket: &str,
    limit: i64,
    window_ms: i64,
    now_ms: i64,
) -> sqlx::Result<bool> {
    Ok(take_in_window_counted(ex, bucket, limit, window_ms, now_ms)
        .await?
        .is_some())
}

/// As `take_in_window`; the count in the window with this hit when admitted, else `None`.
pub async fn take_in_window_counted<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    bucket: &str,
    limit: i64,
    window_ms: i64,
    now_ms: i64,
) -> sqlx::Result<Option<i64>> {
    let admitted: Option<i64> = sqlx::query_scalar(
        "insert into rate_limits (bucket, hits, window_ends, next_at, created_at)
         values ($1, 1, $2, $3, $4)
         on conflict (bucket) do update set
           hits = case when rate_limits.window_ends <= $5 then 1 else rate_limits.hits + 1 end,
           window_ends = case when rate_limits.window_ends <= $6 then $7 else rate_limits.window_ends end
         where rate_limits.window_ends <= $8 or rate_limits.hits < $9
         returning hits",
    )
    .bind(bucket)
    .bind(now_ms + window_ms)
    .bind(now_ms)
    .bind(now_ms)
    .bind(now_ms)
    .bind(now_ms)
    .bind(now_ms + window_ms)
    .bind(now_ms)
    .bind(limit)
    .fetch_optional(ex)
    .await?;
    Ok(admitted.filter(|hits| *hits <= limit))
}

/// How a growing delay is shaped: `free` hits pass at once; from then on each hit makes the
/// next wait `step_ms * k²` (k = 1, 2, 3 …), at most `max_ms`. The count is forgotten
/// `memory_ms` after the last hit, or when the caller clears the bucket (a success).
#[derive(Debug, Clone, Copy)]
pub struct Backoff {
    pub free: i64,
    pub step_ms: i64,
    pub max_ms: i64,
    pub memory_ms: i64,
}

/// A hit under a growing delay (see `Backoff`); returns whether it was admitted.
pub async fn take_with_backoff<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    bucket: &str,
    backoff: Backoff,
    now_ms: i64,
) -> sqlx::Result<bool> {
    // The count after this hit, and how far past the free hits it is.
    let hits = "(case when rate_limits.window_ends <= $3 then 1 else rate_limits.hits + 1 end)";
    let over = format!("({hits} - $4 + 1)");
    let sql = format!(
        "insert into rate_limits (bucket, hits, window_ends, next_at, created_at)
         values ($1, 1, $2, $3, $3)
         on conflict (bucket) do update set
           hits = {hits},
           window_ends = $2,
           next_at = $3 + case when {hits} < $4 then 0
                               when {over} * {over} * $5 > $6 then $6
                               else {over} * {over} * $5 end
         where rate_limits.next_at <= $3
         returning hits"
    );
    // The first hit's own delay when `free` is 1 or less is not needed: callers allow >= 2.
    let admitted: Option<i64> = sqlx::query_scalar(&sql)
        .bind(bucket)
        .bind(now_ms + backoff.memory_ms)
        .bind(now_ms)
        .bind(backoff.free)
        .bind(backoff.step_ms)
        .bind(backoff.max_ms)
        .fetch_optional(ex)
        .await?;
    Ok(admitted.is_some())
}

/// Gives one hit back (the attempt turned out not to count, e.g. a correct password).
pub async fn give_back<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    bucket: &str,
) -> sqlx::Result<()> {
    sqlx::query("update rate_limits set hits = hits - 1 where bucket = $1 and hits > 0")
        .bind(bucket)
        .execute(ex)
        .await
        .map(|_| ())
}

/// Forgets a bucket (a success ends a run of failures).
/// The buckets starting with `prefix` that refuse a hit now: a window open and full
/// (`hits >= limit`), or a growing delay not yet over (`Backoff`). The prefix is compared as
/// text, not as a LIKE pattern (a `_` in it is a character, not a wildcard).
pub async fn refusing_with_prefix<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    prefix: &str,
    limit: i64,
    now_ms: i64,
) -> sqlx::Result<Vec<String>> {
    sqlx::query_scalar(
        "select bucket from rate_limits where substr(bucket, 1, length($1)) = $1
           and ((window_ends > $2 and hits >= $3) or next_at > $2)",
    )
    .bind(prefix)
    .bind(now_ms)
    .bind(limit)
    .fetch_all(ex)
    .await
}

/// Forgets every bucket starting with `prefix` (compared as text).
pub async fn clear_prefix<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    prefix: &str,
) -> sqlx::Result<()> {
    sqlx::query("delete from rate_limits where substr(bucket, 1, length($1)) = $1")
        .bind(prefix)
        .execute(ex)
        .await
        .map(|_| ())
}

pub async fn clear<'e, E: Executor<'e, Database = Any>>(ex: E, bucket: &str) -> sqlx::Result<()> {
    sqlx::query("delete from rate_limits where bucket = $1")
        .bind(bucket)
        .execute(ex)
        .await
        .map(|_| ())
}

/// Counters whose window closed before `before_ms` and that no longer delay anyone.
pub async fn purge_before<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    before_ms: i64,
) -> sqlx::Result<u64> {
    sqlx::query("delete from rate_limits where window_ends < $1 and next_at < $2")
        .bind(before_ms)
        .bind(before_ms)
        .execute(ex)
        .await
        .map(|r| r.rows_affected())
}
