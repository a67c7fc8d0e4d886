//! Why a `server` subcommand failed, in Chinese and English, and the exit code it ends with.
//! Below `cli` and the command modules (`keys_cmd`), which all answer with it.
use std::io;

use app::ssr::{db::DbError, services::setup::SetupError};

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

/// Why a subcommand failed; `zh` and `Display` (English) are what the operator reads.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error("could not read {path}: {source}")]
    Read {
        path: String,
        #[source]
        source: io::Error,
    },
    #[error(
        "the file is not UTF-8 (Excel's plain CSV is GBK): save it as \"CSV UTF-8\" and try again"
    )]
    NotUtf8,
    #[error("no password given")]
    NoPassword,
    #[error("{0}")]
    Db(#[from] DbError),
    #[error("{0}")]
    Setup(#[from] SetupError),
    #[error("{0} row(s) have errors: nothing was imported; fix them and run the command again")]
    RowsFailed(usize),
    #[error("writing the answer: {0}")]
    Output(#[from] io::Error),
    #[error(
        "{0} migration(s) would run: back up first (`server backup FILE`), then run \
         `server migrate` or start the server"
    )]
    MigrationsPending(usize),
    #[error("{0}")]
    Backup(#[from] crate::backup::BackupError),
    #[error("`serve` is not run here: start the binary with `server serve`")]
    NotHere,
    #[error("{0}")]
    Keys(#[from] crate::keys::KeyError),
    #[error("re-encrypting: {0}")]
    Rotate(#[from] app::ssr::error::ServiceError),
    #[error("{0}")]
    Audit(String),
    #[error("the audit log's hash chain is broken: see the first broken link above")]
    AuditBroken,
}

impl CliError {
    pub fn zh(&self) -> String {
        match self {
            CliError::Read { path, .. } => format!("无法读取 {path}"),
            CliError::NotUtf8 => {
                "文件不是UTF-8编码（Excel默认CSV为GBK）：请另存为“CSV UTF-8”后重试".to_owned()
            }
            CliError::NoPassword => "没有读到密码".to_owned(),
            CliError::Db(DbError::NewerDatabase(_)) => {
                "数据库已被更新版本迁移：请运行该版本，或恢复升级前的备份".to_owned()
            }
            CliError::Db(_) => "无法连接或迁移数据库".to_owned(),
            CliError::Setup(e) => e.zh(),
            CliError::RowsFailed(n) => format!("有{n}行错误，未导入任何数据：请改正后重新运行"),
            CliError::Output(_) => "无法输出结果".to_owned(),
            CliError::MigrationsPending(n) => {
                format!(
                    "有{n}个待执行的迁移：请先备份（server backup 文件），再运行 server migrate"
                )
            }
            CliError::Backup(e) => e.zh(),
            CliError::NotHere => "请用 server serve 启动服务".to_owned(),
            CliError::Keys(_) => "密钥文件或密钥设置有误（见英文说明）".to_owned(),
            CliError::Rotate(_) => {
                "重新加密中断：请再次运行 server keys rotate（会从中断处继续）".to_owned()
            }
            CliError::Audit(_) => "无法校验审计日志".to_owned(),
            CliError::AuditBroken => "审计日志哈希链已断：见上方第一处断链".to_owned(),
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
