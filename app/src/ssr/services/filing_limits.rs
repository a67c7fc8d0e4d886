//! Counted limits taken inside the filing's own transaction: a filing is one commit (one
//! fsync) instead of one per counter plus its own, and a filing that is refused or fails
//! leaves no hit behind (the transaction is rolled back with it).

use crate::ssr::{
    error::ServiceError,
    repo::multi_row::{self, WindowHit},
};

/// One hit on a fixed-window counter, and what the filing is answered when it is over.
pub struct Hit {
    pub bucket: String,
    pub limit: i64,
    pub window_ms: i64,
    /// Logged when the limit refuses the filing.
    pub warning: &'static str,
    pub refused: fn() -> ServiceError,
}

/// The hits as the counters' statements take them.
pub fn window_hits(hits: &[Hit]) -> Vec<WindowHit<'_>> {
    hits.iter()
        .map(|h| WindowHit {
            bucket: &h.bucket,
            limit: h.limit,
            window_ms: h.window_ms,
        })
        .collect()
}

/// Takes the hits inside `tx`, all in one statement. The first one (in order) over its limit
/// refuses the filing; the caller then drops `tx`, so the hits taken with it are not counted.
pub async fn take_all(
    tx: &mut sqlx::AnyConnection,
    hits: &[Hit],
    now_ms: i64,
) -> Result<(), ServiceError> {
    let admitted = multi_row::take_each_in_window(&mut *tx, &window_hits(hits), now_ms).await?;
    for hit in hits {
        if !admitted.contains(&hit.bucket) {
            tracing::warn!("{}", hit.warning);
            return Err((hit.refused)());
        }
    }
    Ok(())
}
