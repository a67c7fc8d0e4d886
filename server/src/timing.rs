//! How often the background work runs and how long a request waits for the database. The
//! defaults suit production; tests shorten them to see several passes in seconds.
use std::time::Duration;

use app::ssr::db::DbOptions;

use crate::env::{number, ConfigError};

/// The defaults of `SWEEP_EVERY_SECS` and `DELIVER_EVERY_SECS`.
pub const SWEEP_EVERY: Duration = Duration::from_secs(5 * 60);
pub const DELIVER_EVERY: Duration = Duration::from_secs(30);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timing {
    /// `SWEEP_EVERY_SECS`: the clock sweep and the purge, default 300 (servers with workers).
    pub sweep_every: Duration,
    /// `DELIVER_EVERY_SECS`: an outbox delivery pass, default 30 (servers with workers).
    pub deliver_every: Duration,
    /// `SETTINGS_RELOAD_SECS`: every server, with or without workers, rereads the calendar
    /// and policy this often, default 60: the longest another app server takes to apply a
    /// change an administrator made on one of them.
    pub settings_reload: Duration,
    /// `DATABASE_ACQUIRE_TIMEOUT_SECS`: how long a request waits for a database connection
    /// before it is answered 503, default 10.
    pub db_acquire_timeout: Duration,
    /// `SQLITE_MAX_PAGE_COUNT` (tests only: simulates a full disk); unset by default.
    pub sqlite_max_pages: Option<u64>,
}

impl Default for Timing {
    fn default() -> Self {
        Timing {
            sweep_every: SWEEP_EVERY,
            deliver_every: DELIVER_EVERY,
            settings_reload: Duration::from_secs(60),
            db_acquire_timeout: DbOptions::default().acquire_timeout,
            sqlite_max_pages: None,
        }
    }
}

impl Timing {
    pub fn from_env() -> Result<Timing, ConfigError> {
        let d = Timing::default();
        let secs = |name, default: Duration| -> Result<Duration, ConfigError> {
            let n: u64 = number(name, default.as_secs())?;
            if n == 0 {
                return Err(ConfigError::Invalid {
                    name,
                    value: "0".into(),
                });
            }
            Ok(Duration::from_secs(n))
        };
        let pages: u64 = number("SQLITE_MAX_PAGE_COUNT", 0)?;
        Ok(Timing {
            sweep_every: secs("SWEEP_EVERY_SECS", d.sweep_every)?,
            deliver_every: secs("DELIVER_EVERY_SECS", d.deliver_every)?,
            settings_reload: secs("SETTINGS_RELOAD_SECS", d.settings_reload)?,
            db_acquire_timeout: secs("DATABASE_ACQUIRE_TIMEOUT_SECS", d.db_acquire_timeout)?,
            sqlite_max_pages: (pages > 0).then_some(pages),
        })
    }

    pub fn db_options(&self) -> DbOptions {
        DbOptions {
            acquire_timeout: self.db_acquire_timeout,
            sqlite_max_pages: self.sqlite_max_pages,
        }
    }
}
