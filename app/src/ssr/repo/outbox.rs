//! Messages waiting to leave (email, SMS): claimed with a lease, retried, parked when dead.
use sqlx::{Any, Executor};

use crate::ssr::vault::{Field, Vault};

/// How a message leaves: email to staff, SMS to households. Stored as its code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageChannel {
    Email,
    Sms,
}

impl MessageChannel {
    pub fn code(self) -> &'static str {
        match self {
            MessageChannel::Email => "email",
            MessageChannel::Sms => "sms",
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            MessageChannel::Email => "邮件",
            MessageChannel::Sms => "短信",
        }
    }
}

impl TryFrom<String> for MessageChannel {
    type Error = String;

    fn try_from(code: String) -> Result<Self, Self::Error> {
        [MessageChannel::Email, MessageChannel::Sms]
            .into_iter()
            .find(|c| c.code() == code)
            .ok_or_else(|| format!("unknown outbox channel {code}"))
    }
}

#[derive(Debug, Clone)]
pub struct NewMessage<'a> {
    pub id: &'a str,
    pub channel: MessageChannel,
    pub recipient: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
    pub case_id: Option<&'a str>,
}

/// Queues a message for the outbox worker (in the caller's transaction). An SMS recipient
/// (a household's mobile) is stored sealed.
pub async fn enqueue<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    vault: &Vault,
    message: &NewMessage<'_>,
    now_ms: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "insert into outbox (id, channel, recipient, subject, body, status, attempts, next_attempt_at, case_id, created_at)
         values ($1, $2, $3, $4, $5, 'pending', 0, $6, $7, $6)",
    )
    .bind(message.id)
    .bind(message.channel.code())
    .bind(seal_recipient(vault, message.channel, message.recipient))
    .bind(message.subject)
    .bind(message.body)
    .bind(now_ms)
    .bind(message.case_id)
    .execute(ex)
    .await
    .map(|_| ())
}

pub(super) fn seal_recipient(vault: &Vault, channel: MessageChannel, recipient: &str) -> String {
    match channel {
        MessageChannel::Sms => vault.seal(Field::Mobile, recipient),
        MessageChannel::Email => recipient.to_owned(),
    }
}

/// A stored recipient, opened (email addresses are stored as they are).
pub fn open_recipient(vault: &Vault, recipient: &str) -> sqlx::Result<String> {
    Ok(vault.open(Field::Mobile, recipient)?)
}

#[cfg(feature = "test-support")]
pub async fn count_for_case<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    case_id: &str,
) -> sqlx::Result<i64> {
    sqlx::query_scalar("select count(*) from outbox where case_id = $1")
        .bind(case_id)
        .fetch_one(ex)
        .await
}

/// Whether a message of `subject` was queued for the case (until retention purges it).
pub async fn has_subject<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    case_id: &str,
    subject: &str,
) -> sqlx::Result<bool> {
    let found: i64 =
        sqlx::query_scalar("select count(*) from outbox where case_id = $1 and subject = $2")
            .bind(case_id)
            .bind(subject)
            .fetch_one(ex)
            .await?;
    Ok(found > 0)
}

/// A message the worker is about to send.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PendingRow {
    pub id: String,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub attempts: i64,
}

/// Takes SQLite's single write lock at the start of a transaction (like `begin immediate`), so
/// a claim never has to upgrade a read snapshot that another writer has moved past. A no-op on
/// rows; PostgreSQL does not need it.
pub async fn lock_for_claim<'e, E: Executor<'e, Database = Any>>(ex: E) -> sqlx::Result<()> {
    sqlx::query("update outbox set status = status where 1 = 0")
        .execute(ex)
        .await
        .map(|_| ())
}

