//! Why a `server` subcommand failed, in the words of locales/*.json (`cli_words`), and the
//! exit code it ends with. Below `cli` and the command modules (`keys_cmd`), which all answer with it.
use std::io;

use app::{
    ssr::{db::DbError, services::setup::SetupError},
    tr::{cli_words::error as w, Lang},
};

/// Exit codes, the same for every command (also in `server --help`).
pub mod exit {
    /// Done.
    pub const OK: u8 = 0;
    /// The command failed; the message says why and what to do.
    pub const FAILED: u8 = 1;
    /// The command line is wrong; `server help COMMAND` shows the right one.
    pub const USAGE: u8 = 2;
    /// `migrate --check`: migrations are pending (back up, then `server migrate`).
    pub const PENDING: u8 = 3;
    /// The database was migrated by a newer version of this program.
    pub const DATABASE_TOO_NEW: u8 = 4;
    /// `verify-audit`: the audit log's hash chain is broken (someone edited the table).
    pub const AUDIT_BROKEN: u8 = 5;
}

/// Why a subcommand failed, worded from locales/*.json (`cli_words.error`): `words(Zh)` and
/// `Display` (the English, with the technical detail) are what the operator reads.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error("{}: {source}", w::read(Lang::En, .path))]
    Read {
        path: String,
        #[source]
        source: io::Error,
    },
    #[error("{}", w::not_utf8(Lang::En))]
    NotUtf8,
    #[error("{}", w::no_password(Lang::En))]
    NoPassword,
    #[error("{0}")]
    Db(#[from] DbError),
    #[error("{0}")]
    Setup(#[from] SetupError),
    #[error("{}", w::rows_failed(Lang::En, .0))]
    RowsFailed(usize),
    #[error("{}: {}", w::output(Lang::En), .0)]
    Output(#[from] io::Error),
    #[error("{}", w::migrations_pending(Lang::En, .0))]
    MigrationsPending(usize),
    #[error("{0}")]
    Backup(#[from] crate::backup::BackupError),
    #[error("{}", w::not_here(Lang::En))]
    NotHere,
    #[error("{0}")]
    Keys(#[from] crate::keys::KeyError),
    #[error("{}: {}", w::rotate(Lang::En), .0)]
    Rotate(#[from] app::ssr::error::ServiceError),
    #[error("{0}")]
    Audit(String),
    #[error("{}", w::audit_broken(Lang::En))]
    AuditBroken,
}

impl CliError {
    /// The operator's message in `lang` (the CLI shows zh-CN, then `Display`).
    pub fn words(&self, lang: Lang) -> String {
        match self {
            CliError::Read { path, .. } => w::read(lang, path),
            CliError::NotUtf8 => w::not_utf8(lang).to_owned(),
            CliError::NoPassword => w::no_password(lang).to_owned(),
            CliError::Db(DbError::NewerDatabase(_)) => w::newer_database(lang).to_owned(),
            CliError::Db(DbError::Missing(path)) => w::missing_database(lang, path),
            CliError::Db(_) => w::db(lang).to_owned(),
            CliError::Setup(e) => e.words(lang),
            CliError::RowsFailed(n) => w::rows_failed(lang, n),
            CliError::Output(_) => w::output(lang).to_owned(),
            CliError::MigrationsPending(n) => w::migrations_pending(lang, n),
            CliError::Backup(e) => e.words(lang),
            CliError::NotHere => w::not_here(lang).to_owned(),
            CliError::Keys(_) => w::keys(lang).to_owned(),
            CliError::Rotate(_) => w::rotate(lang).to_owned(),
            CliError::Audit(_) => w::audit(lang).to_owned(),
            CliError::AuditBroken => w::audit_broken(lang).to_owned(),
        }
    }

    /// The process exit code (see [`exit`]).
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::MigrationsPending(_) => exit::PENDING,
            CliError::Db(DbError::NewerDatabase(_))
            | CliError::Backup(crate::backup::BackupError::Db(DbError::NewerDatabase(_))) => {
                exit::DATABASE_TOO_NEW
            }
            CliError::AuditBroken => exit::AUDIT_BROKEN,
            _ => exit::FAILED,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The operator reads the words the CLI printed when they were written here.
    #[test]
    fn the_operator_reads_the_same_words() {
        let rows = CliError::RowsFailed(3);
        assert_eq!(
            rows.words(Lang::Zh),
            "有3行错误，未导入任何数据：请改正后重新运行"
        );
        assert_eq!(
            rows.to_string(),
            "3 row(s) have errors: nothing was imported; fix them and run the command again"
        );
        let exists = CliError::Backup(crate::backup::BackupError::Exists("a.db".into()));
        assert_eq!(
            exists.words(Lang::Zh),
            "a.db 已存在：请换一个新文件名（备份从不覆盖）"
        );
        assert_eq!(
            exists.to_string(),
            "a.db already exists: choose a new file name (a backup never overwrites)"
        );
        let taken = CliError::Setup(SetupError::UsernameTaken);
        assert_eq!(
            (taken.words(Lang::Zh), taken.to_string()),
            (
                "用户名已被使用".to_owned(),
                "that username is taken".to_owned()
            )
        );
    }
}
