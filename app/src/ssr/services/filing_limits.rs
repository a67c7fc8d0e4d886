//! Counted limits taken inside the filing's own transaction: a filing is one commit (one
//! fsync) instead of one per counter plus its own, and a filing that is refused or fails
//! leaves no hit behind (the transaction is rolled back with it).
use sqlx::Any;

use crate::ssr::{error::ServiceError, repo::rate_limits};

/// One hit on a fixed-window counter, and what the filing is answered when it is over.
pub struct Hit {
    pub bucket: String,
    pub limit: i64,
    pub window_ms: i64,
    /// Logged when the limit refuses the filing.
    pub warning: &'static str,
    pub refused: ServiceError,
}

/// Takes the hits in order inside `tx`. The first one over its limit refuses the filing;
/// the caller then drops `tx`, so the hits taken before it are not counted either.
pub async fn take_all(
    tx: &mut sqlx::Transaction<'static, Any>,
    hits: Vec<Hit>,
    now_ms: i64,
) -> Result<(), ServiceError> {
    for hit in hits {
        let admitted =
            rate_limits::take_in_window(&mut **tx, &hit.bucket, hit.limit, hit.window_ms, now_ms)
                .await?;
        if !admitted {
            tracing::warn!("{}", hit.warning);
            return Err(hit.refused);
        }
    }
    Ok(())
}
