//! Setting up a county with the binary alone: regions CSV, first admin, sign-in; and what a
//! production start refuses. Runs on SQLite and PostgreSQL like every API test.
use std::{
    io::{Cursor, Write},
    path::PathBuf,
    process::{Command as Process, Stdio},
    sync::Arc,
};

use app::{
    domain::password_policy::WeakPassword,
    ssr::{
        clock::ManualClock,
        db::Db,
        repo::{regions, users},
        seed,
        services::setup::SetupError,
    },
};
use server::{
    cli::{self, CliError},
    config::Config,
    production::ProductionRefusal,
    startup::{Application, StartupError},
};

use crate::helpers::{client, fresh_database_url, monday_morning, spawn_app, TestApp};

const STRONG: &str = "青石县-防返贫-2026 start";

/// The county in the statistics bureau's shape, Chinese headers, with a BOM, as Excel saves.
const COUNTY_CSV: &str = "\u{feff}统计用区划代码,名称,级别,上级代码\r\n\
    522799000000,青石县,3,522700000000\r\n\
    522799101000,青石镇,4,522799000000\r\n\
    522799101201,青石村,5,522799101000\r\n\
    522799101202,龙井村,5,522799101000\r\n";

fn temp_file(contents: &str) -> PathBuf {
    let path = crate::helpers::temp_path(".csv");
    std::fs::write(&path, contents).expect("write temp file");
    path
}

/// Runs a subcommand as `main` does; returns its answer and what it printed.
async fn run(database_url: &str, args: &[&str], stdin: &str) -> (Result<(), CliError>, String) {
    let command = cli::parse_args(args.iter().copied()).expect("valid arguments");
    let mut out = Vec::new();
    let result = cli::run(
        command,
        database_url,
        &mut Cursor::new(stdin.to_owned()),
        &mut out,
    )
    .await;
    (result, String::from_utf8(out).expect("utf-8 output"))
}

async fn import(database_url: &str, csv: &str) -> (Result<(), CliError>, String) {
    let file = temp_file(csv);
    let path = file.to_str().expect("utf-8 path").to_owned();
    run(database_url, &["import-regions", &path], "").await
}

async fn create_admin(database_url: &str, password: &str) -> Result<(), CliError> {
    run(
        database_url,
        &[
            "create-admin",
            "--username",
            "qingshi-admin",
            "--region",
            "522799000000",
            "--display-name",
            "县乡村振兴局管理员",
        ],
        &format!("{password}\n"),
    )
    .await
    .0
}

/// A production server (no demo) on the database.
async fn start_production(database_url: &str) -> Result<TestApp, StartupError> {
    let clock = ManualClock::new(monday_morning());
    let config = Config {
        seed_demo: false,
        ..Config::local(database_url)
    };
    let app = Application::build(&config, Arc::new(clock.clone())).await?;
    let base = format!("http://{}", app.addr);
    let state = app.state.clone();
    tokio::spawn(app.run());
    Ok(TestApp {
        state,
        database_url: database_url.to_owned(),
        client: client(&base),
        base,
        clock,
        metrics: None,
    })
}

async fn sign_in_status(app: &TestApp, username: &str, password: &str) -> u16 {
    client(&app.base)
        .post(app.url("/api/auth/login"))
        .header("accept", "application/json")
        .form(&[("username", username), ("password", password)])
        .send()
        .await
        .expect("request")
        .status()
        .as_u16()
}

#[tokio::test]
async fn a_county_is_set_up_from_an_empty_database_with_the_set_up_commands_alone() {
    let url = fresh_database_url().await;

    let (result, out) = import(&url, COUNTY_CSV).await;
    result.expect("regions imported");
    assert!(out.contains("line 2: ok, new 522799000000 青石县"), "{out}");
    assert!(out.contains("line 5: ok, new 522799101202 龙井村"), "{out}");

    create_admin(&url, STRONG).await.expect("admin created");

    let app = start_production(&url)
        .await
        .expect("a county without demo accounts starts in production");
    assert_eq!(sign_in_status(&app, "qingshi-admin", STRONG).await, 200);
    let admin = app.login_with("qingshi-admin", STRONG).await;
    let accounts = admin.post_api("/api/admin/accounts", &[]).await;
    assert_eq!(
        accounts.status(),
        200,
        "the new admin administers the county"
    );
    for (username, ..) in seed::ACCOUNTS {
        assert_ne!(
            sign_in_status(&app, username, seed::DEMO_PASSWORD).await,
            200,
            "demo account {username} must not exist"
        );
    }
    let stored = users::all(&app.state.db.pool).await.expect("users");
    assert_eq!(
        stored
            .iter()
            .map(|u| u.username.as_str())
            .collect::<Vec<_>>(),
        ["qingshi-admin"]
    );
    let village = regions::find(&app.state.db.pool, "522799101202")
        .await
        .expect("query")
        .expect("village stored");
    assert_eq!(village.parent_code.as_deref(), Some("522799101000"));
    assert_eq!(village.level, app::domain::region::RegionLevel::Village);
}

