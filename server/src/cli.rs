//! The `server` binary's subcommands for setting up a county without SQL by hand. Plain
//! `std::env::args` parsing: three commands with a handful of flags do not need a parser
//! crate. `run` is what `main` calls, so tests drive the same code without a process.
use std::{
    io::{self, BufRead, Write},
    path::{Path, PathBuf},
};

use app::{
    domain::{message::UserMessage, region_csv::RowOutcome},
    ssr::{
        db::{Db, DbError},
        services::setup::{self, NewAdmin, SetupError},
    },
};

pub const USAGE: &str = "\
Safety Net 防返贫监测帮扶服务平台

usage:
  server                                   start the web server (configuration from the environment)
  server import-regions FILE.csv           import regions (统计用区划代码: code,name,level,parent)
  server create-admin --username U --region CODE [--display-name NAME] [--password-file F]
                                           create a county admin; the password is read from
                                           stdin (one line) or from the file, never from arguments
  server set-password --username U [--password-file F]
                                           give an account a new password (same rules)
  server help                              this text

All commands use DATABASE_URL (default sqlite://data/safety-net.db) and migrate it first.
";

/// What the command line asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Serve,
    Help,
    ImportRegions {
        file: PathBuf,
    },
    CreateAdmin {
        username: String,
        region: String,
        display_name: Option<String>,
        password_file: Option<PathBuf>,
    },
    SetPassword {
        username: String,
        password_file: Option<PathBuf>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UsageError {
    #[error("unknown command {0:?}")]
    UnknownCommand(String),
    #[error("unknown option {0:?}")]
    UnknownOption(String),
    #[error("{0} needs a value")]
    MissingValue(String),
    #[error("{0} is required")]
    Missing(&'static str),
    #[error("unexpected argument {0:?}")]
    Unexpected(String),
    #[error(
        "a password is never taken from the command line (other users see it in `ps`, and it \
         stays in the shell history): type it on stdin or use --password-file"
    )]
    PasswordInArguments,
}

/// Parses the arguments after the program name.
pub fn parse_args<I, S>(args: I) -> Result<Command, UsageError>
where
    I: IntoIterator<Item = S>,
    S: Into<String>,
{
    let mut args = args.into_iter().map(Into::into);
    let Some(command) = args.next() else {
        return Ok(Command::Serve);
    };
    let rest: Vec<String> = args.collect();
    match command.as_str() {
        "help" | "--help" | "-h" => Ok(Command::Help),
        "import-regions" => match rest.as_slice() {
            [] => Err(UsageError::Missing("FILE.csv")),
            [flag, ..] if flag.starts_with("--") => Err(UsageError::UnknownOption(flag.clone())),
            [file] => Ok(Command::ImportRegions {
                file: PathBuf::from(file),
            }),
            [_, extra, ..] => Err(UsageError::Unexpected(extra.clone())),
        },
        "create-admin" => {
            let mut flags = Flags::parse(
                &rest,
                &[
                    "--username",
                    "--region",
                    "--display-name",
                    "--password-file",
                ],
            )?;
            Ok(Command::CreateAdmin {
                username: flags.take("--username")?,
                region: flags.take("--region")?,
                display_name: flags.values.remove("--display-name"),
                password_file: flags.values.remove("--password-file").map(PathBuf::from),
            })
        }
        "set-password" => {
            let mut flags = Flags::parse(&rest, &["--username", "--password-file"])?;
            Ok(Command::SetPassword {
                username: flags.take("--username")?,
                password_file: flags.values.remove("--password-file").map(PathBuf::from),
            })
        }
        other => Err(UsageError::UnknownCommand(other.to_owned())),
    }
}

struct Flags {
    values: std::collections::HashMap<&'static str, String>,
}

impl Flags {
    /// `--name value` or `--name=value`, each name from `known`.
    fn parse(args: &[String], known: &[&'static str]) -> Result<Flags, UsageError> {
        let mut values = std::collections::HashMap::new();
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            let (name, inline) = match arg.split_once('=') {
                Some((name, value)) => (name, Some(value.to_owned())),
                None => (arg.as_str(), None),
            };
            if name == "--password" || name.starts_with("--password=") {
                return Err(UsageError::PasswordInArguments);
            }
            let Some(name) = known.iter().find(|k| **k == name) else {
                return Err(if name.starts_with('-') {
                    UsageError::UnknownOption(name.to_owned())
                } else {
                    UsageError::Unexpected(arg.clone())
                });
            };
            let value = match inline {
                Some(value) => value,
                None => args
                    .next()
                    .filter(|v| !v.starts_with("--"))
                    .cloned()
                    .ok_or_else(|| UsageError::MissingValue((*name).to_owned()))?,
            };
            values.insert(*name, value);
        }
        Ok(Flags { values })
    }

    fn take(&mut self, name: &'static str) -> Result<String, UsageError> {
        self.values.remove(name).ok_or(UsageError::Missing(name))
    }
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
}

impl CliError {
    pub fn zh(&self) -> String {
        match self {
            CliError::Read { path, .. } => format!("无法读取 {path}"),
            CliError::NotUtf8 => {
                "文件不是UTF-8编码（Excel默认CSV为GBK）：请另存为“CSV UTF-8”后重试".to_owned()
            }
            CliError::NoPassword => "没有读到密码".to_owned(),
            CliError::Db(_) => "无法连接或迁移数据库".to_owned(),
            CliError::Setup(e) => e.zh(),
            CliError::RowsFailed(n) => format!("有{n}行错误，未导入任何数据：请改正后重新运行"),
            CliError::Output(_) => "无法输出结果".to_owned(),
        }
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
        Command::Serve | Command::Help => {
            out.write_all(USAGE.as_bytes())?;
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
mod tests {
    use super::*;

    #[test]
    fn no_arguments_start_the_server() {
        assert_eq!(parse_args(Vec::<String>::new()), Ok(Command::Serve));
    }

    #[test]
    fn import_regions_takes_one_file() {
        assert_eq!(
            parse_args(["import-regions", "qingshi.csv"]),
            Ok(Command::ImportRegions {
                file: "qingshi.csv".into()
            })
        );
        assert_eq!(
            parse_args(["import-regions"]),
            Err(UsageError::Missing("FILE.csv"))
        );
        assert_eq!(
            parse_args(["import-regions", "a.csv", "b.csv"]),
            Err(UsageError::Unexpected("b.csv".into()))
        );
    }

    #[test]
    fn create_admin_reads_its_flags_in_any_order_and_either_form() {
        assert_eq!(
            parse_args([
                "create-admin",
                "--region=522799000000",
                "--username",
                "admin",
                "--password-file",
                "/run/secrets/pw",
            ]),
            Ok(Command::CreateAdmin {
                username: "admin".into(),
                region: "522799000000".into(),
                display_name: None,
                password_file: Some("/run/secrets/pw".into()),
            })
        );
        assert_eq!(
            parse_args(["create-admin", "--username", "admin"]),
            Err(UsageError::Missing("--region"))
        );
        assert_eq!(
            parse_args(["create-admin", "--username", "--region", "1"]),
            Err(UsageError::MissingValue("--username".into()))
        );
    }

    #[test]
    fn a_password_in_the_arguments_is_refused() {
        for args in [
            vec!["create-admin", "--username", "a", "--password", "secret"],
            vec!["create-admin", "--password=secret", "--username", "a"],
            vec!["set-password", "--username", "a", "--password", "x"],
        ] {
            assert_eq!(parse_args(args), Err(UsageError::PasswordInArguments));
        }
    }

    #[test]
    fn unknown_commands_and_options_are_named() {
        assert_eq!(
            parse_args(["serve-now"]),
            Err(UsageError::UnknownCommand("serve-now".into()))
        );
        assert_eq!(
            parse_args(["set-password", "--user", "a"]),
            Err(UsageError::UnknownOption("--user".into()))
        );
    }

    #[test]
    fn a_password_is_the_first_line_without_its_line_end() {
        let mut stdin = io::Cursor::new("  spaces kept 2026 \r\nsecond line\n");
        assert_eq!(
            read_password(None, &mut stdin).expect("password"),
            "  spaces kept 2026 "
        );
        let mut empty = io::Cursor::new("\n");
        assert!(matches!(
            read_password(None, &mut empty),
            Err(CliError::NoPassword)
        ));
    }
}
