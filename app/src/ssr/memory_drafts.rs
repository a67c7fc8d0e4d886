//! Drafts kept in this process's memory when the database cannot store them (disk full,
//! database away): a form posted without JavaScript still comes back filled in. Bounded,
//! short-lived, and only on the server that took the post; the database is the normal place.
//! Behind a load balancer without sticky sessions the filled-in form may come back empty from
//! another server (the browser keeps what it typed only with JavaScript); the disk-full page
//! says why. Each draft is bound to its browser's cookie secret, like a stored one.
use std::{
    collections::HashMap,
    sync::{Mutex, OnceLock},
};

/// At most this many drafts are held; the oldest goes first.
const MAX_HELD: usize = 500;

/// A draft held: kept at, its browser's secret digest, JSON payload.
type Held = (i64, String, String);

/// token → draft.
fn held() -> &'static Mutex<HashMap<String, Held>> {
    static HELD: OnceLock<Mutex<HashMap<String, Held>>> = OnceLock::new();
    HELD.get_or_init(|| Mutex::new(HashMap::new()))
}

/// Keeps a draft under `token`, dropping those kept before `cutoff_ms` and, when full, the
/// oldest.
pub fn keep(token: &str, owner: &str, payload: &str, now_ms: i64, cutoff_ms: i64) {
    let Ok(mut drafts) = held().lock() else {
        return;
    };
    drafts.retain(|_, (at, _, _)| *at >= cutoff_ms);
    if drafts.len() >= MAX_HELD {
        let oldest = drafts
            .iter()
            .min_by_key(|(_, (at, _, _))| *at)
            .map(|(token, _)| token.clone());
        if let Some(oldest) = oldest {
            drafts.remove(&oldest);
        }
    }
    drafts.insert(
        token.to_owned(),
        (now_ms, owner.to_owned(), payload.to_owned()),
    );
}

/// The draft kept under `token` for `owner` since `cutoff_ms`, if any.
pub fn find(token: &str, owner: &str, cutoff_ms: i64) -> Option<String> {
    let drafts = held().lock().ok()?;
    drafts
        .get(token)
        .filter(|(at, by, _)| *at >= cutoff_ms && by == owner)
        .map(|(_, _, payload)| payload.clone())
}

/// Drops every draft of `owner` (its report was filed).
pub fn forget(owner: &str) {
    if let Ok(mut drafts) = held().lock() {
        drafts.retain(|_, (_, by, _)| by != owner);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_is_found_until_it_is_older_than_the_cutoff() {
        let cases = [
            (1_000, 500, true),
            (1_000, 1_000, true),
            (1_000, 1_001, false),
        ];
        for (kept_at, cutoff, found) in cases {
            let token = format!("memory-draft-{kept_at}-{cutoff}");
            keep(&token, "owner", "{}", kept_at, 0);
            assert_eq!(
                find(&token, "owner", cutoff).is_some(),
                found,
                "{kept_at} vs {cutoff}"
            );
        }
        assert_eq!(find("never-kept", "owner", 0), None);
    }

    #[test]
    fn a_draft_is_found_only_by_its_owner_and_forgotten_with_it() {
        keep("memory-draft-owned", "mine", "{}", 1_000, 0);
        assert_eq!(find("memory-draft-owned", "theirs", 0), None);
        assert!(find("memory-draft-owned", "mine", 0).is_some());
        forget("mine");
        assert_eq!(find("memory-draft-owned", "mine", 0), None);
    }
}
