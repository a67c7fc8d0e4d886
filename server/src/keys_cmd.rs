//! The `keys` commands (wired into the CLI by `cli.rs`): make a key file, add a data key,
//! and rotate what is stored to the newest key with a progress bar. The same rotation seals
//! plaintext written before encryption (a database from before migration 0017).
use std::path::Path;

use app::ssr::{
    db::Db,
    error::ServiceError,
    services::rekey::{self, RotationProgress, RotationReport},
    vault::Vault,
};
use indicatif::{ProgressBar, ProgressStyle};

use crate::keys::{self, KeyError};

/// `keys init --file PATH`: a fresh key file (index key and data key `k1`), mode 0600.
pub fn init(path: &Path) -> Result<(), KeyError> {
    keys::init_file(path)
}

/// `keys add --file PATH`: appends a new data key; returns its id. Restart every app server
/// (they then seal with it), then run `keys rotate`.
pub fn add(path: &Path) -> Result<String, KeyError> {
    keys::add_data_key(path)
}

/// `keys rotate`: re-seals every stored ID number and mobile under the vault's newest key
/// and seals any plaintext, in batches; resumable (run it again after a stop).
pub async fn rotate(
    db: &Db,
    vault: &Vault,
    progress: &dyn RotationProgress,
) -> Result<RotationReport, ServiceError> {
    rekey::rotate(db, vault, progress).await
}

/// A terminal progress bar per table.
pub struct Bar(std::sync::Mutex<Option<ProgressBar>>);

impl Bar {
    pub fn new() -> Bar {
        Bar(std::sync::Mutex::new(None))
    }

    fn with(&self, f: impl FnOnce(&mut Option<ProgressBar>)) {
        let mut guard = match self.0.lock() {
            Ok(guard) => guard,
            Err(poisoned) => poisoned.into_inner(),
        };
        f(&mut guard);
    }
}

impl Default for Bar {
    fn default() -> Self {
        Bar::new()
    }
}

impl RotationProgress for Bar {
    fn table(&self, table: &str, remaining: u64) {
        self.with(|bar| {
            if let Some(done) = bar.take() {
                done.finish();
            }
            let next = ProgressBar::new(remaining);
            if let Ok(style) = ProgressStyle::with_template(
                "{prefix:>12} [{bar:40}] {pos}/{len} {per_sec} ETA {eta}",
            ) {
                next.set_style(style.progress_chars("=> "));
            }
            next.set_prefix(table.to_owned());
            *bar = Some(next);
        });
    }

    fn advance(&self, rows: u64) {
        self.with(|bar| {
            if let Some(bar) = bar {
                bar.inc(rows);
            }
        });
    }
}

impl Drop for Bar {
    fn drop(&mut self) {
        self.with(|bar| {
            if let Some(done) = bar.take() {
                done.finish();
            }
        });
    }
}

/// One line for the terminal after a rotation.
pub fn summary(report: &RotationReport) -> String {
    let again = if report.changed_meanwhile > 0 {
        format!(
            "; {} rows changed while it ran: run `keys rotate` again",
            report.changed_meanwhile
        )
    } else {
        String::new()
    };
    format!(
        "rotated to key {}: {} rows sealed again{again}. 已用密钥 {} 重新加密 {} 行。",
        report.key_id, report.resealed, report.key_id, report.resealed
    )
}
