//! Configuration from environment variables, each with a documented default.
use std::{fmt, net::SocketAddr, time::Duration};

use app::ssr::proxies::TrustedProxies;

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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Human,
    Json,
}

#[derive(Debug, Clone)]
pub struct Config {
    /// `SAFETY_NET_ADDR`, default `127.0.0.1:3000` (or cargo-leptos' `LEPTOS_SITE_ADDR`).
    pub listen: SocketAddr,
    /// `DATABASE_URL`, default `sqlite://data/safety-net.db`. May hold a password.
    pub database_url: Secret,
    /// `LOG_FORMAT`: `human` (default) or `json`.
    pub log_format: LogFormat,
    /// `SEED_DEMO`: `1` seeds the demo county and accounts (what `scripts/run.sh` sets);
    /// `0` (default) is production: no demo data, and the start-up checks refuse demo
    /// passwords and the test clock.
    pub seed_demo: bool,
    /// `SEED_DEMO_CASES`: `1` (default, only with `SEED_DEMO`) files a few demo cases at first start.
    pub seed_demo_cases: bool,
    /// `SECURE_COOKIES`: `1` when served over HTTPS (default `0`).
    pub secure_cookies: bool,
    /// `LEPTOS_SITE_ROOT`, default `target/site`: the built CSS, JS and WASM.
    pub site_root: String,
    /// `TEST_CLOCK`: `1` lets end-to-end tests move time via `/__test/clock/advance`. Only
    /// builds with the `test-clock` cargo feature accept it, and never in production.
    pub test_clock: bool,
    /// `SMTP_HOST` and friends; `None` (no host) disables email: rows stay in the outbox.
    pub smtp: Option<SmtpConfig>,
    /// `SMS_GATEWAY_URL`: HTTP gateway for text messages; unset disables SMS.
    pub sms_gateway_url: Option<String>,
    /// `WORKERS`: outbox delivery tasks (default 1); `0` runs no background work at all.
    pub workers: u32,
    /// Origins, proxies, body limits and timeouts (see [`HttpConfig`]).
    pub http: HttpConfig,
    /// Keys sealing ID numbers and mobiles (`SAFETY_NET_KEYS` / `SAFETY_NET_KEYS_FILE`).
    pub keys: crate::keys::KeySource,
}

/// How the server meets the network: who may post, whom to believe about addresses, and how
/// much and how slowly a client may send.
#[derive(Debug, Clone)]
pub struct HttpConfig {
    /// `PUBLIC_ORIGIN`: the origin(s) browsers reach us at, comma-separated
    /// (`https://fpjc.example.gov.cn`). Empty: `http://` plus the bound listen address.
    pub public_origins: Vec<String>,
    /// `TRUSTED_PROXIES`: comma-separated CIDR blocks; default none.
    pub trusted_proxies: TrustedProxies,
    /// `BODY_LIMIT_BYTES`: largest request body, default 64 KiB.
    pub body_limit: usize,
    /// `UPLOAD_LIMIT_BYTES`: largest department list import, default 4 MiB.
    pub upload_limit: usize,
    /// `REQUEST_TIMEOUT_SECS`: reading the body and answering, default 30.
    pub request_timeout: Duration,
    /// `HEADER_TIMEOUT_SECS`: receiving a request's headers (slowloris), default 10.
    pub header_timeout: Duration,
}

impl Default for HttpConfig {
    fn default() -> Self {
        HttpConfig {
            public_origins: Vec::new(),
            trusted_proxies: TrustedProxies::none(),
            body_limit: 64 * 1024,
            upload_limit: 4 * 1024 * 1024,
            request_timeout: Duration::from_secs(30),
            header_timeout: Duration::from_secs(10),
        }
    }
}