#[tokio::test]
async fn re_importing_changes_nothing_and_a_new_name_is_updated() {
    let url = fresh_database_url().await;
    import(&url, COUNTY_CSV).await.0.expect("first import");

    let (again, out) = import(&url, COUNTY_CSV).await;
    again.expect("second import");
    assert!(
        out.contains("0 new 新增, 0 updated 更新, 4 unchanged"),
        "{out}"
    );

    let renamed = COUNTY_CSV.replace("龙井村", "龙井社区");
    let (result, out) = import(&url, &renamed).await;
    result.expect("rename");
    assert!(
        out.contains("line 5: updated, 522799101202 龙井社区 (was 龙井村)"),
        "{out}"
    );
    let db = Db::connect(&url).await.expect("db");
    let stored = regions::all(&db.pool).await.expect("regions");
    assert_eq!(stored.len(), 4);
    assert!(stored.iter().any(|r| r.name == "龙井社区"));
}

#[tokio::test]
async fn a_bad_row_is_reported_by_line_and_nothing_is_half_written() {
    let url = fresh_database_url().await;
    let csv = "code,name,level,parent\n\
        522799000000,青石县,county,\n\
        522799101000,青石镇,township,\n\
        522799102201,河口村,village,\n\
        522799101201,青石村,township,\n";
    let (result, out) = import(&url, csv).await;
    assert!(matches!(result, Err(CliError::RowsFailed(2))), "{result:?}");
    assert!(out.contains("line 2: ok"), "{out}");
    assert!(out.contains("line 4: error, 上级区划不存在"), "{out}");
    assert!(out.contains("unknown parent"), "{out}");
    assert!(
        out.contains("line 5: error, 级别与代码不符"),
        "level not matching the code: {out}"
    );
    let db = Db::connect(&url).await.expect("db");
    assert!(
        regions::all(&db.pool).await.expect("regions").is_empty(),
        "the good rows were not written either"
    );
}

#[tokio::test]
async fn a_weak_password_is_refused_with_the_reason_and_no_account_is_made() {
    let url = fresh_database_url().await;
    import(&url, COUNTY_CSV).await.0.expect("regions");
    for (password, reason) in [
        (seed::DEMO_PASSWORD, WeakPassword::DemoPassword),
        ("Short-1", WeakPassword::TooShort),
        ("abcdefghijklmnopq", WeakPassword::OneCharacterClass),
        ("qingshi-admin-2026", WeakPassword::ContainsUsername),
        ("Password1234", WeakPassword::Common),
    ] {
        let result = create_admin(&url, password).await;
        assert!(
            matches!(&result, Err(CliError::Setup(SetupError::WeakPassword(r))) if *r == reason),
            "{password}: {result:?}"
        );
    }
    let not_a_county = run(
        &url,
        &[
            "create-admin",
            "--username",
            "a",
            "--region",
            "522799101000",
        ],
        &format!("{STRONG}\n"),
    )
    .await
    .0;
    assert!(
        matches!(not_a_county, Err(CliError::Setup(SetupError::NotACounty))),
        "{not_a_county:?}"
    );
    let db = Db::connect(&url).await.expect("db");
    assert!(users::all(&db.pool).await.expect("users").is_empty());
}

#[tokio::test]
async fn production_refuses_to_start_while_an_account_has_a_demo_password() {
    let demo = spawn_app().await;
    let refused = start_production(&demo.database_url).await;
    let Err(StartupError::Production(ProductionRefusal::DemoPasswords(accounts))) = refused else {
        panic!("expected a refusal, got {:?}", refused.err());
    };
    assert_eq!(accounts.len(), seed::ACCOUNTS.len());
    assert!(accounts.iter().any(|a| a == "xian-admin"));
    let message = ProductionRefusal::DemoPasswords(accounts).to_string();
    assert!(
        message.contains("set-password"),
        "says how to fix: {message}"
    );

    // The fix the message names: a new password for every such account.
    for (username, ..) in seed::ACCOUNTS {
        run(
            &demo.database_url,
            &["set-password", "--username", username],
            &format!("{STRONG}\n"),
        )
        .await
        .0
        .expect("password set");
    }
    let app = start_production(&demo.database_url)
        .await
        .expect("starts once no demo password is left");
    assert_eq!(
        sign_in_status(&app, "xian-admin", seed::DEMO_PASSWORD).await,
        401
    );
    assert_eq!(sign_in_status(&app, "xian-admin", STRONG).await, 200);
}

