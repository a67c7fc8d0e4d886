//! Outbox delivery: the worker claims due rows, sends each through a [`Mailer`] (email, working
//! hours only) or an [`SmsGateway`] (any time), records the outcome and retries failures with
//! exponential backoff (1, 2, 4, 8, 16 minutes) until the sixth failed attempt parks the row
//! as a dead letter for the administrators.
pub mod aliyun_sms;
#[cfg(feature = "test-support")]
mod fake;
mod http_sms;
mod transport;

pub use aliyun_sms::{AliyunSms, AliyunSmsGateway};
#[cfg(feature = "test-support")]
pub use fake::{Recording, RecordingMailer, RecordingSms, Sent};
pub use http_sms::{hmac_signature, HttpSmsGateway, SmsAuth};
pub use transport::{
    MailError, Mailer, SendFuture, SmsError, SmsGateway, SmtpMailer, SmtpSecurity, SmtpSettings,
};

use chrono::{DateTime, Duration, NaiveTime, Utc};

use super::millis;
use crate::{
    domain::{
        calendar::Calendar,
        time::{to_beijing, BEIJING_OFFSET_HOURS},
    },
    ssr::{
        db::Backend,
        error::ServiceError,
        repo::outbox::{self, MessageChannel, PendingRow},
        staff::Staff,
        state::AppState,
    },
    wire::admin::DeadLetterView,
};

/// A row is given up on (status 'dead') after this many failed attempts.
pub const MAX_ATTEMPTS: i64 = 6;
/// Rows claimed per pass.
const BATCH: i64 = 20;
/// A claimed row is not claimed again for this long, so a worker that dies mid-send only
/// delays it.
const LEASE_MINUTES: i64 = 10;

/// What one delivery pass did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeliveryReport {
    pub sent: usize,
    /// Failed attempts that will be retried.
    pub retrying: usize,
    /// Rows given up on in this pass.
    pub dead: usize,
    /// Email rows moved to the next working-hours start.
    pub deferred: u64,
}

const HOURS_START: (u32, u32) = (8, 30);
const HOURS_END: (u32, u32) = (17, 30);

fn hm((h, m): (u32, u32)) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap_or(NaiveTime::MIN)
}

/// Working hours: 08:30 to 17:30 Beijing time on a working day of `cal`.
pub fn in_working_hours(cal: &Calendar, now: DateTime<Utc>) -> bool {
    let local = to_beijing(now);
    let time = local.time();
    cal.is_working_day(local.date()) && time >= hm(HOURS_START) && time < hm(HOURS_END)
}

/// The next start of working hours after `now` (today's 08:30 if that is still ahead and today
/// is a working day, otherwise 08:30 on the next working day).
pub fn next_working_hours_start(cal: &Calendar, now: DateTime<Utc>) -> DateTime<Utc> {
    let local = to_beijing(now);
    let date = if cal.is_working_day(local.date()) && local.time() < hm(HOURS_START) {
        local.date()
    } else {
        cal.add_working_days(local.date(), 1)
    };
    (date.and_time(hm(HOURS_START)) - Duration::hours(BEIJING_OFFSET_HOURS)).and_utc()
}

/// Wait before the next try after the `failures`-th failed attempt: 1, 2, 4, 8 ... minutes.
pub fn backoff(failures: i64) -> Duration {
    let exponent = u32::try_from(failures.saturating_sub(1).clamp(0, 16)).unwrap_or(16);
    Duration::minutes(1_i64 << exponent)
}

enum Channel<'a> {
    Email(&'a dyn Mailer),
    Sms(&'a dyn SmsGateway),
}

impl Channel<'_> {
    fn code(&self) -> MessageChannel {
        match self {
            Channel::Email(_) => MessageChannel::Email,
            Channel::Sms(_) => MessageChannel::Sms,
        }
    }

    async fn send(&self, row: &PendingRow) -> Result<(), String> {
        match self {
            Channel::Email(mailer) => mailer
                .send(&row.recipient, &row.subject, &row.body)
                .await
                .map_err(|e| cause_text(&e)),
            Channel::Sms(gateway) => gateway
                .send(&row.recipient, &row.body)
                .await
                .map_err(|e| cause_text(&e)),
        }
    }
}

