//! Idempotency keys for report forms. The server issues them, signed with HMAC-SHA256 under
//! a secret it keeps in the database (made on first use, shared by every app server), and
//! bound to who may use them: the public form, or one staff account. The key stored beside a
//! filing is composed here as `<namespace>:<nonce>`, so a public form can never name a staff
//! filing or a department alert (those live in `staff:` and `alert:` namespaces).
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

use chrono::{DateTime, Duration, Utc};

use super::{
    error::ServiceError, password::random_bytes, repo::secrets, services::millis, state::AppState,
};
use crate::domain::tracking::TrackingNumber;

const SECRET_NAME: &str = "form_key_hmac";

/// Who a form key belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormScope {
    /// The household's own form (no account).
    Public,
    /// A form opened by this signed-in member of staff.
    Staff(String),
}

impl FormScope {
    fn namespace(&self) -> String {
        match self {
            FormScope::Public => "self".to_owned(),
            FormScope::Staff(user_id) => format!("staff:{user_id}"),
        }
    }
}

/// The secret, also used for the case page's `?done=` marks (`done_marks`).
pub(crate) async fn secret(state: &AppState) -> Result<Vec<u8>, ServiceError> {
    state
        .memo
        .form_secret(|| async {
            let candidate = hex::encode(random_bytes::<32>());
            let now = millis(state.clock.now());
            let stored =
                secrets::get_or_create(&state.db.pool, SECRET_NAME, &candidate, now).await?;
            hex::decode(stored).map_err(|_| ServiceError::Corrupt("form key secret".into()))
        })
        .await
}

/// An HMAC-SHA256 over `message` under the secret (each use prefixes its own label).
pub(crate) fn keyed(secret: &[u8], message: &str) -> Result<Hmac<Sha256>, ServiceError> {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).map_err(|_| ServiceError::Hash)?;
    mac.update(message.as_bytes());
    Ok(mac)
}

/// The first `bytes` of `mac`'s tag, in hex: a signature kept in an address.
pub(crate) fn short_tag(mac: Hmac<Sha256>, bytes: usize) -> String {
    hex::encode(&mac.finalize().into_bytes()[..bytes])
}

/// Whether `tag` (hex) is the first `bytes` of `mac`'s tag.
pub(crate) fn short_tag_holds(mac: Hmac<Sha256>, tag: &str, bytes: usize) -> bool {
    match hex::decode(tag) {
        Ok(tag) if tag.len() == bytes => mac.verify_truncated_left(&tag).is_ok(),
        _ => false,
    }
}

fn mac(secret: &[u8], scope: &FormScope, nonce: &str) -> Result<Hmac<Sha256>, ServiceError> {
    keyed(
        secret,
        &format!("form-key:v1:{}:{nonce}", scope.namespace()),
    )
}

/// A fresh key for one form: `<32 hex nonce>.<64 hex signature>`.
pub async fn issue(state: &AppState, scope: &FormScope) -> Result<String, ServiceError> {
    let nonce = hex::encode(random_bytes::<16>());
    let signature = mac(&secret(state).await?, scope, &nonce)?
        .finalize()
        .into_bytes();
    Ok(format!("{nonce}.{}", hex::encode(signature)))
}

/// The stored key for a form key this server issued to `scope`; `None` for anything else
/// (forged, for another scope, mangled). Such a form is filed without idempotency rather than
/// refused: nothing typed is lost, and the key can neither find nor block another filing.
pub async fn verify(
    state: &AppState,
    scope: &FormScope,
    key: &str,
) -> Result<Option<String>, ServiceError> {
    let Some((nonce, signature)) = key.trim().split_once('.') else {
        return Ok(None);
    };
    if nonce.len() != 32 || !nonce.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(None);
    }
    let Ok(signature) = hex::decode(signature) else {
        return Ok(None);
    };
    let valid = mac(&secret(state).await?, scope, nonce)?
        .verify_slice(&signature)
        .is_ok();
    if !valid {
        tracing::warn!("form key not issued to this form; filed without idempotency");
        return Ok(None);
    }
    Ok(Some(format!(
        "{}:{}",
        scope.namespace(),
        nonce.to_ascii_lowercase()
    )))
}

/// How long the confirmation link made at filing shows the filing without the mobile number.
pub const SUBMISSION_TOKEN_MINUTES: i64 = 60;

/// A token signs what it is for (`purpose`) and until when.
fn token_mac(secret: &[u8], purpose: &str, expires_ms: i64) -> Result<Hmac<Sha256>, ServiceError> {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).map_err(|_| ServiceError::Hash)?;
    mac.update(format!("{purpose}:{expires_ms}").as_bytes());
    Ok(mac)
}

