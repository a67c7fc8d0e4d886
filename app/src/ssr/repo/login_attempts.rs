//! Counted attempts (failed sign-ins, SMS look-ups) that rate limits are computed from.
use sqlx::{Any, Executor};

pub async fn record<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    id: &str,
    username: &str,
    address: &str,
    at_ms: i64,
) -> sqlx::Result<()> {
    sqlx::query("insert into login_attempts (id, username, address, at) values ($1, $2, $3, $4)")
        .bind(id)
        .bind(username)
        .bind(address)
        .bind(at_ms)
        .execute(ex)
        .await
        .map(|_| ())
}

/// Failed attempts since `since_ms` for this account and for this address.
pub async fn recent<'e, E: Executor<'e, Database = Any> + Copy>(
    ex: E,
    username: &str,
    address: &str,
    since_ms: i64,
) -> sqlx::Result<(i64, i64)> {
    let by_user: i64 =
        sqlx::query_scalar("select count(*) from login_attempts where username = $1 and at >= $2")
            .bind(username)
            .bind(since_ms)
            .fetch_one(ex)
            .await?;
    let by_address: i64 =
        sqlx::query_scalar("select count(*) from login_attempts where address = $1 and at >= $2")
            .bind(address)
            .bind(since_ms)
            .fetch_one(ex)
            .await?;
    Ok((by_user, by_address))
}

pub async fn clear_user<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    username: &str,
) -> sqlx::Result<()> {
    sqlx::query("delete from login_attempts where username = $1")
        .bind(username)
        .execute(ex)
        .await
        .map(|_| ())
}
