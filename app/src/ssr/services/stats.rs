//! Operational figures for monitoring, as of the app's clock.
use chrono::{DateTime, Utc};

pub use crate::ssr::repo::stats::OperationalCounts;
use crate::{
    domain::time::beijing_date,
    ssr::{error::ServiceError, repo::stats, state::AppState},
};

/// The whole-database counts `/metrics` reports (overdue as of today in Beijing).
pub async fn operational_counts(
    state: &AppState,
    now: DateTime<Utc>,
) -> Result<OperationalCounts, ServiceError> {
    let today = beijing_date(now).to_string();
    Ok(stats::operational_counts(&state.db.pool, &today).await?)
}
