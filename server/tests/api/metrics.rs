//! `/metrics`: Prometheus text on its own listener, figures read from the database.
use crate::helpers::{spawn_app_configured, QINGSHI_VILLAGE};
use server::config::Config;

async fn scrape(url: &str) -> String {
    let response = reqwest::get(format!("{url}/metrics"))
        .await
        .expect("scrape");
    assert_eq!(response.status(), 200);
    response.text().await.expect("body")
}

/// The value of the sample whose name and labels start with `prefix`, if present.
fn sample(text: &str, prefix: &str) -> Option<f64> {
    text.lines()
        .find(|line| line.starts_with(prefix))
        .and_then(|line| line.rsplit(' ').next())
        .and_then(|v| v.parse().ok())
}

#[tokio::test]
async fn metrics_report_filings_open_cases_and_requests_on_their_own_listener_only() {
    let app = spawn_app_configured(|config| Config {
        metrics_addr: Some("127.0.0.1:0".parse().expect("addr")),
        ..config
    })
    .await;
    let metrics = app.metrics.clone().expect("a metrics listener");
    app.submit_report("张三", "13800138000", QINGSHI_VILLAGE)
        .await;
    app.submit_report("李四", "13800138001", QINGSHI_VILLAGE)
        .await;

    let text = scrape(&metrics).await;
    assert_eq!(
        sample(&text, "safety_net_filings{channel=\"self_report\"}"),
        Some(2.0),
        "{text}"
    );
    assert_eq!(
        sample(&text, "safety_net_open_cases{state=\"reported\"}"),
        Some(2.0),
        "{text}"
    );
    assert_eq!(sample(&text, "safety_net_database_up"), Some(1.0));
    assert!(
        text.lines().any(|l| l.starts_with("http_requests_total{")
            && l.contains("route=\"/api/reports/submit\"")
            && l.contains("status=\"200\"")),
        "request counter by route pattern: {text}"
    );
    assert!(
        text.contains("http_request_duration_seconds_bucket{"),
        "{text}"
    );
    assert!(sample(&text, "safety_net_db_pool_connections").is_some_and(|n| n >= 1.0));

    // Not on the public listener: the address households reach never shows it.
    let public = app
        .client
        .get(app.url("/metrics"))
        .send()
        .await
        .expect("get");
    assert_eq!(public.status(), 404);
}
