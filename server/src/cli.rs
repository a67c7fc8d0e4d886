//! The `server` binary's subcommands (clap, derive): serve, migrate, backup and restore, and
//! setting up a county without SQL by hand. Help is in Chinese and English. `run` is what
//! `main` calls for everything but `serve`, so tests drive the same code without a process.
use std::{
    io::{BufRead, Write},
    path::{Path, PathBuf},
};

use app::{
    domain::{message::UserMessage, region_csv::RowOutcome},
    ssr::{
        db::{Db, DbError},
        services::setup::{self, NewAdmin},
    },
};
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

use crate::cli_help::SUB_TEMPLATE;

pub use crate::cli_error::{exit, CliError};

const ABOUT: &str = "防返贫监测帮扶服务平台 Safety Net";

const AFTER_HELP: &str = "\
配置来自环境变量（DATABASE_URL 等，见 docs/deploy.zh-CN.md）；每个密钥也可用 NAME_FILE 指向文件。
Configuration comes from the environment (DATABASE_URL etc., see docs/deploy.md); every secret
may instead come from a file named by NAME_FILE.

退出码 Exit codes: 0 完成 done · 1 失败，按提示处理 failed, the message says what to do ·
2 命令行有误 wrong command line · 3 有待执行的迁移 migrations pending (migrate --check) ·
4 数据库由更新版本迁移过 database migrated by a newer version";

/// The command line: a subcommand, `serve` when there is none.
#[derive(Debug, Parser)]
#[command(
    name = "server",
    version,
    about = ABOUT,
    after_help = AFTER_HELP,
    help_template = "{name} {version}\n{about-with-newline}\n用法 {usage-heading} {usage}\n\n{all-args}\n\n{after-help}",
    // clap's own words (help, headings) are made bilingual by `cli_help`.
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// What the command line asks for.
#[derive(Debug, Clone, PartialEq, Eq, Subcommand)]
pub enum Command {
    /// 启动网站服务（不写命令时即此命令） / Start the web server (what no command does)
    #[command(help_template = SUB_TEMPLATE)]
    Serve,
    /// 迁移数据库（先备份！）；--check 只列出待执行的迁移 / Migrate the database (back up
    /// first!); --check only lists what would run
    #[command(help_template = SUB_TEMPLATE)]
    Migrate {
        /// 只检查、不修改；有待执行迁移时退出码 3 / Check only, change nothing; exit code 3
        /// when migrations are pending
        #[arg(long)]
        check: bool,
    },
    /// 在线备份到新文件（SQLite：VACUUM INTO；PostgreSQL：pg_dump），服务可照常运行 / Online
    /// backup into a new file (SQLite: VACUUM INTO; PostgreSQL: pg_dump) while serving
    #[command(help_template = SUB_TEMPLATE)]
    Backup {
        /// 要写入的备份文件（不能已存在） / The backup file to write (must not exist yet)
        file: PathBuf,
    },
    /// 把备份恢复到空数据库（DATABASE_URL），然后启动服务 / Restore a backup into an empty
    /// database (DATABASE_URL), then start serve
    #[command(help_template = SUB_TEMPLATE)]
    Restore {
        /// 由 `server backup` 生成的备份文件 / A file written by `server backup`
        file: PathBuf,
    },
    /// 导入区划（统计用区划代码 CSV：代码,名称,级别,上级代码） / Import regions (the statistics
    /// bureau's division codes as CSV: code,name,level,parent)
    #[command(help_template = SUB_TEMPLATE)]
    ImportRegions {
        /// UTF-8 CSV 文件 / The UTF-8 CSV file
        file: PathBuf,
    },
    /// 创建县级管理员；密码从标准输入或文件读取，绝不从命令行 / Create a county admin; the
    /// password is read from stdin or a file, never from the command line
    #[command(help_template = SUB_TEMPLATE)]
    CreateAdmin {
        /// 用户名 / Username
        #[arg(long)]
        username: String,
        /// 县的12位区划代码（须已导入） / The county's 12-digit code (imported already)
        #[arg(long)]
        region: String,
        /// 显示名称（默认同用户名） / Display name (default: the username)
        #[arg(long)]
        display_name: Option<String>,
        /// 从文件首行读取密码 / Read the password from the file's first line
        #[arg(long)]
        password_file: Option<PathBuf>,
        #[arg(long, hide = true, num_args = 0..=1, default_missing_value = "", value_parser = given)]
        password: Option<PasswordGiven>,
    },
    /// 为账号设置新密码并结束其会话 / Give an account a new password and end its sessions
    #[command(help_template = SUB_TEMPLATE)]
    SetPassword {
        /// 用户名 / Username
        #[arg(long)]
        username: String,
        /// 从文件首行读取密码 / Read the password from the file's first line
        #[arg(long)]
        password_file: Option<PathBuf>,
        #[arg(long, hide = true, num_args = 0..=1, default_missing_value = "", value_parser = given)]
        password: Option<PasswordGiven>,
    },
    /// 加密密钥：生成、添加、轮换（见部署手册“个人信息”） / Encryption keys: create, add,
    /// rotate (see the deploy guide, "Personal data")
    #[command(subcommand)]
    Keys(crate::keys_cmd::KeysCommand),
    /// 校验审计日志的哈希链，报告第一处断链（断链时退出码 5） / Verify the audit log's hash
    /// chain and report the first broken link (exit code 5 when broken)
    VerifyAudit,
}

