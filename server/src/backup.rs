//! `server backup` and `server restore`. SQLite: `VACUUM INTO` makes a consistent copy while
//! the server keeps serving (copying the file of a WAL database is not safe). PostgreSQL:
//! `pg_dump --format=custom` (a consistent snapshot) and `pg_restore` into an empty database.
//! The password in `DATABASE_URL` goes to the PostgreSQL tools as `PGPASSWORD`, never as an
//! argument other users could read in `ps`.
use std::{
    io::{self, Write},
    path::{Path, PathBuf},
    process::Command as Process,
};

use app::ssr::{
    db::{Backend, Db, DbError},
    repo::schema::{self, Totals},
};

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("{0} already exists: choose a new file name (a backup never overwrites)")]
    Exists(String),
    #[error("no database at {0}: check DATABASE_URL")]
    NoDatabase(String),
    #[error("{0} is not a backup this command wrote (SQLite backups are SQLite files, PostgreSQL backups pg_dump custom archives)")]
    NotABackup(String),
    #[error(
        "the target database is not empty ({0} tables): restore only into a new, empty database \
         (SQLite: a file name that does not exist yet; PostgreSQL: `createdb -O OWNER NAME`), \
         point DATABASE_URL at it and run restore again"
    )]
    NotEmpty(i64),
    #[error(
        "{0} was not found: install the PostgreSQL client tools of the server's major version \
         (Debian: apt-get install postgresql-client) and run again, or use the command in \
         docs/deploy.md (Backups)"
    )]
    ToolMissing(&'static str),
    #[error("{tool} failed: {message}")]
    ToolFailed { tool: &'static str, message: String },
    #[error("{0}")]
    Db(#[from] DbError),
    #[error("database: {0}")]
    Sql(#[from] sqlx::Error),
    #[error("{path}: {source}")]
    File {
        path: String,
        #[source]
        source: io::Error,
    },
    #[error("writing the answer: {0}")]
    Output(#[from] io::Error),
}

impl BackupError {
    pub fn zh(&self) -> String {
        match self {
            BackupError::Exists(p) => format!("{p} 已存在：请换一个新文件名（备份从不覆盖）"),
            BackupError::NoDatabase(p) => format!("{p} 没有数据库：请检查 DATABASE_URL"),
            BackupError::NotABackup(p) => format!("{p} 不是本命令生成的备份"),
            BackupError::NotEmpty(_) => {
                "目标数据库不是空的：只能恢复到新建的空数据库，请修改 DATABASE_URL 后重试".into()
            }
            BackupError::ToolMissing(tool) => {
                format!("找不到 {tool}：请安装与服务器主版本一致的 PostgreSQL 客户端（apt-get install postgresql-client）")
            }
            BackupError::ToolFailed { tool, .. } => format!("{tool} 执行失败"),
            BackupError::Db(DbError::NewerDatabase(_)) => {
                "备份来自更新的版本：请用该版本恢复".into()
            }
            BackupError::Db(_) | BackupError::Sql(_) => "无法连接或读取数据库".into(),
            BackupError::File { path, .. } => format!("无法读写 {path}"),
            BackupError::Output(_) => "无法输出结果".into(),
        }
    }
}

/// Writes a consistent copy of the database at `database_url` into the new file `file`.
pub async fn backup(
    database_url: &str,
    file: &Path,
    out: &mut dyn Write,
) -> Result<(), BackupError> {
    if file.exists() {
        return Err(BackupError::Exists(file.display().to_string()));
    }
    let partial = partial_of(file);
    remove_if_there(&partial)?;
    if is_sqlite(database_url) {
        let source = sqlite_path(database_url);
        if !Path::new(&source).exists() {
            return Err(BackupError::NoDatabase(source));
        }
        let db = Db::open(database_url).await?;
        let copied = schema::sqlite_vacuum_into(&db.pool, &path_text(&partial)).await;
        db.pool.close().await;
        copied?;
        let totals = sqlite_totals(&partial).await?;
        rename(&partial, file)?;
        writeln!(
            out,
            "备份完成 backup written: {} ({}), {} cases 案件, {} events 事件, {} clocks 时限",
            file.display(),
            size_of(file),
            totals.cases,
            totals.events,
            totals.clocks
        )?;
    } else {
        let (url, password) = split_password(database_url);
        let args = vec![
            "--format=custom".to_owned(),
            "--no-owner".to_owned(),
            "--no-privileges".to_owned(),
            format!("--file={}", path_text(&partial)),
            format!("--dbname={url}"),
        ];
        run_tool("pg_dump", &args, password).await?;
        rename(&partial, file)?;
        writeln!(
            out,
            "备份完成 backup written: {} ({})",
            file.display(),
            size_of(file)
        )?;
    }
    writeln!(
        out,
        "恢复 restore: DATABASE_URL=<empty database> server restore {}",
        file.display()
    )?;
    Ok(())
}

/// Restores `file` into the empty database at `database_url` and migrates it to this
/// version; a backup from a newer version is refused before anything is written.
pub async fn restore(
    database_url: &str,
    file: &Path,
    out: &mut dyn Write,
) -> Result<Totals, BackupError> {
    let bytes_head = read_head(file)?;
    let totals = if is_sqlite(database_url) {
        if !bytes_head.starts_with(b"SQLite format 3\0") {
            return Err(BackupError::NotABackup(file.display().to_string()));
        }
        let target = PathBuf::from(sqlite_path(database_url));
        if target.exists() && size(&target) > 0 {
            let db = Db::open(database_url).await?;
            let tables = schema::table_count(&db.pool, false).await;
            db.pool.close().await;
            let tables = tables?;
            if tables > 0 {
                return Err(BackupError::NotEmpty(tables));
            }
        }
        let partial = partial_of(&target);
        remove_if_there(&partial)?;
        std::fs::copy(file, &partial).map_err(|source| BackupError::File {
            path: partial.display().to_string(),
            source,
        })?;
        // Refuse a backup from a newer version before it takes the target's place.
        let copy = Db::open(&sqlite_url(&partial)).await?;
        let status = copy.migration_status().await;
        copy.pool.close().await;
        match status {
            Ok(status) if !status.unknown.is_empty() => {
                remove_if_there(&partial)?;
                return Err(DbError::NewerDatabase(status.unknown).into());
            }
            Ok(_) => {}
            Err(e) => {
                remove_if_there(&partial)?;
                return Err(e.into());
            }
        }
        rename(&partial, &target)?;
        let db = Db::connect(database_url).await?;
        let totals = schema::totals(&db.pool).await;
        db.pool.close().await;
        totals?
    } else {
        if !bytes_head.starts_with(b"PGDMP") {
            return Err(BackupError::NotABackup(file.display().to_string()));
        }
        let db = Db::open(database_url).await?;
        let tables = schema::table_count(&db.pool, db.backend == Backend::Postgres).await;
        db.pool.close().await;
        let tables = tables?;
        if tables > 0 {
            return Err(BackupError::NotEmpty(tables));
        }
        let (url, password) = split_password(database_url);
        let args = vec![
            "--no-owner".to_owned(),
            "--no-privileges".to_owned(),
            "--exit-on-error".to_owned(),
            "--single-transaction".to_owned(),
            format!("--dbname={url}"),
            path_text(file),
        ];
        run_tool("pg_restore", &args, password).await?;
        let db = Db::connect(database_url).await?;
        let totals = schema::totals(&db.pool).await;
        db.pool.close().await;
        totals?
    };
    writeln!(
        out,
        "恢复完成 restored: {} cases 案件, {} events 事件, {} clocks 时限; start it with `server serve`",
        totals.cases, totals.events, totals.clocks
    )?;
    Ok(totals)
}

async fn sqlite_totals(path: &Path) -> Result<Totals, BackupError> {
    let db = Db::open(&sqlite_url(path)).await?;
    let totals = schema::totals(&db.pool).await;
    db.pool.close().await;
    Ok(totals?)
}

/// Runs a PostgreSQL client tool; its error output is passed on without secrets.
async fn run_tool(
    tool: &'static str,
    args: &[String],
    password: Option<String>,
) -> Result<(), BackupError> {
    let mut process = Process::new(tool);
    process.args(args);
    if let Some(password) = password {
        process.env("PGPASSWORD", password);
    }
    let output = tokio::task::spawn_blocking(move || process.output())
        .await
        .map_err(|e| BackupError::ToolFailed {
            tool,
            message: e.to_string(),
        })?
        .map_err(|e| match e.kind() {
            io::ErrorKind::NotFound => BackupError::ToolMissing(tool),
            _ => BackupError::ToolFailed {
                tool,
                message: e.to_string(),
            },
        })?;
    if output.status.success() {
        return Ok(());
    }
    let message = String::from_utf8_lossy(&output.stderr);
    Err(BackupError::ToolFailed {
        tool,
        message: app::domain::redact::scrub_secrets(message.trim()),
    })
}

/// `postgres://user:secret@host/db` → (`postgres://user@host/db`, `secret` percent-decoded).
pub fn split_password(url: &str) -> (String, Option<String>) {
    let Some((scheme, rest)) = url.split_once("://") else {
        return (url.to_owned(), None);
    };
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    let Some((userinfo, host)) = authority.rsplit_once('@') else {
        return (url.to_owned(), None);
    };
    match userinfo.split_once(':') {
        Some((user, password)) => (
            format!("{scheme}://{user}@{host}{tail}"),
            Some(percent_decode(password)),
        ),
        None => (url.to_owned(), None),
    }
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                decoded.push(byte);
                i += 3;
            }
            (byte, _) => {
                decoded.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&decoded).into_owned()
}

fn is_sqlite(url: &str) -> bool {
    url.starts_with("sqlite:")
}

fn sqlite_path(url: &str) -> String {
    url.trim_start_matches("sqlite://")
        .trim_start_matches("sqlite:")
        .split('?')
        .next()
        .unwrap_or_default()
        .to_owned()
}

fn sqlite_url(path: &Path) -> String {
    format!("sqlite://{}", path.display())
}

fn partial_of(file: &Path) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".partial");
    PathBuf::from(name)
}

fn path_text(path: &Path) -> String {
    path.display().to_string()
}

fn read_head(file: &Path) -> Result<Vec<u8>, BackupError> {
    use std::io::Read;
    let mut head = vec![0; 16];
    let mut opened = std::fs::File::open(file).map_err(|source| BackupError::File {
        path: path_text(file),
        source,
    })?;
    let read = opened.read(&mut head).map_err(|source| BackupError::File {
        path: path_text(file),
        source,
    })?;
    head.truncate(read);
    Ok(head)
}

fn remove_if_there(path: &Path) -> Result<(), BackupError> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(BackupError::File {
            path: path_text(path),
            source: e,
        }),
        _ => Ok(()),
    }
}

fn rename(from: &Path, to: &Path) -> Result<(), BackupError> {
    std::fs::rename(from, to).map_err(|source| BackupError::File {
        path: path_text(to),
        source,
    })
}

fn size(path: &Path) -> u64 {
    std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
}

fn size_of(path: &Path) -> String {
    format!("{} KB", size(path).div_ceil(1024))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_password_leaves_the_url() {
        let cases = [
            (
                "postgres://sn:p%40ss:w@db.internal:5432/sn?sslmode=verify-full",
                "postgres://sn@db.internal:5432/sn?sslmode=verify-full",
                Some("p@ss:w"),
            ),
            ("postgres://sn@db/sn", "postgres://sn@db/sn", None),
            ("postgres://db/sn", "postgres://db/sn", None),
        ];
        for (url, without, password) in cases {
            let (rest, found) = split_password(url);
            assert_eq!(rest, without);
            assert_eq!(found.as_deref(), password);
        }
    }
}
