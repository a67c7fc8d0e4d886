//! Attacks on the HTTP layer (issue 8): each is refused, and nothing is written.
use std::time::{Duration, Instant};

use app::ssr::proxies::TrustedProxies;
use reqwest::{header, redirect::Policy, StatusCode};
use serde_json::{json, Value};
use server::config::{Config, HttpConfig};
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::TcpStream,
};

use crate::helpers::{
    detail, fields, report_fields, spawn_app, spawn_app_configured, step, TestApp, PASSWORD,
    QINGSHI_VILLAGE,
};

const EVIL: &str = "https://evil.example";

/// Rows a request could have written: cases, case events, drafts, sessions, counted attempts.
async fn written(app: &TestApp) -> Vec<i64> {
    let mut counts = Vec::new();
    for table in [
        "cases",
        "case_events",
        "form_drafts",
        "sessions",
        "rate_limits",
    ] {
        let n: i64 = sqlx::query_scalar(&format!("select count(*) from {table}"))
            .fetch_one(&app.state.db.pool)
            .await
            .expect("count");
        counts.push(n);
    }
    counts
}

/// Sends `head` and then `chunks` over one connection, as a hostile client would, and returns
/// whatever came back before the server closed it (or 20 s passed).
async fn raw(app: &TestApp, head: &str, chunks: &[Vec<u8>]) -> String {
    let mut stream = TcpStream::connect(app.base.trim_start_matches("http://"))
        .await
        .expect("connect");
    stream.write_all(head.as_bytes()).await.expect("head");
    for chunk in chunks {
        // The server may hang up mid-body: that is the point.
        if stream.write_all(chunk).await.is_err() {
            break;
        }
    }
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(20), stream.read_to_end(&mut answer)).await;
    String::from_utf8_lossy(&answer).into_owned()
}

fn post_head(app: &TestApp, path: &str, accept: &str, length: &str) -> String {
    let host = app.base.trim_start_matches("http://");
    format!(
        "POST {path} HTTP/1.1\r\nHost: {host}\r\nOrigin: {}\r\nAccept: {accept}\r\n\
         Cookie: lang=en\r\nContent-Type: application/x-www-form-urlencoded\r\n{length}\r\n",
        app.base
    )
}

#[tokio::test]
async fn a_two_gigabyte_body_is_refused_without_being_read_and_nothing_is_stored() {
    let app = spawn_app().await;
    let before = written(&app).await;

    // Declared: refused on the headers, after 1 KB of the 2 GB arrived.
    let started = Instant::now();
    let declared = raw(
        &app,
        &post_head(
            &app,
            "/api/reports/submit",
            "text/html",
            "Content-Length: 2147483648\r\n",
        ),
        &[b"form[name]=".to_vec(), vec![b'a'; 1024]],
    )
    .await;
    assert!(
        declared.starts_with("HTTP/1.1 413"),
        "declared 2 GB: {declared}"
    );
    assert!(started.elapsed() < Duration::from_secs(10));
    // A form post gets a page in the visitor's language (the `lang=en` cookie).
    assert!(declared.contains("text/html"), "{declared}");
    assert!(declared.contains("too large"), "{declared}");

    // Streamed in chunks with no length: refused once it passes the 64 KB limit.
    let mut chunks = vec![b"b\r\nform[name]=\r\n".to_vec()];
    chunks.extend((0..100).map(|_| {
        let mut chunk = b"400\r\n".to_vec();
        chunk.extend(vec![b'a'; 1024]);
        chunk.extend(b"\r\n");
        chunk
    }));
    let streamed = raw(
        &app,
        &post_head(
            &app,
            "/api/reports/submit",
            "application/json",
            "Transfer-Encoding: chunked\r\n",
        ),
        &chunks,
    )
    .await;
    assert!(
        streamed.starts_with("HTTP/1.1 413"),
        "chunked past the limit: {streamed}"
    );
    // A script gets the wire error as JSON.
    assert!(streamed.contains("http.body_too_large"), "{streamed}");

    assert_eq!(written(&app).await, before, "nothing was stored");
}

