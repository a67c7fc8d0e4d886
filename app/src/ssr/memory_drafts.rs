//! Drafts kept in this process's memory when the database cannot store them (disk full,
//! database away): a form posted without JavaScript still comes back filled in. Bounded,
//! short-lived, and only on the server that took the post; the database is the normal place.
use std::{
    collections::HashMap,
    sync::{Mutex, OnceLock},
};

/// At most this many drafts are held; the oldest goes first.
const MAX_HELD: usize = 500;

/// token → (kept at, JSON payload).
fn held() -> &'static Mutex<HashMap<String, (i64, String)>> {
    static HELD: OnceLock<Mutex<HashMap<String, (i64, String)>>> = OnceLock::new();
    HELD.get_or_init(|| Mutex::new(HashMap::new()))
}

/// Keeps a draft under `token`, dropping those kept before `cutoff_ms` and, when full, the
/// oldest.
pub fn keep(token: &str, payload: &str, now_ms: i64, cutoff_ms: i64) {
    let Ok(mut drafts) = held().lock() else {
        return;
    };
    drafts.retain(|_, (at, _)| *at >= cutoff_ms);
    if drafts.len() >= MAX_HELD {
        let oldest = drafts
            .iter()
            .min_by_key(|(_, (at, _))| *at)
            .map(|(token, _)| token.clone());
        if let Some(oldest) = oldest {
            drafts.remove(&oldest);
        }
    }
    drafts.insert(token.to_owned(), (now_ms, payload.to_owned()));
}

/// The draft kept under `token` since `cutoff_ms`, if any.
pub fn find(token: &str, cutoff_ms: i64) -> Option<String> {
    let drafts = held().lock().ok()?;
    drafts
        .get(token)
        .filter(|(at, _)| *at >= cutoff_ms)
        .map(|(_, payload)| payload.clone())
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
            keep(&token, "{}", kept_at, 0);
            assert_eq!(
                find(&token, cutoff).is_some(),
                found,
                "{kept_at} vs {cutoff}"
            );
        }
        assert_eq!(find("never-kept", 0), None);
    }
}
