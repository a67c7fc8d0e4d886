//! Which browser a `/track?n=…&t=…` result link belongs to. A look-up posted without
//! JavaScript gives the browser a fresh random secret in an HttpOnly, SameSite=Lax cookie, and
//! the link's token is signed over the secret's SHA-256 (`form_keys::tracked_token`): nothing
//! is stored, and the link opened in any other browser shows nothing. A new look-up gives a
//! new secret, so older links stop working too.
use super::{context::RequestContext, draft_owner, form_keys::SUBMISSION_TOKEN_MINUTES};
use axum::http::header;

pub const TRACK_COOKIE: &str = "sn_track";

/// The digest of the secret this browser sent, if it sent one we could have made.
pub fn sent(ctx: &RequestContext) -> Option<String> {
    secret_in(ctx.header(header::COOKIE)?).map(draft_owner::digest)
}

/// A fresh secret for this browser (in its cookie); returns the digest to sign.
pub fn issue(ctx: &RequestContext) -> String {
    let (secret, digest) = draft_owner::new_secret();
    ctx.set_cookie(&cookie(&secret, ctx.state.secure_cookies));
    digest
}

fn secret_in(cookies: &str) -> Option<&str> {
    super::cookies::value(cookies, TRACK_COOKIE).filter(|v| draft_owner::is_secret(v))
}

/// Lives as long as the link's token.
fn cookie(secret: &str, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    let seconds = SUBMISSION_TOKEN_MINUTES * 60;
    format!("{TRACK_COOKIE}={secret}; Path=/; HttpOnly; SameSite=Lax; Max-Age={seconds}{secure}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_well_formed_track_secret_is_read() {
        let good = "a".repeat(64);
        for (cookies, found) in [
            (format!("sn_track={good}"), Some(good.as_str())),
            (
                format!("sn_draft={good}; sn_track={good}"),
                Some(good.as_str()),
            ),
            (format!("sn_draft={good}"), None),
            ("sn_track=short".to_owned(), None),
            (format!("sn_track={}", "z".repeat(64)), None),
        ] {
            assert_eq!(secret_in(&cookies), found, "{cookies}");
        }
    }

    #[test]
    fn the_cookie_is_http_only_and_lax() {
        let c = cookie("ab", true);
        assert!(c.contains("HttpOnly") && c.contains("SameSite=Lax") && c.ends_with("Secure"));
        assert!(c.contains("Max-Age=3600"));
    }
}
