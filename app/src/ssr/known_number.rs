//! The browsers a tracking number's household uses. Someone who has seen a number could try it
//! with wrong mobiles until its look-ups pause for an hour (`track_limits`), shutting the
//! household out. A browser that filed the report or found it keeps a tag of the number and
//! its mobile (an HMAC under the server's form secret, so it cannot be made from them alone and
//! names nothing), and that pair is still looked up for it when the number is paused or its
//! address (a shared Wi-Fi) has used up its misses. The tag names the mobile too: a tag of the
//! number alone let whoever held it (a shared office PC, a copied cookie) try any number of
//! mobiles past the limits (attacker tester). Its look-ups have a count of their own, not the
//! address's flood count (`track_limits`).
use super::{context::RequestContext, error::ServiceError, tag_cookie::TagCookie};
use crate::domain::{mobile::MobileNumber, tracking::TrackingNumber};

pub const COOKIE: &str = "sn_known";

/// A household files once or twice; a cadre's phone a few more.
const KNOWN: TagCookie = TagCookie {
    name: COOKIE,
    purpose: "known-track:v2",
    max: 5,
};

fn subject(tracking: &TrackingNumber, mobile: &MobileNumber) -> String {
    format!("{}:{}", tracking.as_str(), mobile.as_str())
}

/// Whether the browser making this request was marked for `tracking` with `mobile`, both as
/// typed; what does not parse is not known.
pub async fn sent_for_typed(
    ctx: &RequestContext,
    tracking: &str,
    mobile: &str,
) -> Result<bool, ServiceError> {
    match (TrackingNumber::parse(tracking), MobileNumber::parse(mobile)) {
        (Ok(tracking), Ok(mobile)) => KNOWN.sent_for(ctx, &subject(&tracking, &mobile)).await,
        _ => Ok(false),
    }
}

/// [`mark`] for a number and mobile as typed that were just found.
pub async fn mark_typed(
    ctx: &RequestContext,
    tracking: &str,
    mobile: &str,
) -> Result<(), ServiceError> {
    match (TrackingNumber::parse(tracking), MobileNumber::parse(mobile)) {
        (Ok(tracking), Ok(mobile)) => mark(ctx, &tracking, &mobile).await,
        _ => Ok(()),
    }
}

/// Marks the browser making this request for `tracking` with `mobile` (newest first, the
/// oldest dropped).
pub async fn mark(
    ctx: &RequestContext,
    tracking: &TrackingNumber,
    mobile: &MobileNumber,
) -> Result<(), ServiceError> {
    KNOWN.mark(ctx, &subject(tracking, mobile)).await
}
