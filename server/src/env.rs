//! Reading settings from the environment: plain values, flags, numbers and secrets (which may
//! come from a `NAME_FILE` and never reach a log line). Below `config` and `keys`, which use it.
use std::fmt;

/// A value that must never reach a log line or `Debug` output.
#[derive(Clone)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret([redacted])")
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{name} is not valid: {value:?}")]
    Invalid { name: &'static str, value: String },
    /// Never carries the value: it is a secret.
    #[error("{name} and {name}_FILE are both set: keep one (the file is the safer)")]
    SecretTwice { name: &'static str },
    #[error("{name}_FILE: could not read {path}: {reason} (the file must exist, be readable by this user and hold UTF-8 text)")]
    SecretFile {
        name: &'static str,
        path: String,
        reason: String,
    },
    #[error("{name}_FILE: {path} is empty")]
    SecretFileEmpty { name: &'static str, path: String },
    #[error(
        "TEST_CLOCK is set, but this build has no test clock (it exists only in test builds \
         with the cargo feature `test-clock`): unset TEST_CLOCK"
    )]
    TestClockNotBuilt,
}

/// A secret setting from `NAME`, or from the file `NAME_FILE` names (its first line, line end
/// removed). Both set is an error; errors name the variable and path, never the value.
pub fn secret_var(name: &'static str) -> Result<Option<Secret>, ConfigError> {
    let file_var = format!("{name}_FILE");
    match (var(name), var(&file_var)) {
        (Some(_), Some(_)) => Err(ConfigError::SecretTwice { name }),
        (Some(value), None) => Ok(Some(Secret::new(value))),
        (None, None) => Ok(None),
        (None, Some(path)) => {
            let text = std::fs::read(&path)
                .map_err(|e| e.to_string())
                .and_then(|bytes| String::from_utf8(bytes).map_err(|_| "not UTF-8".to_owned()))
                .map_err(|reason| ConfigError::SecretFile {
                    name,
                    path: path.clone(),
                    reason,
                })?;
            let value = text.lines().next().unwrap_or_default().trim().to_owned();
            if value.is_empty() {
                return Err(ConfigError::SecretFileEmpty { name, path });
            }
            Ok(Some(Secret::new(value)))
        }
    }
}

pub(crate) fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

pub(crate) fn flag(name: &'static str, default: bool) -> Result<bool, ConfigError> {
    match var(name).as_deref() {
        None => Ok(default),
        Some("1" | "true" | "yes") => Ok(true),
        Some("0" | "false" | "no") => Ok(false),
        Some(other) => Err(ConfigError::Invalid {
            name,
            value: other.to_owned(),
        }),
    }
}

pub(crate) fn number<T: std::str::FromStr>(
    name: &'static str,
    default: T,
) -> Result<T, ConfigError> {
    match var(name) {
        None => Ok(default),
        Some(raw) => raw
            .trim()
            .parse()
            .map_err(|_| ConfigError::Invalid { name, value: raw }),
    }
}
