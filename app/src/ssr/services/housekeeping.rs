//! Deleting what is kept only for a while: drafts (personal data), ended sessions and
//! rate-limit counters whose window has closed. Form keys are not stored (they are signed),
//! so there is nothing to delete for them.
use chrono::{DateTime, Utc};

use super::{millis, reports::draft_cutoff};
use crate::ssr::{
    error::ServiceError,
    repo::{drafts, rate_limits, sessions},
    state::AppState,
};

/// How many rows one pass deleted, by kind.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Purged {
    pub drafts: u64,
    pub sessions: u64,
    pub counters: u64,
}

/// One purge pass (the worker runs it with the clock sweep).
#[tracing::instrument(skip_all)]
pub async fn purge(state: &AppState, now: DateTime<Utc>) -> Result<Purged, ServiceError> {
    let pool = &state.db.pool;
    let purged = Purged {
        drafts: drafts::purge_before(pool, draft_cutoff(now)).await?,
        sessions: sessions::purge_ended(pool, millis(now)).await?,
        counters: rate_limits::purge_before(pool, millis(now)).await?,
    };
    if purged != Purged::default() {
        tracing::info!(?purged, "expired rows deleted");
    }
    Ok(purged)
}
