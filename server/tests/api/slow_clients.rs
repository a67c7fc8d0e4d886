//! Slow clients against the real binary: hundreds of idle connections, headers dribbled in
//! (slowloris), bodies that never finish, connections kept alive and left idle. Each is cut
//! off by the header or body timeout while everyone else is answered at once.
use std::time::{Duration, Instant};

use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::TcpStream,
};

use crate::{
    helpers::{fresh_database_url, report_fields, QINGSHI_VILLAGE},
    spawned::{client_from, key_file, start},
};

/// Reads until the server closes; how long that took (`None`: still open after `limit`).
async fn closed_within(stream: &mut TcpStream, limit: Duration) -> Option<(Duration, String)> {
    let started = Instant::now();
    let mut seen = Vec::new();
    let mut buf = [0u8; 1024];
    loop {
        match tokio::time::timeout(
            limit.saturating_sub(started.elapsed()),
            stream.read(&mut buf),
        )
        .await
        {
            Err(_) => return None,
            Ok(Ok(0) | Err(_)) => {
                return Some((
                    started.elapsed(),
                    String::from_utf8_lossy(&seen).into_owned(),
                ))
            }
            Ok(Ok(n)) => seen.extend_from_slice(&buf[..n]),
        }
    }
}

#[tokio::test]
async fn idle_and_slow_connections_are_cut_off_while_everyone_else_is_served() {
    let url = fresh_database_url().await;
    let keys = key_file();
    let server = start(
        &url,
        &keys,
        &[("HEADER_TIMEOUT_SECS", "5"), ("REQUEST_TIMEOUT_SECS", "6")],
    )
    .await;
    let addr = server.addr.clone();

    // 300 connections that never send a byte.
    let mut idle = Vec::new();
    for _ in 0..300 {
        idle.push(TcpStream::connect(&addr).await.expect("connect"));
    }
    // 20 connections answered once, then kept alive and left idle.
    let mut kept_alive = Vec::new();
    for _ in 0..20 {
        let mut s = TcpStream::connect(&addr).await.expect("connect");
        s.write_all(format!("GET /healthz HTTP/1.1\r\nHost: {addr}\r\n\r\n").as_bytes())
            .await
            .expect("request");
        let mut buf = [0u8; 512];
        let n = s.read(&mut buf).await.expect("answer");
        assert!(buf[..n].starts_with(b"HTTP/1.1 200"));
        kept_alive.push(s);
    }
    // 20 slowloris connections: a header byte every 200 ms, for ever.
    let lorises: Vec<_> = (0..20)
        .map(|_| {
            let addr = addr.clone();
            tokio::spawn(async move {
                let mut s = TcpStream::connect(&addr).await.expect("connect");
                let head = format!("GET /healthz HTTP/1.1\r\nHost: {addr}\r\nX-Slow: ");
                s.write_all(head.as_bytes()).await.expect("head");
                let (mut reader, mut writer) = s.into_split();
                let dribble = tokio::spawn(async move {
                    while writer.write_all(b"a").await.is_ok() {
                        tokio::time::sleep(Duration::from_millis(200)).await;
                    }
                });
                let started = Instant::now();
                let mut buf = [0u8; 256];
                let cut =
                    tokio::time::timeout(Duration::from_secs(10), reader.read(&mut buf)).await;
                dribble.abort();
                (cut.is_ok(), started.elapsed())
            })
        })
        .collect();
    // 10 filings whose body stops half-way.
    let mut slow_bodies = Vec::new();
    for _ in 0..10 {
        let mut s = TcpStream::connect(&addr).await.expect("connect");
        s.write_all(
            format!(
                "POST /api/reports/submit HTTP/1.1\r\nHost: {addr}\r\nOrigin: {}\r\n\
                 Accept: application/json\r\nContent-Type: application/x-www-form-urlencoded\r\n\
                 Content-Length: 400\r\n\r\nform[name]=",
                server.base
            )
            .as_bytes(),
        )
        .await
        .expect("head");
        slow_bodies.push(s);
    }
    let opened = Instant::now();

    // Everyone else is answered at once, on fresh connections, while those are held open.
    for n in 0..10u8 {
        let asked = Instant::now();
        let client = client_from(&server.base, [127, 6, 0, n + 1], Duration::from_secs(5));
        let ok = client
            .get(format!("{}/healthz", server.base))
            .send()
            .await
            .expect("healthz");
        assert_eq!(ok.status(), 200);
        // Far sooner than any slow connection is cut off (5 s): nobody waits for them.
        assert!(
            asked.elapsed() < Duration::from_secs(2),
            "{:?}",
            asked.elapsed()
        );
    }
    let filed = client_from(&server.base, [127, 6, 1, 1], Duration::from_secs(5))
        .post(format!("{}/api/reports/submit", server.base))
        .form(&report_fields("快网户", "13344445555", QINGSHI_VILLAGE))
        .send()
        .await
        .expect("filing");
    assert_eq!(
        filed.status(),
        200,
        "a filing goes through beside the slow ones"
    );

    // The header timeout (5 s) closed the idle and kept-alive connections.
    for (n, s) in idle.iter_mut().chain(kept_alive.iter_mut()).enumerate() {
        let left = Duration::from_secs(9).saturating_sub(opened.elapsed());
        assert!(
            closed_within(s, left).await.is_some(),
            "idle connection {n} still open {:?} after it was opened",
            opened.elapsed()
        );
    }
    for loris in lorises {
        let (cut, after) = loris.await.expect("loris");
        assert!(cut, "a slowloris connection was still open after {after:?}");
        assert!(after < Duration::from_secs(7), "{after:?}");
    }
    // The body timeout (6 s) answered the unfinished filings 408; none was filed.
    for s in &mut slow_bodies {
        let (_, answer) = closed_within(s, Duration::from_secs(8))
            .await
            .expect("an unfinished body is cut off");
        assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    }
    let db = app::ssr::db::Db::open(&url).await.expect("database");
    let cases: i64 = sqlx::query_scalar("select count(*) from cases")
        .fetch_one(&db.pool)
        .await
        .expect("count");
    assert_eq!(cases, 1, "only the complete filing was stored");
    db.pool.close().await;
}