/// A `--password` on the command line; its value is dropped unread (it must not reach an
/// error message or `Debug` output).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PasswordGiven;

fn given(_: &str) -> Result<PasswordGiven, std::convert::Infallible> {
    Ok(PasswordGiven)
}

#[derive(Debug, thiserror::Error)]
pub enum UsageError {
    /// clap's own message (unknown command or option, missing value, `--help`, `--version`).
    #[error("{0}")]
    Clap(#[from] clap::Error),
    #[error(
        "a password is never taken from the command line (other users see it in `ps`, and it \
         stays in the shell history): type it on stdin or use --password-file. \
         密码不能写在命令行上：请在提示后输入，或用 --password-file。"
    )]
    PasswordInArguments,
}

impl UsageError {
    /// `--help` and `--version` are answers, not errors.
    pub fn exit_code(&self) -> u8 {
        match self {
            UsageError::Clap(e) if !e.use_stderr() => exit::OK,
            _ => exit::USAGE,
        }
    }
}

/// Parses the arguments after the program name; no command is `serve`.
pub fn parse_args<I, S>(args: I) -> Result<Command, UsageError>
where
    I: IntoIterator<Item = S>,
    S: Into<std::ffi::OsString> + Clone,
{
    let program = std::iter::once(std::ffi::OsString::from("server"));
    let mut parser = crate::cli_help::bilingual(Cli::command());
    let matches =
        parser.try_get_matches_from_mut(program.chain(args.into_iter().map(Into::into)))?;
    let cli = Cli::from_arg_matches(&matches).map_err(|e| e.format(&mut parser))?;
    let command = cli.command.unwrap_or(Command::Serve);
    match &command {
        Command::CreateAdmin {
            password: Some(_), ..
        }
        | Command::SetPassword {
            password: Some(_), ..
        } => Err(UsageError::PasswordInArguments),
        _ => Ok(command),
    }
}

/// Runs a set-up command against `database_url`, answering on `out`; a password comes from
/// `stdin` unless the command names a file.
pub async fn run(
    command: Command,
    database_url: &str,
    stdin: &mut dyn BufRead,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    match command {
        Command::Serve => Err(CliError::NotHere),
        Command::Migrate { check } => migrate(database_url, check, out).await,
        Command::Keys(keys) => crate::keys_cmd::run(keys, database_url, out).await,
        Command::VerifyAudit => match crate::audit_cmd::verify_audit(database_url, out).await? {
            crate::audit_cmd::AuditStatus::Intact => Ok(()),
            crate::audit_cmd::AuditStatus::Broken => Err(CliError::AuditBroken),
        },
        Command::Backup { file } => {
            crate::backup::backup(database_url, &file, out).await?;
            Ok(())
        }
        Command::Restore { file } => {
            crate::backup::restore(database_url, &file, out).await?;
            Ok(())
        }
        Command::ImportRegions { file } => {
            let bytes = read(&file)?;
            let text = String::from_utf8(bytes).map_err(|_| CliError::NotUtf8)?;
            let db = Db::connect(database_url).await?;
            let result = import_regions(&db, &text, out).await;
            db.pool.close().await;
            result
        }
        Command::CreateAdmin {
            username,
            region,
            display_name,
            password_file,
            password: _,
        } => {
            let password = read_password(password_file.as_deref(), stdin)?;
            let db = Db::connect(database_url).await?;
            let admin = NewAdmin {
                display_name: display_name.unwrap_or_else(|| username.clone()),
                username,
                region,
            };
            let result = setup::create_admin(&db, &admin, &password, chrono::Utc::now()).await;
            db.pool.close().await;
            result?;
            writeln!(
                out,
                "已创建县级管理员 created county admin {} ({}); sign in at /staff/login",
                admin.username, admin.region
            )?;
            Ok(())
        }
        Command::SetPassword {
            username,
            password_file,
            password: _,
        } => {
            let password = read_password(password_file.as_deref(), stdin)?;
            let db = Db::connect(database_url).await?;
            let result = setup::set_password(&db, &username, &password, chrono::Utc::now()).await;
            db.pool.close().await;
            result?;
            writeln!(
                out,
                "已重设密码 password set for {username}; its sessions were ended"
            )?;
            Ok(())
        }
    }
}

