//! "Forgot the tracking number": people rarely keep reference numbers, so a household finds
//! its filings by mobile number. The numbers go by SMS to that phone only, so knowing someone
//! else's number reveals nothing; the answer is the same whether or not filings exist.
use chrono::{DateTime, NaiveDate, Utc};

use super::millis;
use crate::{
    domain::{
        mobile::MobileNumber, time::date_zh, tracking::TrackingNumber,
        wording::household::tracking_sms,
    },
    ssr::{
        error::ServiceError,
        repo::{cases, outbox, rate_limits},
        services::cases::new_id,
        state::AppState,
    },
    wire::FieldError,
};

/// Texts per phone number and per address within an hour (SMS costs money and annoys).
pub const WINDOW_MS: i64 = 60 * 60_000;
pub const MAX_PER_MOBILE: i64 = 3;
pub const MAX_PER_ADDRESS: i64 = 20;
/// Filings listed in one text, newest first.
const MAX_LISTED: i64 = 5;

/// How a plain (no-JavaScript) page words the answer: ok, limited or bad.
pub fn outcome(sent: &Result<(), ServiceError>) -> &'static str {
    match sent {
        Ok(()) => "ok",
        Err(ServiceError::RateLimited) => "limited",
        // Nothing typed is asked for, not called wrong.
        Err(ServiceError::Validation(errors))
            if errors.iter().any(|e| e.key == "mobile_number.empty") =>
        {
            "empty"
        }
        Err(_) => "bad",
    }
}

/// The counter of texts to `mobile` within [`WINDOW_MS`], keyed by the mobile's blind index
/// (no plaintext number in the table). Every text to a household's phone takes from it: a
/// proxy filing's (attacker tester: filing again and again for one number texted it each
/// time) and each one 忘记查询码 sends.
pub fn texts_bucket(vault: &crate::ssr::vault::Vault, mobile: &str) -> String {
    mobile_bucket("sms-mobile-ix", vault, mobile)
}

/// A counter per mobile, keyed by its blind index (no plaintext number in the table).
fn mobile_bucket(prefix: &str, vault: &crate::ssr::vault::Vault, mobile: &str) -> String {
    let index = vault.index(crate::ssr::vault::Field::Mobile, mobile);
    format!("{prefix}:{index}")
}

/// The counter of 忘记查询码 asks for `mobile` within [`WINDOW_MS`]. The answer is decided by
/// asks alone, never by texts: when the texts decided it, a mobile with two filings was
/// refused at its third ask and one with a single filing at its fourth, which told a prober
/// how many filings a number had (attacker tester).
fn asks_bucket(vault: &crate::ssr::vault::Vault, mobile: &str) -> String {
    mobile_bucket("sms-ask-ix", vault, mobile)
}

/// The least time an ask takes to answer. A text queued per filing is work a mobile without
/// filings does not cost, and the 1 ms it took told a prober, over many asks, whether a
/// phone's household had applied (attacker re-tester); a household waits for a text anyway.
pub const ANSWER_FLOOR: std::time::Duration = std::time::Duration::from_millis(100);

/// Queues a text with the tracking numbers filed under `mobile`, if there are any; answers
/// no sooner than [`ANSWER_FLOOR`] after it was asked, whatever it found.
#[tracing::instrument(skip_all)]
pub async fn send_tracking_numbers(
    state: &AppState,
    mobile: &str,
    address: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let asked = tokio::time::Instant::now();
    let answer = queue_tracking_texts(state, mobile, address, now).await;
    tokio::time::sleep_until(asked + ANSWER_FLOOR).await;
    answer
}

async fn queue_tracking_texts(
    state: &AppState,
    mobile: &str,
    address: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let mobile = MobileNumber::parse(mobile)
        .map_err(|e| ServiceError::Validation(vec![FieldError::new("mobile", &e)]))?;
    // One transaction, one commit, whether or not there are filings: answering a number with
    // none before queueing anything (and with a commit fewer) took half the time, which told
    // a prober that a phone's household had applied (attacker tester).
    let mut tx = state.db.pool.begin().await?;
    let now_ms = millis(now);
    // The address first: a burst over many numbers from one address stops there.
    let by_address = format!("sms-address:{address}");
    let asks = asks_bucket(&state.vault, mobile.as_str());
    if !rate_limits::take_in_window(&mut *tx, &by_address, MAX_PER_ADDRESS, WINDOW_MS, now_ms)
        .await?
        || !rate_limits::take_in_window(&mut *tx, &asks, MAX_PER_MOBILE, WINDOW_MS, now_ms).await?
    {
        tx.commit().await?;
        tracing::warn!("tracking-number texts rate limited");
        return Err(ServiceError::RateLimited);
    }
    let filed = cases::by_mobile(&mut *tx, &state.vault, mobile.as_str(), MAX_LISTED).await?;
    // One text per filing, each an approved template (providers send no free text, and cap
    // the length of one variable).
    let mut texts = Vec::with_capacity(filed.len());
    for row in &filed {
        let tracking = TrackingNumber::parse(&row.tracking_number)
            .map_err(|_| ServiceError::Corrupt(format!("case {} tracking", row.id)))?;
        let day = NaiveDate::parse_from_str(&row.discovered_on, "%Y-%m-%d")
            .map_err(|_| ServiceError::Corrupt(format!("case {} date", row.id)))?;
        texts.push(tracking_sms(&tracking.grouped(), &date_zh(day)));
    }
    let by_mobile = texts_bucket(&state.vault, mobile.as_str());
    for (n, (kind, body)) in texts.iter().enumerate() {
        // Each text takes from the phone's texts for the hour, newest filings first (one call
        // queued five texts: attacker tester). Past them nothing more goes, and the answer
        // stays the same: the page already says to call 12317 if no text comes.
        if !rate_limits::take_in_window(&mut *tx, &by_mobile, MAX_PER_MOBILE, WINDOW_MS, now_ms)
            .await?
        {
            tracing::info!(sent = n, "the phone's texts for this hour are used up");
            break;
        }
        outbox::enqueue(
            &mut *tx,
            &state.vault,
            &outbox::NewMessage {
                id: &new_id(),
                channel: outbox::MessageChannel::Sms,
                recipient: mobile.as_str(),
                subject: kind,
                body,
                case_id: None,
            },
            millis(now),
        )
        .await?;
    }
    tx.commit().await?;
    tracing::info!(filings = filed.len(), "tracking numbers queued by SMS");
    Ok(())
}
