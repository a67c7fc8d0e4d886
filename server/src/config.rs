//! Configuration from environment variables, each with a documented default.
use std::{net::SocketAddr, time::Duration};

use app::ssr::{proxies::TrustedProxies, services::outbox::SmtpSecurity};

pub(crate) use crate::env::{flag, number, var};
pub use crate::env::{secret_var, ConfigError, Secret};

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
    /// `SECURE_COOKIES`: `1` when served over HTTPS (default: `1` when a `PUBLIC_ORIGIN` is
    /// https, else `0`).
    pub secure_cookies: bool,
    /// `LEPTOS_SITE_ROOT`, default `target/site`: the built CSS, JS and WASM.
    pub site_root: String,
    /// `TEST_CLOCK`: `1` lets end-to-end tests move time via `/__test/clock/advance`. Only
    /// builds with the `test-clock` cargo feature accept it, and never in production.
    pub test_clock: bool,
    /// `SMTP_HOST` and friends; `None` (no host) disables email: rows stay in the outbox.
    pub smtp: Option<SmtpConfig>,
    /// `SMS_GATEWAY_URL` and friends; `None` (no URL) disables SMS: rows stay in the outbox.
    pub sms: Option<SmsConfig>,
    /// `WORKERS`: outbox delivery tasks (default 1); `0` runs no background work at all.
    pub workers: u32,
    /// `METRICS_ADDR`: where `/metrics` (Prometheus) listens, e.g. `127.0.0.1:9300`; unset
    /// (default) serves no metrics. Never the public listener: bind it to an address only the
    /// county's monitoring can reach.
    pub metrics_addr: Option<SocketAddr>,
    /// Origins, proxies, body limits and timeouts (see [`HttpConfig`]).
    pub http: HttpConfig,
    /// Keys sealing ID numbers and mobiles (`SAFETY_NET_KEYS` / `SAFETY_NET_KEYS_FILE`).
    pub keys: crate::keys::KeySource,
    /// Worker periods, the settings reload and the database wait (see [`crate::timing`]).
    pub timing: crate::timing::Timing,
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
    /// `SHUTDOWN_DELAY_SECS`: after SIGTERM/SIGINT, how long `/readyz` answers 503 while
    /// requests are still served, so a load balancer stops sending first; default 0.
    pub shutdown_delay: Duration,
    /// `SHUTDOWN_TIMEOUT_SECS`: then how long requests in flight may take to finish; default 20.
    pub drain_timeout: Duration,
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
            shutdown_delay: Duration::ZERO,
            drain_timeout: Duration::from_secs(20),
        }
    }
}