#[tokio::test]
async fn production_refuses_to_start_with_the_test_clock() {
    let config = Config {
        seed_demo: false,
        test_clock: true,
        ..Config::local(&fresh_database_url().await)
    };
    let refused = Application::build(&config, Arc::new(ManualClock::new(monday_morning()))).await;
    assert!(
        matches!(
            refused,
            Err(StartupError::Production(ProductionRefusal::TestClock))
        ),
        "{:?}",
        refused.err()
    );
}

/// The built binary, with a clean environment apart from what the test sets.
fn server_binary(database_url: &str) -> Process {
    let mut process = Process::new(env!("CARGO_BIN_EXE_server"));
    for name in [
        "SEED_DEMO",
        "SEED_DEMO_CASES",
        "TEST_CLOCK",
        "LEPTOS_SITE_ADDR",
        "WORKERS",
        "SMTP_HOST",
        "SMS_GATEWAY_URL",
        "SAFETY_NET_KEYS_FILE",
    ] {
        process.env_remove(name);
    }
    process
        .env("SAFETY_NET_KEYS", app::ssr::vault::keyfile::TEST_KEYS)
        .env("DATABASE_URL", database_url)
        .env("SAFETY_NET_ADDR", "127.0.0.1:0")
        .env("RUST_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    process
}

fn run_binary(database_url: &str, args: &[&str], stdin: &str) -> std::process::Output {
    let mut process = server_binary(database_url);
    process.args(args);
    run_process(process, stdin)
}

/// Runs to the end, or fails the test after a minute (a server that started would never end).
fn run_process(mut process: Process, stdin: &str) -> std::process::Output {
    let mut child = process.spawn().expect("the server binary runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while child.try_wait().expect("wait").is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("the binary is still running: it should have refused or finished");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    child.wait_with_output().expect("the binary exits")
}

#[tokio::test]
async fn the_binary_sets_up_a_county_reading_the_password_from_stdin() {
    let url = fresh_database_url().await;
    let csv = temp_file(COUNTY_CSV);
    let csv = csv.to_str().expect("utf-8 path");
    let imported = run_binary(&url, &["import-regions", csv], "");
    assert!(imported.status.success(), "{imported:?}");

    let create = [
        "create-admin",
        "--username",
        "qingshi-admin",
        "--region",
        "522799000000",
    ];
    let weak = run_binary(&url, &create, "demo-2026\n");
    assert!(!weak.status.success());
    let stderr = String::from_utf8_lossy(&weak.stderr);
    assert!(stderr.contains("演示密码"), "says why in Chinese: {stderr}");
    assert!(stderr.contains("demo password"), "and in English: {stderr}");

    let argv = run_binary(&url, &[&create[..], &["--password", STRONG]].concat(), "");
    assert_eq!(argv.status.code(), Some(2), "a password in argv is refused");

    let created = run_binary(&url, &create, &format!("{STRONG}\n"));
    assert!(created.status.success(), "{created:?}");

    let app = start_production(&url).await.expect("starts");
    assert_eq!(sign_in_status(&app, "qingshi-admin", STRONG).await, 200);
}

#[tokio::test]
async fn the_binary_defaults_to_production_and_refuses_demo_passwords_and_the_test_clock() {
    let demo = spawn_app().await;
    // No SEED_DEMO in the environment: production, which refuses the demo accounts.
    let refused = run_binary(&demo.database_url, &[], "");
    assert!(!refused.status.success());
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(stderr.contains("demo password"), "{stderr}");
    assert!(stderr.contains("xian-admin"), "{stderr}");

    // A build without the test-clock feature (the release binary) has no test clock at all,
    // with or without the demo; production refuses it in any build.
    let seed_demo: &[&str] = if cfg!(feature = "test-clock") {
        &["0"]
    } else {
        &["0", "1"]
    };
    for seed_demo in seed_demo {
        let mut process = server_binary(&demo.database_url);
        process.env("SEED_DEMO", seed_demo).env("TEST_CLOCK", "1");
        let output = run_process(process, "");
        assert!(!output.status.success());
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("TEST_CLOCK"), "{stderr}");
    }
}
