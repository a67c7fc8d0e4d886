//! The real binary as a separate process for the fault tests: started with a key file and
//! settings in its environment, killed with SIGKILL, restarted on the same database.
use std::{
    io::{BufRead, BufReader},
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    time::Duration,
};

use app::ssr::{db::Db, vault::Vault};
use reqwest::header;

use crate::helpers::{report_fields, QINGSHI_VILLAGE};

/// A running server process; killed (SIGKILL) when dropped.
pub struct Spawned {
    child: Child,
    pub base: String,
    pub addr: String,
}

impl Drop for Spawned {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Spawned {
    /// SIGKILL: no shutdown, no drain, as a power cut or the OOM killer would end it.
    pub fn kill9(mut self) {
        let killed = Command::new("kill")
            .args(["-KILL", &self.child.id().to_string()])
            .status()
            .expect("kill");
        assert!(killed.success());
        let _ = self.child.wait();
    }
}

/// A fresh key file, shared by every process of one test (they read one database).
pub fn key_file() -> PathBuf {
    let path = crate::helpers::temp_path(".keys");
    server::keys::init_file(&path).expect("key file");
    path
}

/// The vault the spawned servers use, for reading what they sealed.
pub fn vault_of(keys: &Path) -> Vault {
    server::keys::load(&server::keys::KeySource::File(keys.to_owned()), false).expect("vault")
}

/// Starts the binary on `url` (demo county, no demo cases, no workers unless `envs` says
/// so) and waits until it prints where it listens.
pub async fn start(url: &str, keys: &Path, envs: &[(&str, &str)]) -> Spawned {
    let mut child = Command::new(env!("CARGO_BIN_EXE_server"))
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("DATABASE_URL", url)
        .env("SAFETY_NET_ADDR", "127.0.0.1:0")
        .env("SAFETY_NET_KEYS_FILE", keys)
        .env("SEED_DEMO", "1")
        .env("SEED_DEMO_CASES", "0")
        .env("WORKERS", "0")
        .env("RUST_LOG", "error")
        .envs(envs.iter().copied())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the server starts");
    keep_errors(&mut child);
    let base = listening_url(&mut child).await;
    let addr = base.trim_start_matches("http://").to_owned();
    Spawned { child, base, addr }
}

/// Waits until a started server prints where it listens, then keeps draining its output so it
/// never blocks on a full pipe.
pub async fn listening_url(child: &mut Child) -> String {
    listening_url_logging(child, None).await
}

/// [`listening_url`], keeping every later line of the server's log in `log`.
pub async fn listening_url_logging(
    child: &mut Child,
    log: Option<std::sync::Arc<std::sync::Mutex<String>>>,
) -> String {
    let stdout = child.stdout.take().expect("stdout");
    tokio::task::spawn_blocking(move || {
        let mut lines = BufReader::new(stdout).lines();
        let base = loop {
            let line = lines
                .next()
                .expect("the server prints its URL")
                .expect("line");
            if let Some((_, url)) = line.split_once("running: ") {
                break url.trim().to_owned();
            }
        };
        // Keep reading so the server never blocks on a full pipe.
        std::thread::spawn(move || {
            for line in lines.map_while(Result::ok) {
                if let Some(log) = &log {
                    let mut log = log.lock().expect("log");
                    log.push_str(&line);
                    log.push('\n');
                }
            }
        });
        base
    })
    .await
    .expect("reader")
}

/// The last error lines the spawned servers logged, so a failing assertion can name the
/// server's own cause (CI shows only the end of the output).
static SERVER_ERRORS: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());

/// Echoes the server's log to the test's stderr and keeps its last error lines.
fn keep_errors(child: &mut Child) {
    let stderr = child.stderr.take().expect("stderr");
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            eprintln!("{line}");
            if line.contains("ERROR") && !line.contains("answered 503") {
                let mut kept = SERVER_ERRORS.lock().unwrap_or_else(|p| p.into_inner());
                if kept.len() == 5 {
                    kept.remove(0);
                }
                kept.push(line);
            }
        }
    });
}

fn server_errors() -> String {
    SERVER_ERRORS
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .join("\n")
}

/// A client on one connection per request from its own loopback address (the per-address
/// limits count each apart), asking for JSON like the hydrated page.
pub fn client_from(base: &str, from: [u8; 4], timeout: Duration) -> reqwest::Client {
    let mut headers = header::HeaderMap::new();
    headers.insert(
        header::ORIGIN,
        header::HeaderValue::from_str(base).expect("origin"),
    );
    headers.insert(
        header::ACCEPT,
        header::HeaderValue::from_static("application/json"),
    );
    reqwest::Client::builder()
        .local_address(std::net::IpAddr::from(from))
        .default_headers(headers)
        .pool_max_idle_per_host(0)
        .timeout(timeout)
        .build()
        .expect("client")
}

