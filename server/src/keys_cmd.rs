//! The `keys` commands (wired into the CLI by `cli.rs`): make a key file, add a data key,
//! and rotate what is stored to the newest key with a progress bar. The same rotation seals
//! plaintext written before encryption (a database from before migration 0017).
use std::{
    io::Write,
    path::{Path, PathBuf},
};

use app::ssr::{
    db::Db,
    error::ServiceError,
    services::rekey::{self, RotationProgress, RotationReport},
    vault::Vault,
};
use indicatif::{ProgressBar, ProgressStyle};

use crate::keys::{self, KeyError};

/// `server keys …`.
#[derive(Debug, Clone, PartialEq, Eq, clap::Subcommand)]
pub enum KeysCommand {
    /// 生成新的密钥文件（权限0600，须保密并与数据库分开备份） / Create a new key file (mode
    /// 0600; keep it secret and back it up apart from the database)
    Init {
        #[arg(long)]
        file: PathBuf,
    },
    /// 添加新数据密钥；重启各服务后运行 keys rotate / Add a new data key; restart every app
    /// server, then run `keys rotate`
    Add {
        #[arg(long)]
        file: PathBuf,
    },
    /// 添加新的查询索引密钥；重启各服务后运行 keys rotate 重算全部索引 / Add a new blind-index
    /// key; restart every app server, then run `keys rotate` to recompute every index
    AddIndex {
        #[arg(long)]
        file: PathBuf,
    },
    /// 把已存数据重新加密到最新密钥（含旧明文）并用最新索引密钥重算查询索引，分批进行，可中断后续跑 /
    /// Re-encrypt what is stored to the newest key (plaintext too) and recompute the blind
    /// indexes under the newest index key, in batches; resumable after a stop
    Rotate,
}

/// Runs a `keys` command; `rotate` reads the keys the server would (`SAFETY_NET_KEYS_FILE` or
/// `SAFETY_NET_KEYS`).
pub async fn run(
    command: KeysCommand,
    database_url: &str,
    out: &mut dyn Write,
) -> Result<(), crate::cli_error::CliError> {
    match command {
        KeysCommand::Init { file } => {
            init(&file)?;
            writeln!(out, "已生成密钥文件 key file created: {}", file.display())?;
        }
        KeysCommand::Add { file } => {
            let id = add(&file)?;
            writeln!(
                out,
                "已添加数据密钥 data key {id} added: restart every app server, then run `server keys rotate`"
            )?;
        }
        KeysCommand::AddIndex { file } => {
            let id = keys::add_index_key(&file)?;
            writeln!(
                out,
                "已添加索引密钥 index key {id} added: restart every app server, then run `server keys rotate`; \
                 remove the older `index` line only after it reports no rows changed meanwhile"
            )?;
        }
        KeysCommand::Rotate => {
            let vault = keys::load(&keys::KeySource::from_env(), false)?;
            let db = Db::connect(database_url).await?;
            let report = rotate(&db, &vault, &Bar::new()).await;
            db.pool.close().await;
            writeln!(out, "{}", summary(&report?))?;
        }
    }
    Ok(())
}

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

/// One line for the terminal after a rotation, always with the rows changed meanwhile: the
/// docs say to drop the older index key once it reports none, and it said nothing then
/// (admin tester).
pub fn summary(report: &RotationReport) -> String {
    let (key, sealed, changed) = (&report.key_id, report.resealed, report.changed_meanwhile);
    let (zh, en) = if changed > 0 {
        ("，请再运行一次 keys rotate", ": run `keys rotate` again")
    } else {
        ("，无需再运行", ", none left to walk")
    };
    format!(
        "已用密钥 {key} 重新加密 {sealed} 行；运行期间有 {changed} 行被改动{zh}。\
         rotated to key {key}: {sealed} rows sealed again; {changed} rows changed meanwhile{en}."
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_always_says_how_many_rows_changed_meanwhile() {
        let mut report = RotationReport {
            key_id: "k2".into(),
            resealed: 12,
            changed_meanwhile: 0,
            counters_dropped: 0,
        };
        let quiet = summary(&report);
        assert!(
            quiet.contains("运行期间有 0 行被改动，无需再运行"),
            "{quiet}"
        );
        assert!(quiet.contains("0 rows changed meanwhile"), "{quiet}");
        report.changed_meanwhile = 3;
        let busy = summary(&report);
        assert!(busy.contains("3 行被改动，请再运行一次"), "{busy}");
        assert!(busy.contains("run `keys rotate` again"), "{busy}");
    }
}
