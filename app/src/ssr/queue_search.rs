//! A staff search in the queue's address, sealed: an ID number or mobile typed into the
//! search stayed in the browser's history as `/staff?q=…`, on what is often a village
//! committee's shared computer (attacker tester). The search form posts; the queue's address
//! carries the search sealed with the data key and bound to the sign-in that made it, so the
//! history holds nothing readable and another sign-in cannot open it.
use sha2::{Digest, Sha256};

use super::vault::{Field, Vault};

/// What binds a sealed search to a sign-in: a digest of its session token, not the token.
fn bound_to(session: &str) -> String {
    hex::encode(&Sha256::digest(format!("queue-search:{session}"))[..8])
}

/// Sealed searches are padded to this many bytes: the token's length told an ID number's
/// search from a mobile's (attacker tester).
const PADDED: usize = 180;

/// `q` (at most 40 characters) sealed for the holder of `session`.
pub fn seal(vault: &Vault, session: &str, q: &str) -> String {
    let mut plain = format!("{}\n{q}\n", bound_to(session));
    while plain.len() < PADDED {
        plain.push(' ');
    }
    vault.seal(Field::Search, &plain)
}

/// The search `token` holds, if this server sealed it for `session`; `None` for anything
/// else (made up, tampered with, another sign-in's, or sealed under a retired key).
pub fn open(vault: &Vault, session: &str, token: &str) -> Option<String> {
    if !Vault::is_sealed(token) {
        return None;
    }
    let plain = vault.open(Field::Search, token).ok()?;
    let (who, rest) = plain.split_once('\n')?;
    let q = rest.split_once('\n').map_or(rest, |(q, _)| q);
    (who == bound_to(session)).then(|| q.to_owned())
}

#[cfg(test)]
mod tests {
    use super::{open, seal};
    use crate::ssr::vault::Vault;

    #[test]
    fn only_the_sign_in_that_sealed_a_search_opens_it() {
        let vault = &Vault::for_tests();
        let token = seal(vault, "session-a", "522799197001010012");
        assert!(!token.contains("5227991970"), "{token}");
        assert_eq!(
            open(vault, "session-a", &token).as_deref(),
            Some("522799197001010012")
        );
        assert_eq!(open(vault, "session-b", &token), None);
        assert_eq!(open(vault, "session-a", "522799197001010012"), None);
        let mobile = seal(vault, "session-a", "13800138000");
        assert_eq!(mobile.len(), token.len(), "the length tells nothing");
        let mut tampered = token.clone();
        tampered.pop();
        assert_eq!(open(vault, "session-a", &tampered), None);
    }
}
