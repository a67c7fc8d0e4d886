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
use std::time::Instant;

use results::{Latencies, Results};

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
    /// Times the product's sweep again on a seeded database (each round undoes the last).
    Sweep {
        #[arg(long)]
        database_url: String,
        #[arg(long)]
        keys: PathBuf,
        #[arg(long, default_value_t = 3)]
        rounds: usize,
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
    /// Requests per second of one GET path (`/healthz`, or the bare handler's).
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
    /// The staff queue page as the county officer fetches it over HTTP and its raw SQL, the
    /// two interleaved request by request so both meet the same machine (p50/p95 of each).
    Queue {
        #[arg(long)]
        server: SocketAddr,
        #[arg(long)]
        database_url: String,
        #[arg(long)]
        keys: PathBuf,
        #[arg(long)]
        households: usize,
        #[arg(long)]
        samples: usize,
    },
    Bare,
    /// Prints the table of a results file.
    Table {
        #[arg(long)]
        title: String,
    },
}

/// The quiet before each timed queue fetch (see `queue`).
const PAUSE: std::time::Duration = std::time::Duration::from_millis(5);

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
            Command::Sweep {
                database_url,
                keys,
                rounds,
            } => db::sweep_again(&database_url, &keys, rounds, &mut out).await,
            Command::RawInserts {
                database_url,
                clients,
                seconds,
            } => db::raw_inserts(&database_url, clients, seconds, &mut out).await,
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
            Command::Queue {
                server,
                database_url,
                keys,
                households,
                samples,
            } => queue(server, &database_url, &keys, households, samples, &mut out).await,
            Command::Bare => bare().await,
            Command::Table { title } => results::print_table(&args.results, &title),
        }
    });
}

/// Each queue fetch over HTTP and its raw SQL, alternating request by request (which goes
/// first alternates too), so a slow moment of the machine falls on both alike.
async fn queue(
    server: SocketAddr,
    url: &str,
    keys: &Path,
    households: usize,
    samples: usize,
    out: &mut Results,
) {
    let cookie = load::sign_in(server, "xian-officer", db::PASSWORD).await;
    let deep = load::deep_cursor(server, &cookie, DEEP_PAGES).await;
    let t = target(households);
    let raw = db::RawQueue::open(url, keys, &deep, t).await;
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
        let mut conn = http::Conn::open(server, None).await.expect("connect");
        let (mut page, mut sql) = (Latencies::default(), Latencies::default());
        // Five of each to warm up, then the samples.
        for k in 0..samples + 5 {
            let first = k == 0;
            let time_sql = async {
                // A pause before each timing, so that what the server does after answering
                // (sqlx pings each connection it gets back) does not fall on the next timing.
                tokio::time::sleep(PAUSE).await;
                let started = Instant::now();
                raw.run(key, first).await;
                started.elapsed()
            };
            let (took_page, took_sql) = if k % 2 == 0 {
                tokio::time::sleep(PAUSE).await;
                let p = load::page_once(&mut conn, &cookie, &path, &expect, first).await;
                (p, time_sql.await)
            } else {
                let q = time_sql.await;
                tokio::time::sleep(PAUSE).await;
                (
                    load::page_once(&mut conn, &cookie, &path, &expect, first).await,
                    q,
                )
            };
            if k >= 5 {
                page.record(took_page);
                sql.record(took_sql);
            }
        }
        out.put(&format!("queue_{key}_http_p50_ms"), page.ms(0.50));
        out.put(&format!("queue_{key}_http_p95_ms"), page.ms(0.95));
        out.put(&format!("queue_{key}_raw_p50_ms"), sql.ms(0.50));
        out.put(&format!("queue_{key}_raw_p95_ms"), sql.ms(0.95));
    }
    raw.close().await;
}

async fn bare() {
    let router = axum::Router::new().route("/healthz", axum::routing::get(|| async { "ok" }));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    println!("running: http://{}", listener.local_addr().expect("addr"));
    axum::serve(listener, router).await.expect("serve");
}