#[tokio::test]
async fn only_the_department_list_import_takes_a_large_body() {
    let app = spawn_app().await;
    let department = app.login("bumen-minzheng").await;
    let before = written(&app).await;
    // 100 KB of list: over the default limit, well within the import's.
    let list = "钱大伯,13511113333\n".repeat(4_000);
    let upload = |csv: String| {
        department
            .client
            .post(department.url("/api/alerts/upload"))
            .header(header::ACCEPT, "application/json")
            .form(&[("csv", csv)])
            .send()
    };
    let accepted = upload(list.clone()).await.expect("request");
    assert_ne!(accepted.status(), StatusCode::PAYLOAD_TOO_LARGE);
    // The same 100 KB anywhere else is too much.
    let elsewhere = department
        .post_api("/api/queue/mine", &fields(&[("q", list.as_str())]))
        .await;
    assert_eq!(elsewhere.status(), StatusCode::PAYLOAD_TOO_LARGE);
    // And past the import's own limit (4 MiB) the import is refused too.
    let huge = upload("钱".repeat(2_000_000)).await.expect("request");
    assert_eq!(huge.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let counts = written(&app).await;
    assert_eq!(counts[2..], before[2..], "no drafts or sessions came of it");
}

/// Fails a sign-in with this `X-Forwarded-For` and returns the address it was counted against.
#[tokio::test]
async fn an_address_too_long_for_any_page_gets_414_in_words_not_a_closed_connection() {
    let app = spawn_app().await;
    for length in [9_000, 16_500, 40_000] {
        // Chinese typed into the address arrives percent-encoded.
        let typed = "查".repeat(length / 9);
        for path in [
            format!("/track?q={typed}"),
            format!("/{}", "a".repeat(length)),
        ] {
            let response = app
                .client
                .get(app.url(&path))
                .header(header::ACCEPT, "text/html")
                .send()
                .await
                .expect("an answer, not a closed connection");
            assert_eq!(response.status(), StatusCode::URI_TOO_LONG, "{length}");
            let page = response.text().await.expect("page");
            assert!(page.contains("网址太长"), "{length}: {page}");
        }
    }
    let fine = app
        .client
        .get(app.url("/track"))
        .send()
        .await
        .expect("page");
    assert_eq!(
        fine.status(),
        StatusCode::OK,
        "a normal address still opens"
    );
}

async fn address_counted_for(app: &TestApp, forwarded: &str) -> String {
    let response = app
        .client
        .post(app.url("/api/auth/login"))
        .header(header::ACCEPT, "application/json")
        .header("x-forwarded-for", forwarded)
        .form(&[("username", "xian-admin"), ("password", "not-the-password")])
        .send()
        .await
        .expect("request");
    assert_ne!(response.status(), StatusCode::OK);
    let addresses: Vec<String> = sqlx::query_scalar(
        "select substr(bucket, 15) from rate_limits where bucket like 'login-address:%'",
    )
    .fetch_all(&app.state.db.pool)
    .await
    .expect("attempts");
    sqlx::query("delete from rate_limits")
        .execute(&app.state.db.pool)
        .await
        .expect("clear");
    assert_eq!(addresses.len(), 1, "{addresses:?}");
    addresses[0].clone()
}

#[tokio::test]
async fn without_a_trusted_proxy_a_forwarded_address_is_ignored() {
    let app = spawn_app().await;
    // The test client connects from loopback, which used to be trusted blindly.
    assert_eq!(
        address_counted_for(&app, "203.0.113.9").await,
        "127.0.0.1",
        "the spoofed address is not believed"
    );
    assert_eq!(
        address_counted_for(&app, "198.51.100.1, 203.0.113.9").await,
        "127.0.0.1"
    );
}

#[tokio::test]
async fn behind_a_trusted_proxy_the_right_most_untrusted_hop_is_the_client() {
    let app = spawn_app_configured(|config| Config {
        http: HttpConfig {
            trusted_proxies: TrustedProxies::parse("127.0.0.0/8").expect("cidr"),
            ..HttpConfig::default()
        },
        ..config
    })
    .await;
    // The client wrote the first hop itself; the proxy appended the address it saw.
    assert_eq!(
        address_counted_for(&app, "198.51.100.1, 203.0.113.9").await,
        "203.0.113.9"
    );
    // Hops written by trusted proxies are skipped.
    assert_eq!(
        address_counted_for(&app, "203.0.113.9, 127.0.0.5").await,
        "203.0.113.9"
    );
    // With no header the proxy itself is all we know.
    let no_header = app
        .client
        .post(app.url("/api/auth/login"))
        .header(header::ACCEPT, "application/json")
        .form(&[("username", "xian-admin"), ("password", "not-the-password")])
        .send()
        .await
        .expect("request");
    assert_ne!(no_header.status(), StatusCode::OK);
    let address: String = sqlx::query_scalar(
        "select substr(bucket, 15) from rate_limits where bucket like 'login-address:%'",
    )
    .fetch_one(&app.state.db.pool)
    .await
    .expect("attempt");
    assert_eq!(address, "127.0.0.1");
}

/// A client that sends no `Origin` unless told (curl, a script, another server).
pub(crate) fn bare_client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(Policy::none())
        .timeout(Duration::from_secs(60))
        .build()
        .expect("client")
}

