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
/// Look-ups per hour of one number from one address by a browser known to be its household's
/// (or proven by the ID number): counted apart from the address's flood count, which anyone
/// there can spend with refused look-ups (attacker tester: 605 junk look-ups shut out the
/// household's own phone and the ID number for an hour).
pub const TRACKS_KNOWN_PER_ADDRESS_PER_HOUR: i64 = 60;
/// Look-ups per address per hour that found nothing: a family's typos, not a search.
pub const TRACK_MISSES_PER_ADDRESS_PER_HOUR: i64 = 30;
/// Look-ups of one tracking number per hour with the wrong mobile, from anywhere.
pub const TRACK_MISSES_PER_NUMBER_PER_HOUR: i64 = 20;
/// Look-ups held back that give an ID number and do not match (`take_proof_try`), per tracking
/// number per hour, from anywhere.
pub const TRACK_PROOFS_PER_NUMBER_PER_HOUR: i64 = 5;

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

/// The misses a look-up took before the case was read: given back when it finds its case.
#[must_use = "a look-up's taken misses are given back on a hit"]
pub struct Admitted {
    taken: Vec<String>,
    /// A browser known to be the household's: not held back, its misses counted afterwards.
    known: Option<[(String, i64); 2]>,
}

/// Before a look-up: refused when the address floods, or when the address or the number has
/// used up its misses. Checked before the case is read, so once they are used up even the
/// right mobile number is refused and tells a guesser nothing. A number whose misses came
/// from elsewhere is `LookUpsPaused`, so its household is not told it asked too often; a
/// browser `known` to be the household's (`known_number`) is not held back by others' misses,
/// of the number or of its address, nor by the address's flood count: it has a count of its
/// own ([`TRACKS_KNOWN_PER_ADDRESS_PER_HOUR`]).
///
/// Each look-up takes its miss from both counters up front, one atomic upsert each, and
/// [`found`] gives them back: a check-then-count let a burst of 300 look-ups all read the
/// counters under the limit and try 300 mobiles against a limit of 20 (attacker tester).
pub async fn admit(
    state: &AppState,
    address: &str,
    tracking: &str,
    known: bool,
    now: DateTime<Utc>,
) -> Result<Admitted, ServiceError> {
    let pool = &state.db.pool;
    let now_ms = millis(now);
    let [by_address, by_number] = miss_buckets(address, tracking);
    if known {
        let own = format!("track-known:{address}:{tracking}");
        if !rate_limits::take_in_window(
            pool,
            &own,
            TRACKS_KNOWN_PER_ADDRESS_PER_HOUR,
            HOUR_MS,
            now_ms,
        )
        .await?
        {
            tracing::warn!("a known browser's look-ups of one number over its limit");
            return Err(ServiceError::RateLimited);
        }
        return Ok(Admitted {
            taken: Vec::new(),
            known: Some([by_address, by_number]),
        });
    }
    let flood = format!("track-address:{address}");
    if !rate_limits::take_in_window(pool, &flood, TRACKS_PER_ADDRESS_PER_HOUR, HOUR_MS, now_ms)
        .await?
    {
        tracing::warn!("progress look-ups from one address over the flood limit");
        return Err(ServiceError::RateLimited);
    }
    // A shared address (a village's Wi-Fi) spent by others' misses does not shut out a
    // browser that found this number before (tester): `known` above.
    let (address_bucket, address_limit) = (&by_address.0, by_address.1);
    if !rate_limits::take_in_window(pool, address_bucket, address_limit, HOUR_MS, now_ms).await? {
        tracing::warn!("progress look-ups refused: too many from one address found nothing");
        return Err(ServiceError::RateLimited);
    }
    let (number_bucket, number_limit) = (&by_number.0, by_number.1);
    if !rate_limits::take_in_window(pool, number_bucket, number_limit, HOUR_MS, now_ms).await? {
        rate_limits::give_back(pool, address_bucket).await?;
        tracing::warn!("progress look-ups refused: one number tried with many wrong mobiles");
        return Err(ServiceError::LookUpsPaused);
    }
    Ok(Admitted {
        taken: vec![by_address.0, by_number.0],
        known: None,
    })
}

/// A look-up that offers the applicant's ID number to get past a pause or its address's used-up
/// misses (`track::proven`): a try from the number's count, taken before the case is read,
/// apart from the misses, so a household on a carrier's shared address whose misses others
/// used up can still prove itself (tester). Per number, not per address: others' wrong tries
/// on other numbers behind the same address used up a count all of them shared (attacker
/// tester). Answers the counter to give back if all matched; refused when there are no tries
/// left.
pub async fn take_proof_try(
    state: &AppState,
    tracking: &str,
    now: DateTime<Utc>,
) -> Result<String, ServiceError> {
    let by_number = format!("track-proof-number:{tracking}");
    let limit = TRACK_PROOFS_PER_NUMBER_PER_HOUR;
    if !rate_limits::take_in_window(&state.db.pool, &by_number, limit, HOUR_MS, millis(now)).await?
    {
        tracing::warn!("ID-number tries refused: too many for one number");
        return Err(ServiceError::ProofTriesUsedUp);
    }
    Ok(by_number)
}

/// The ID number matched: its tries are given back.
pub async fn give_back_proof_try(state: &AppState, taken: &str) -> Result<(), ServiceError> {
    Ok(rate_limits::give_back(&state.db.pool, taken).await?)
}

/// The look-up found its case: the misses it took are given back.
pub async fn found(state: &AppState, admitted: Admitted) -> Result<(), ServiceError> {
    for bucket in &admitted.taken {
        rate_limits::give_back(&state.db.pool, bucket).await?;
    }
    Ok(())
}

/// The look-up found nothing. Its misses were taken on admission; a known browser's are
/// counted now (counted, never refused).
pub async fn missed(
    state: &AppState,
    admitted: Admitted,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let now_ms = millis(now);
    for (bucket, limit) in admitted.known.into_iter().flatten() {
        rate_limits::take_in_window(&state.db.pool, &bucket, limit, HOUR_MS, now_ms).await?;
    }
    Ok(())
}
