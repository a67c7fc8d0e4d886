//! Running a county: `migrate --check`, the refusal of a database a newer version migrated,
//! online backup during a filing load and restore, secrets from files, workers that stop.
use std::{
    path::PathBuf,
    process::{Command as Process, Stdio},
    sync::Arc,
};

use app::ssr::{
    clock::{Clock, ManualClock},
    db::{Db, DbError, MIGRATOR},
    repo::{
        cases as case_repo,
        outbox::{self, MessageChannel, NewMessage},
        schema,
    },
    services::{
        cases,
        outbox::{deliver_until_stopped, RecordingSms},
    },
};
use server::{
    backup::BackupError,
    cli::{self, exit, CliError},
    config::Config,
    startup::{Application, StartupError},
};

use crate::helpers::{fresh_database_url, monday_morning, spawn_app};

fn temp_path(suffix: &str) -> PathBuf {
    crate::helpers::temp_path(suffix)
}

/// Runs a subcommand as `main` does; returns its answer and what it printed.
async fn run(database_url: &str, args: &[&str]) -> (Result<(), CliError>, String) {
    let command = cli::parse_args(args.iter().copied()).expect("valid arguments");
    let mut out = Vec::new();
    let result = cli::run(
        command,
        database_url,
        &mut std::io::Cursor::new(String::new()),
        &mut out,
    )
    .await;
    (result, String::from_utf8(out).expect("utf-8 output"))
}

/// The built binary with only the environment a test gives it.
fn binary(envs: &[(&str, &str)], args: &[&str]) -> std::process::Output {
    // Production refuses to start without encryption keys: every run gets its own key file.
    let keys = temp_path(".keys");
    server::keys::init_file(&keys).expect("key file");
    let mut process = Process::new(env!("CARGO_BIN_EXE_server"));
    process
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("SAFETY_NET_ADDR", "127.0.0.1:0")
        .env("SAFETY_NET_KEYS_FILE", &keys)
        .envs(envs.iter().copied())
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let child = process.spawn().expect("the binary runs");
    // Every case here ends by itself (refusal, help, or a command that finishes).
    child.wait_with_output().expect("the binary exits")
}

