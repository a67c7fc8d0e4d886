use sqlx::{Any, Executor};

#[derive(Debug, Clone)]
pub struct NewMessage<'a> {
    pub id: &'a str,
    pub channel: &'a str,
    pub recipient: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
    pub case_id: Option<&'a str>,
}

/// Queues a message for the outbox worker (in the caller's transaction).
pub async fn enqueue<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    message: &NewMessage<'_>,
    now_ms: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "insert into outbox (id, channel, recipient, subject, body, status, attempts, next_attempt_at, case_id, created_at)
         values ($1, $2, $3, $4, $5, 'pending', 0, $6, $7, $6)",
    )
    .bind(message.id)
    .bind(message.channel)
    .bind(message.recipient)
    .bind(message.subject)
    .bind(message.body)
    .bind(now_ms)
    .bind(message.case_id)
    .execute(ex)
    .await
    .map(|_| ())
}

pub async fn count_for_case<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    case_id: &str,
) -> sqlx::Result<i64> {
    sqlx::query_scalar("select count(*) from outbox where case_id = $1")
        .bind(case_id)
        .fetch_one(ex)
        .await
}