/// `<expiry in ms>.<64 hex signature>`, good for `SUBMISSION_TOKEN_MINUTES`.
async fn signed(
    state: &AppState,
    purpose: &str,
    now: DateTime<Utc>,
) -> Result<String, ServiceError> {
    let expires = millis(now + Duration::minutes(SUBMISSION_TOKEN_MINUTES));
    let signature = token_mac(&secret(state).await?, purpose, expires)?
        .finalize()
        .into_bytes();
    Ok(format!("{expires}.{}", hex::encode(signature)))
}

/// Whether `token` was made by this server for `purpose` and has not expired.
async fn signed_valid(
    state: &AppState,
    purpose: &str,
    token: &str,
    now: DateTime<Utc>,
) -> Result<bool, ServiceError> {
    let Some((expires, signature)) = token.trim().split_once('.') else {
        return Ok(false);
    };
    let (Ok(expires), Ok(signature)) = (expires.parse::<i64>(), hex::decode(signature)) else {
        return Ok(false);
    };
    if expires <= millis(now) {
        return Ok(false);
    }
    Ok(token_mac(&secret(state).await?, purpose, expires)?
        .verify_slice(&signature)
        .is_ok())
}

/// A token for the confirmation page of the filing `tracking`, made when it is filed:
/// `<expiry in ms>.<64 hex signature>`. Whoever has only the number cannot make one, so the
/// page confirms nothing to them.
pub async fn submission_token(
    state: &AppState,
    tracking: &TrackingNumber,
    now: DateTime<Utc>,
) -> Result<String, ServiceError> {
    signed(state, &format!("submitted:v1:{}", tracking.as_str()), now).await
}

/// Whether `token` was made by this server for `tracking` and has not expired.
pub async fn submission_token_valid(
    state: &AppState,
    tracking: &TrackingNumber,
    token: &str,
    now: DateTime<Utc>,
) -> Result<bool, ServiceError> {
    signed_valid(
        state,
        &format!("submitted:v1:{}", tracking.as_str()),
        token,
        now,
    )
    .await
}

/// A token for the track result link of `tracking`, good only in the browser whose secret
/// digests to `owner` (`track_owner`).
pub async fn tracked_token(
    state: &AppState,
    tracking: &TrackingNumber,
    owner: &str,
    now: DateTime<Utc>,
) -> Result<String, ServiceError> {
    signed(
        state,
        &format!("tracked:v1:{}:{owner}", tracking.as_str()),
        now,
    )
    .await
}

/// Whether `token` was made for `tracking` and this browser's `owner`, and has not expired.
pub async fn tracked_token_valid(
    state: &AppState,
    tracking: &TrackingNumber,
    owner: &str,
    token: &str,
    now: DateTime<Utc>,
) -> Result<bool, ServiceError> {
    let purpose = format!("tracked:v1:{}:{owner}", tracking.as_str());
    signed_valid(state, &purpose, token, now).await
}

/// The stored key of a department's record: derived on the server from the account and the
/// department's own reference, so the same record pushed again files once, and no form can
/// produce it.
pub fn alert_key(user_id: &str, reference: &str) -> String {
    let digest = Sha256::digest(reference.trim().as_bytes());
    format!("alert:{user_id}:{}", hex::encode(digest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_keeps_its_key_and_other_records_or_departments_get_others() {
        let key = alert_key("dept-1", "MZ-2026-001");
        assert!(key.starts_with("alert:dept-1:"));
        assert_eq!(key, alert_key("dept-1", " MZ-2026-001 "));
        assert_ne!(key, alert_key("dept-1", "MZ-2026-002"));
        assert_ne!(key, alert_key("dept-2", "MZ-2026-001"));
    }

    #[test]
    fn a_token_signature_is_bound_to_its_purpose_and_expiry() {
        let sig = |purpose: &str, expires: i64| {
            token_mac(b"secret", purpose, expires)
                .expect("mac")
                .finalize()
                .into_bytes()
        };
        assert_eq!(sig("submitted:v1:ABCD", 1), sig("submitted:v1:ABCD", 1));
        assert_ne!(sig("submitted:v1:ABCD", 1), sig("submitted:v1:ABCE", 1));
        assert_ne!(sig("submitted:v1:ABCD", 1), sig("submitted:v1:ABCD", 2));
        // A result link for one browser is not one for another, nor a confirmation link.
        assert_ne!(sig("tracked:v1:ABCD:aa", 1), sig("tracked:v1:ABCD:bb", 1));
        assert_ne!(sig("tracked:v1:ABCD:aa", 1), sig("submitted:v1:ABCD", 1));
    }

    #[test]
    fn a_signature_for_one_scope_does_not_fit_another() {
        let nonce = "0123456789abcdef0123456789abcdef";
        let public = mac(b"secret", &FormScope::Public, nonce)
            .expect("mac")
            .finalize()
            .into_bytes();
        let staff = mac(b"secret", &FormScope::Staff("u1".into()), nonce)
            .expect("mac")
            .finalize()
            .into_bytes();
        assert_ne!(public, staff);
    }
}