/// The cause chain as stored in `last_error` and logged: a gateway's text may carry its URL
/// with credentials or a key in the query string, so it is scrubbed first.
fn cause_text(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut current = e.source();
    while let Some(cause) = current {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        current = cause.source();
    }
    crate::domain::redact::scrub_secrets(&text)
}

/// Sends the email rows due by `now`, in working hours only; outside them the due rows wait
/// for the next working-hours start.
#[tracing::instrument(skip_all, fields(now = %now))]
pub async fn deliver_due(
    state: &AppState,
    mailer: &dyn Mailer,
    now: DateTime<Utc>,
) -> Result<DeliveryReport, ServiceError> {
    if !in_working_hours(&state.calendar, now) {
        let until = next_working_hours_start(&state.calendar, now);
        let deferred = outbox::defer_due(
            &state.db.pool,
            MessageChannel::Email,
            millis(now),
            millis(until),
        )
        .await?;
        if deferred > 0 {
            tracing::info!(deferred, until = %until, "email waits for working hours");
        }
        return Ok(DeliveryReport {
            deferred,
            ..DeliveryReport::default()
        });
    }
    deliver(state, Channel::Email(mailer), now, &|| false).await
}

/// [`deliver_due`] and [`deliver_sms_due`] for a worker that may be told to stop: after the
/// row being sent when `stop` turns true, the rest of the claimed batch is released (due
/// again at once) for another worker or the next start, instead of waiting out its lease.
pub async fn deliver_until_stopped(
    state: &AppState,
    mailer: Option<&dyn Mailer>,
    sms: Option<&dyn SmsGateway>,
    now: DateTime<Utc>,
    stop: &(dyn Fn() -> bool + Sync),
) -> Result<DeliveryReport, ServiceError> {
    let mut report = DeliveryReport::default();
    if let Some(mailer) = mailer {
        if in_working_hours(&state.calendar, now) {
            report = deliver(state, Channel::Email(mailer), now, stop).await?;
        } else {
            report = deliver_due(state, mailer, now).await?;
        }
    }
    if let Some(gateway) = sms {
        if !stop() {
            let sent = deliver(state, Channel::Sms(gateway), now, stop).await?;
            report.sent += sent.sent;
            report.retrying += sent.retrying;
            report.dead += sent.dead;
        }
    }
    Ok(report)
}

/// Sends the SMS rows due by `now` (text messages to households are not held back).
#[tracing::instrument(skip_all, fields(now = %now))]
pub async fn deliver_sms_due(
    state: &AppState,
    gateway: &dyn SmsGateway,
    now: DateTime<Utc>,
) -> Result<DeliveryReport, ServiceError> {
    deliver(state, Channel::Sms(gateway), now, &|| false).await
}

async fn deliver(
    state: &AppState,
    channel: Channel<'_>,
    now: DateTime<Utc>,
    stop: &(dyn Fn() -> bool + Sync),
) -> Result<DeliveryReport, ServiceError> {
    let rows = claim(state, channel.code(), now).await?;
    let mut report = DeliveryReport::default();
    for (index, row) in rows.iter().enumerate() {
        if stop() {
            // Stopping: hand the rest of the claim back rather than hold it for the lease.
            for unsent in &rows[index..] {
                outbox::set_next_attempt(&state.db.pool, &unsent.id, millis(now)).await?;
            }
            tracing::info!(
                channel = channel.code().code(),
                released = rows.len() - index,
                "stopping: claimed outbox rows released"
            );
            break;
        }
        let attempts = row.attempts + 1;
        match channel.send(row).await {
            Ok(()) => {
                outbox::mark_sent(&state.db.pool, &row.id, attempts, millis(now)).await?;
                report.sent += 1;
            }
            Err(error) if attempts >= MAX_ATTEMPTS => {
                outbox::mark_failed(
                    &state.db.pool,
                    &row.id,
                    "dead",
                    attempts,
                    millis(now),
                    &error,
                )
                .await?;
                tracing::error!(outbox_id = %row.id, channel = channel.code().code(), attempts, %error, "giving up: dead letter");
                report.dead += 1;
            }
            Err(error) => {
                let next = now + backoff(attempts);
                outbox::mark_failed(
                    &state.db.pool,
                    &row.id,
                    "pending",
                    attempts,
                    millis(next),
                    &error,
                )
                .await?;
                tracing::warn!(outbox_id = %row.id, channel = channel.code().code(), attempts, %error, retry_at = %next, "send failed");
                report.retrying += 1;
            }
        }
    }
    if report != DeliveryReport::default() {
        tracing::info!(
            channel = channel.code().code(),
            sent = report.sent,
            retrying = report.retrying,
            dead = report.dead,
            "outbox pass"
        );
    }
    Ok(report)
}