/// The session cookie of a fresh sign-in (`name=value`).
pub(crate) async fn session_cookie(app: &TestApp, username: &str) -> String {
    let response = bare_client()
        .post(app.url("/api/auth/login"))
        .header(header::ORIGIN, &app.base)
        .header(header::ACCEPT, "application/json")
        .form(&[("username", username), ("password", PASSWORD)])
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::OK);
    let cookie = response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("sn_session="))
        .expect("session cookie");
    cookie.split(';').next().expect("pair").to_owned()
}

async fn refusal_key(response: reqwest::Response) -> String {
    let body: Value = response.json().await.expect("json");
    body["Refused"]["key"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test]
async fn a_cross_site_post_is_refused_and_writes_nothing() {
    let app = spawn_app().await;
    let tracking = app
        .submit_report("张三", "13800138000", QINGSHI_VILLAGE)
        .await;
    let id = app.case_id_of(&tracking).await;
    let township = app.login("zhen-qingshi").await;
    let case = detail(&township, &id).await;
    let version = case["version"].as_i64().expect("version");
    let before = written(&app).await;

    // Sign-in from another site (login CSRF), right password: no session.
    let login = app
        .client
        .post(app.url("/api/auth/login"))
        .header(header::ORIGIN, EVIL)
        .header(header::ACCEPT, "text/html")
        .form(&[("username", "xian-admin"), ("password", PASSWORD)])
        .send()
        .await
        .expect("request");
    assert_eq!(login.status(), StatusCode::FORBIDDEN);
    assert!(login.headers().get(header::SET_COOKIE).is_none());
    assert!(login.text().await.expect("page").contains("其他网站"));

    // A case command riding on the officer's session.
    let command = township
        .client
        .post(township.url("/api/cases/command"))
        .header(header::ORIGIN, EVIL)
        .header(header::ACCEPT, "application/json")
        .form(&fields(&[
            ("case_id", id.as_str()),
            ("version", version.to_string().as_str()),
            ("form[kind]", "accept"),
        ]))
        .send()
        .await
        .expect("request");
    assert_eq!(command.status(), StatusCode::FORBIDDEN);
    assert_eq!(refusal_key(command).await, "http.cross_site");

    // The public report form, posted without JavaScript from another site.
    let report = app
        .client
        .post(app.url("/api/reports/submit"))
        .header(header::ORIGIN, EVIL)
        .header(header::ACCEPT, "text/html")
        .form(&report_fields("李四", "13900139000", QINGSHI_VILLAGE))
        .send()
        .await
        .expect("request");
    assert_eq!(report.status(), StatusCode::FORBIDDEN);

    // Sign-out from another site (logout CSRF); and browsers that only send fetch metadata.
    let logout = township
        .client
        .post(township.url("/api/auth/logout"))
        .header(header::ORIGIN, EVIL)
        .send()
        .await
        .expect("request");
    assert_eq!(logout.status(), StatusCode::FORBIDDEN);
    let metadata_only = bare_client()
        .post(app.url("/api/reports/submit"))
        .header("sec-fetch-site", "cross-site")
        .form(&report_fields("李四", "13900139000", QINGSHI_VILLAGE))
        .send()
        .await
        .expect("request");
    assert_eq!(metadata_only.status(), StatusCode::FORBIDDEN);

    assert_eq!(written(&app).await, before, "nothing was written");
    let after = detail(&township, &id).await;
    assert_eq!(after["version"], version, "the officer is still signed in");
    assert_eq!(after["state_zh"], case["state_zh"]);

    // The same command from our own pages goes through.
    let ours = step(&township, &id, version, &[("kind", "accept")]).await;
    assert_eq!(ours.status(), StatusCode::OK);
}

#[tokio::test]
async fn without_any_origin_only_a_json_api_call_passes() {
    let app = spawn_app().await;
    let cookie = session_cookie(&app, "bumen-minzheng").await;
    let before = written(&app).await;
    // A form post with neither Origin nor Sec-Fetch-Site is refused, session or not.
    let form = bare_client()
        .post(app.url("/api/reports/submit"))
        .header(header::COOKIE, &cookie)
        .form(&report_fields("李四", "13900139000", QINGSHI_VILLAGE))
        .send()
        .await
        .expect("request");
    assert_eq!(form.status(), StatusCode::FORBIDDEN);
    assert_eq!(written(&app).await, before);

    // A department's server pushing its list as JSON needs no Origin.
    let push = bare_client()
        .post(app.url("/api/alerts/push"))
        .header(header::COOKIE, &cookie)
        .header(header::ACCEPT, "application/json")
        .json(&json!({ "alerts": [] }))
        .send()
        .await
        .expect("request");
    assert_eq!(push.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_slow_client_is_cut_off_and_writes_nothing() {
    let app = spawn_app_configured(|config| Config {
        http: HttpConfig {
            header_timeout: Duration::from_secs(1),
            request_timeout: Duration::from_secs(1),
            ..HttpConfig::default()
        },
        ..config
    })
    .await;
    let before = written(&app).await;

    // Headers dribbled in (slowloris): the connection is closed.
    let started = Instant::now();
    let host = app.base.trim_start_matches("http://");
    let answer = raw(&app, &format!("GET / HTTP/1.1\r\nHost: {host}\r\n"), &[]).await;
    assert!(!answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(started.elapsed() < Duration::from_secs(10), "cut off");

    // A body that never finishes: 408, nothing filed.
    let started = Instant::now();
    let answer = raw(
        &app,
        &post_head(
            &app,
            "/api/reports/submit",
            "text/html",
            "Content-Length: 100\r\n",
        ),
        &[b"form[name]=".to_vec()],
    )
    .await;
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(started.elapsed() < Duration::from_secs(10), "cut off");
    assert_eq!(written(&app).await, before);
}

/// A report's fields sent as `text/plain`, `application/xml` or with no type (same site) are
/// refused as a body the site cannot read, in words, and file nothing; a form still files.
#[tokio::test]
async fn a_body_that_is_not_a_form_or_json_is_refused_and_writes_nothing() {
    let app = spawn_app().await;
    let before = written(&app).await;
    // The fields as a form would encode them, sent under another type.
    let mut encoded = reqwest::Url::parse("http://form/").expect("url");
    encoded
        .query_pairs_mut()
        .extend_pairs(report_fields("张三", "13800138000", QINGSHI_VILLAGE));
    let body = encoded.query().expect("fields").to_owned();
    for content_type in [Some("text/plain"), Some("application/xml"), None] {
        let mut request = app
            .client
            .post(app.url("/api/reports/submit"))
            .header(header::ACCEPT, "text/html")
            .body(body.clone());
        if let Some(content_type) = content_type {
            request = request.header(header::CONTENT_TYPE, content_type);
        }
        let response = request.send().await.expect("request");
        assert_eq!(
            response.status(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "{content_type:?}"
        );
        let page = response.text().await.expect("page");
        assert!(page.contains("没有保存任何内容"), "{page}");
        // A household reads what to do, not which encodings the site takes.
        assert!(!page.contains("JSON"), "{page}");
    }
    // Too large and of no type: its size is the first thing wrong (it got 415 and no word
    // of its size).
    let response = app
        .client
        .post(app.url("/api/reports/submit"))
        .header(header::ACCEPT, "text/html")
        .body(vec![b'a'; 10 * 1024 * 1024])
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(written(&app).await, before, "nothing filed");
    app.submit_report("张三", "13800138000", QINGSHI_VILLAGE)
        .await;
}
