//! Encryption at rest for ID numbers and mobile numbers, and their blind indexes.
//!
//! Domain types stay plaintext; the repo seals a value as it writes it and opens it as it
//! reads it. A sealed value is text, `v1:<key id>:<base64url(nonce ‖ ciphertext)>`,
//! XChaCha20-Poly1305 with a random 24-byte nonce (safe to draw at random for any number of
//! values) and the field kind as associated data, so a sealed mobile cannot be passed off as
//! an ID number. The key id beside each value lets keys rotate: old keys stay to open, the
//! newest seals. Exact-match search uses a blind index instead: HMAC-SHA256 of the normalised
//! value under a separate key, so the index reveals nothing without that key and the data
//! keys can rotate without touching it.
mod json;
pub mod keyfile;

use std::{fmt, sync::Arc};

use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine as _};
use chacha20poly1305::{
    aead::{Aead, AeadCore, KeyInit, OsRng, Payload},
    XChaCha20Poly1305, XNonce,
};
use hmac::{Hmac, Mac};
use sha2::Sha256;

pub use keyfile::KeyFileError;

/// The version tag every sealed value starts with.
const PREFIX: &str = "v1:";
const NONCE_LEN: usize = 24;

/// Which personal field a value is: the associated data of its seal and the domain of its
/// blind index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    IdNumber,
    Mobile,
    /// A staff search carried sealed in the queue's address (`ssr::queue_search`).
    Search,
}

impl Field {
    fn tag(self) -> &'static [u8] {
        match self {
            Field::IdNumber => b"id_number",
            Field::Mobile => b"mobile",
            Field::Search => b"staff_search",
        }
    }

    /// The form a value is indexed under: an ID number's check letter in upper case, a
    /// mobile's digits only (so "138 0000 0001" and "13800000001" meet).
    fn normalise(self, value: &str) -> String {
        match self {
            Field::IdNumber => value.trim().to_ascii_uppercase(),
            Field::Mobile => value.chars().filter(char::is_ascii_digit).collect(),
            Field::Search => value.to_owned(),
        }
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum VaultError {
    #[error("sealed value under unknown key id {0}")]
    UnknownKey(String),
    #[error("sealed value is malformed")]
    Malformed,
    #[error("sealed value does not authenticate (wrong key, field or tampered)")]
    Tampered,
    #[error("stored JSON could not be read")]
    Json,
}

impl From<VaultError> for sqlx::Error {
    fn from(e: VaultError) -> Self {
        sqlx::Error::Decode(Box::new(e))
    }
}

struct DataKey {
    id: String,
    cipher: XChaCha20Poly1305,
}

struct Keys {
    /// Oldest first; the last one seals.
    data: Vec<DataKey>,
    /// Blind-index keys (id, key), oldest first; the last one indexes new values, all of
    /// them are searched (while `keys rotate` recomputes the indexes under a new one).
    index: Vec<(String, Vec<u8>)>,
}

/// The data keys (by id) and the blind-index key, held in the app state.
#[derive(Clone)]
pub struct Vault(Arc<Keys>);

impl fmt::Debug for Vault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Key ids only; key material never reaches a log.
        let ids: Vec<&str> = self.0.data.iter().map(|k| k.id.as_str()).collect();
        f.debug_struct("Vault").field("data_keys", &ids).finish()
    }
}

impl Vault {
    /// Keys from their text form (see [`keyfile`]).
    pub fn from_key_text(text: &str) -> Result<Vault, KeyFileError> {
        let parsed = keyfile::parse(text)?;
        let data = parsed
            .data
            .into_iter()
            .map(|(id, key)| DataKey {
                id,
                cipher: XChaCha20Poly1305::new((&key).into()),
            })
            .collect();
        Ok(Vault(Arc::new(Keys {
            data,
            index: parsed
                .index
                .into_iter()
                .map(|(id, key)| (id, key.to_vec()))
                .collect(),
        })))
    }

    /// Fixed, public keys for tests and benches: never for real data.
    pub fn for_tests() -> Vault {
        Vault::from_key_text(keyfile::TEST_KEYS).expect("the test keys parse")
    }

    /// The id of the key that seals new values.
    pub fn active_key_id(&self) -> &str {
        &self.active().id
    }

    fn active(&self) -> &DataKey {
        // `keyfile::parse` refuses a key text without a data key.
        self.0.data.last().expect("at least one data key")
    }

    /// Seals a value under the newest key.
    pub fn seal(&self, field: Field, plain: &str) -> String {
        let key = self.active();
        let nonce = XChaCha20Poly1305::generate_nonce(&mut OsRng);
        let payload = Payload {
            msg: plain.as_bytes(),
            aad: field.tag(),
        };
        // Encryption only fails for messages of gigabytes.
        let sealed = key
            .cipher
            .encrypt(&nonce, payload)
            .expect("XChaCha20-Poly1305 seals any short value");
        let mut bytes = nonce.to_vec();
        bytes.extend_from_slice(&sealed);
        format!("{PREFIX}{}:{}", key.id, URL_SAFE_NO_PAD.encode(bytes))
    }

