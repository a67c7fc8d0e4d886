//! Clearing personal data whose retention period has passed (policy `retention`).
use sqlx::{Any, Executor};

/// Delivered messages sent before `before_ms` lose their recipient and text; the row (channel,
/// case, status, attempts, times, subject) stays as the delivery record.
pub async fn purge_delivered_payloads<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    before_ms: i64,
    now_ms: i64,
) -> sqlx::Result<u64> {
    sqlx::query(
        "update outbox set recipient = '', body = '', payload_purged_at = $1
         where status = 'sent' and sent_at < $2 and payload_purged_at is null",
    )
    .bind(now_ms)
    .bind(before_ms)
    .execute(ex)
    .await
    .map(|r| r.rows_affected())
}

/// Finally refused filings last changed before `before_ms` whose personal data is still there.
pub async fn refused_due<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    states: &[&str],
    before_ms: i64,
    limit: i64,
) -> sqlx::Result<Vec<(String, Option<String>)>> {
    let placeholders: Vec<String> = (0..states.len()).map(|i| format!("${}", i + 1)).collect();
    let sql = format!(
        "select id, snapshot from cases where state in ({}) and updated_at < ${} \
         and personal_data_purged_at is null order by updated_at limit {}",
        placeholders.join(", "),
        states.len() + 1,
        limit.max(0)
    );
    let mut query = sqlx::query_as(&sql);
    for s in states {
        query = query.bind(*s);
    }
    query.bind(before_ms).fetch_all(ex).await
}

/// Clears one refused filing's personal data: applicant columns, the snapshot's household
/// facts (`snapshot` as rewritten by the caller), and its messages' payloads.
pub async fn clear_refused<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    case_id: &str,
    snapshot: &str,
    now_ms: i64,
) -> sqlx::Result<u64> {
    sqlx::query(
        "update cases set applicant_name = '', applicant_mobile = '', applicant_id_number = '',
         applicant_mobile_index = null, applicant_id_number_index = null, description = '', village_group = null, snapshot = $1, personal_data_purged_at = $2
         where id = $3 and personal_data_purged_at is null",
    )
    .bind(snapshot)
    .bind(now_ms)
    .bind(case_id)
    .execute(ex)
    .await
    .map(|r| r.rows_affected())
}

/// A refused filing's messages lose their payloads with it (sent or not).
pub async fn clear_case_messages<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    case_id: &str,
    now_ms: i64,
) -> sqlx::Result<u64> {
    sqlx::query(
        "update outbox set recipient = '', body = '', payload_purged_at = $1
         where case_id = $2 and payload_purged_at is null",
    )
    .bind(now_ms)
    .bind(case_id)
    .execute(ex)
    .await
    .map(|r| r.rows_affected())
}

/// Rewrites one stored event's payload (retention only: members' names and IDs cleared).
pub async fn rewrite_event<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    case_id: &str,
    seq: i64,
    payload: &str,
) -> sqlx::Result<()> {
    sqlx::query("update case_events set payload = $1 where case_id = $2 and seq = $3")
        .bind(payload)
        .bind(case_id)
        .bind(seq)
        .execute(ex)
        .await
        .map(|_| ())
}
