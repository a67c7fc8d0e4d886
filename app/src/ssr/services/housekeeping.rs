//! Deleting what is kept only for a while: drafts (personal data), ended sessions and
//! rate-limit counters whose window has closed. Form keys are not stored (they are signed),
//! so there is nothing to delete for them.
use chrono::{DateTime, Utc};

use super::{millis, reports::draft_cutoff};
use crate::domain::{
    case::Case,
    retention::{cutoff, scrub_members, REFUSED_STATES},
    time::beijing_date,
};
use crate::ssr::{
    error::ServiceError,
    repo::{cases as case_rows, clocks, drafts, rate_limits, retention, sessions},
    state::AppState,
};

/// How many rows one pass deleted, by kind.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Purged {
    pub drafts: u64,
    pub sessions: u64,
    pub counters: u64,
    /// Delivered messages whose recipient and text were cleared.
    pub payloads: u64,
    /// Refused filings whose personal data was cleared.
    pub refused: u64,
    /// The sweep's told marks of clocks closed or moved to another date.
    pub marks: u64,
}

/// One purge pass (the worker runs it with the clock sweep).
#[tracing::instrument(skip_all)]
pub async fn purge(state: &AppState, now: DateTime<Utc>) -> Result<Purged, ServiceError> {
    let pool = &state.db.pool;
    let purged = Purged {
        drafts: drafts::purge_before(pool, draft_cutoff(now)).await?,
        sessions: sessions::purge_ended(pool, millis(now)).await?,
        counters: rate_limits::purge_before(pool, millis(now)).await?,
        payloads: retention::purge_delivered_payloads(
            pool,
            cutoff(millis(now), state.policy.retention.delivered_payload_days),
            millis(now),
        )
        .await?,
        refused: purge_refused(state, now).await?,
        marks: clocks::purge_stale_marks(pool, &beijing_date(now).to_string(), STALE_MARKS_BATCH)
            .await?,
    };
    if purged != Purged::default() {
        tracing::info!(?purged, "expired rows deleted");
    }
    Ok(purged)
}

/// Stale told marks deleted per pass (the next pass takes the rest).
const STALE_MARKS_BATCH: i64 = 5_000;

/// Refused filings cleared per pass (the next pass takes the rest).
const REFUSED_BATCH: i64 = 500;

/// Clears the personal data of filings refused longer ago than the policy's period. Only
/// refused filings: identified households and their events are what the mechanism runs on.
async fn purge_refused(state: &AppState, now: DateTime<Utc>) -> Result<u64, ServiceError> {
    let now_ms = millis(now);
    let before = cutoff(now_ms, state.policy.retention.refused_filing_days);
    let due = retention::refused_due(&state.db.pool, REFUSED_STATES, before, REFUSED_BATCH).await?;
    let mut cleared = 0;
    for (case_id, snapshot) in due {
        // The snapshot keeps the procedure (state, dates, reason) without the household facts;
        // events keep their facts without members' names and ID numbers.
        let corrupt = |e: &dyn std::fmt::Display| {
            ServiceError::Corrupt(format!("case {case_id} snapshot: {e}"))
        };
        let opened = state
            .vault
            .open_json(snapshot.as_deref().unwrap_or_default())
            .map_err(|e| corrupt(&e))?;
        let mut case: Case = serde_json::from_str(&opened).map_err(|e| corrupt(&e))?;
        case.household = None;
        let plain = serde_json::to_string(&case).map_err(|e| corrupt(&e))?;
        // Whatever personal field is left stays sealed, like every snapshot.
        let snapshot = state.vault.seal_json(&plain).map_err(|e| corrupt(&e))?;
        let mut tx = state.db.pool.begin().await?;
        cleared += retention::clear_refused(&mut *tx, &case_id, &snapshot, now_ms).await?;
        retention::clear_case_messages(&mut *tx, &case_id, now_ms).await?;
        for (seq, payload) in case_rows::events(&mut *tx, &state.vault, &case_id).await? {
            let corrupt = |e: &dyn std::fmt::Display| {
                ServiceError::Corrupt(format!("event {case_id}/{seq}: {e}"))
            };
            let mut value: serde_json::Value =
                serde_json::from_str(&payload).map_err(|e| corrupt(&e))?;
            if scrub_members(&mut value) {
                let sealed = state
                    .vault
                    .seal_json(&value.to_string())
                    .map_err(|e| corrupt(&e))?;
                retention::rewrite_event(&mut *tx, &case_id, seq, &sealed).await?;
            }
        }
        tx.commit().await?;
    }
    Ok(cleared)
}