impl HttpConfig {
    fn from_env() -> Result<HttpConfig, ConfigError> {
        let defaults = HttpConfig::default();
        let public_origins = match var("PUBLIC_ORIGIN") {
            None => Vec::new(),
            Some(raw) => parse_origins(&raw).ok_or(ConfigError::Invalid {
                name: "PUBLIC_ORIGIN",
                value: raw,
            })?,
        };
        let trusted_proxies = match var("TRUSTED_PROXIES") {
            None => TrustedProxies::none(),
            Some(raw) => TrustedProxies::parse(&raw).map_err(|_| ConfigError::Invalid {
                name: "TRUSTED_PROXIES",
                value: raw,
            })?,
        };
        Ok(HttpConfig {
            public_origins,
            trusted_proxies,
            body_limit: number("BODY_LIMIT_BYTES", defaults.body_limit)?,
            upload_limit: number("UPLOAD_LIMIT_BYTES", defaults.upload_limit)?,
            request_timeout: Duration::from_secs(number(
                "REQUEST_TIMEOUT_SECS",
                defaults.request_timeout.as_secs(),
            )?),
            header_timeout: Duration::from_secs(number(
                "HEADER_TIMEOUT_SECS",
                defaults.header_timeout.as_secs(),
            )?),
        })
    }

    /// The configured origins, or the one the listen address gives (on loopback also
    /// `http://localhost:port`, which a newcomer is as likely to type).
    pub fn origins_for(&self, bound: SocketAddr) -> Vec<String> {
        if !self.public_origins.is_empty() {
            return self.public_origins.clone();
        }
        let mut origins = vec![format!("http://{bound}")];
        if bound.ip().is_loopback() {
            origins.push(format!("http://localhost:{}", bound.port()));
        }
        origins
    }
}

/// `scheme://host[:port]` entries, no path; stored lower-case without a trailing slash, the
/// way browsers send `Origin`.
fn parse_origins(raw: &str) -> Option<Vec<String>> {
    let origins: Vec<String> = raw
        .split(',')
        .map(|o| o.trim().trim_end_matches('/').to_ascii_lowercase())
        .filter(|o| !o.is_empty())
        .collect();
    let valid = |o: &String| {
        o.strip_prefix("https://")
            .or_else(|| o.strip_prefix("http://"))
            .is_some_and(|host| !host.is_empty() && !host.contains(['/', '?', '#', ' ', '@']))
    };
    (!origins.is_empty() && origins.iter().all(valid)).then_some(origins)
}

/// The SMTP relay email goes through (plain connection: a local relay).
#[derive(Debug, Clone)]
pub struct SmtpConfig {
    /// `SMTP_HOST`.
    pub host: String,
    /// `SMTP_PORT`, default 25.
    pub port: u16,
    /// `SMTP_FROM`, default `noreply@localhost`.
    pub from: String,
    /// `SMTP_USERNAME`, if the relay wants a login.
    pub username: Option<String>,
    /// `SMTP_PASSWORD`.
    pub password: Option<Secret>,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{name} is not valid: {value:?}")]
    Invalid { name: &'static str, value: String },
    #[error(
        "TEST_CLOCK is set, but this build has no test clock (it exists only in test builds \
         with the cargo feature `test-clock`): unset TEST_CLOCK"
    )]
    TestClockNotBuilt,
}

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

