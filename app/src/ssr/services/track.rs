//! 查询进度: a household finds its filing by tracking number and mobile. A miss looks exactly
//! like a number that does not exist, and misses are scarce (`track_limits`).
use chrono::{DateTime, Utc};

use crate::{
    domain::{id_number::IdNumber, lang::Lang, mobile::MobileNumber, tracking::TrackingNumber},
    ssr::{
        error::ServiceError,
        form_keys,
        repo::cases as case_rows,
        services::{household, track_limits},
        state::AppState,
    },
    wire::{reports::TrackResult, FieldError},
};

/// One look-up as asked.
pub struct LookUp<'a> {
    pub tracking: &'a str,
    pub mobile: &'a str,
    /// The applicant's ID number: asked for only once the number's look-ups are paused or the
    /// address has used up its misses (empty otherwise), so a household whose browser is not
    /// known (it filed through a proxy, or shares a carrier's address) can still get past
    /// limits others used up (household tester).
    pub id_number: &'a str,
    /// The caller's network address.
    pub address: &'a str,
    /// The caller's browser filed or found this number before (`known_number`).
    pub known: bool,
}

/// Both the number and the mobile must match; a mismatch looks exactly like "not found".
pub async fn track(
    state: &AppState,
    asked: &LookUp<'_>,
    now: DateTime<Utc>,
    lang: Lang,
) -> Result<TrackResult, ServiceError> {
    let mut problems: Vec<FieldError> = Vec::new();
    let tracking = TrackingNumber::parse(asked.tracking)
        .map_err(|e| problems.push(FieldError::new("tracking", &e)))
        .ok();
    let mobile = MobileNumber::parse(asked.mobile)
        .map_err(|e| problems.push(FieldError::new("mobile", &e)))
        .ok();
    let id_number = match asked.id_number.trim() {
        "" => None,
        typed => IdNumber::parse(typed)
            .map_err(|e| problems.push(FieldError::new("id_number", &e)))
            .ok(),
    };
    let (Some(tracking), Some(mobile), true) = (tracking, mobile, problems.is_empty()) else {
        // A typo is caught without reading anything, so it costs no look-up.
        return Err(ServiceError::Validation(problems));
    };
    let (address, number) = (asked.address, tracking.as_str());
    let (admitted, proven_case) =
        match track_limits::admit(state, address, number, asked.known, now).await {
            // Held back by others' misses: the applicant's ID number, if given, may lift it. Tried
            // only then, so an ID number given when it was not needed costs nothing (attacker
            // tester: wrong ones on a look-up that went through spent the household's tries).
            Err(refused @ (ServiceError::LookUpsPaused | ServiceError::RateLimited)) => {
                let Some(id_number) = &id_number else {
                    return Err(refused);
                };
                let Some(case) = proven(state, &tracking, &mobile, id_number, now).await? else {
                    return Err(refused);
                };
                let admitted = track_limits::admit(state, address, number, true, now).await?;
                (admitted, Some(case))
            }
            other => (other?, None),
        };
    // The case the ID number was checked against is not read again.
    let case = match proven_case {
        Some(case) => Some(case),
        None => case_rows::by_tracking(&state.db.pool, &state.vault, number).await?,
    };
    let Some(case) = case.filter(|c| c.applicant_mobile == mobile.as_str()) else {
        track_limits::missed(state, admitted, now).await?;
        return Err(ServiceError::NotFound);
    };
    track_limits::found(state, admitted).await?;
    household::track_result(state, &case, &tracking, now, lang).await
}