fn printed(output: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[tokio::test]
async fn migrate_check_lists_what_would_run_and_applies_nothing() {
    let url = fresh_database_url().await;
    // An empty database (a SQLite file the check itself no longer makes).
    Db::open(&url)
        .await
        .expect("empty database")
        .pool
        .close()
        .await;
    let (result, out) = run(&url, &["migrate", "--check"]).await;
    assert!(
        matches!(result, Err(CliError::MigrationsPending(n)) if n == MIGRATOR.iter().count()),
        "{result:?}"
    );
    assert_eq!(result.expect_err("pending").exit_code(), exit::PENDING);
    assert!(out.contains("0001 foundation"), "{out}");
    assert!(out.contains("0014 server secrets"), "{out}");
    assert_eq!(tables(&url).await, 0, "--check wrote nothing");

    let (result, out) = run(&url, &["migrate"]).await;
    assert!(result.is_ok(), "{result:?}");
    assert!(out.contains("applied"), "{out}");
    let (result, out) = run(&url, &["migrate", "--check"]).await;
    assert!(result.is_ok(), "{result:?}");
    assert!(out.contains("up to date"), "{out}");
}

/// The commands that only read make no database and migrate none: `migrate --check` left an
/// empty SQLite file behind a mistyped path, and `verify-audit` migrated what it checked
/// (admin tester).
#[tokio::test]
async fn read_only_commands_create_and_migrate_nothing() {
    let missing = temp_path(".db");
    let url = format!("sqlite://{}", missing.display());
    for command in [&["migrate", "--check"][..], &["verify-audit"]] {
        let (result, _) = run(&url, command).await;
        let error = result.expect_err("no database there");
        assert!(
            matches!(error, CliError::Db(DbError::Missing(_))),
            "{command:?}: {error:?}"
        );
        assert!(
            error
                .words(app::tr::Lang::Zh)
                .contains("没有找到数据库文件"),
            "{error:?}"
        );
        assert!(!missing.exists(), "{command:?} made a file");
    }
    let url = fresh_database_url().await;
    let (result, _) = run(&url, &["verify-audit"]).await;
    assert!(
        result.is_err(),
        "an empty database has no audit log to check"
    );
    assert_eq!(tables(&url).await, 0, "verify-audit migrated nothing");
}

/// How many tables the database at `url` has.
async fn tables(url: &str) -> i64 {
    let db = Db::open(url).await.expect("open");
    let postgres = db.backend == app::ssr::db::Backend::Postgres;
    let n = schema::table_count(&db.pool, postgres)
        .await
        .expect("tables");
    db.pool.close().await;
    n
}

/// A row for a migration no version of this binary has: what a newer release leaves.
async fn migrate_from_the_future(url: &str) {
    let db = Db::connect(url).await.expect("migrated");
    sqlx::query(
        "insert into _sqlx_migrations (version, description, success, checksum, execution_time)
         select 99990101, 'from a newer version', success, checksum, execution_time
         from _sqlx_migrations where version = 1",
    )
    .execute(&db.pool)
    .await
    .expect("future migration row");
    db.pool.close().await;
}

#[tokio::test]
async fn serve_refuses_a_database_migrated_by_a_newer_version_and_says_so() {
    let url = fresh_database_url().await;
    migrate_from_the_future(&url).await;

    let refused = Application::build(
        &Config::local(&url),
        Arc::new(ManualClock::new(monday_morning())),
    )
    .await;
    match refused {
        Err(StartupError::Db(DbError::NewerDatabase(versions))) => {
            assert_eq!(versions, vec![99990101]);
        }
        Err(other) => panic!("wrong refusal: {other:?}"),
        Ok(_) => panic!("a newer database must not be served"),
    }
    // verify-audit ends the same way, not with a plain failure (admin tester: exit 1).
    let (result, _) = run(&url, &["verify-audit"]).await;
    assert_eq!(
        result.expect_err("refused").exit_code(),
        exit::DATABASE_TOO_NEW
    );
    let (result, _) = run(&url, &["migrate", "--check"]).await;
    assert_eq!(
        result.expect_err("refused").exit_code(),
        exit::DATABASE_TOO_NEW
    );

    let output = binary(&[("DATABASE_URL", &url), ("SEED_DEMO", "1")], &[]);
    assert_eq!(
        output.status.code(),
        Some(i32::from(exit::DATABASE_TOO_NEW))
    );
    let text = printed(&output);
    assert!(text.contains("newer version"), "{text}");
    assert!(text.contains("99990101"), "{text}");
    assert!(text.contains("restore the backup"), "{text}");
}

#[tokio::test]
async fn help_is_bilingual_and_never_shows_a_secret() {
    let secret = "hunter2-in-the-environment";
    let url = format!("postgres://sn:{secret}@127.0.0.1:9/sn");
    for args in [&["--help"][..], &["backup", "--help"], &["help", "restore"]] {
        let output = binary(&[("DATABASE_URL", &url), ("SMTP_PASSWORD", secret)], args);
        assert_eq!(output.status.code(), Some(0), "{args:?}");
        let text = printed(&output);
        assert!(!text.contains(secret), "{args:?}: {text}");
        assert!(
            text.contains("备份") && text.contains("backup"),
            "{args:?}: {text}"
        );
    }
}

#[tokio::test]
async fn secrets_come_from_files_and_never_reach_logs_or_errors() {
    let secret = "file-secret-4242";
    // Nothing listens on port 9: the start fails, and its messages must not show the password.
    let url_file = temp_path(".secret");
    std::fs::write(
        &url_file,
        format!("postgres://sn:{secret}@127.0.0.1:9/sn\n"),
    )
    .expect("write");
    let url_file = url_file.to_str().expect("utf-8").to_owned();
    let output = binary(
        &[
            ("DATABASE_URL_FILE", &url_file),
            ("RUST_LOG", "trace"),
            ("LOG_FORMAT", "json"),
        ],
        &[],
    );
    assert_eq!(output.status.code(), Some(i32::from(exit::FAILED)));
    let text = printed(&output);
    assert!(text.contains("could not connect"), "{text}");
    assert!(!text.contains(secret), "{text}");

    // Both the variable and its file: refused, naming both, showing neither value.
    let output = binary(
        &[
            ("DATABASE_URL", &format!("postgres://sn:{secret}@db/sn")),
            ("DATABASE_URL_FILE", &url_file),
        ],
        &["migrate", "--check"],
    );
    assert_eq!(output.status.code(), Some(i32::from(exit::FAILED)));
    let text = printed(&output);
    assert!(text.contains("DATABASE_URL_FILE are both set"), "{text}");
    assert!(!text.contains(secret), "{text}");

    // A file that is not there is named, so the operator can fix the path.
    let output = binary(
        &[
            ("SMTP_HOST", "localhost"),
            ("SMTP_PASSWORD_FILE", "/nonexistent/smtp"),
        ],
        &["migrate", "--check"],
    );
    assert_eq!(output.status.code(), Some(i32::from(exit::FAILED)));
    let text = printed(&output);
    assert!(
        text.contains("SMTP_PASSWORD_FILE: could not read /nonexistent/smtp"),
        "{text}"
    );

    // And a good file works: the SQLite URL from a file is the database used.
    if std::env::var("TEST_POSTGRES_URL").is_ok_and(|u| !u.is_empty()) {
        return;
    }
    let url = fresh_database_url().await;
    let good = temp_path(".secret");
    std::fs::write(&good, format!("{url}\n")).expect("write");
    let output = binary(
        &[("DATABASE_URL_FILE", good.to_str().expect("utf-8"))],
        &["migrate"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", printed(&output));
    let (result, out) = run(&url, &["migrate", "--check"]).await;
    assert!(result.is_ok() && out.contains("up to date"), "{out}");
}

#[tokio::test]
async fn a_backup_taken_during_a_filing_load_restores_every_case_event_and_clock() {
    let app = spawn_app().await;
    let load: Vec<_> = (0..4)
        .map(|worker| {
            let app = app.seen_at_address(10 + worker);
            tokio::spawn(async move {
                let mut filed = Vec::new();
                for i in 0..8 {
                    let mobile = format!("139{worker:02}{i:06}");
                    filed.push(
                        app.submit_report("备份户", &mobile, crate::helpers::QINGSHI_VILLAGE)
                            .await,
                    );
                }
                filed
            })
        })
        .collect();
    // Online: taken while the filings are being written.
    let during = temp_path(".backup");
    let (result, out) = run(
        &app.database_url,
        &["backup", during.to_str().expect("utf-8")],
    )
    .await;
    assert!(result.is_ok(), "{result:?} {out}");
    assert!(out.contains("backup written"), "{out}");
    // Its owner's only, whatever the umask (it was 0644: admin tester).
    let mode = std::os::unix::fs::PermissionsExt::mode(
        &std::fs::metadata(&during).expect("backup").permissions(),
    );
    assert_eq!(mode & 0o777, 0o600, "{mode:o}");
    let mut acknowledged = Vec::new();
    for task in load {
        acknowledged.extend(task.await.expect("loader"));
    }
    let after = temp_path(".backup");
    let (result, _) = run(
        &app.database_url,
        &["backup", after.to_str().expect("utf-8")],
    )
    .await;
    assert!(result.is_ok(), "{result:?}");
    let (again, _) = run(
        &app.database_url,
        &["backup", after.to_str().expect("utf-8")],
    )
    .await;
    assert!(
        matches!(again, Err(CliError::Backup(BackupError::Exists(_)))),
        "{again:?}"
    );

    // The copy made during the load is consistent: every case it holds replays from its events.
    let mid = fresh_database_url().await;
    let (result, out) = run(&mid, &["restore", during.to_str().expect("utf-8")]).await;
    assert!(result.is_ok(), "{result:?} {out}");
    let restored = served(&mid).await;
    let totals = schema::totals(&restored.db.pool).await.expect("totals");
    assert!(
        totals.events >= totals.cases && totals.clocks >= totals.cases,
        "{totals:?}"
    );
    every_case_replays(&restored).await;

    // The copy after the load holds exactly what the server has, every filing included.
    let full = fresh_database_url().await;
    let (result, out) = run(&full, &["restore", after.to_str().expect("utf-8")]).await;
    assert!(result.is_ok(), "{result:?} {out}");
    let restored = served(&full).await;
    let source = schema::totals(&app.state.db.pool)
        .await
        .expect("source totals");
    assert_eq!(
        schema::totals(&restored.db.pool).await.expect("totals"),
        source
    );
    assert!(source.cases >= 32, "{source:?}");
    for tracking in &acknowledged {
        assert!(
            case_repo::id_by_tracking(&restored.db.pool, tracking)
                .await
                .expect("query")
                .is_some(),
            "filing {tracking} lost"
        );
    }
    every_case_replays(&restored).await;

    // Never over a database in use.
    let (refused, _) = run(
        &app.database_url,
        &["restore", after.to_str().expect("utf-8")],
    )
    .await;
    assert!(
        matches!(refused, Err(CliError::Backup(BackupError::NotEmpty(_)))),
        "{refused:?}"
    );
}

/// `serve` on a restored database (the demo's, like its source): the application starts on it.
async fn served(url: &str) -> app::ssr::state::AppState {
    let app = Application::build(
        &Config::local(url),
        Arc::new(ManualClock::new(monday_morning())),
    )
    .await
    .expect("serves the restored database");
    app.state.clone()
}

async fn every_case_replays(state: &app::ssr::state::AppState) {
    let ids: Vec<String> = sqlx::query_scalar("select id from cases")
        .fetch_all(&state.db.pool)
        .await
        .expect("case ids");
    for id in ids {
        let stored = cases::load_unscoped(state, &id).await.expect("stored");
        let rebuilt = cases::rebuild(state, &id).await.expect("rebuilt");
        assert_eq!(rebuilt, stored, "case {id} replays from its event log");
    }
}

#[tokio::test]
async fn a_stopping_worker_sends_the_row_it_is_on_and_releases_the_rest() {
    let app = spawn_app().await;
    let now = app.clock.now();
    let millis = now.timestamp_millis();
    for id in ["stop-1", "stop-2", "stop-3"] {
        outbox::enqueue(
            &app.state.db.pool,
            &app.state.vault,
            &NewMessage {
                id,
                channel: MessageChannel::Sms,
                recipient: "13800000000",
                subject: "",
                body: "您的申报已受理",
                case_id: None,
            },
            millis,
        )
        .await
        .expect("queued");
    }
    let sms = RecordingSms::new();
    // The stop arrives while the first row is being sent.
    let stop = || sms.attempts() >= 1;
    let report = deliver_until_stopped(&app.state, None, Some(&sms), now, &stop)
        .await
        .expect("pass");
    assert_eq!(report.sent, 1);
    assert_eq!(sms.sent().len(), 1);
    let due = outbox::due(
        &app.state.db.pool,
        &app.state.vault,
        MessageChannel::Sms,
        millis,
        10,
        false,
    )
    .await
    .expect("due rows");
    assert_eq!(
        due.len(),
        2,
        "the unsent rows are due again at once, not held for the lease"
    );
}

#[tokio::test]
async fn keys_and_audit_commands_run_from_the_binary() {
    let keys = temp_path(".keys");
    let keys = keys.to_str().expect("utf-8").to_owned();
    let made = binary(&[], &["keys", "init", "--file", &keys]);
    assert_eq!(made.status.code(), Some(0), "{}", printed(&made));
    assert!(std::fs::read_to_string(&keys)
        .expect("key file")
        .contains("data "));
    let url = format!("sqlite://{}", temp_path(".db").display());
    let env = [
        ("DATABASE_URL", url.as_str()),
        ("SAFETY_NET_KEYS_FILE", &keys),
    ];
    let rotated = binary(&env, &["keys", "rotate"]);
    assert_eq!(rotated.status.code(), Some(0), "{}", printed(&rotated));
    let verified = binary(&env, &["verify-audit"]);
    assert_eq!(verified.status.code(), Some(0), "{}", printed(&verified));
    // A second init would overwrite the only copy of the keys: refused.
    let again = binary(&[], &["keys", "init", "--file", &keys]);
    assert_eq!(again.status.code(), Some(i32::from(exit::FAILED)));
}