fn flag(name: &'static str, default: bool) -> Result<bool, ConfigError> {
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

impl Config {
    /// A server on a free loopback port with the demo county (no demo cases) and no
    /// background workers: what tests and benches start, changing fields as they need.
    pub fn local(database_url: &str) -> Config {
        Config {
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            database_url: Secret::new(database_url),
            log_format: LogFormat::Human,
            seed_demo: true,
            seed_demo_cases: false,
            secure_cookies: false,
            site_root: "target/site".into(),
            test_clock: false,
            smtp: None,
            sms_gateway_url: None,
            workers: 0,
            http: HttpConfig::default(),
            keys: crate::keys::KeySource::Test,
        }
    }

    pub fn from_env() -> Result<Config, ConfigError> {
        let listen_raw = var("SAFETY_NET_ADDR")
            .or_else(|| var("LEPTOS_SITE_ADDR"))
            .unwrap_or_else(|| "127.0.0.1:3000".to_owned());
        let listen = listen_raw.parse().map_err(|_| ConfigError::Invalid {
            name: "SAFETY_NET_ADDR",
            value: listen_raw.clone(),
        })?;
        let log_format = match var("LOG_FORMAT").as_deref() {
            None | Some("human") => LogFormat::Human,
            Some("json") => LogFormat::Json,
            Some(other) => {
                return Err(ConfigError::Invalid {
                    name: "LOG_FORMAT",
                    value: other.to_owned(),
                })
            }
        };
        Ok(Config {
            listen,
            database_url: Secret::new(
                var("DATABASE_URL").unwrap_or_else(|| "sqlite://data/safety-net.db".to_owned()),
            ),
            log_format,
            seed_demo: flag("SEED_DEMO", false)?,
            seed_demo_cases: flag("SEED_DEMO_CASES", true)?,
            secure_cookies: flag("SECURE_COOKIES", false)?,
            site_root: var("LEPTOS_SITE_ROOT").unwrap_or_else(|| "target/site".to_owned()),
            test_clock: test_clock_flag()?,
            smtp: smtp_from_env()?,
            sms_gateway_url: var("SMS_GATEWAY_URL"),
            workers: number("WORKERS", 1)?,
            http: HttpConfig::from_env()?,
            keys: crate::keys::KeySource::from_env(),
        })
    }
}

/// `TEST_CLOCK`, refused outright by a build without the test clock.
fn test_clock_flag() -> Result<bool, ConfigError> {
    let on = flag("TEST_CLOCK", false)?;
    if on && !cfg!(feature = "test-clock") {
        return Err(ConfigError::TestClockNotBuilt);
    }
    Ok(on)
}

fn number<T: std::str::FromStr>(name: &'static str, default: T) -> Result<T, ConfigError> {
    match var(name) {
        None => Ok(default),
        Some(raw) => raw
            .trim()
            .parse()
            .map_err(|_| ConfigError::Invalid { name, value: raw }),
    }
}

fn smtp_from_env() -> Result<Option<SmtpConfig>, ConfigError> {
    let Some(host) = var("SMTP_HOST") else {
        return Ok(None);
    };
    Ok(Some(SmtpConfig {
        host,
        port: number("SMTP_PORT", 25)?,
        from: var("SMTP_FROM").unwrap_or_else(|| "noreply@localhost".to_owned()),
        username: var("SMTP_USERNAME"),
        password: var("SMTP_PASSWORD").map(Secret::new),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_never_show_in_debug_output() {
        let config = Config {
            listen: "127.0.0.1:0".parse().expect("addr"),
            database_url: Secret::new("postgres://app:hunter2@db/sn"),
            log_format: LogFormat::Human,
            seed_demo: false,
            seed_demo_cases: false,
            secure_cookies: false,
            site_root: "target/site".into(),
            test_clock: false,
            smtp: Some(SmtpConfig {
                host: "localhost".into(),
                port: 25,
                from: "noreply@localhost".into(),
                username: Some("mailer".into()),
                password: Some(Secret::new("smtp-hunter3")),
            }),
            sms_gateway_url: None,
            workers: 0,
            http: HttpConfig::default(),
            keys: crate::keys::KeySource::Test,
        };
        let printed = format!("{config:?}");
        assert!(!printed.contains("hunter2"), "{printed}");
        assert!(!printed.contains("smtp-hunter3"), "{printed}");
        assert!(printed.contains("redacted"));
    }

    #[test]
    fn public_origins_are_scheme_and_host_only() {
        assert_eq!(
            parse_origins("https://FPJC.example.gov.cn/, http://10.0.0.5:3000"),
            Some(vec![
                "https://fpjc.example.gov.cn".to_owned(),
                "http://10.0.0.5:3000".to_owned()
            ])
        );
        assert_eq!(parse_origins("fpjc.example.gov.cn"), None);
        assert_eq!(parse_origins("https://fpjc.example.gov.cn/staff"), None);
    }
}