/// Pending rows of `channel` due by `now_ms`, oldest first. With `skip_locked` (PostgreSQL) rows
/// another worker has claimed are skipped. Index: outbox_due (status, next_attempt_at).
pub async fn due<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    vault: &Vault,
    channel: MessageChannel,
    now_ms: i64,
    limit: i64,
    skip_locked: bool,
) -> sqlx::Result<Vec<PendingRow>> {
    let lock = if skip_locked {
        " for update skip locked"
    } else {
        ""
    };
    let rows: Vec<PendingRow> = sqlx::query_as(&format!(
        "select id, recipient, subject, body, attempts from outbox
         where status = 'pending' and next_attempt_at <= $1 and channel = $2
         order by next_attempt_at, id limit $3{lock}"
    ))
    .bind(now_ms)
    .bind(channel.code())
    .bind(limit)
    .fetch_all(ex)
    .await?;
    rows.into_iter()
        .map(|mut row| {
            row.recipient = open_recipient(vault, &row.recipient)?;
            Ok(row)
        })
        .collect()
}

/// Sets when a pending row is next tried (a claim's lease, or a deferral).
pub async fn set_next_attempt<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    id: &str,
    at_ms: i64,
) -> sqlx::Result<()> {
    sqlx::query("update outbox set next_attempt_at = $2 where id = $1 and status = 'pending'")
        .bind(id)
        .bind(at_ms)
        .execute(ex)
        .await
        .map(|_| ())
}

/// Moves every pending row of `channel` due by `now_ms` to `until_ms` (outside working hours).
pub async fn defer_due<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    channel: MessageChannel,
    now_ms: i64,
    until_ms: i64,
) -> sqlx::Result<u64> {
    sqlx::query(
        "update outbox set next_attempt_at = $3
         where status = 'pending' and next_attempt_at <= $1 and channel = $2",
    )
    .bind(now_ms)
    .bind(channel.code())
    .bind(until_ms)
    .execute(ex)
    .await
    .map(|done| done.rows_affected())
}

pub async fn mark_sent<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    id: &str,
    attempts: i64,
    now_ms: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "update outbox set status = 'sent', attempts = $2, sent_at = $3, last_error = null
         where id = $1",
    )
    .bind(id)
    .bind(attempts)
    .bind(now_ms)
    .execute(ex)
    .await
    .map(|_| ())
}

/// Records a failed attempt: `status` stays 'pending' (retried at `next_attempt_at`) or
/// becomes 'dead'.
pub async fn mark_failed<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    id: &str,
    status: &str,
    attempts: i64,
    next_attempt_at: i64,
    error: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "update outbox set status = $2, attempts = $3, next_attempt_at = $4, last_error = $5
         where id = $1",
    )
    .bind(id)
    .bind(status)
    .bind(attempts)
    .bind(next_attempt_at)
    .bind(error)
    .execute(ex)
    .await
    .map(|_| ())
}

/// A message given up on, for the administrators.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DeadRow {
    pub id: String,
    #[sqlx(try_from = "String")]
    pub channel: MessageChannel,
    pub recipient: String,
    pub subject: String,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub case_id: Option<String>,
    pub created_at: i64,
}

/// Dead letters about cases of `county`, newest first; with `with_caseless`, also those
/// about no case (account mail). Index: outbox_due (status, ...).
pub async fn dead_in_county<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    vault: &Vault,
    county: &str,
    with_caseless: bool,
    limit: i64,
) -> sqlx::Result<Vec<DeadRow>> {
    let rows: Vec<DeadRow> = sqlx::query_as(
        "select o.id, o.channel, o.recipient, o.subject, o.attempts, o.last_error, o.case_id,
                o.created_at
         from outbox o left join cases c on c.id = o.case_id
         where o.status = 'dead'
           and (c.county_code = $1 or (o.case_id is null and $2 = 1))
         order by o.created_at desc, o.id limit $3",
    )
    .bind(county)
    .bind(i64::from(with_caseless))
    .bind(limit)
    .fetch_all(ex)
    .await?;
    rows.into_iter()
        .map(|mut row| {
            row.recipient = open_recipient(vault, &row.recipient)?;
            Ok(row)
        })
        .collect()
}
