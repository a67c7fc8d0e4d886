//! The audit log's SQL: appending under the chain head, reading in chain order, filtering.
//! (Each `$n` is used once and bound in order: SQLite binds by position of appearance.)
use sqlx::{Any, Executor, FromRow};

use crate::domain::audit::AuditEntry;

/// One stored audit row.
#[derive(Debug, Clone, FromRow)]
pub struct AuditRow {
    pub seq: i64,
    pub at: i64,
    pub actor_id: String,
    pub actor_role: String,
    pub actor_scope: String,
    pub action: String,
    pub outcome: String,
    pub case_id: Option<String>,
    pub detail: String,
    pub reason: String,
    pub reason_text: String,
    pub client_address: String,
    pub prev_hash: String,
    pub hash: String,
}

impl AuditRow {
    pub fn entry(&self) -> AuditEntry {
        AuditEntry {
            at: self.at,
            actor_id: self.actor_id.clone(),
            actor_role: self.actor_role.clone(),
            actor_scope: self.actor_scope.clone(),
            action: self.action.clone(),
            outcome: self.outcome.clone(),
            case_id: self.case_id.clone(),
            detail: self.detail.clone(),
            reason: self.reason.clone(),
            reason_text: self.reason_text.clone(),
            client_address: self.client_address.clone(),
        }
    }
}

const COLUMNS: &str = "seq, at, actor_id, actor_role, actor_scope, action, outcome, case_id, \
     detail, reason, reason_text, client_address, prev_hash, hash";

/// Takes the next chain position: one update on the single head row, which holds the row
/// lock (PostgreSQL) or the write lock (SQLite) until the transaction ends, so two writers
/// never get the same position or the same previous hash. Returns (seq, previous hash).
pub async fn take_next<'e, E: Executor<'e, Database = Any>>(ex: E) -> sqlx::Result<(i64, String)> {
    let (seq, hash): (i64, String) = sqlx::query_as(
        "update audit_chain_head set seq = seq + 1 where id = 1 returning seq, hash",
    )
    .fetch_one(ex)
    .await?;
    Ok((seq, hash))
}

/// Moves the chain head to the row just written.
pub async fn set_head<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    seq: i64,
    hash: &str,
) -> sqlx::Result<()> {
    sqlx::query("update audit_chain_head set hash = $1 where id = 1 and seq = $2")
        .bind(hash)
        .bind(seq)
        .execute(ex)
        .await
        .map(|_| ())
}

pub async fn head<'e, E: Executor<'e, Database = Any>>(ex: E) -> sqlx::Result<(i64, String)> {
    sqlx::query_as("select seq, hash from audit_chain_head where id = 1")
        .fetch_one(ex)
        .await
}

pub async fn insert<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    seq: i64,
    entry: &AuditEntry,
    prev_hash: &str,
    hash: &str,
    now_ms: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "insert into audit_log (seq, at, actor_id, actor_role, actor_scope, action, outcome, \
         case_id, detail, reason, reason_text, client_address, prev_hash, hash, created_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
    )
    .bind(seq)
    .bind(entry.at)
    .bind(&entry.actor_id)
    .bind(&entry.actor_role)
    .bind(&entry.actor_scope)
    .bind(&entry.action)
    .bind(&entry.outcome)
    .bind(entry.case_id.as_deref())
    .bind(&entry.detail)
    .bind(&entry.reason)
    .bind(&entry.reason_text)
    .bind(&entry.client_address)
    .bind(prev_hash)
    .bind(hash)
    .bind(now_ms)
    .execute(ex)
    .await
    .map(|_| ())
}

/// Rows in chain order after position `after`, at most `limit` (verification pages through).
pub async fn after<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    after: i64,
    limit: i64,
) -> sqlx::Result<Vec<AuditRow>> {
    sqlx::query_as(&format!(
        "select {COLUMNS} from audit_log where seq > $1 order by seq limit {}",
        limit.max(0)
    ))
    .bind(after)
    .fetch_all(ex)
    .await
}

/// Rows about one case, oldest first (the household's "who looked" view).
pub async fn for_case<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    case_id: &str,
) -> sqlx::Result<Vec<AuditRow>> {
    sqlx::query_as(&format!(
        "select {COLUMNS} from audit_log where case_id = $1 order by seq"
    ))
    .bind(case_id)
    .fetch_all(ex)
    .await
}

/// The admin page's filter; every part optional. Times are Unix milliseconds.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub actor_id: Option<String>,
    pub case_id: Option<String>,
    pub action: Option<String>,
    pub from_ms: Option<i64>,
    pub until_ms: Option<i64>,
}

/// Newest first, at most `limit`, within actors whose scope starts with `scope_prefix`
/// (the admin's county: region codes nest by prefix).
pub async fn search<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    scope_prefix: &str,
    filter: &AuditFilter,
    limit: i64,
) -> sqlx::Result<Vec<AuditRow>> {
    let mut sql = format!("select {COLUMNS} from audit_log where actor_scope like $1");
    let mut n = 1;
    let mut texts: Vec<String> = vec![format!("{scope_prefix}%")];
    let mut ints: Vec<i64> = Vec::new();
    // Text binds first, then integer binds, numbered in the order they appear.
    for (column, value) in [
        ("actor_id", &filter.actor_id),
        ("case_id", &filter.case_id),
        ("action", &filter.action),
    ] {
        if let Some(v) = value {
            n += 1;
            sql.push_str(&format!(" and {column} = ${n}"));
            texts.push(v.clone());
        }
    }
    if let Some(from) = filter.from_ms {
        n += 1;
        sql.push_str(&format!(" and at >= ${n}"));
        ints.push(from);
    }
    if let Some(until) = filter.until_ms {
        n += 1;
        sql.push_str(&format!(" and at < ${n}"));
        ints.push(until);
    }
    sql.push_str(&format!(" order by seq desc limit {}", limit.max(0)));
    let mut query = sqlx::query_as::<_, AuditRow>(&sql);
    for t in &texts {
        query = query.bind(t.as_str());
    }
    for i in ints {
        query = query.bind(i);
    }
    query.fetch_all(ex).await
}
