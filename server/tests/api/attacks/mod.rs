//! Issue 8, abuse resistance: one test per attack, each asserting the refusal and that nothing
//! was written. Callers at different addresses connect from different loopback addresses
//! (127.0.0.x), so no forwarded-for header (trusted or not) is involved.
mod duplicates_by_filing;
mod filing;
mod forged_errors;
mod keys_and_lookups;
mod numbers_in_reasons;
mod paused_lookups;
mod refused_reads;
mod sign_in;
mod stopped_account_keys;
use std::net::{IpAddr, Ipv4Addr};

use reqwest::{header, redirect::Policy};

use crate::helpers::{fields, report_fields, spawn_app, TestApp, PASSWORD, QINGSHI_VILLAGE};

const ADMIN: &str = "xian-admin";

/// A caller on the app's own page whose connections come from 127.0.0.`last`.
fn caller_at(app: &TestApp, last: u8) -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        reqwest::header::ORIGIN,
        reqwest::header::HeaderValue::from_str(&app.base).expect("origin"),
    );
    reqwest::Client::builder()
        .local_address(IpAddr::V4(Ipv4Addr::new(127, 0, 0, last)))
        .default_headers(headers)
        .cookie_store(true)
        .redirect(Policy::none())
        .timeout(std::time::Duration::from_secs(120))
        .build()
        .expect("client")
}

fn sign_in_request(
    app: &TestApp,
    client: &reqwest::Client,
    user: &str,
    password: &str,
) -> reqwest::RequestBuilder {
    client
        .post(app.url("/api/auth/login"))
        .header(header::ACCEPT, "application/json")
        .form(&fields(&[("username", user), ("password", password)]))
}

async fn sign_in(app: &TestApp, client: &reqwest::Client, user: &str, password: &str) -> u16 {
    sign_in_request(app, client, user, password)
        .send()
        .await
        .expect("request")
        .status()
        .as_u16()
}

/// Sends all the requests at once; their statuses, in no particular order.
async fn burst(requests: Vec<reqwest::RequestBuilder>) -> Vec<u16> {
    let mut set = tokio::task::JoinSet::new();
    for request in requests {
        set.spawn(async move { request.send().await.expect("request").status().as_u16() });
    }
    set.join_all().await
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(&app.state.db.pool)
        .await
        .expect("count")
}

/// How many of the statuses are `code`.
fn how_many(statuses: &[u16], code: u16) -> usize {
    statuses.iter().filter(|s| **s == code).count()
}