impl HttpConfig {
    /// Browsers reach the server at an https origin.
    pub fn served_over_https(&self) -> bool {
        self.public_origins
            .iter()
            .any(|o| o.starts_with("https://"))
    }

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
            shutdown_delay: Duration::from_secs(number(
                "SHUTDOWN_DELAY_SECS",
                defaults.shutdown_delay.as_secs(),
            )?),
            drain_timeout: Duration::from_secs(number(
                "SHUTDOWN_TIMEOUT_SECS",
                defaults.drain_timeout.as_secs(),
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

/// The mail server staff email goes through.
#[derive(Debug, Clone)]
pub struct SmtpConfig {
    /// `SMTP_SECURITY`: `starttls` (default, required), `tls` (implicit, port 465) or
    /// `plain` (a relay on the same host only).
    pub security: SmtpSecurity,
    /// `SMTP_CA_FILE`: a CA certificate (PEM) trusted besides the system's.
    pub ca_file: Option<String>,
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

/// Names of the settings that are secrets: each may instead be given as `NAME_FILE`, the path
/// of a file holding it (systemd credentials, Docker/Kubernetes secrets), and none is ever
/// printed. Other modules (keys) add theirs with [`secret_var`].
pub const SECRET_VARS: &[&str] = &[
    "DATABASE_URL",
    "SMTP_PASSWORD",
    "SMS_GATEWAY_URL",
    "SMS_GATEWAY_TOKEN",
    "SMS_GATEWAY_HMAC_KEY",
];

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
            sms: None,
            workers: 0,
            metrics_addr: None,
            http: HttpConfig::default(),
            keys: crate::keys::KeySource::Test,
            timing: crate::timing::Timing::default(),
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
        let http = HttpConfig::from_env()?;
        Ok(Config {
            listen,
            database_url: secret_var("DATABASE_URL")?
                .unwrap_or_else(|| Secret::new("sqlite://data/safety-net.db")),
            log_format,
            seed_demo: flag("SEED_DEMO", false)?,
            seed_demo_cases: flag("SEED_DEMO_CASES", true)?,
            // Served over https: the session cookie says Secure unless told otherwise.
            secure_cookies: flag("SECURE_COOKIES", http.served_over_https())?,
            site_root: var("LEPTOS_SITE_ROOT").unwrap_or_else(|| "target/site".to_owned()),
            test_clock: test_clock_flag()?,
            smtp: smtp_from_env()?,
            sms: sms_from_env()?,
            workers: number("WORKERS", 1)?,
            metrics_addr: optional_addr("METRICS_ADDR")?,
            http,
            keys: crate::keys::KeySource::from_env(),
            timing: crate::timing::Timing::from_env()?,
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

fn optional_addr(name: &'static str) -> Result<Option<SocketAddr>, ConfigError> {
    var(name)
        .map(|raw| {
            raw.trim()
                .parse()
                .map_err(|_| ConfigError::Invalid { name, value: raw })
        })
        .transpose()
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
        password: secret_var("SMTP_PASSWORD")?,
        security: match var("SMTP_SECURITY").as_deref() {
            None | Some("starttls") => SmtpSecurity::StartTls,
            Some("tls") => SmtpSecurity::Implicit,
            Some("plain") => SmtpSecurity::Plain,
            Some(other) => {
                return Err(ConfigError::Invalid {
                    name: "SMTP_SECURITY",
                    value: other.to_owned(),
                })
            }
        },
        ca_file: var("SMTP_CA_FILE"),
    }))
}

/// The HTTPS gateway household text messages go through.
#[derive(Debug, Clone)]
pub struct SmsConfig {
    /// `SMS_GATEWAY_URL`, e.g. `https://sms-relay.example.gov.cn/send` (secret: some
    /// gateways take their key in the query string).
    pub url: Secret,
    /// `SMS_GATEWAY_TOKEN` (sent as a bearer token) or `SMS_GATEWAY_HMAC_KEY` (signs each
    /// request); at most one.
    pub auth: SmsAuthConfig,
    /// `SMS_CA_FILE`: a CA certificate (PEM) trusted besides the system's.
    pub ca_file: Option<String>,
    /// `SMS_PROVIDER=aliyun`: Aliyun SMS called directly (see `crate::sms_provider`).
    pub aliyun: Option<app::ssr::services::outbox::AliyunSms>,
}

#[derive(Debug, Clone)]
pub enum SmsAuthConfig {
    None,
    Bearer(Secret),
    Hmac(Secret),
}

fn sms_from_env() -> Result<Option<SmsConfig>, ConfigError> {
    if let Some(aliyun) = crate::sms_provider::aliyun_from_env()? {
        return Ok(Some(SmsConfig {
            url: Secret::new(aliyun.endpoint.clone()),
            auth: SmsAuthConfig::None,
            ca_file: var("SMS_CA_FILE"),
            aliyun: Some(aliyun),
        }));
    }
    let Some(url) = secret_var("SMS_GATEWAY_URL")? else {
        return Ok(None);
    };
    let auth = match (
        secret_var("SMS_GATEWAY_TOKEN")?,
        secret_var("SMS_GATEWAY_HMAC_KEY")?,
    ) {
        (None, None) => SmsAuthConfig::None,
        (Some(token), None) => SmsAuthConfig::Bearer(token),
        (None, Some(key)) => SmsAuthConfig::Hmac(key),
        (Some(_), Some(_)) => {
            return Err(ConfigError::Invalid {
                name: "SMS_GATEWAY_TOKEN",
                value: "set only one of SMS_GATEWAY_TOKEN and SMS_GATEWAY_HMAC_KEY".into(),
            })
        }
    };
    Ok(Some(SmsConfig {
        url,
        auth,
        ca_file: var("SMS_CA_FILE"),
        aliyun: None,
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
                security: SmtpSecurity::StartTls,
                ca_file: None,
            }),
            sms: None,
            workers: 0,
            metrics_addr: None,
            http: HttpConfig::default(),
            keys: crate::keys::KeySource::Test,
            timing: crate::timing::Timing::default(),
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
