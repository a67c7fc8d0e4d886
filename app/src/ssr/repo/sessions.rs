//! Server-side staff sessions, stored by the digest of their cookie token.
use sqlx::{Any, Executor};

pub async fn insert<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    token_digest: &str,
    user_id: &str,
    now_ms: i64,
    expires_at_ms: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "insert into sessions (token_digest, user_id, created_at, expires_at) values ($1, $2, $3, $4)",
    )
    .bind(token_digest)
    .bind(user_id)
    .bind(now_ms)
    .bind(expires_at_ms)
    .execute(ex)
    .await
    .map(|_| ())
}

/// The account behind a live (unexpired, unrevoked) session, with its scope's name.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SessionUser {
    pub id: String,
    pub username: String,
    pub display_name: String,
    pub role: String,
    pub region_code: String,
    pub active: i64,
    pub scope_name: Option<String>,
    /// A liaison's line department.
    pub department: Option<String>,
    /// When the session ends (ms since the epoch).
    pub expires_at: i64,
}

/// The account of a live session and its scope's name, in one query: every staff request
/// asks this, some more than once per page.
pub async fn live_user<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    token_digest: &str,
    now_ms: i64,
) -> sqlx::Result<Option<SessionUser>> {
    sqlx::query_as(
        "select u.id, u.username, u.display_name, u.role, u.region_code, u.active,
                r.name as scope_name, u.department, s.expires_at
         from sessions s join users u on u.id = s.user_id
         left join regions r on r.code = u.region_code
         where s.token_digest = $1 and s.expires_at > $2 and s.revoked_at is null",
    )
    .bind(token_digest)
    .bind(now_ms)
    .fetch_optional(ex)
    .await
}

pub async fn revoke<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    token_digest: &str,
    now_ms: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "update sessions set revoked_at = $2 where token_digest = $1 and revoked_at is null",
    )
    .bind(token_digest)
    .bind(now_ms)
    .execute(ex)
    .await
    .map(|_| ())
}

/// Ends every session of a user (password reset, deactivation).
pub async fn revoke_all_for_user<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    user_id: &str,
    now_ms: i64,
) -> sqlx::Result<u64> {
    sqlx::query("update sessions set revoked_at = $2 where user_id = $1 and revoked_at is null")
        .bind(user_id)
        .bind(now_ms)
        .execute(ex)
        .await
        .map(|r| r.rows_affected())
}

/// Sessions that can no longer sign anyone in: expired or signed out.
pub async fn purge_ended<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    now_ms: i64,
) -> sqlx::Result<u64> {
    sqlx::query("delete from sessions where expires_at <= $1 or revoked_at is not null")
        .bind(now_ms)
        .execute(ex)
        .await
        .map(|r| r.rows_affected())
}
