//! Argon2id password hashes and random session tokens (stored only as SHA-256 digests).
use argon2::{
    password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString},
    Argon2,
};
use rand::RngCore;
use sha2::{Digest, Sha256};

use super::error::ServiceError;

pub fn hash_password(password: &str) -> Result<String, ServiceError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|_| ServiceError::Hash)
}

/// Argon2 runs at most this many at once per core, on the blocking pool: a burst of sign-ins
/// queues here instead of occupying the async workers that answer every other request.
const HASHES_PER_CORE: usize = 2;

fn hashing_permits() -> &'static tokio::sync::Semaphore {
    static PERMITS: std::sync::OnceLock<tokio::sync::Semaphore> = std::sync::OnceLock::new();
    PERMITS.get_or_init(|| {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        tokio::sync::Semaphore::new(cores * HASHES_PER_CORE)
    })
}

/// Runs a hashing job off the async workers, waiting for a permit first.
async fn off_the_workers<T: Send + 'static>(
    job: impl FnOnce() -> T + Send + 'static,
) -> Result<T, ServiceError> {
    let _permit = hashing_permits()
        .acquire()
        .await
        .map_err(|_| ServiceError::Hash)?;
    tokio::task::spawn_blocking(job)
        .await
        .map_err(|_| ServiceError::Hash)
}

/// `hash_password` on the blocking pool.
pub async fn hash_password_off_thread(password: &str) -> Result<String, ServiceError> {
    let password = password.to_owned();
    off_the_workers(move || hash_password(&password)).await?
}

/// `verify_password` on the blocking pool.
pub async fn verify_password_off_thread(
    password: &str,
    stored: &str,
) -> Result<bool, ServiceError> {
    let (password, stored) = (password.to_owned(), stored.to_owned());
    off_the_workers(move || verify_password(&password, &stored)).await
}

pub fn verify_password(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A fresh unguessable token for a cookie; returns (token, digest to store).
pub fn new_session_token() -> (String, String) {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let token = hex::encode(bytes);
    let digest = token_digest(&token);
    (token, digest)
}

pub fn token_digest(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hashed_password_verifies_and_a_wrong_one_does_not() {
        let hash = hash_password("correct horse").expect("hash");
        assert!(verify_password("correct horse", &hash));
        assert!(!verify_password("wrong horse", &hash));
        assert!(!verify_password("correct horse", "not a hash"));
    }

    #[test]
    fn session_tokens_are_unique_and_stored_as_digests() {
        let (a, da) = new_session_token();
        let (b, _) = new_session_token();
        assert_ne!(a, b);
        assert_ne!(a, da);
        assert_eq!(token_digest(&a), da);
    }
}
