//! SIGTERM during a filing load, on the real binary: `/readyz` turns red at once, a request
//! in flight is answered, no acknowledged filing is lost and no request fails.
use std::{
    process::{Command as Process, Stdio},
    sync::{
        atomic::{AtomicBool, Ordering},
        Arc,
    },
    time::{Duration, Instant},
};

use app::ssr::{db::Db, repo::cases as case_repo};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::helpers::{fresh_database_url, report_fields, QINGSHI_VILLAGE};

/// A client that opens a new connection per request, as many households' phones do, from
/// its own loopback address (the per-address filing limit counts each apart).
fn fresh_connection_client(base: &str, from: [u8; 4]) -> reqwest::Client {
    crate::spawned::client_from(base, from, Duration::from_secs(30))
}

fn form_body(fields: &[(String, String)]) -> String {
    fields
        .iter()
        .map(|(k, v)| {
            let enc = |s: &str| {
                s.bytes()
                    .map(|b| match b {
                        b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => {
                            (b as char).to_string()
                        }
                        _ => format!("%{b:02X}"),
                    })
                    .collect::<String>()
            };
            format!("{}={}", enc(k), enc(v))
        })
        .collect::<Vec<_>>()
        .join("&")
}

#[tokio::test]
async fn sigterm_during_a_filing_load_loses_no_acknowledged_filing_and_fails_no_request() {
    let url = fresh_database_url().await;
    let mut child = Process::new(env!("CARGO_BIN_EXE_server"))
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("DATABASE_URL", &url)
        .env("SAFETY_NET_ADDR", "127.0.0.1:0")
        .env("SEED_DEMO", "1")
        .env("SEED_DEMO_CASES", "0")
        .env("WORKERS", "1")
        .env("SHUTDOWN_DELAY_SECS", "2")
        .env("SHUTDOWN_TIMEOUT_SECS", "10")
        .env("RUST_LOG", "warn")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the server starts");
    let log = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let base = crate::spawned::listening_url_logging(&mut child, Some(log.clone())).await;
    let addr = base.trim_start_matches("http://").to_owned();
    let probe = fresh_connection_client(&base, [127, 0, 0, 1]);
    let ready = probe
        .get(format!("{base}/readyz"))
        .send()
        .await
        .expect("readyz");
    assert_eq!(ready.status(), 200);

    // The load: filings back to back until the server says it is going away.
    let draining = Arc::new(AtomicBool::new(false));
    let loaders: Vec<_> = (0..6)
        .map(|worker| {
            let base = base.clone();
            let draining = draining.clone();
            tokio::spawn(async move {
                let (mut acknowledged, mut failed) = (Vec::new(), Vec::new());
                let mut i: u32 = 0;
                while !draining.load(Ordering::SeqCst) {
                    i += 1;
                    let client =
                        fresh_connection_client(&base, [127, 1, worker, (i % 250 + 1) as u8]);
                    let mobile = format!("137{worker:02}{i:06}");
                    let answer = client
                        .post(format!("{base}/api/reports/submit"))
                        .form(&report_fields("停机户", &mobile, QINGSHI_VILLAGE))
                        .send()
                        .await;
                    match answer {
                        Ok(r) if r.status() == 200 => match r.json::<String>().await {
                            Ok(tracking) => acknowledged.push(tracking),
                            Err(e) => failed.push(format!("body cut off: {e}")),
                        },
                        Ok(r) => failed.push(format!("status {}", r.status())),
                        Err(e) => failed.push(format!("{e:?}")),
                    }
                }
                (acknowledged, failed)
            })
        })
        .collect();

    // One filing whose body is still arriving when the listener closes.
    let body = form_body(&report_fields("慢网户", "13699990001", QINGSHI_VILLAGE));
    let mut slow = tokio::net::TcpStream::connect(&addr)
        .await
        .expect("connect");
    let head = format!(
        "POST /api/reports/submit HTTP/1.1\r\nHost: {addr}\r\nOrigin: {base}\r\n\
         Accept: application/json\r\nContent-Type: application/x-www-form-urlencoded\r\n\
         Content-Length: {}\r\n\r\n",
        body.len()
    );
    slow.write_all(head.as_bytes()).await.expect("head");
    let (first, rest) = body.split_at(body.len() / 2);
    slow.write_all(first.as_bytes()).await.expect("first half");

    tokio::time::sleep(Duration::from_millis(1500)).await;
    let pid = child.id().to_string();
    let signalled = Instant::now();
    let kill = Process::new("kill")
        .args(["-TERM", &pid])
        .status()
        .expect("kill");
    assert!(kill.success());

    // Red at once (while requests are still served during SHUTDOWN_DELAY_SECS).
    loop {
        let status = probe
            .get(format!("{base}/readyz"))
            .send()
            .await
            .expect("readyz answers during the delay")
            .status();
        if status == 503 {
            break;
        }
        assert!(
            signalled.elapsed() < Duration::from_secs(1),
            "/readyz still {status} after SIGTERM"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    // The load balancer's part: no new requests once it reads red.
    draining.store(true, Ordering::SeqCst);

    // The slow filing's second half arrives after the listener closed.
    tokio::time::sleep(Duration::from_millis(2500)).await;
    slow.write_all(rest.as_bytes()).await.expect("second half");
    let mut answer = String::new();
    slow.read_to_string(&mut answer).await.expect("answer");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(
        answer.to_ascii_lowercase().contains("connection: close"),
        "{answer}"
    );
    let slow_tracking = answer
        .rsplit("\r\n\r\n")
        .next()
        .expect("body")
        .trim()
        .trim_matches('"')
        .to_owned();

    let (mut acknowledged, mut failed) = (vec![slow_tracking], Vec::new());
    for loader in loaders {
        let (ok, bad) = loader.await.expect("loader");
        acknowledged.extend(ok);
        failed.extend(bad);
    }
    assert!(failed.is_empty(), "requests failed: {failed:?}");
    assert!(
        acknowledged.len() > 6,
        "the load ran: {}",
        acknowledged.len()
    );

    let deadline = Instant::now() + Duration::from_secs(30);
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        assert!(Instant::now() < deadline, "the server did not stop");
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert!(status.success(), "stopped with {status}");
    // The drain's 503s are the server saying it stops, not errors: each restart paged whoever
    // alerts on ERROR lines (admin tester).
    tokio::time::sleep(Duration::from_millis(200)).await;
    let logged = log.lock().expect("log").clone();
    let lines_with_503 = |level: &str| {
        logged
            .lines()
            .filter(|l| l.contains(level) && l.contains("503"))
            .count()
    };
    assert!(lines_with_503("WARN") > 0, "the 503s are logged: {logged}");
    assert_eq!(lines_with_503("ERROR"), 0, "{logged}");
    assert!(
        tokio::net::TcpStream::connect(&addr).await.is_err(),
        "nothing listens any more"
    );

    let db = Db::connect(&url).await.expect("database");
    for tracking in &acknowledged {
        assert!(
            case_repo::id_by_tracking(&db.pool, tracking)
                .await
                .expect("query")
                .is_some(),
            "acknowledged filing {tracking} is not in the database"
        );
    }
}
