//! Many outbox messages in one statement (the deadline sweep queues thousands at once).

use super::outbox::{seal_recipient, NewMessage};
use crate::ssr::vault::Vault;

/// Values bound per message, the time twice (each value is bound where it appears).
const BINDS_PER_ROW: usize = 8;

/// The most messages [`enqueue_many`] takes in one call.
pub const MAX_ROWS: usize = super::MAX_BINDS / BINDS_PER_ROW;

/// Queues `messages` for the outbox worker in one multi-row INSERT (in the caller's
/// transaction), as [`super::outbox::enqueue`] queues one. At most [`MAX_ROWS`] a call.
pub async fn enqueue_many(
    conn: &mut sqlx::AnyConnection,
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
    let mut markers = super::markers::Markers::for_connection(conn);
    let values: Vec<String> = messages
        .iter()
        .map(|_| {
            let m: Vec<String> = (0..BINDS_PER_ROW).map(|_| markers.take()).collect();
            format!(
                "({}, {}, {}, {}, {}, 'pending', 0, {}, {}, {})",
                m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7]
            )
        })
        .collect();
    let sql = format!(
        "insert into outbox (id, channel, recipient, subject, body, status, attempts, next_attempt_at, case_id, created_at)
         values {}",
        values.join(", ")
    );
    let recipients: Vec<String> = messages
        .iter()
        .map(|m| seal_recipient(vault, m.channel, m.recipient))
        .collect();
    // Not kept prepared: each chunk size is its own statement text.
    let mut query = sqlx::query(&sql).persistent(false);
    for (m, recipient) in messages.iter().zip(&recipients) {
        query = query
            .bind(m.id)
            .bind(m.channel.code())
            .bind(recipient.as_str())
            .bind(m.subject)
            .bind(m.body)
            .bind(now_ms)
            .bind(m.case_id)
            .bind(now_ms);
    }
    query.execute(conn).await.map(|_| ())
}
