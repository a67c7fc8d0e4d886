//! `/metrics` in the Prometheus text format, on its own listener (`METRICS_ADDR`), never on
//! the public one: request counts and latency by route come from a middleware on the app;
//! case, clock and outbox figures are read from the database at scrape time, so every app
//! server behind a load balancer reports the same ones.
use std::{
    collections::BTreeSet,
    sync::{Mutex, OnceLock},
    time::Instant,
};

use app::ssr::{services::stats, state::AppState};
use axum::{
    extract::{MatchedPath, Request, State},
    http::StatusCode,
    middleware::Next,
    response::{IntoResponse, Response},
    routing::get,
    Router,
};
use metrics::{counter, gauge, histogram};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};

/// Latency buckets in seconds: a page should answer well under a second on a county's server.
const LATENCY_BUCKETS: [f64; 11] = [
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

/// The process-wide recorder, installed on first use (one per process, however many
/// applications a test builds).
pub fn handle() -> &'static PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE.get_or_init(|| {
        let builder = PrometheusBuilder::new()
            .set_buckets_for_metric(Matcher::Suffix("_seconds".into()), &LATENCY_BUCKETS)
            .expect("non-empty buckets");
        match builder.install_recorder() {
            Ok(handle) => handle,
            // Another recorder is already global (a test harness): keep ours unattached.
            Err(_) => PrometheusBuilder::new().build_recorder().handle(),
        }
    })
}

/// Counts each request and times it, labelled by the route pattern (never the raw path,
/// which could hold a tracking number).
pub async fn track(request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_else(|| "unmatched".to_owned());
    let method = request.method().as_str().to_owned();
    let started = Instant::now();
    let response = next.run(request).await;
    let status = response.status().as_u16().to_string();
    histogram!("http_request_duration_seconds", "route" => route.clone(), "method" => method.clone())
        .record(started.elapsed().as_secs_f64());
    counter!("http_requests_total", "route" => route, "method" => method, "status" => status)
        .increment(1);
    response
}

/// How long one deadline sweep took (recorded by the worker).
pub fn record_sweep(seconds: f64) {
    histogram!("safety_net_sweep_duration_seconds").record(seconds);
}

/// The metrics listener's router.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/metrics", get(scrape))
        .with_state(state)
}

async fn scrape(State(state): State<AppState>) -> Response {
    let now = state.clock.now();
    match stats::operational_counts(&state, now).await {
        Ok(counts) => publish(&counts),
        Err(e) => {
            tracing::warn!(error = ?e, "metrics: database figures unavailable");
            gauge!("safety_net_database_up").set(0.0);
            return (StatusCode::SERVICE_UNAVAILABLE, handle().render()).into_response();
        }
    }
    gauge!("safety_net_database_up").set(1.0);
    let pool = &state.db.pool;
    gauge!("safety_net_db_pool_connections").set(f64::from(pool.size()));
    gauge!("safety_net_db_pool_idle").set(pool.num_idle() as f64);
    (
        [("content-type", "text/plain; version=0.0.4; charset=utf-8")],
        handle().render(),
    )
        .into_response()
}

/// One gauge family: its name, label keys, and the values by label set.
type Family = (
    &'static str,
    &'static [&'static str],
    Vec<(Vec<String>, i64)>,
);

fn publish(counts: &stats::OperationalCounts) {
    let one = |rows: &[(String, i64)]| -> Vec<(Vec<String>, i64)> {
        rows.iter().map(|(l, n)| (vec![l.clone()], *n)).collect()
    };
    let outbox: Vec<(Vec<String>, i64)> = counts
        .outbox
        .iter()
        .map(|(c, s, n)| (vec![c.clone(), s.clone()], *n))
        .collect();
    let families: [Family; 4] = [
        (
            "safety_net_filings",
            &["channel"],
            one(&counts.filings_by_channel),
        ),
        (
            "safety_net_open_cases",
            &["state"],
            one(&counts.open_by_state),
        ),
        (
            "safety_net_overdue_clocks",
            &["level"],
            one(&counts.overdue_by_level),
        ),
        ("safety_net_outbox_messages", &["channel", "status"], outbox),
    ];
    // A label set that disappears from the database (its count fell to zero) must read 0,
    // not keep its last value: remember every label set published.
    static SEEN: Mutex<BTreeSet<(&'static str, Vec<String>)>> = Mutex::new(BTreeSet::new());
    let mut seen = SEEN.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    for (name, keys, rows) in families {
        let mut now_seen = BTreeSet::new();
        for (values, n) in rows {
            set(name, keys, &values, n as f64);
            now_seen.insert(values);
        }
        for (_, values) in seen
            .iter()
            .filter(|(n, v)| *n == name && !now_seen.contains(v))
        {
            set(name, keys, values, 0.0);
        }
        seen.extend(now_seen.into_iter().map(|v| (name, v)));
    }
}

fn set(name: &'static str, keys: &[&'static str], values: &[String], value: f64) {
    let labels: Vec<metrics::Label> = keys
        .iter()
        .zip(values)
        .map(|(k, v)| metrics::Label::new(*k, v.clone()))
        .collect();
    gauge!(name, labels).set(value);
}
