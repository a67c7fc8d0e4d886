use std::{process::ExitCode, sync::Arc};

use app::ssr::{
    clock::{Clock, ManualClock, SystemClock},
    seed,
};
use server::{config::Config, startup::Application, telemetry, test_clock};

#[tokio::main]
async fn main() -> ExitCode {
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(e) => {
            eprintln!("safety-net: configuration error: {e}");
            return ExitCode::FAILURE;
        }
    };
    telemetry::init(config.log_format);
    let manual = config
        .test_clock
        .then(|| ManualClock::new(SystemClock.now()));
    let clock: Arc<dyn Clock> = match &manual {
        Some(manual) => {
            tracing::warn!(
                "TEST_CLOCK is on: time can be moved over HTTP; never use in production"
            );
            Arc::new(manual.clone())
        }
        None => Arc::new(SystemClock),
    };
    let app = match Application::build(&config, clock).await {
        Ok(app) => match manual {
            Some(manual) => app.merge(test_clock::routes(manual)),
            None => app,
        },
        Err(e) => {
            tracing::error!(error = ?e, "could not start");
            eprintln!("safety-net: could not start: {e}: {}", source_text(&e));
            return ExitCode::FAILURE;
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

fn source_text(e: &dyn std::error::Error) -> String {
    let mut parts = Vec::new();
    let mut current = e.source();
    while let Some(cause) = current {
        parts.push(cause.to_string());
        current = cause.source();
    }
    parts.join(": ")
}
