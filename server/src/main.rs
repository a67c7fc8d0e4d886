use std::{io::IsTerminal, process::ExitCode, sync::Arc};

use app::ssr::{
    clock::{Clock, SystemClock},
    db::DbError,
    seed,
};
use axum::Router;
use server::{
    cli::{self, Command},
    config::Config,
    startup::{Application, StartupError},
    telemetry,
};

/// Rust's allocations go to mimalloc (see `server::malloc`); SQLite's C code keeps glibc's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    server::malloc::tune();
    let command = match cli::parse_args(std::env::args_os().skip(1)) {
        Ok(command) => command,
        Err(cli::UsageError::Clap(e)) => {
            // clap prints help, version and its own errors (with a hint at `--help`).
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() {
                cli::exit::USAGE
            } else {
                cli::exit::OK
            });
        }
        Err(e) => {
            eprintln!("safety-net: {e}");
            return ExitCode::from(e.exit_code());
        }
    };
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(e) => {
            eprintln!("safety-net: configuration error 配置错误: {e}");
            return ExitCode::from(cli::exit::FAILED);
        }
    };
    match command {
        Command::Serve => serve(config).await,
        other => {
            if matches!(
                other,
                Command::CreateAdmin {
                    password_file: None,
                    ..
                } | Command::SetPassword {
                    password_file: None,
                    ..
                }
            ) && std::io::stdin().is_terminal()
            {
                eprint!(
                    "密码 password (one line, at least 12 characters; it is shown as you type): "
                );
            }
            let mut stdin = std::io::stdin().lock();
            let mut stdout = std::io::stdout().lock();
            match cli::run(other, config.database_url.expose(), &mut stdin, &mut stdout).await {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("safety-net: {} / {e}", e.words(app::tr::Lang::Zh));
                    ExitCode::from(e.exit_code())
                }
            }
        }
    }
}

async fn serve(config: Config) -> ExitCode {
    telemetry::init(config.log_format);
    let (clock, extra_routes) = clock_for(&config);
    let app = match Application::build(&config, clock).await {
        Ok(app) => match extra_routes {
            Some(routes) => {
                tracing::warn!(
                    "TEST_CLOCK is on: time can be moved over HTTP; never use in production"
                );
                app.merge(routes)
            }
            None => app,
        },
        Err(e) => {
            tracing::error!(error = ?e, "could not start");
            let causes = source_text(&e);
            if causes.is_empty() {
                eprintln!("safety-net: 无法启动 could not start: {e}");
            } else {
                eprintln!("safety-net: 无法启动 could not start: {e}: {causes}");
            }
            return ExitCode::from(match e {
                StartupError::Db(DbError::NewerDatabase(_)) => cli::exit::DATABASE_TOO_NEW,
                _ => cli::exit::FAILED,
            });
        }
    };
    println!();
    println!(
        "  防返贫监测帮扶服务平台 Safety Net is running: http://{}",
        app.addr
    );
    if config.seed_demo {
        println!(
            "  Demo officers (password \"{}\"): {}",
            seed::DEMO_PASSWORD,
            seed::ACCOUNTS
                .iter()
                .map(|a| a.0)
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    println!();
    match app.run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!(error = %e, "server stopped");
            ExitCode::FAILURE
        }
    }
}

/// The system clock, or with the `test-clock` feature and `TEST_CLOCK=1` a movable one and
/// its route.
#[cfg(feature = "test-clock")]
fn clock_for(config: &Config) -> (Arc<dyn Clock>, Option<Router>) {
    use app::ssr::clock::ManualClock;
    if !config.test_clock {
        return (Arc::new(SystemClock), None);
    }
    let manual = ManualClock::new(SystemClock.now());
    (
        Arc::new(manual.clone()),
        Some(server::test_clock::routes(manual)),
    )
}

#[cfg(not(feature = "test-clock"))]
fn clock_for(_config: &Config) -> (Arc<dyn Clock>, Option<Router>) {
    (Arc::new(SystemClock), None)
}

fn source_text(e: &dyn std::error::Error) -> String {
    let mut parts = Vec::new();
    let mut current = e.source();
    while let Some(cause) = current {
        parts.push(cause.to_string());
        current = cause.source();
    }
    parts.join(": ")
}
