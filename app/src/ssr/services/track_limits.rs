//! Limits on progress look-ups (/track). Households behind one address (a village office's
//! Wi-Fi, a carrier's shared address) must not lock each other out, so a look-up that finds
//! its case costs nothing but a share of a large flood limit. Only misses are scarce: per
//! address, and per tracking number, so a number someone has seen cannot be tried against
//! many mobile numbers from many addresses.

use chrono::{DateTime, Utc};

use super::millis;
use crate::ssr::{error::ServiceError, repo::rate_limits, state::AppState};

const HOUR_MS: i64 = 60 * 60_000;

/// Look-ups per address per hour, found or not: a flood guard only (a carrier may put a
/// whole county behind one address).
pub const TRACKS_PER_ADDRESS_PER_HOUR: i64 = 600;
/// Look-ups per address per hour that found nothing: a family's typos, not a search.
pub const TRACK_MISSES_PER_ADDRESS_PER_HOUR: i64 = 30;
/// Look-ups of one tracking number per hour with the wrong mobile, from anywhere.
pub const TRACK_MISSES_PER_NUMBER_PER_HOUR: i64 = 20;

fn miss_buckets(address: &str, tracking: &str) -> [(String, i64); 2] {
    [
        (
            format!("track-miss-address:{address}"),
            TRACK_MISSES_PER_ADDRESS_PER_HOUR,
        ),
        (
            format!("track-miss-number:{tracking}"),
            TRACK_MISSES_PER_NUMBER_PER_HOUR,
        ),
    ]
}

/// Before a look-up: refused when the address floods, or when the address or the number has
/// used up its misses. Checked before the case is read, so once they are used up even the
/// right mobile number is refused and tells a guesser nothing. A number whose misses came
/// from elsewhere is `LookUpsPaused`, so its household is not told it asked too often; a
/// browser `known` to be the household's (`known_number`) is not held back by others' misses,
/// of the number or of its address.
pub async fn admit(
    state: &AppState,
    address: &str,
    tracking: &str,
    known: bool,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let pool = &state.db.pool;
    let now_ms = millis(now);
    let flood = format!("track-address:{address}");
    if !rate_limits::take_in_window(pool, &flood, TRACKS_PER_ADDRESS_PER_HOUR, HOUR_MS, now_ms)
        .await?
    {
        tracing::warn!("progress look-ups from one address over the flood limit");
        return Err(ServiceError::RateLimited);
    }
    let [by_address, by_number] = miss_buckets(address, tracking);
    let buckets = [
        (by_address.0.as_str(), by_address.1),
        (by_number.0.as_str(), by_number.1),
    ];
    let spent = rate_limits::reached(pool, &buckets, now_ms).await?;
    // A shared address (a village's Wi-Fi) spent by others' misses does not shut out a
    // browser that found this number before (tester).
    if spent.contains(&by_address.0) && !known {
        tracing::warn!("progress look-ups refused: too many from one address found nothing");
        return Err(ServiceError::RateLimited);
    }
    if spent.contains(&by_number.0) && !known {
        tracing::warn!("progress look-ups refused: one number tried with many wrong mobiles");
        return Err(ServiceError::LookUpsPaused);
    }
    Ok(())
}

/// After a look-up that found nothing: one miss for the address and one for the number.
pub async fn count_miss(
    state: &AppState,
    address: &str,
    tracking: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let now_ms = millis(now);
    for (bucket, limit) in miss_buckets(address, tracking) {
        rate_limits::take_in_window(&state.db.pool, &bucket, limit, HOUR_MS, now_ms).await?;
    }
    Ok(())
}
