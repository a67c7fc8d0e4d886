//! Short-lived drafts of forms posted without JavaScript that came back with problems.
use sqlx::{Any, Executor};

use crate::ssr::vault::Vault;

/// Keeps a draft with its ID number and mobile sealed, for the browser whose cookie secret
/// has this digest.
pub async fn insert<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    vault: &Vault,
    token: &str,
    owner_digest: &str,
    payload: &str,
    now_ms: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "insert into form_drafts (token, owner_digest, payload, created_at) values ($1, $2, $3, $4)",
    )
    .bind(token)
    .bind(owner_digest)
    .bind(vault.seal_json(payload)?)
    .bind(now_ms)
    .execute(ex)
    .await
    .map(|_| ())
}

/// Drops every draft of one browser (its report was filed).
pub async fn delete_owned<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    owner_digest: &str,
) -> sqlx::Result<u64> {
    sqlx::query("delete from form_drafts where owner_digest = $1")
        .bind(owner_digest)
        .execute(ex)
        .await
        .map(|r| r.rows_affected())
}

pub async fn find<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    vault: &Vault,
    token: &str,
    owner_digest: &str,
    not_before_ms: i64,
) -> sqlx::Result<Option<String>> {
    let payload: Option<String> = sqlx::query_scalar(
        "select payload from form_drafts
         where token = $1 and owner_digest = $2 and created_at >= $3",
    )
    .bind(token)
    .bind(owner_digest)
    .bind(not_before_ms)
    .fetch_optional(ex)
    .await?;
    super::cases::opened_json(vault, payload)
}

/// Drafts hold personal data: drop them once they are old.
pub async fn purge_before<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    before_ms: i64,
) -> sqlx::Result<u64> {
    sqlx::query("delete from form_drafts where created_at < $1")
        .bind(before_ms)
        .execute(ex)
        .await
        .map(|r| r.rows_affected())
}
