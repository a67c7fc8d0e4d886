//! Department API keys (hashes only) and what each department pushed (for 结果反馈).
use sqlx::{Any, Executor, FromRow};

#[derive(Debug, Clone, FromRow)]
pub struct KeyRow {
    pub id: String,
    pub shown: String,
    pub user_id: String,
    pub region_code: String,
    pub channel: String,
    pub requests_per_minute: i64,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
    pub revoked_at: Option<i64>,
}

const COLUMNS: &str = "id, shown, user_id, region_code, channel, requests_per_minute, \
    created_at, last_used_at, revoked_at";

pub struct NewKey<'a> {
    pub id: &'a str,
    pub shown: &'a str,
    pub digest: &'a str,
    pub user_id: &'a str,
    pub region_code: &'a str,
    pub channel: &'a str,
    pub requests_per_minute: i64,
    pub created_by: &'a str,
}

pub async fn insert<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    key: &NewKey<'_>,
    now_ms: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "insert into department_keys (id, shown, digest, user_id, region_code, channel,
           requests_per_minute, created_by, created_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(key.id)
    .bind(key.shown)
    .bind(key.digest)
    .bind(key.user_id)
    .bind(key.region_code)
    .bind(key.channel)
    .bind(key.requests_per_minute)
    .bind(key.created_by)
    .bind(now_ms)
    .execute(ex)
    .await
    .map(|_| ())
}

pub async fn by_digest<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    digest: &str,
) -> sqlx::Result<Option<KeyRow>> {
    sqlx::query_as(&format!(
        "select {COLUMNS} from department_keys where digest = $1"
    ))
    .bind(digest)
    .fetch_optional(ex)
    .await
}

pub async fn by_id<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    id: &str,
) -> sqlx::Result<Option<KeyRow>> {
    sqlx::query_as(&format!(
        "select {COLUMNS} from department_keys where id = $1"
    ))
    .bind(id)
    .fetch_optional(ex)
    .await
}

/// Every key, newest first (the county has few).
pub async fn all<'e, E: Executor<'e, Database = Any>>(ex: E) -> sqlx::Result<Vec<KeyRow>> {
    sqlx::query_as(&format!(
        "select {COLUMNS} from department_keys order by created_at desc, id"
    ))
    .fetch_all(ex)
    .await
}

/// Revokes every key of `user_id` not yet revoked; how many.
pub async fn revoke_all_for_user<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    user_id: &str,
    by: &str,
    now_ms: i64,
) -> sqlx::Result<u64> {
    sqlx::query(
        "update department_keys set revoked_at = $1, revoked_by = $2
         where user_id = $3 and revoked_at is null",
    )
    .bind(now_ms)
    .bind(by)
    .bind(user_id)
    .execute(ex)
    .await
    .map(|r| r.rows_affected())
}

/// Revokes a key once; false when it was already revoked.
pub async fn revoke<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    id: &str,
    by: &str,
    now_ms: i64,
) -> sqlx::Result<bool> {
    sqlx::query(
        "update department_keys set revoked_at = $1, revoked_by = $2
         where id = $3 and revoked_at is null",
    )
    .bind(now_ms)
    .bind(by)
    .bind(id)
    .execute(ex)
    .await
    .map(|r| r.rows_affected() == 1)
}

pub async fn touch<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    id: &str,
    now_ms: i64,
) -> sqlx::Result<()> {
    sqlx::query("update department_keys set last_used_at = $1 where id = $2")
        .bind(now_ms)
        .bind(id)
        .execute(ex)
        .await
        .map(|_| ())
}

pub struct Push<'a> {
    pub user_id: &'a str,
    pub reference: &'a str,
    pub case_id: &'a str,
    pub tracking_number: &'a str,
    pub id_number_masked: &'a str,
}

/// Records a filed alert; a record pushed again keeps its first row.
pub async fn record_push<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    push: &Push<'_>,
    now_ms: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "insert into department_pushes (user_id, reference, case_id, tracking_number,
           id_number_masked, created_at)
         values ($1, $2, $3, $4, $5, $6)
         on conflict (user_id, reference) do nothing",
    )
    .bind(push.user_id)
    .bind(push.reference)
    .bind(push.case_id)
    .bind(push.tracking_number)
    .bind(push.id_number_masked)
    .bind(now_ms)
    .execute(ex)
    .await
    .map(|_| ())
}

/// The department's own record id of the alert it pushed that became `case_id`.
pub async fn reference_of<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    user_id: &str,
    case_id: &str,
) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar(
        "select reference from department_pushes where user_id = $1 and case_id = $2 limit 1",
    )
    .bind(user_id)
    .bind(case_id)
    .fetch_optional(ex)
    .await
}

#[derive(Debug, Clone, FromRow)]
pub struct PushRow {
    pub reference: String,
    pub case_id: String,
    pub tracking_number: String,
    pub id_number_masked: String,
    pub created_at: i64,
    pub village_code: String,
    pub updated_at: i64,
}

/// A department's pushed alerts whose case changed at or after `since_ms`, oldest change
/// first, at most `limit`.
pub async fn pushes_changed_since<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    user_id: &str,
    since_ms: i64,
    limit: i64,
) -> sqlx::Result<Vec<PushRow>> {
    sqlx::query_as(
        "select p.reference, p.case_id, p.tracking_number, p.id_number_masked, p.created_at,
                c.village_code, c.updated_at
         from department_pushes p join cases c on c.id = p.case_id
         where p.user_id = $1 and c.updated_at >= $2
         order by c.updated_at, p.reference
         limit $3",
    )
    .bind(user_id)
    .bind(since_ms)
    .bind(limit)
    .fetch_all(ex)
    .await
}
