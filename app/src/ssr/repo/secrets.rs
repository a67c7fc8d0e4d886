use sqlx::{Any, Executor};

/// The secret called `name`: the stored one, or `candidate` stored now when there is none.
/// Two servers starting at once both end up with the first one written.
pub async fn get_or_create<'e, E: Executor<'e, Database = Any> + Copy>(
    ex: E,
    name: &str,
    candidate: &str,
    now_ms: i64,
) -> sqlx::Result<String> {
    // Read first: the secret exists after the first call, and a read takes no write lock
    // (every filing and form asks for it).
    let stored: Option<String> =
        sqlx::query_scalar("select value from server_secrets where name = $1")
            .bind(name)
            .fetch_optional(ex)
            .await?;
    if let Some(value) = stored {
        return Ok(value);
    }
    sqlx::query(
        "insert into server_secrets (name, value, created_at) values ($1, $2, $3)
         on conflict (name) do nothing",
    )
    .bind(name)
    .bind(candidate)
    .bind(now_ms)
    .execute(ex)
    .await?;
    sqlx::query_scalar("select value from server_secrets where name = $1")
        .bind(name)
        .fetch_one(ex)
        .await
}