    /// Opens a stored value. Plaintext written before encryption (anything without the `v1:`
    /// tag) is returned as it is, so a database reads correctly while it is being migrated.
    pub fn open(&self, field: Field, stored: &str) -> Result<String, VaultError> {
        let Some(rest) = stored.strip_prefix(PREFIX) else {
            return Ok(stored.to_owned());
        };
        let (key_id, body) = rest.split_once(':').ok_or(VaultError::Malformed)?;
        let key = self
            .0
            .data
            .iter()
            .find(|k| k.id == key_id)
            .ok_or_else(|| VaultError::UnknownKey(key_id.to_owned()))?;
        let bytes = URL_SAFE_NO_PAD
            .decode(body)
            .map_err(|_| VaultError::Malformed)?;
        if bytes.len() < NONCE_LEN {
            return Err(VaultError::Malformed);
        }
        let (nonce, sealed) = bytes.split_at(NONCE_LEN);
        let plain = key
            .cipher
            .decrypt(
                XNonce::from_slice(nonce),
                Payload {
                    msg: sealed,
                    aad: field.tag(),
                },
            )
            .map_err(|_| VaultError::Tampered)?;
        String::from_utf8(plain).map_err(|_| VaultError::Malformed)
    }

    /// Whether a stored value is sealed under the newest key (nothing for rotation to do).
    pub fn is_current(&self, stored: &str) -> bool {
        stored
            .strip_prefix(PREFIX)
            .and_then(|rest| rest.split_once(':'))
            .is_some_and(|(id, _)| id == self.active_key_id())
    }

    /// Whether a stored value is sealed at all (under any key).
    pub fn is_sealed(stored: &str) -> bool {
        stored.starts_with(PREFIX)
    }

    /// Opens a stored value and seals it again under the newest key (rotation), unless it is
    /// already there.
    pub fn reseal(&self, field: Field, stored: &str) -> Result<String, VaultError> {
        if self.is_current(stored) {
            return Ok(stored.to_owned());
        }
        Ok(self.seal(field, &self.open(field, stored)?))
    }

    /// The blind index of a value under the newest index key (what is written): equal
    /// values (after normalising) give equal indexes.
    pub fn index(&self, field: Field, plain: &str) -> String {
        let (_, key) = self.0.index.last().expect("at least one index key");
        index_under(key, field, plain)
    }

    /// The value's blind index under every index key, newest first (what is searched for):
    /// while a rotation recomputes the indexes, a row still carries the older one.
    pub fn indexes(&self, field: Field, plain: &str) -> Vec<String> {
        self.0
            .index
            .iter()
            .rev()
            .map(|(_, key)| index_under(key, field, plain))
            .collect()
    }

    /// What a rotation walks to: the newest data key, and the newest index key when it is
    /// named (`k2`, or `k2+i2` once an index key was added), so a new index key starts a
    /// new rotation that recomputes every blind index.
    pub fn rotation_id(&self) -> String {
        let (index_id, _) = self.0.index.last().expect("at least one index key");
        if index_id.is_empty() {
            self.active_key_id().to_owned()
        } else {
            format!("{}+{index_id}", self.active_key_id())
        }
    }

    /// A JSON document (snapshot, event, draft) with every `id_number` and `mobile` string
    /// sealed, for storage.
    pub fn seal_json(&self, json: &str) -> Result<String, VaultError> {
        json::transform(json, |field, value| {
            if value.is_empty() || Vault::is_sealed(value) {
                Ok(None)
            } else {
                Ok(Some(self.seal(field, value)))
            }
        })
    }

    /// A stored JSON document with its sealed fields opened.
    pub fn open_json(&self, json: &str) -> Result<String, VaultError> {
        // Most snapshots carry no personal field: skip the parse.
        if !json.contains("\"v1:") {
            return Ok(json.to_owned());
        }
        json::transform(json, |field, value| {
            if Vault::is_sealed(value) {
                self.open(field, value).map(Some)
            } else {
                Ok(None)
            }
        })
    }

    /// A stored JSON document with every personal field sealed under the newest key.
    pub fn reseal_json(&self, json: &str) -> Result<String, VaultError> {
        json::transform(json, |field, value| {
            if value.is_empty() || self.is_current(value) {
                Ok(None)
            } else {
                self.reseal(field, value).map(Some)
            }
        })
    }

    /// Whether any personal field of a stored JSON document is not sealed under the newest key.
    pub fn json_needs_reseal(&self, json: &str) -> Result<bool, VaultError> {
        let mut stale = false;
        json::transform(json, |_, value| {
            stale |= !value.is_empty() && !self.is_current(value);
            Ok(None)
        })?;
        Ok(stale)
    }
}

fn index_under(key: &[u8], field: Field, plain: &str) -> String {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).expect("HMAC takes any key");
    mac.update(field.tag());
    mac.update(&[0]);
    mac.update(field.normalise(plain).as_bytes());
    URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
}

#[cfg(test)]
mod tests;
