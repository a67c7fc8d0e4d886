//! HTTP load against a running server: `/healthz` requests per second, self-reports filed
//! per second (closed loop at full speed, then open loop at half of it for latencies), and
//! the staff queue page as a signed-in county officer.
use std::{
    net::{IpAddr, Ipv4Addr, SocketAddr},
    sync::{
        atomic::{AtomicBool, AtomicUsize, Ordering},
        Arc,
    },
    time::{Duration, Instant},
};

use crate::{
    households::{id_number, villages},
    http::{form, Conn},
    results::{Latencies, Results},
};

/// Requests per second over `seconds`, `clients` keep-alive connections asking `path`.
pub async fn requests_per_second(
    server: SocketAddr,
    path: &str,
    clients: usize,
    seconds: u64,
) -> f64 {
    let stop = Arc::new(AtomicBool::new(false));
    let done = Arc::new(AtomicUsize::new(0));
    let tasks: Vec<_> = (0..clients)
        .map(|_| {
            let (stop, done, path) = (stop.clone(), done.clone(), path.to_owned());
            tokio::spawn(async move {
                let mut conn = Conn::open(server, None).await.expect("connect");
                while !stop.load(Ordering::Relaxed) {
                    let r = conn.send("GET", &path, &[], b"").await.expect("request");
                    assert_eq!(r.status, 200, "{path}");
                    done.fetch_add(1, Ordering::Relaxed);
                }
            })
        })
        .collect();
    // A second of warm-up, then the count.
    tokio::time::sleep(Duration::from_secs(1)).await;
    let (start, before) = (Instant::now(), done.load(Ordering::Relaxed));
    tokio::time::sleep(Duration::from_secs(seconds)).await;
    let rate = (done.load(Ordering::Relaxed) - before) as f64 / start.elapsed().as_secs_f64();
    stop.store(true, Ordering::Relaxed);
    for t in tasks {
        t.await.expect("client");
    }
    rate
}

/// Filing `n`'s own loopback address: 127.a.b.c, one per filing.
fn address_of(n: usize) -> IpAddr {
    let c = (n % 250 + 1) as u8;
    let b = ((n / 250) % 256) as u8;
    let a = ((n / 250 / 256) % 250 + 1) as u8;
    IpAddr::V4(Ipv4Addr::new(127, a, b, c))
}

/// Filings a closed-loop client sends on one keep-alive connection (one address) before it
/// opens the next: under the per-address daily limit (20), and the TCP set-up of a new
/// connection is not what the comparison with the raw inserts (pooled connections) is about.
const FILINGS_PER_CONNECTION: usize = 10;

/// One self-report of a household never seen before (filing number `n`) on `conn`.
/// Ok(true) when acknowledged.
async fn file_on(conn: &mut Conn, origin: &str, n: usize, close: bool) -> std::io::Result<bool> {
    let village = villages()[n % 12].0;
    let mobile = format!("137{n:08}");
    let body = form(&[
        ("form[name]", &format!("压测户{n}")),
        ("form[mobile]", &mobile),
        ("form[id_number]", &id_number("522727", 2_000_000 + n)),
        ("form[village]", village),
        ("form[household_size]", "4"),
        ("form[risk_types][0]", "illness"),
        ("form[risk_types][6]", "unstable_employment"),
        ("form[description]", "父亲住院，看病花了很多钱"),
        ("form[consent]", "on"),
    ]);
    let mut headers = vec![
        ("Origin", origin),
        ("Accept", "application/json"),
        ("Content-Type", "application/x-www-form-urlencoded"),
    ];
    if close {
        headers.push(("Connection", "close"));
    }
    let r = conn
        .send("POST", "/api/reports/submit", &headers, body.as_bytes())
        .await?;
    if r.status != 200 {
        eprintln!(
            "filing {n}: status {} {}",
            r.status,
            String::from_utf8_lossy(&r.body)
                .chars()
                .take(200)
                .collect::<String>()
        );
    }
    Ok(r.status == 200)
}

/// Filing `n` on a new connection from its own address, as a phone files it.
async fn file_one(server: SocketAddr, origin: &str, n: usize) -> std::io::Result<bool> {
    let mut conn = Conn::open(server, Some(address_of(n))).await?;
    file_on(&mut conn, origin, n, true).await
}