/// Claims up to a batch of due rows by leasing them (moving their next attempt past the
/// sending time) in one short transaction; sending happens outside it. PostgreSQL skips rows
/// another worker holds; SQLite has one writer, taken up front.
async fn claim(
    state: &AppState,
    channel: MessageChannel,
    now: DateTime<Utc>,
) -> Result<Vec<PendingRow>, ServiceError> {
    let mut tx = state.db.pool.begin().await?;
    let skip_locked = match state.db.backend {
        Backend::Postgres => true,
        Backend::Sqlite => {
            outbox::lock_for_claim(&mut *tx).await?;
            false
        }
    };
    let rows = outbox::due(
        &mut *tx,
        &state.vault,
        channel,
        millis(now),
        BATCH,
        skip_locked,
    )
    .await?;
    let lease = millis(now + Duration::minutes(LEASE_MINUTES));
    for row in &rows {
        outbox::set_next_attempt(&mut *tx, &row.id, lease).await?;
    }
    tx.commit().await?;
    Ok(rows)
}

/// Messages given up on, newest first: county administrators only, for their own county.
pub async fn dead_letters(
    state: &AppState,
    staff: &Staff,
    limit: i64,
) -> Result<Vec<DeadLetterView>, ServiceError> {
    staff.require_admin()?;
    // Messages about no case (account mail) belong to the deployment's own county admin.
    let deployment = super::settings::deployment_county(&state.db).await?;
    let own_deployment = deployment.as_deref() == Some(staff.scope.as_str());
    let rows = outbox::dead_in_county(
        &state.db.pool,
        &state.vault,
        staff.scope.as_str(),
        own_deployment,
        limit,
    )
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| DeadLetterView {
            channel: r.channel.label_zh().to_owned(),
            recipient: r.recipient,
            subject: r.subject,
            attempts: r.attempts,
            last_error: r.last_error.unwrap_or_default(),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    /// Beijing wall time as an instant.
    fn beijing(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, min, 0)
            .single()
            .expect("valid")
            - Duration::hours(BEIJING_OFFSET_HOURS)
    }

    #[test]
    fn working_hours_are_half_past_eight_to_half_past_five_on_working_days() {
        let cal = Calendar::china();
        // Monday 2026-11-23.
        assert!(!in_working_hours(&cal, beijing(2026, 11, 23, 8, 29)));
        assert!(in_working_hours(&cal, beijing(2026, 11, 23, 8, 30)));
        assert!(in_working_hours(&cal, beijing(2026, 11, 23, 17, 29)));
        assert!(!in_working_hours(&cal, beijing(2026, 11, 23, 17, 30)));
        // Saturday.
        assert!(!in_working_hours(&cal, beijing(2026, 11, 28, 10, 0)));
        // National Day holiday.
        assert!(!in_working_hours(&cal, beijing(2026, 10, 2, 10, 0)));
    }

    #[test]
    fn an_email_after_hours_waits_for_the_next_working_morning() {
        let cal = Calendar::china();
        assert_eq!(
            next_working_hours_start(&cal, beijing(2026, 11, 23, 6, 0)),
            beijing(2026, 11, 23, 8, 30)
        );
        assert_eq!(
            next_working_hours_start(&cal, beijing(2026, 11, 23, 22, 0)),
            beijing(2026, 11, 24, 8, 30)
        );
        // Friday evening waits for Monday.
        assert_eq!(
            next_working_hours_start(&cal, beijing(2026, 11, 27, 18, 0)),
            beijing(2026, 11, 30, 8, 30)
        );
        // Late UTC evening is already the next morning in Beijing.
        assert_eq!(
            next_working_hours_start(&cal, beijing(2026, 11, 24, 0, 10)),
            beijing(2026, 11, 24, 8, 30)
        );
    }

    #[test]
    fn retries_back_off_exponentially_in_minutes() {
        let waits: Vec<i64> = (1..=5).map(|n| backoff(n).num_minutes()).collect();
        assert_eq!(waits, vec![1, 2, 4, 8, 16]);
    }
}
