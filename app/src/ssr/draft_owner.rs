//! Which browser a kept no-JavaScript report draft belongs to. The browser holds a random
//! secret in an HttpOnly, SameSite=Lax cookie; the draft row holds only its SHA-256. A link
//! to `/report?draft=<token>` opened anywhere else finds no draft (the plain empty form).
use crate::ssr::password::{new_session_token, token_digest};

pub const DRAFT_COOKIE: &str = "sn_draft";
/// The cookie outlives its drafts (an hour, `reports::draft_cutoff`) by a day, so a draft
/// link opened late still finds its owner and says the typing was cleared (it came back as
/// an empty form without a word: household tester). It holds a random secret, nothing typed.
pub const DRAFT_COOKIE_SECONDS: i64 = 25 * 60 * 60;

/// The draft secret in a `Cookie` header, if it is one we could have made (64 hex digits).
pub fn secret_in(cookies: &str) -> Option<&str> {
    super::cookies::value(cookies, DRAFT_COOKIE).filter(|v| is_secret(v))
}

/// A secret we could have made: 64 hex digits.
pub fn is_secret(value: &str) -> bool {
    value.len() == 64 && value.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The digest stored with a draft for this secret.
pub fn digest(secret: &str) -> String {
    token_digest(secret)
}

/// A new secret and its digest.
pub fn new_secret() -> (String, String) {
    new_session_token()
}

/// The `Set-Cookie` value that gives the browser `secret` (or, with `None`, takes it away).
pub fn cookie(secret: Option<&str>, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    match secret {
        Some(secret) => format!(
            "{DRAFT_COOKIE}={secret}; Path=/; HttpOnly; SameSite=Lax; Max-Age={DRAFT_COOKIE_SECONDS}{secure}"
        ),
        None => format!("{DRAFT_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_well_formed_secret_is_read_from_the_cookies() {
        let good = "a".repeat(64);
        let cases = [
            (format!("sn_draft={good}"), Some(good.as_str())),
            (
                format!("sn_session=x; sn_draft={good}"),
                Some(good.as_str()),
            ),
            ("sn_draft=short".to_owned(), None),
            (format!("sn_draft={}", "z".repeat(64)), None),
            (format!("other={good}"), None),
            (String::new(), None),
        ];
        for (header, expected) in cases {
            assert_eq!(secret_in(&header), expected, "{header}");
        }
    }
}
