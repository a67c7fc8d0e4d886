//! The pieces of `scripts/bench.sh` (a benchmark, not a test, not in the product binary):
//! seed a county's households, measure raw database limits, load a running server over HTTP,
//! serve a bare axum handler, and print the table. Each step appends `key value` lines to
//! the results file; `table` prints them with each product figure beside its raw limit.
//!
//! cargo run --release -p server --features bench --bin bench -- --help
#[path = "../../benches/support/households.rs"]
mod households;

mod db;
mod http;
mod load;
mod results;

use std::{
    net::SocketAddr,
    path::{Path, PathBuf},
};

use clap::{Parser, Subcommand};
use results::Results;

#[derive(Parser)]
struct Args {
    /// Where the figures go (`key value` lines, appended).
    #[arg(long, default_value = "target/bench/results.txt")]
    results: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Migrate, seed the demo county and N households (sealed with the key file), set every
    /// account's password, then time the product's deadline sweep.
    Seed {
        #[arg(long)]
        database_url: String,
        #[arg(long)]
        keys: PathBuf,
        #[arg(long)]
        households: usize,
    },
    /// Durable single-row inserts per second through the product's pool settings.
    RawInserts {
        #[arg(long)]
        database_url: String,
        #[arg(long, default_value_t = 32)]
        clients: usize,
        #[arg(long)]
        seconds: u64,
    },
    /// The queue's raw SQL (first page, deep page, searches), p50/p95.
    RawQueue {
        #[arg(long)]
        database_url: String,
        #[arg(long)]
        keys: PathBuf,
        #[arg(long)]
        households: usize,
        #[arg(long)]
        samples: usize,
        /// The deep page's cursor, as `http-queue` wrote it to the results directory.
        #[arg(long)]
        cursor_file: PathBuf,
    },
    /// Requests per second of GET PATH at SERVER (`key` names the figure).
    Rps {
        #[arg(long)]
        server: SocketAddr,
        #[arg(long, default_value = "/healthz")]
        path: String,
        #[arg(long)]
        key: String,
        #[arg(long, default_value_t = 32)]
        clients: usize,
        #[arg(long)]
        seconds: u64,
    },
    /// Self-reports filed over HTTP: the maximum, then latencies at half of it.
    Filings {
        #[arg(long)]
        server: SocketAddr,
        #[arg(long, default_value_t = 32)]
        clients: usize,
        #[arg(long)]
        seconds: u64,
        /// The first filing's number (households, mobiles and addresses never reused).
        #[arg(long, default_value_t = 0)]
        first: usize,
    },
    /// The staff queue page as the county officer fetches it, p50/p95.
    HttpQueue {
        #[arg(long)]
        server: SocketAddr,
        #[arg(long)]
        households: usize,
        #[arg(long)]
        samples: usize,
        #[arg(long)]
        cursor_file: PathBuf,
    },
    /// A bare axum `/healthz` on a free loopback port (prints `running: URL`).
    Bare,
    /// Prints the table of a results file.
    Table {
        #[arg(long)]
        title: String,
    },
}

/// Pages walked before the "deep page".
const DEEP_PAGES: usize = 20;

/// The household the searches look for: an open case in the middle of the id space.
fn target(households: usize) -> usize {
    households / 2 / households::OPEN_EVERY * households::OPEN_EVERY
}

fn main() {
    // Off unless RUST_LOG asks (e.g. RUST_LOG=app::ssr::services::escalation=info shows where
    // the sweep spends its time).
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
        .with_writer(std::io::stderr)
        .init();
    let args = Args::parse();
    let rt = tokio::runtime::Runtime::new().expect("tokio runtime");
    if let Some(dir) = args.results.parent() {
        std::fs::create_dir_all(dir).expect("results folder");
    }
    let mut out = Results::new(args.results.clone());
    rt.block_on(async {
        match args.command {
            Command::Seed {
                database_url,
                keys,
                households,
            } => db::seed(&database_url, &keys, households, &mut out).await,
            Command::RawInserts {
                database_url,
                clients,
                seconds,
            } => db::raw_inserts(&database_url, clients, seconds, &mut out).await,
            Command::RawQueue {
                database_url,
                keys,
                households,
                samples,
                cursor_file,
            } => {
                let deep = std::fs::read_to_string(cursor_file).expect("cursor file");
                let t = target(households);
                db::raw_queue(&database_url, &keys, deep.trim(), t, samples, &mut out).await
            }
            Command::Rps {
                server,
                path,
                key,
                clients,
                seconds,
            } => {
                let rate = load::requests_per_second(server, &path, clients, seconds).await;
                out.put(&key, rate);
            }
            Command::Filings {
                server,
                clients,
                seconds,
                first,
            } => {
                load::filings(server, clients, seconds, first, &mut out).await;
            }
            Command::HttpQueue {
                server,
                households,
                samples,
                cursor_file,
            } => http_queue(server, households, samples, &cursor_file, &mut out).await,
            Command::Bare => bare().await,
            Command::Table { title } => results::print_table(&args.results, &title),
        }
    });
}

async fn http_queue(
    server: SocketAddr,
    households: usize,
    samples: usize,
    cursor_file: &Path,
    out: &mut Results,
) {
    let cookie = load::sign_in(server, "xian-officer", db::PASSWORD).await;
    let deep = load::deep_cursor(server, &cookie, DEEP_PAGES).await;
    std::fs::write(cursor_file, &deep).expect("cursor file");
    let t = target(households);
    let enc = |s: &str| http::form(&[("", s)])[1..].to_owned();
    let name = households::name_of(t);
    let link = format!("/staff/cases/{}", households::case_id_of(t));
    let fetches = [
        (
            "first",
            "/staff?tab=all".to_owned(),
            "/staff/cases/".to_owned(),
        ),
        (
            "deep",
            format!("/staff?tab=all&after={}", enc(&deep)),
            "/staff/cases/".to_owned(),
        ),
        (
            "search_id",
            format!("/staff?tab=all&q={}", households::id_number_of(t)),
            link.clone(),
        ),
        (
            "search_mobile",
            format!("/staff?tab=all&q={}", households::mobile_of(t)),
            link.clone(),
        ),
        (
            "search_name",
            format!("/staff?tab=all&q={}", enc(&name)),
            link,
        ),
    ];
    for (key, path, expect) in fetches {
        let (p50, p95) = load::page_latency(server, &cookie, &path, &expect, samples).await;
        out.put(&format!("queue_{key}_http_p50_ms"), p50);
        out.put(&format!("queue_{key}_http_p95_ms"), p95);
    }
}

async fn bare() {
    let router = axum::Router::new().route("/healthz", axum::routing::get(|| async { "ok" }));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    println!("running: http://{}", listener.local_addr().expect("addr"));
    axum::serve(listener, router).await.expect("serve");
}
