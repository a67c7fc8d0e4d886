//! Many outbox messages in one statement (the deadline sweep queues thousands at once).
use sqlx::{Any, Executor};

use super::outbox::{seal_recipient, NewMessage};
use crate::ssr::vault::Vault;

/// Values bound per message; the time is bound once for the whole statement.
const BINDS_PER_ROW: usize = 6;

/// The most messages [`enqueue_many`] takes in one call.
pub const MAX_ROWS: usize = (super::MAX_BINDS - 1) / BINDS_PER_ROW;

/// Queues `messages` for the outbox worker in one multi-row INSERT (in the caller's
/// transaction), as [`super::outbox::enqueue`] queues one. At most [`MAX_ROWS`] a call.
pub async fn enqueue_many<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    vault: &Vault,
    messages: &[NewMessage<'_>],
    now_ms: i64,
) -> sqlx::Result<()> {
    if messages.is_empty() {
        return Ok(());
    }
    assert!(
        messages.len() <= MAX_ROWS,
        "too many outbox rows for one statement"
    );
    let mut sql = String::from(
        "insert into outbox (id, channel, recipient, subject, body, status, attempts, next_attempt_at, case_id, created_at)
         values ",
    );
    for i in 0..messages.len() {
        let n = 2 + i * BINDS_PER_ROW;
        if i > 0 {
            sql.push_str(", ");
        }
        sql.push_str(&format!(
            "(${}, ${}, ${}, ${}, ${}, 'pending', 0, $1, ${}, $1)",
            n,
            n + 1,
            n + 2,
            n + 3,
            n + 4,
            n + 5
        ));
    }
    let recipients: Vec<String> = messages
        .iter()
        .map(|m| seal_recipient(vault, m.channel, m.recipient))
        .collect();
    // Not kept prepared: each chunk size is its own statement text.
    let mut query = sqlx::query(&sql).persistent(false).bind(now_ms);
    for (m, recipient) in messages.iter().zip(&recipients) {
        query = query
            .bind(m.id)
            .bind(m.channel.code())
            .bind(recipient.as_str())
            .bind(m.subject)
            .bind(m.body)
            .bind(m.case_id);
    }
    query.execute(ex).await.map(|_| ())
}
