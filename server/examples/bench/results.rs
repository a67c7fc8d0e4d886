//! Figures as `key value` lines in one file per database (each step of bench.sh adds its
//! own), and the table printed from them: each product figure beside its raw limit.
use std::{
    collections::HashMap,
    io::Write,
    path::{Path, PathBuf},
};

pub struct Results {
    path: PathBuf,
}

impl Results {
    pub fn new(path: PathBuf) -> Results {
        Results { path }
    }

    pub fn put(&mut self, key: &str, value: f64) {
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.path)
            .expect("results file");
        writeln!(file, "{key} {value}").expect("write results");
        eprintln!("  {key} = {value:.2}");
    }
}

/// Latencies in microseconds; exact quantiles by sorting (a few thousand samples at most).
/// Not the hdrhistogram crate: it turns on byteorder's `std` feature, which rebuilds sqlx
/// and `app` apart from the product's release build (15 minutes on the 2-core machine).
#[derive(Default)]
pub struct Latencies(Vec<u64>);

impl Latencies {
    pub fn record(&mut self, took: std::time::Duration) {
        self.0.push(took.as_micros() as u64);
    }

    /// The `q` quantile (nearest rank), in milliseconds.
    pub fn ms(&mut self, q: f64) -> f64 {
        if self.0.is_empty() {
            return 0.0;
        }
        self.0.sort_unstable();
        let rank = ((q * self.0.len() as f64).ceil() as usize).clamp(1, self.0.len());
        self.0[rank - 1] as f64 / 1000.0
    }
}

fn read(path: &Path) -> HashMap<String, f64> {
    std::fs::read_to_string(path)
        .expect("results file")
        .lines()
        .filter_map(|l| {
            let (k, v) = l.split_once(' ')?;
            Some((k.to_owned(), v.parse().ok()?))
        })
        .collect()
}

/// The table for one database.
pub fn print_table(path: &Path, title: &str) {
    let r = read(path);
    let get = |k: &str| r.get(k).copied();
    let num = |v: Option<f64>, unit: &str| match v {
        Some(v) if v >= 100.0 => format!("{v:.0} {unit}"),
        Some(v) => format!("{v:.1} {unit}"),
        None => "-".to_owned(),
    };
    let ratio = |a: Option<f64>, b: Option<f64>| match (a, b) {
        (Some(a), Some(b)) if b > 0.0 => format!("{:.2}×", a / b),
        _ => "-".to_owned(),
    };
    let households = get("households").unwrap_or(0.0);
    println!();
    println!(
        "== {title}: {households:.0} households, {:.0} open cases ==",
        get("open_cases").unwrap_or(0.0)
    );
    println!(
        "{:<34} {:>16} {:>24} {:>8}  goal",
        "figure", "product", "raw limit", "ratio"
    );
    let row = |name: &str, product: String, raw: String, ratio: String, goal: &str| {
        println!("{name:<34} {product:>16} {raw:>24} {ratio:>8}  {goal}");
    };
    row(
        "filing (self-reports/s)",
        num(get("filing_max_per_s"), "/s"),
        format!("{} case inserts", num(get("raw_insert_per_s"), "/s")),
        ratio(get("filing_max_per_s"), get("raw_insert_per_s")),
        "≥ 0.50×",
    );
    row(
        "  against a bare 3-column table",
        String::new(),
        format!("{} inserts", num(get("raw_insert_bare_per_s"), "/s")),
        ratio(get("filing_max_per_s"), get("raw_insert_bare_per_s")),
        "",
    );
    for q in ["p50", "p95", "p99"] {
        row(
            &format!("  latency {q} at {}", num(get("filing_rate_per_s"), "/s")),
            num(get(&format!("filing_{q}_ms")), "ms"),
            String::new(),
            String::new(),
            "",
        );
    }
    row(
        "  filings refused or failed",
        num(get("filing_errors"), ""),
        String::new(),
        String::new(),
        "0",
    );
    for (key, name) in [
        ("first", "queue first page"),
        ("deep", "queue page 21 (deep)"),
        ("search_id", "search by ID number"),
        ("search_mobile", "search by mobile"),
        ("search_name", "search by name"),
    ] {
        for q in ["p50", "p95"] {
            let http = get(&format!("queue_{key}_http_{q}_ms"));
            let raw = get(&format!("queue_{key}_raw_{q}_ms"));
            let goal = match (q, key.starts_with("search")) {
                ("p95", true) => "≤ 2×, ≤ 50 ms",
                ("p95", false) => "≤ 2×",
                _ => "",
            };
            row(
                &format!("{name} {q}"),
                num(http, "ms"),
                format!("{} SQL", num(raw, "ms")),
                ratio(http, raw),
                goal,
            );
        }
    }
    row(
        &format!(
            "deadline sweep ({:.0} clocks read)",
            get("sweep_clocks").unwrap_or(0.0)
        ),
        num(get("sweep_ms"), "ms"),
        format!("{} open clocks", num(get("open_clocks"), "")),
        String::new(),
        "≤ 1000 ms",
    );
    row(
        "  notifications written by it",
        num(get("sweep_notified"), ""),
        String::new(),
        String::new(),
        "> 0",
    );
    row(
        &format!(
            "  second sweep ({:.0} clocks the first left)",
            get("sweep_again_clocks").unwrap_or(0.0)
        ),
        num(get("sweep_again_ms"), "ms"),
        String::new(),
        String::new(),
        "",
    );
    row(
        "  a sweep that finds everyone told",
        num(get("sweep_told_ms"), "ms"),
        String::new(),
        String::new(),
        "",
    );
    row(
        "server memory (VmHWM) under filing",
        num(get("rss_hwm_mb"), "MB"),
        String::new(),
        String::new(),
        "≤ 150 MB",
    );
    row(
        "/healthz (requests/s)",
        num(get("healthz_per_s"), "/s"),
        format!("{} bare axum", num(get("bare_per_s"), "/s")),
        ratio(get("healthz_per_s"), get("bare_per_s")),
        "",
    );
    row(
        "seeding",
        num(get("seed_secs"), "s"),
        format!(
            "{} households/s",
            num(get("seed_secs").map(|s| households / s.max(0.001)), "")
        ),
        String::new(),
        "minutes",
    );
    if get("settle_secs").is_some() {
        row(
            "  then settled before the sweep (checkpoint or sync)",
            num(get("settle_secs"), "s"),
            String::new(),
            String::new(),
            "",
        );
    }
}