/// Filings numbered from `first`: the closed-loop maximum with `clients` at once, then an
/// open loop at half that rate for the latencies. Returns the next unused filing number.
pub async fn filings(
    server: SocketAddr,
    clients: usize,
    seconds: u64,
    first: usize,
    out: &mut Results,
) -> usize {
    let origin = format!("http://{server}");
    let next = Arc::new(AtomicUsize::new(first));
    let ok = Arc::new(AtomicUsize::new(0));
    let failed = Arc::new(AtomicUsize::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let tasks: Vec<_> = (0..clients)
        .map(|_| {
            let (next, ok, failed, stop, origin) = (
                next.clone(),
                ok.clone(),
                failed.clone(),
                stop.clone(),
                origin.clone(),
            );
            tokio::spawn(async move {
                let mut conn: Option<Conn> = None;
                let mut used = 0;
                while !stop.load(Ordering::Relaxed) {
                    let n = next.fetch_add(1, Ordering::Relaxed);
                    if conn.is_none() || used == FILINGS_PER_CONNECTION {
                        // The first filing's number names the connection's address.
                        conn = Conn::open(server, Some(address_of(n))).await.ok();
                        used = 0;
                    }
                    let Some(c) = conn.as_mut() else {
                        failed.fetch_add(1, Ordering::Relaxed);
                        continue;
                    };
                    used += 1;
                    match file_on(c, &origin, n, false).await {
                        Ok(true) => ok.fetch_add(1, Ordering::Relaxed),
                        Ok(false) => failed.fetch_add(1, Ordering::Relaxed),
                        Err(_) => {
                            conn = None;
                            failed.fetch_add(1, Ordering::Relaxed)
                        }
                    };
                }
            })
        })
        .collect();
    tokio::time::sleep(Duration::from_secs(1)).await;
    let (start, before) = (Instant::now(), ok.load(Ordering::Relaxed));
    tokio::time::sleep(Duration::from_secs(seconds)).await;
    let max = (ok.load(Ordering::Relaxed) - before) as f64 / start.elapsed().as_secs_f64();
    stop.store(true, Ordering::Relaxed);
    for t in tasks {
        t.await.expect("filer");
    }
    out.put("filing_max_per_s", max);

    // Open loop: each filing starts at its scheduled time whatever the others do; its
    // latency counts from that time (no coordinated omission).
    let rate = (max / 2.0).max(1.0);
    let count = (rate * seconds as f64) as usize;
    let start_n = next.load(Ordering::Relaxed);
    let t0 = tokio::time::Instant::now() + Duration::from_millis(100);
    let tasks: Vec<_> = (0..count)
        .map(|k| {
            let origin = origin.clone();
            let at = t0 + Duration::from_secs_f64(k as f64 / rate);
            tokio::spawn(async move {
                tokio::time::sleep_until(at).await;
                let acknowledged = file_one(server, &origin, start_n + k).await;
                (at.elapsed(), matches!(acknowledged, Ok(true)))
            })
        })
        .collect();
    let mut latencies = Latencies::default();
    let mut errors = failed.load(Ordering::Relaxed);
    for t in tasks {
        let (took, acknowledged) = t.await.expect("filer");
        latencies.record(took);
        errors += usize::from(!acknowledged);
    }
    out.put("filing_rate_per_s", rate);
    for (key, q) in [("p50", 0.50), ("p95", 0.95), ("p99", 0.99)] {
        out.put(&format!("filing_{key}_ms"), latencies.ms(q));
    }
    out.put("filing_errors", errors as f64);
    start_n + count
}

/// A session cookie for `username` (`name=value` of the session's Set-Cookie).
pub async fn sign_in(server: SocketAddr, username: &str, password: &str) -> String {
    let origin = format!("http://{server}");
    let mut conn = Conn::open(server, None).await.expect("connect");
    let body = form(&[("username", username), ("password", password)]);
    let r = conn
        .send(
            "POST",
            "/api/auth/login",
            &[
                ("Origin", &origin),
                ("Accept", "application/json"),
                ("Content-Type", "application/x-www-form-urlencoded"),
            ],
            body.as_bytes(),
        )
        .await
        .expect("login");
    assert_eq!(r.status, 200, "login of {username}");
    r.header("set-cookie")
        .filter_map(|c| c.split(';').next())
        .map(str::to_owned)
        .collect::<Vec<_>>()
        .join("; ")
}

/// The cursor `pages` pages into the county officer's 全部 tab, following `next`.
pub async fn deep_cursor(server: SocketAddr, cookie: &str, pages: usize) -> String {
    let origin = format!("http://{server}");
    let mut conn = Conn::open(server, None).await.expect("connect");
    let mut after = String::new();
    for _ in 0..pages {
        let body = form(&[("tab", "all"), ("after", &after)]);
        let r = conn
            .send(
                "POST",
                "/api/queue/mine",
                &[
                    ("Origin", &origin),
                    ("Cookie", cookie),
                    ("Accept", "application/json"),
                    ("Content-Type", "application/x-www-form-urlencoded"),
                ],
                body.as_bytes(),
            )
            .await
            .expect("queue page");
        assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
        let view: serde_json::Value = serde_json::from_slice(&r.body).expect("queue JSON");
        after = view["next"].as_str().expect("a next page").to_owned();
    }
    after
}

/// One `GET path` on `conn` as the signed-in officer, the whole page read; the time it took.
/// On the `first` fetch, `expect` must appear in the page.
pub async fn page_once(
    conn: &mut Conn,
    cookie: &str,
    path: &str,
    expect: &str,
    first: bool,
) -> Duration {
    let started = Instant::now();
    let r = conn
        .send(
            "GET",
            path,
            &[("Cookie", cookie), ("Accept", "text/html")],
            b"",
        )
        .await
        .expect("page");
    let took = started.elapsed();
    assert_eq!(r.status, 200, "{path}");
    if first {
        let html = String::from_utf8_lossy(&r.body);
        assert!(html.contains(expect), "{path}: {expect:?} not in the page");
    }
    took
}
