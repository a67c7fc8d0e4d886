//! Where the keys that seal ID numbers and mobiles come from (README, "Personal data"):
//! `SAFETY_NET_KEYS` holds the key text itself, `SAFETY_NET_KEYS_FILE` names a file holding
//! it (the `NAME_FILE` convention, for container secrets). With neither, the demo
//! (`SEED_DEMO=1`) makes `data/safety-net.keys` on first start and production refuses to start.
use std::{
    fmt,
    io::Write,
    path::{Path, PathBuf},
};

use app::ssr::vault::{keyfile, KeyFileError, Vault};

use crate::env::Secret;

pub const KEYS_VAR: &str = "SAFETY_NET_KEYS";
pub const KEYS_FILE_VAR: &str = "SAFETY_NET_KEYS_FILE";
/// The demo's key file, beside the demo database.
pub const DEMO_KEYS_FILE: &str = "data/safety-net.keys";

#[derive(Clone)]
pub enum KeySource {
    /// The key text (`SAFETY_NET_KEYS`).
    Text(Secret),
    /// A file holding the key text (`SAFETY_NET_KEYS_FILE`).
    File(PathBuf),
    /// Neither variable set.
    Unset,
    /// The fixed, public test keys (tests and benches only).
    Test,
}

impl fmt::Debug for KeySource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeySource::Text(_) => f.write_str("KeySource::Text([redacted])"),
            KeySource::File(path) => write!(f, "KeySource::File({})", path.display()),
            KeySource::Unset => f.write_str("KeySource::Unset"),
            KeySource::Test => f.write_str("KeySource::Test"),
        }
    }
}

impl KeySource {
    pub fn from_env() -> KeySource {
        let var = |name| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        if let Some(text) = var(KEYS_VAR) {
            KeySource::Text(Secret::new(text))
        } else if let Some(path) = var(KEYS_FILE_VAR) {
            KeySource::File(PathBuf::from(path))
        } else {
            KeySource::Unset
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error(
        "refusing to start in production (SEED_DEMO=0) without encryption keys: ID numbers and \
         mobiles are stored encrypted. Make a key file with `server keys init --file PATH`, keep it \
         secret and backed up, and set SAFETY_NET_KEYS_FILE=PATH (or put its text in \
         SAFETY_NET_KEYS). \
         生产环境（SEED_DEMO=0）缺少加密密钥：请用 `server keys init --file 路径` 生成密钥文件，妥善保管并备份，\
         再设置 SAFETY_NET_KEYS_FILE=路径。"
    )]
    Missing,
    #[error("reading the key file {path}")]
    Read {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("writing the key file {path}")]
    Write {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("the keys in {origin} are not valid")]
    Invalid {
        origin: String,
        #[source]
        source: KeyFileError,
    },
    #[error("the key file {0} already exists; it is never overwritten")]
    Exists(String),
}

/// The vault the server runs with. In the demo a missing key file is made first.
pub fn load(source: &KeySource, demo: bool) -> Result<Vault, KeyError> {
    match source {
        KeySource::Test => Ok(Vault::for_tests()),
        KeySource::Text(text) => parse(text.expose(), KEYS_VAR),
        KeySource::File(path) if demo && !path.exists() => create_then_load(path),
        KeySource::File(path) => read(path),
        KeySource::Unset if demo => {
            let path = Path::new(DEMO_KEYS_FILE);
            if path.exists() {
                read(path)
            } else {
                create_then_load(path)
            }
        }
        KeySource::Unset => Err(KeyError::Missing),
    }
}

fn parse(text: &str, origin: &str) -> Result<Vault, KeyError> {
    Vault::from_key_text(text).map_err(|source| KeyError::Invalid {
        origin: origin.to_owned(),
        source,
    })
}

fn read(path: &Path) -> Result<Vault, KeyError> {
    let text = std::fs::read_to_string(path).map_err(|source| KeyError::Read {
        path: path.display().to_string(),
        source,
    })?;
    parse(&text, &path.display().to_string())
}

fn create_then_load(path: &Path) -> Result<Vault, KeyError> {
    init_file(path)?;
    tracing::info!(path = %path.display(), "made a demo key file for personal data");
    read(path)
}

/// Writes a fresh key file (readable by its owner only); never overwrites one.
pub fn init_file(path: &Path) -> Result<(), KeyError> {
    let shown = || path.display().to_string();
    if path.exists() {
        return Err(KeyError::Exists(shown()));
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|source| KeyError::Write {
            path: shown(),
            source,
        })?;
    }
    write_new(path, &keyfile::generate()).map_err(|source| KeyError::Write {
        path: shown(),
        source,
    })
}