/// Lists what would run (`check`), or applies it.
async fn migrate(database_url: &str, check: bool, out: &mut dyn Write) -> Result<(), CliError> {
    let db = if check {
        Db::open_existing(database_url).await?
    } else {
        Db::open(database_url).await?
    };
    let result = migrate_on(&db, check, out).await;
    db.pool.close().await;
    result
}

async fn migrate_on(db: &Db, check: bool, out: &mut dyn Write) -> Result<(), CliError> {
    let status = db.migration_status().await?;
    if !status.unknown.is_empty() {
        return Err(DbError::NewerDatabase(status.unknown).into());
    }
    if status.pending.is_empty() {
        writeln!(
            out,
            "数据库已是最新 the database is up to date ({} migrations applied)",
            status.applied
        )?;
        return Ok(());
    }
    for (version, description) in &status.pending {
        writeln!(out, "pending 待执行: {version:04} {description}")?;
    }
    if check {
        return Err(CliError::MigrationsPending(status.pending.len()));
    }
    db.migrate().await?;
    writeln!(
        out,
        "已迁移 migrated: {} migration(s) applied",
        status.pending.len()
    )?;
    Ok(())
}

async fn import_regions(db: &Db, text: &str, out: &mut dyn Write) -> Result<(), CliError> {
    let import = setup::import_regions(db, text, chrono::Utc::now()).await?;
    let (mut created, mut updated, mut unchanged) = (0, 0, 0);
    for row in &import.rows {
        let line = row.line;
        match &row.outcome {
            RowOutcome::Created(r) => {
                created += 1;
                writeln!(out, "line {line}: ok, new {} {}", r.code, r.name)?;
            }
            RowOutcome::Renamed { record, previous } => {
                updated += 1;
                writeln!(
                    out,
                    "line {line}: updated, {} {} (was {previous})",
                    record.code, record.name
                )?;
            }
            RowOutcome::Unchanged(r) => {
                unchanged += 1;
                writeln!(out, "line {line}: ok, unchanged {} {}", r.code, r.name)?;
            }
            RowOutcome::Failed(e) => {
                writeln!(out, "line {line}: error, {} / {}", e.zh(), e.en())?;
            }
        }
    }
    if !import.written {
        return Err(CliError::RowsFailed(import.failed()));
    }
    writeln!(
        out,
        "imported 导入完成: {created} new 新增, {updated} updated 更新, {unchanged} unchanged 未变"
    )?;
    Ok(())
}

fn read(path: &Path) -> Result<Vec<u8>, CliError> {
    std::fs::read(path).map_err(|source| CliError::Read {
        path: path.display().to_string(),
        source,
    })
}

/// The first line of the file, or of stdin; only the line end is removed.
fn read_password(file: Option<&Path>, stdin: &mut dyn BufRead) -> Result<String, CliError> {
    let mut line = String::new();
    match file {
        Some(path) => {
            let bytes = read(path)?;
            let text = String::from_utf8(bytes).map_err(|_| CliError::NotUtf8)?;
            line = text.lines().next().unwrap_or_default().to_owned();
        }
        None => {
            stdin.read_line(&mut line)?;
        }
    }
    let password = line.trim_end_matches(['\n', '\r']).to_owned();
    if password.is_empty() {
        return Err(CliError::NoPassword);
    }
    Ok(password)
}

#[cfg(test)]
#[path = "cli_tests.rs"]
mod tests;