/// What one household's filing went through: its mobile (unique per filing), the tracking
/// number it was finally given, and how many times it was sent.
#[derive(Debug, Clone)]
pub struct Filed {
    pub mobile: String,
    pub tracking: String,
    pub tries: u32,
}

/// Files one household's form the way the page does when the network or the server fails:
/// a key is asked for once, and the same form with the same key is sent again until it is
/// acknowledged. `base` is read before every try (a restarted server listens elsewhere).
/// Every answer other than 200 must be a clean refusal (`ok_failures` lists the statuses
/// allowed) and is recorded in `failures`.
pub async fn file_until_acknowledged(
    base: &std::sync::Arc<std::sync::RwLock<String>>,
    from: [u8; 4],
    mobile: String,
    ok_failures: &[u16],
    failures: &mut Vec<String>,
) -> Filed {
    let key = loop {
        let at = base.read().expect("base").clone();
        let answer = client_from(&at, from, Duration::from_secs(10))
            .post(format!("{at}/api/reports/new_key"))
            .send()
            .await;
        match answer {
            Ok(r) if r.status() == 200 => break r.json::<String>().await.expect("key"),
            Ok(r) => check_refusal(r, ok_failures, failures).await,
            Err(e) => failures.push(format!("key: {e}")),
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    resend_until_acknowledged(base, from, mobile, &key, 0, ok_failures, failures).await
}

/// The household's form with its key, as the page posts it.
pub fn keyed_form(mobile: &str, key: &str) -> Vec<(String, String)> {
    let mut form = report_fields("断电户", mobile, QINGSHI_VILLAGE);
    form.push(("form[key]".into(), key.to_owned()));
    form
}

/// Sends the keyed form until it is acknowledged; `sent_before` counts tries already made.
pub async fn resend_until_acknowledged(
    base: &std::sync::Arc<std::sync::RwLock<String>>,
    from: [u8; 4],
    mobile: String,
    key: &str,
    sent_before: u32,
    ok_failures: &[u16],
    failures: &mut Vec<String>,
) -> Filed {
    let form = keyed_form(&mobile, key);
    let mut tries = sent_before;
    loop {
        tries += 1;
        let at = base.read().expect("base").clone();
        let answer = client_from(&at, from, Duration::from_secs(10))
            .post(format!("{at}/api/reports/submit"))
            .form(&form)
            .send()
            .await;
        match answer {
            Ok(r) if r.status() == 200 => match r.json::<String>().await {
                Ok(tracking) => {
                    return Filed {
                        mobile,
                        tracking,
                        tries,
                    }
                }
                Err(e) => failures.push(format!("body cut off: {e}")),
            },
            Ok(r) => check_refusal(r, ok_failures, failures).await,
            Err(e) => failures.push(format!("submit: {e}")),
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// A refusal must be one the caller expects, with the typed error (never internal text).
async fn check_refusal(r: reqwest::Response, ok: &[u16], failures: &mut Vec<String>) {
    let status = r.status().as_u16();
    let body = r.text().await.unwrap_or_default();
    assert!(
        ok.contains(&status),
        "unexpected answer {status}: {body}; the servers' last errors:\n{}",
        server_errors()
    );
    if status == 503 {
        assert_eq!(
            serde_json::from_str::<app::wire::AppError>(&body).ok(),
            Some(app::wire::AppError::Unavailable),
            "a 503 carries the typed error: {body}"
        );
    }
    failures.push(format!("status {status}"));
}

/// Every filing acknowledged is in the database exactly once, under the number given.
pub async fn assert_each_filed_once(url: &str, keys: &Path, filed: &[Filed]) {
    let vault = vault_of(keys);
    let db = Db::open(url).await.expect("database");
    for f in filed {
        let index = vault.index(app::ssr::vault::Field::Mobile, &f.mobile);
        let numbers: Vec<String> = sqlx::query_scalar(
            "select tracking_number from cases where applicant_mobile_index = $1",
        )
        .bind(&index)
        .fetch_all(&db.pool)
        .await
        .expect("query");
        assert_eq!(
            numbers,
            vec![f.tracking.clone()],
            "filing of {} (sent {} times) must be there once, as acknowledged",
            f.mobile,
            f.tries
        );
    }
    db.pool.close().await;
}

/// Waits until `count` reaches `at_least` (the load has really run), at most 30 s.
pub async fn wait_for(count: &std::sync::atomic::AtomicUsize, at_least: usize) {
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    while count.load(std::sync::atomic::Ordering::SeqCst) < at_least {
        assert!(
            std::time::Instant::now() < deadline,
            "only {} filings acknowledged",
            count.load(std::sync::atomic::Ordering::SeqCst)
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
