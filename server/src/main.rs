use std::{process::ExitCode, sync::Arc};

use app::ssr::{clock::SystemClock, seed};
use server::{config::Config, startup::Application, telemetry};

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
    let app = match Application::build(&config, Arc::new(SystemClock)).await {
        Ok(app) => app,
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
