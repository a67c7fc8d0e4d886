//! Live staff sessions read in the last second, kept so that a staff page does not wait for a
//! database round trip before its own queries (on PostgreSQL that wait was a third of a
//! search page). A sign-out, a password change or an account change made through this
//! process drops its entries at once; one made through another app server is seen here
//! within [`SESSION_MEMO_TTL`] (the README's production layout says so). A session's own
//! expiry is checked against the request's clock on every read, memoised or not.
use std::{
    collections::HashMap,
    sync::RwLock,
    time::{Duration, Instant},
};

use super::repo::sessions::SessionUser;

/// How long a session read from the database is believed without asking again.
pub const SESSION_MEMO_TTL: Duration = Duration::from_secs(1);
/// Entries kept at most: past this the map is emptied (every session is read again once).
const MOST: usize = 10_000;

#[derive(Debug, Default)]
pub struct SessionMemo {
    entries: RwLock<HashMap<String, Entry>>,
}

#[derive(Debug, Clone)]
struct Entry {
    user: SessionUser,
    read_at: Instant,
}

impl SessionMemo {
    /// The user of session `digest`, if it was read within the TTL (at `at`) and has not
    /// expired by `now_ms`.
    pub fn get(&self, digest: &str, now_ms: i64, at: Instant) -> Option<SessionUser> {
        let entries = self.entries.read().unwrap_or_else(|p| p.into_inner());
        let entry = entries.get(digest)?;
        let fresh = at.saturating_duration_since(entry.read_at) < SESSION_MEMO_TTL;
        (fresh && entry.user.expires_at > now_ms).then(|| entry.user.clone())
    }

    /// Keeps what the database said of session `digest` at `at`.
    pub fn put(&self, digest: &str, user: SessionUser, at: Instant) {
        let mut entries = self.write();
        if entries.len() >= MOST {
            entries.clear();
        }
        entries.insert(digest.to_owned(), Entry { user, read_at: at });
    }

    /// Forgets session `digest` (signed out here).
    pub fn forget(&self, digest: &str) {
        self.write().remove(digest);
    }

    /// Forgets every session of `user_id` (its sessions revoked here).
    pub fn forget_user(&self, user_id: &str) {
        self.write().retain(|_, e| e.user.id != user_id);
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, HashMap<String, Entry>> {
        self.entries.write().unwrap_or_else(|p| p.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(id: &str) -> SessionUser {
        SessionUser {
            id: id.to_owned(),
            username: id.to_owned(),
            display_name: id.to_owned(),
            role: "county_officer".to_owned(),
            region_code: "522727000000".to_owned(),
            active: 1,
            scope_name: None,
            department: None,
            expires_at: 5_000,
        }
    }

    #[test]
    fn a_session_is_believed_for_the_ttl_only() {
        let memo = SessionMemo::default();
        let t0 = Instant::now();
        memo.put("d", user("u1"), t0);
        assert!(memo
            .get("d", 1_000, t0 + Duration::from_millis(999))
            .is_some());
        assert!(memo.get("d", 1_000, t0 + SESSION_MEMO_TTL).is_none());
        assert!(memo.get("other", 1_000, t0).is_none());
    }

    #[test]
    fn an_expired_session_is_not_believed_even_within_the_ttl() {
        let memo = SessionMemo::default();
        let t0 = Instant::now();
        memo.put("d", user("u1"), t0);
        assert!(memo.get("d", 5_000, t0).is_none());
    }

    #[test]
    fn signing_out_or_revoking_a_user_forgets_at_once() {
        let memo = SessionMemo::default();
        let t0 = Instant::now();
        memo.put("a", user("u1"), t0);
        memo.put("b", user("u1"), t0);
        memo.put("c", user("u2"), t0);
        memo.forget("c");
        assert!(memo.get("c", 0, t0).is_none());
        memo.forget_user("u1");
        assert!(memo.get("a", 0, t0).is_none() && memo.get("b", 0, t0).is_none());
    }

    #[test]
    fn a_full_memo_starts_again_rather_than_growing() {
        let memo = SessionMemo::default();
        let t0 = Instant::now();
        for n in 0..MOST + 1 {
            memo.put(&n.to_string(), user("u"), t0);
        }
        assert_eq!(memo.entries.read().expect("lock").len(), 1);
    }
}
