//! Key rotation's reads and writes (`services::rekey`): rows in key order after a cursor, and
//! compare-and-set updates, so a row written meanwhile by the app is never overwritten with
//! an older copy. Values come back raw (sealed or plaintext): the service re-seals them.
use sqlx::{Any, Executor, FromRow};

/// The tables that hold sealed values, in the order a rotation walks them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SealedTable {
    Cases,
    CaseEvents,
    FormDrafts,
    Outbox,
}

impl SealedTable {
    pub const ALL: [SealedTable; 4] = [
        SealedTable::Cases,
        SealedTable::CaseEvents,
        SealedTable::FormDrafts,
        SealedTable::Outbox,
    ];

    pub fn name(self) -> &'static str {
        match self {
            SealedTable::Cases => "cases",
            SealedTable::CaseEvents => "case_events",
            SealedTable::FormDrafts => "form_drafts",
            SealedTable::Outbox => "outbox",
        }
    }

    fn count_sql(self) -> &'static str {
        match self {
            SealedTable::Cases => "select count(*) from cases",
            SealedTable::CaseEvents => "select count(*) from case_events",
            SealedTable::FormDrafts => "select count(*) from form_drafts",
            SealedTable::Outbox => "select count(*) from outbox where channel = 'sms'",
        }
    }
}

/// Rows a rotation walks in a table (for the progress bar).
pub async fn count<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    table: SealedTable,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(table.count_sql()).fetch_one(ex).await
}

#[derive(Debug, Clone, FromRow)]
pub struct CaseSeal {
    pub id: String,
    pub applicant_mobile: String,
    pub applicant_id_number: String,
    pub snapshot: Option<String>,
    pub version: i64,
}

pub async fn cases_after<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    after_id: &str,
    limit: i64,
) -> sqlx::Result<Vec<CaseSeal>> {
    sqlx::query_as(
        "select id, applicant_mobile, applicant_id_number, snapshot, version from cases
         where id > $1 order by id limit $2",
    )
    .bind(after_id)
    .bind(limit)
    .fetch_all(ex)
    .await
}

/// The re-sealed values of a case and its blind indexes.
#[derive(Debug, Clone)]
pub struct CaseResealed {
    pub mobile: String,
    pub id_number: String,
    pub snapshot: Option<String>,
    pub mobile_index: String,
    pub id_number_index: String,
}

/// Writes a case's re-sealed values unless the case changed since it was read. Returns
/// whether it was written.
pub async fn reseal_case<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    id: &str,
    version: i64,
    new: &CaseResealed,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "update cases set applicant_mobile = $3, applicant_id_number = $4, snapshot = $5,
             applicant_mobile_index = $6, applicant_id_number_index = $7
         where id = $1 and version = $2",
    )
    .bind(id)
    .bind(version)
    .bind(&new.mobile)
    .bind(&new.id_number)
    .bind(new.snapshot.as_deref())
    .bind(&new.mobile_index)
    .bind(&new.id_number_index)
    .execute(ex)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Events after (case_id, seq), in key order: (case_id, seq, payload).
pub async fn events_after<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    after_case: &str,
    after_seq: i64,
    limit: i64,
) -> sqlx::Result<Vec<(String, i64, String)>> {
    sqlx::query_as(
        "select case_id, seq, payload from case_events
         where case_id > $1 or (case_id = $1 and seq > $2)
         order by case_id, seq limit $3",
    )
    .bind(after_case)
    .bind(after_seq)
    .bind(limit)
    .fetch_all(ex)
    .await
}

pub async fn reseal_event<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    case_id: &str,
    seq: i64,
    old: &str,
    new: &str,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "update case_events set payload = $4 where case_id = $1 and seq = $2 and payload = $3",
    )
    .bind(case_id)
    .bind(seq)
    .bind(old)
    .bind(new)
    .execute(ex)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Drafts after `token`: (token, payload).
pub async fn drafts_after<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    after: &str,
    limit: i64,
) -> sqlx::Result<Vec<(String, String)>> {
    sqlx::query_as(
        "select token, payload from form_drafts where token > $1 order by token limit $2",
    )
    .bind(after)
    .bind(limit)
    .fetch_all(ex)
    .await
}

pub async fn reseal_draft<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    token: &str,
    old: &str,
    new: &str,
) -> sqlx::Result<bool> {
    let done = sqlx::query("update form_drafts set payload = $3 where token = $1 and payload = $2")
        .bind(token)
        .bind(old)
        .bind(new)
        .execute(ex)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Text messages after `id`: (id, recipient).
pub async fn texts_after<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    after: &str,
    limit: i64,
) -> sqlx::Result<Vec<(String, String)>> {
    sqlx::query_as(
        "select id, recipient from outbox where channel = 'sms' and id > $1 order by id limit $2",
    )
    .bind(after)
    .bind(limit)
    .fetch_all(ex)
    .await
}

pub async fn reseal_text<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    id: &str,
    old: &str,
    new: &str,
) -> sqlx::Result<bool> {
    let done = sqlx::query("update outbox set recipient = $3 where id = $1 and recipient = $2")
        .bind(id)
        .bind(old)
        .bind(new)
        .execute(ex)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Rate-limit counters keyed by a plaintext mobile (written before 0017; now keyed by blind
/// index). They only live an hour or a day: dropping them forgets at most that much counting.
pub async fn drop_plain_mobile_counters<'e, E: Executor<'e, Database = Any>>(
    ex: E,
) -> sqlx::Result<u64> {
    let done = sqlx::query(
        "delete from rate_limits where bucket like 'filing-mobile:%' or bucket like 'sms-mobile:%'",
    )
    .execute(ex)
    .await?;
    Ok(done.rows_affected())
}

/// Where a rotation stands in one table.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct Cursor {
    pub key_id: String,
    pub last_key: String,
    pub done: i64,
}

pub async fn cursor<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    table: SealedTable,
) -> sqlx::Result<Option<Cursor>> {
    sqlx::query_as("select key_id, last_key, done from key_rotations where table_name = $1")
        .bind(table.name())
        .fetch_optional(ex)
        .await
}

pub async fn save_cursor<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    table: SealedTable,
    cursor: &Cursor,
    now_ms: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "insert into key_rotations (table_name, key_id, last_key, done, created_at)
         values ($1, $2, $3, $4, $5)
         on conflict (table_name) do update set
             key_id = excluded.key_id, last_key = excluded.last_key, done = excluded.done",
    )
    .bind(table.name())
    .bind(&cursor.key_id)
    .bind(&cursor.last_key)
    .bind(cursor.done)
    .bind(now_ms)
    .execute(ex)
    .await
    .map(|_| ())
}