fn write_new(path: &Path, text: &str) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    file.write_all(text.as_bytes())?;
    file.sync_all()
}

/// Appends a new data key to a key file; returns its id. Restart the servers so they seal
/// with it, then run the rotation to re-seal what is stored (see `keys_cmd::rotate`).
pub fn add_data_key(path: &Path) -> Result<String, KeyError> {
    append_key(path, keyfile::with_new_data_key)
}

/// Appends a new blind-index key to the key file (written aside, then renamed); returns its
/// id. Every app server restarted with it indexes new values under it and searches under
/// every index key; `keys rotate` then recomputes the stored indexes.
pub fn add_index_key(path: &Path) -> Result<String, KeyError> {
    append_key(path, keyfile::with_new_index_key)
}

fn append_key(
    path: &Path,
    append: fn(&str) -> Result<(String, String), KeyFileError>,
) -> Result<String, KeyError> {
    let shown = || path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| KeyError::Read {
        path: shown(),
        source,
    })?;
    let (updated, id) = append(&text).map_err(|source| KeyError::Invalid {
        origin: shown(),
        source,
    })?;
    // Write beside, then rename: a crash leaves the old file or the new one, never half.
    let temp = path.with_extension("new");
    let _ = std::fs::remove_file(&temp);
    write_new(&temp, &updated)
        .and_then(|()| std::fs::rename(&temp, path))
        .map_err(|source| KeyError::Write {
            path: shown(),
            source,
        })?;
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("sn-keys-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn production_without_keys_refuses_with_a_message_naming_the_variable() {
        let refused = load(&KeySource::Unset, false).expect_err("refused");
        assert!(matches!(refused, KeyError::Missing));
        assert!(refused.to_string().contains("SAFETY_NET_KEYS_FILE"));
    }

    #[test]
    fn the_demo_makes_a_key_file_once_and_reuses_it() {
        let dir = temp_dir("demo");
        let path = dir.join("keys");
        let source = KeySource::File(path.clone());
        let first = load(&source, true).expect("made");
        let text = std::fs::read_to_string(&path).expect("written");
        let second = load(&source, true).expect("read");
        assert_eq!(std::fs::read_to_string(&path).expect("kept"), text);
        assert_eq!(
            first.index(app::ssr::vault::Field::Mobile, "13800000001"),
            second.index(app::ssr::vault::Field::Mobile, "13800000001")
        );
        // Production does not make one.
        assert!(matches!(
            load(&KeySource::File(dir.join("other")), false),
            Err(KeyError::Read { .. })
        ));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_new_data_key_seals_and_the_old_one_still_opens() {
        let dir = temp_dir("add");
        let path = dir.join("keys");
        init_file(&path).expect("made");
        assert!(matches!(init_file(&path), Err(KeyError::Exists(_))));
        let old = read(&path).expect("read");
        let sealed = old.seal(app::ssr::vault::Field::Mobile, "13800000001");
        assert_eq!(add_data_key(&path).expect("added"), "k2");
        let new = read(&path).expect("read");
        assert_eq!(new.active_key_id(), "k2");
        assert_eq!(
            new.open(app::ssr::vault::Field::Mobile, &sealed)
                .expect("opens"),
            "13800000001"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
