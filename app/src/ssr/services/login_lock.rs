//! The audit row written when an account is locked for a while after too many sign-in tries
//! from any number of addresses (see `auth::limits::PER_ACCOUNT`).
use chrono::{DateTime, Utc};

use super::millis;
use crate::{
    domain::audit::{AuditAction, AuditEntry, Outcome},
    ssr::{error::ServiceError, repo::users::UserRow, state::AppState},
};

/// Records the lock of `user`'s account. An unknown username has no account to lock in the
/// log (the counter still refuses it, so its answers look the same).
pub async fn record(
    state: &AppState,
    user: Option<&UserRow>,
    address: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let Some(user) = user else {
        return Ok(());
    };
    tracing::warn!(user_id = %user.id, "account locked after too many sign-in tries");
    let entry = AuditEntry {
        at: millis(now),
        actor_id: user.id.clone(),
        actor_role: user.role.clone(),
        actor_scope: user.region_code.clone(),
        action: AuditAction::LoginLocked.code().to_owned(),
        outcome: Outcome::Refused.code().to_owned(),
        case_id: None,
        detail: format!("username={}", user.username),
        reason: String::new(),
        reason_text: String::new(),
        client_address: address.to_owned(),
    };
    super::audit::append(&state.db, &[entry]).await
}
