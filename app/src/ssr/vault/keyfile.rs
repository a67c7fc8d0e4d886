//! The key file: one key per line, `index <base64>` once and `data <id> <base64>` one or
//! more times, oldest first; the last data key seals new values. `#` starts a comment. Keys
//! are 32 random bytes in standard base64. Example:
//!
//! ```text
//! # Safety Net keys. Back up with the database; without them the data cannot be read.
//! index 3q2+7w...=
//! data k1 q83vEj...=
//! data k2 Zm9vYm...=
//! ```
use base64::{engine::general_purpose::STANDARD, Engine as _};
use rand::RngCore;

/// Why a key text was refused. Names the line, never the key.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum KeyFileError {
    #[error("line {0}: expected `index <base64>` or `data <id> <base64>`")]
    BadLine(usize),
    #[error("line {0}: a key must be 32 bytes in base64")]
    BadKey(usize),
    #[error("line {0}: a key id is letters, digits, '-' or '_' (at most 32)")]
    BadId(usize),
    #[error("line {0}: data key id {1} appears twice")]
    DuplicateId(usize, String),
    #[error("no `index` line (the blind-index key)")]
    NoIndexKey,
    #[error("more than one `index` line")]
    TwoIndexKeys,
    #[error("no `data` line (a data key)")]
    NoDataKey,
}

pub(super) struct Parsed {
    pub data: Vec<(String, [u8; 32])>,
    /// Blind-index keys, oldest first; the last one indexes new values. The first may be
    /// unnamed (`index <base64>`, id ""); later ones are named (`index i2 <base64>`).
    pub index: Vec<(String, [u8; 32])>,
}

/// Public keys for tests and benches only (they are in the source: never for real data).
pub const TEST_KEYS: &str = "\
index AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=
data test1 ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=
";

fn key(line: usize, text: &str) -> Result<[u8; 32], KeyFileError> {
    STANDARD
        .decode(text)
        .ok()
        .and_then(|bytes| <[u8; 32]>::try_from(bytes.as_slice()).ok())
        .ok_or(KeyFileError::BadKey(line))
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 32
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

pub(super) fn parse(text: &str) -> Result<Parsed, KeyFileError> {
    let mut data: Vec<(String, [u8; 32])> = Vec::new();
    let mut index: Vec<(String, [u8; 32])> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let content = raw.split('#').next().unwrap_or_default().trim();
        if content.is_empty() {
            continue;
        }
        let words: Vec<&str> = content.split_whitespace().collect();
        match words.as_slice() {
            ["index", k] => {
                if index.iter().any(|(id, _)| id.is_empty()) {
                    return Err(KeyFileError::TwoIndexKeys);
                }
                index.push((String::new(), key(line, k)?));
            }
            ["index", id, k] => {
                if !valid_id(id) {
                    return Err(KeyFileError::BadId(line));
                }
                if index.iter().any(|(known, _)| known == id) {
                    return Err(KeyFileError::DuplicateId(line, (*id).to_owned()));
                }
                index.push(((*id).to_owned(), key(line, k)?));
            }
            ["data", id, k] => {
                if !valid_id(id) {
                    return Err(KeyFileError::BadId(line));
                }
                if data.iter().any(|(known, _)| known == id) {
                    return Err(KeyFileError::DuplicateId(line, (*id).to_owned()));
                }
                data.push(((*id).to_owned(), key(line, k)?));
            }
            _ => return Err(KeyFileError::BadLine(line)),
        }
    }
    if index.is_empty() {
        return Err(KeyFileError::NoIndexKey);
    }
    if data.is_empty() {
        return Err(KeyFileError::NoDataKey);
    }
    Ok(Parsed { data, index })
}

fn random_key() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    STANDARD.encode(bytes)
}

/// A fresh key text: a blind-index key and a first data key `k1`.
pub fn generate() -> String {
    format!(
        "# Safety Net keys (README, \"Personal data\"). Keep secret and back up apart from the database:\n\
         # without them the ID numbers and mobiles in it cannot be read.\n\
         index {}\n\
         data k1 {}\n",
        random_key(),
        random_key()
    )
}

/// The key text with a new data key appended (it seals from the next start on; rotation
/// re-seals the stored values under it). Its id is `k<n>` after the highest such id.
pub fn with_new_data_key(text: &str) -> Result<(String, String), KeyFileError> {
    let parsed = parse(text)?;
    let next = parsed
        .data
        .iter()
        .filter_map(|(id, _)| id.strip_prefix('k')?.parse::<u64>().ok())
        .max()
        .unwrap_or(0)
        + 1;
    let id = format!("k{next}");
    let mut out = text.to_owned();
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(&format!("data {id} {}\n", random_key()));
    Ok((out, id))
}

/// The key text with a new blind-index key appended (`index i<n> …`): it indexes new values
/// from the next start on, the older ones still find what they indexed until `keys rotate`
/// has recomputed every index. Returns the text and the new key's id.
pub fn with_new_index_key(text: &str) -> Result<(String, String), KeyFileError> {
    let parsed = parse(text)?;
    let next = parsed
        .index
        .iter()
        .map(|(id, _)| match id.as_str() {
            // The unnamed first key counts as i1.
            "" => 1,
            named => named
                .strip_prefix('i')
                .and_then(|n| n.parse::<u64>().ok())
                .unwrap_or(0),
        })
        .max()
        .unwrap_or(0)
        + 1;
    let id = format!("i{next}");
    let mut out = text.to_owned();
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(&format!("index {id} {}\n", random_key()));
    Ok((out, id))
}
