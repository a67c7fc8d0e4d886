//! The browsers a tracking number's household uses. Someone who has seen a number could try it
//! with wrong mobiles until its look-ups pause for an hour (`track_limits`), shutting the
//! household out. A browser that filed the report or found it with the right mobile keeps a
//! tag of the number (an HMAC under the server's form secret, so it cannot be made from the
//! number alone and names nothing), and that number is still looked up for it when the
//! number is paused or its address (a shared Wi-Fi) has used up its misses. Its own wrong
//! tries still count, and the flood limit still applies.
use super::{context::RequestContext, error::ServiceError, tag_cookie::TagCookie};
use crate::domain::tracking::TrackingNumber;

pub const COOKIE: &str = "sn_known";

/// A household files once or twice; a cadre's phone a few more.
const KNOWN: TagCookie = TagCookie {
    name: COOKIE,
    purpose: "known-track:v1",
    max: 5,
};

/// Whether the browser making this request was marked for `tracking`.
pub async fn sent_for(
    ctx: &RequestContext,
    tracking: &TrackingNumber,
) -> Result<bool, ServiceError> {
    KNOWN.sent_for(ctx, tracking.as_str()).await
}

/// [`sent_for`] for the number as typed; a number that does not parse is not known.
pub async fn sent_for_typed(ctx: &RequestContext, typed: &str) -> Result<bool, ServiceError> {
    match TrackingNumber::parse(typed) {
        Ok(tracking) => sent_for(ctx, &tracking).await,
        Err(_) => Ok(false),
    }
}

/// [`mark`] for a number as typed that was just found.
pub async fn mark_typed(ctx: &RequestContext, typed: &str) -> Result<(), ServiceError> {
    match TrackingNumber::parse(typed) {
        Ok(tracking) => mark(ctx, &tracking).await,
        Err(_) => Ok(()),
    }
}

/// Marks the browser making this request for `tracking` (newest first, the oldest dropped).
pub async fn mark(ctx: &RequestContext, tracking: &TrackingNumber) -> Result<(), ServiceError> {
    KNOWN.mark(ctx, tracking.as_str()).await
}
