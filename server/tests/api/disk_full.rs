//! A full disk under SQLite. The server runs with `SQLITE_MAX_PAGE_COUNT` (a test-only cap:
//! the file cannot grow, as on a full disk). Filing is refused with 503 and a plain message,
//! a form posted without JavaScript comes back filled in, the file stays sound, and once
//! there is room again filings go through and none acknowledged is missing.
use std::time::Duration;

use app::{ssr::db::Db, wire::AppError};
use reqwest::{header, redirect::Policy};

use crate::{
    helpers::{fresh_database_url, report_fields, QINGSHI_VILLAGE},
    spawned::{assert_each_filed_once, client_from, key_file, start, Filed},
};

async fn page_count(url: &str) -> i64 {
    let db = Db::open(url).await.expect("database");
    let pages: i64 = sqlx::query_scalar("pragma page_count")
        .fetch_one(&db.pool)
        .await
        .expect("page count");
    db.pool.close().await;
    pages
}

#[tokio::test]
async fn a_full_disk_refuses_filings_cleanly_keeps_the_form_and_corrupts_nothing() {
    if std::env::var("TEST_POSTGRES_URL").is_ok_and(|u| !u.is_empty()) {
        println!("skipped: the disk-full test is for SQLite (PostgreSQL's disk is the DBA's)");
        return;
    }
    let url = fresh_database_url().await;
    let keys = key_file();
    // First start: migrated and seeded, then the disk has room for a few filings only.
    start(&url, &keys, &[]).await.kill9();
    let cap = (page_count(&url).await + 40).to_string();
    let server = start(&url, &keys, &[("SQLITE_MAX_PAGE_COUNT", cap.as_str())]).await;

    let mut filed = Vec::new();
    let refusal = loop {
        let n = u32::try_from(filed.len()).expect("count");
        assert!(n < 2_000, "the capped database never filled up");
        let mobile = format!("1330{n:07}");
        let from = [127, 7, (n / 250) as u8, (n % 250 + 1) as u8];
        let answer = client_from(&server.base, from, Duration::from_secs(10))
            .post(format!("{}/api/reports/submit", server.base))
            .form(&report_fields("满盘户", &mobile, QINGSHI_VILLAGE))
            .send()
            .await
            .expect("an answer, full disk or not");
        if answer.status() != 200 {
            break answer;
        }
        let tracking: String = answer.json().await.expect("tracking");
        filed.push(Filed {
            mobile,
            tracking,
            tries: 1,
        });
    };
    assert_eq!(refusal.status(), 503);
    let body = refusal.text().await.expect("body");
    assert_eq!(
        serde_json::from_str::<AppError>(&body).ok(),
        Some(AppError::Unavailable),
        "the typed error, no internal text: {body}"
    );
    assert!(
        !filed.is_empty(),
        "some filings fitted before the disk filled"
    );

    // Without JavaScript: the browser is sent back to the form, filled in, with the reason.
    let browser = reqwest::Client::builder()
        .redirect(Policy::none())
        // Its draft comes back only to the browser holding the draft cookie.
        .cookie_store(true)
        .local_address(std::net::IpAddr::from([127, 7, 200, 1]))
        .build()
        .expect("client");
    let posted = browser
        .post(format!("{}/api/reports/submit", server.base))
        .header(header::ORIGIN, &server.base)
        .header(header::ACCEPT, "text/html,application/xhtml+xml")
        .header(header::REFERER, format!("{}/report", server.base))
        .form(&report_fields("存表户", "13312345678", QINGSHI_VILLAGE))
        .send()
        .await
        .expect("posted");
    assert_eq!(posted.status(), 302);
    let location = posted.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned();
    assert!(location.starts_with("/report?draft="), "{location}");
    let page = browser
        .get(format!("{}{location}", server.base))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("html");
    assert!(page.contains("value=\"存表户\""), "name kept");
    assert!(page.contains("value=\"13312345678\""), "mobile kept");
    assert!(page.contains("父亲住院"), "description kept");
    assert!(
        page.contains(AppError::Unavailable.zh()),
        "the reason is shown"
    );

    // Killed while full: the file is sound.
    server.kill9();
    let db = Db::open(&url).await.expect("database");
    let check: String = sqlx::query_scalar("pragma integrity_check")
        .fetch_one(&db.pool)
        .await
        .expect("integrity check");
    assert_eq!(check, "ok");
    db.pool.close().await;

    // Room again: filings go through, and every acknowledged one is there once.
    let server = start(&url, &keys, &[]).await;
    let answer = client_from(&server.base, [127, 7, 201, 1], Duration::from_secs(10))
        .post(format!("{}/api/reports/submit", server.base))
        .form(&report_fields("存表户", "13312345678", QINGSHI_VILLAGE))
        .send()
        .await
        .expect("filed");
    assert_eq!(answer.status(), 200);
    filed.push(Filed {
        mobile: "13312345678".into(),
        tracking: answer.json().await.expect("tracking"),
        tries: 2,
    });
    assert_each_filed_once(&url, &keys, &filed).await;
    drop(server);
}
