//! The browsers a tracking number's household uses. Someone who has seen a number could try it
//! with wrong mobiles until its look-ups pause for an hour (`track_limits`), shutting the
//! household out. A browser that filed the report or found it with the right mobile keeps a
//! tag of the number (an HMAC under the server's form secret, so it cannot be made from the
//! number alone and names nothing), and that number is still looked up for it when the
//! number is paused or its address (a shared Wi-Fi) has used up its misses. Its own wrong
//! tries still count, and the flood limit still applies.
use hmac::Mac;

use super::{context::RequestContext, error::ServiceError, form_keys, state::AppState};
use crate::domain::tracking::TrackingNumber;

pub const COOKIE: &str = "sn_known";
/// A household files once or twice; a cadre's phone a few more.
const MAX_TAGS: usize = 5;
/// Hex digits of a tag: 128 bits.
const TAG_LEN: usize = 32;
/// About a year: the case is followed for months after filing.
const SECONDS: u32 = 365 * 24 * 60 * 60;

/// This number's tag under the server's secret.
async fn tag(state: &AppState, tracking: &TrackingNumber) -> Result<String, ServiceError> {
    let secret = form_keys::secret(state).await?;
    let message = format!("known-track:v1:{}", tracking.as_str());
    let digest = form_keys::keyed(&secret, &message)?.finalize().into_bytes();
    let mut text = hex::encode(digest);
    text.truncate(TAG_LEN);
    Ok(text)
}

/// The well-formed tags the browser sent.
fn tags_in(cookies: &str) -> Vec<&str> {
    super::cookies::value(cookies, COOKIE)
        .unwrap_or_default()
        .split('.')
        .filter(|t| t.len() == TAG_LEN && t.bytes().all(|b| b.is_ascii_hexdigit()))
        .take(MAX_TAGS)
        .collect()
}

/// Whether the browser making this request was marked for `tracking`.
pub async fn sent_for(
    ctx: &RequestContext,
    tracking: &TrackingNumber,
) -> Result<bool, ServiceError> {
    let Some(cookies) = ctx.header(axum::http::header::COOKIE) else {
        return Ok(false);
    };
    let held = tags_in(cookies);
    if held.is_empty() {
        return Ok(false);
    }
    let own = tag(&ctx.state, tracking).await?;
    Ok(held.contains(&own.as_str()))
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
    let own = tag(&ctx.state, tracking).await?;
    let cookies = ctx.header(axum::http::header::COOKIE).unwrap_or_default();
    let held = tags_in(cookies);
    if held.first() == Some(&own.as_str()) {
        return Ok(());
    }
    let mut tags = vec![own.as_str()];
    tags.extend(held.into_iter().filter(|t| *t != own));
    tags.truncate(MAX_TAGS);
    ctx.set_cookie(&cookie(&tags.join("."), ctx.state.secure_cookies));
    Ok(())
}

/// Sent with the look-up's calls (`/api/…`), never readable by scripts.
fn cookie(value: &str, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{COOKIE}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={SECONDS}{secure}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_well_formed_tags_are_read_and_at_most_five() {
        let a = "a".repeat(TAG_LEN);
        let b = "0123456789abcdef".repeat(2);
        let cookies = format!("sn_track=x; sn_known={a}.short.{b}.{}", "z".repeat(TAG_LEN));
        assert_eq!(tags_in(&cookies), vec![a.as_str(), b.as_str()]);
        let many = [a.as_str(); 9].join(".");
        assert_eq!(tags_in(&format!("sn_known={many}")).len(), MAX_TAGS);
        assert!(tags_in("sn_filed=1").is_empty());
    }

    #[test]
    fn the_cookie_is_http_only_and_lax() {
        let set = cookie("ab", true);
        assert!(set.starts_with("sn_known=ab; Path=/; HttpOnly; SameSite=Lax; Max-Age="));
        assert!(set.ends_with("; Secure"));
    }
}
