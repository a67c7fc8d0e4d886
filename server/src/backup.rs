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

use app::{
    ssr::{
        db::{Backend, Db, DbError},
        repo::schema::{self, Totals},
    },
    tr::{cli_words::backup as w, Lang},
};

/// Why a backup or restore failed, worded from locales/*.json (`cli_words.backup`);
/// `Display` is the English with the technical detail.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("{}", w::exists(Lang::En, .0))]
    Exists(String),
    #[error("{}", w::no_database(Lang::En, .0))]
    NoDatabase(String),
    #[error("{}", w::not_a_backup(Lang::En, .0))]
    NotABackup(String),
    #[error("{}", w::not_empty(Lang::En, .0))]
    NotEmpty(i64),
    #[error("{}", w::tool_missing(Lang::En, .0))]
    ToolMissing(&'static str),
    #[error("{}: {message}", w::tool_failed(Lang::En, .tool))]
    ToolFailed { tool: &'static str, message: String },
    #[error("{0}")]
    Db(#[from] DbError),
    #[error("{}: {}", w::db(Lang::En), .0)]
    Sql(#[from] sqlx::Error),
    #[error("{path}: {source}")]
    File {
        path: String,
        #[source]
        source: io::Error,
    },
    #[error("{}: {}", w::output(Lang::En), .0)]
    Output(#[from] io::Error),
}

impl BackupError {
    /// The operator's message in `lang` (without the technical detail `Display` adds).
    pub fn words(&self, lang: Lang) -> String {
        match self {
            BackupError::Exists(p) => w::exists(lang, p),
            BackupError::NoDatabase(p) => w::no_database(lang, p),
            BackupError::NotABackup(p) => w::not_a_backup(lang, p),
            BackupError::NotEmpty(tables) => w::not_empty(lang, tables),
            BackupError::ToolMissing(tool) => w::tool_missing(lang, tool),
            BackupError::ToolFailed { tool, .. } => w::tool_failed(lang, tool),
            BackupError::Db(DbError::NewerDatabase(_)) => w::newer_database(lang).to_owned(),
            BackupError::Db(_) | BackupError::Sql(_) => w::db(lang).to_owned(),
            BackupError::File { path, .. } => w::file(lang, path),
            BackupError::Output(_) => w::output(lang).to_owned(),
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

/// Moves the finished copy into place, readable by its owner only: a backup holds every
/// household's (sealed) data and was left 0644 by the umask (admin tester).
fn rename(from: &Path, to: &Path) -> Result<(), BackupError> {
    use std::os::unix::fs::PermissionsExt;
    let failed = |source| BackupError::File {
        path: path_text(to),
        source,
    };
    std::fs::set_permissions(from, std::fs::Permissions::from_mode(0o600)).map_err(failed)?;
    std::fs::rename(from, to).map_err(failed)
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