/// The filing, when the number, mobile and ID number are all its own: then the look-up is not
/// held back by a pause or by its address's misses. Each try is counted per number before the
/// case is read, and given back only when all three match. An ID number is
/// no secret in a village, so the number's few tries keep it from being a way to try mobiles
/// past a pause, or ID numbers against a known mobile (attacker tester).
async fn proven(
    state: &AppState,
    tracking: &TrackingNumber,
    mobile: &MobileNumber,
    id_number: &IdNumber,
    now: DateTime<Utc>,
) -> Result<Option<case_rows::CaseRow>, ServiceError> {
    let taken = track_limits::take_proof_try(state, tracking.as_str(), now).await?;
    let case = case_rows::by_tracking(&state.db.pool, &state.vault, tracking.as_str())
        .await?
        .filter(|c| {
            c.applicant_mobile == mobile.as_str() && c.applicant_id_number == id_number.as_str()
        });
    if case.is_some() {
        track_limits::give_back_proof_try(state, &taken).await?;
    }
    Ok(case)
}

/// What a browser without JavaScript is sent to after a successful look-up: the page shows
/// the result by a short-lived token, so the mobile number never appears in an address; the
/// token is good only in this browser (`owner`, see `track_owner`).
pub async fn tracked_link(
    state: &AppState,
    tracking: &TrackingNumber,
    owner: &str,
    now: DateTime<Utc>,
) -> Result<String, ServiceError> {
    let token = form_keys::tracked_token(state, tracking, owner, now).await?;
    Ok(format!("/track?n={}&t={token}", tracking.as_str()))
}

/// Where a plain form post of the look-up goes: the result by token (for the browser
/// `owner`), or back to the form with what went wrong (`e=`) and the number typed (`n=`):
/// never the mobile number.
pub async fn track_redirect(
    state: &AppState,
    asked: &LookUp<'_>,
    found: &Result<TrackResult, ServiceError>,
    owner: Option<&str>,
    now: DateTime<Utc>,
) -> Result<String, ServiceError> {
    let (tracking, id_offered) = (asked.tracking, !asked.id_number.trim().is_empty());
    let problem = match (found, owner) {
        (Ok(_), Some(owner)) => {
            let parsed = TrackingNumber::parse(tracking).map_err(|_| ServiceError::NotFound)?;
            return tracked_link(state, &parsed, owner, now).await;
        }
        // Found, for a caller that reads the answer itself (no link is made).
        (Ok(_), None) => return Ok("/track".to_owned()),
        (Err(ServiceError::Validation(errors)), _) => errors
            .iter()
            .map(|e| e.key.as_str())
            .collect::<Vec<_>>()
            .join(","),
        // No ID-number tries left this hour: the details may be right, and are not called wrong.
        (Err(ServiceError::ProofTriesUsedUp), _) => "id_tries_used".to_owned(),
        // Still held back though an ID number was given: one of the three did not match
        // (which one is not said), or the address tried too often.
        (Err(ServiceError::LookUpsPaused | ServiceError::RateLimited), _) if id_offered => {
            "unproven".to_owned()
        }
        (Err(ServiceError::RateLimited), _) => "limited".to_owned(),
        (Err(ServiceError::LookUpsPaused), _) => "paused".to_owned(),
        (Err(_), _) => "not_found".to_owned(),
    };
    Ok(crate::ssr::track_back::back_to_form(&problem, tracking))
}

/// The look-up result again, in the browser that made the look-up (`owner`) with the token
/// it was given.
pub async fn track_by_token(
    state: &AppState,
    tracking: &str,
    token: &str,
    owner: Option<&str>,
    now: DateTime<Utc>,
    lang: Lang,
) -> Result<TrackResult, ServiceError> {
    let tracking = TrackingNumber::parse(tracking).map_err(|_| ServiceError::NotFound)?;
    let Some(owner) = owner.filter(|_| !token.is_empty()) else {
        return Err(ServiceError::NotFound);
    };
    if !form_keys::tracked_token_valid(state, &tracking, owner, token, now).await? {
        return Err(ServiceError::NotFound);
    }
    let case = case_rows::by_tracking(&state.db.pool, &state.vault, tracking.as_str())
        .await?
        .ok_or(ServiceError::NotFound)?;
    household::track_result(state, &case, &tracking, now, lang).await
}
