//! The sample nginx configuration (`deploy/nginx-safety-net.conf`) in front of the server:
//! Debian's nginx terminates TLS with a self-signed certificate; through it a household files
//! and an officer signs in with `SECURE_COOKIES=1` and HSTS, and the address the limits count
//! is the client's own, whatever `X-Forwarded-For` it sends.
//! Needs `nginx`, `openssl` and `curl` (scripts/test.sh installs nginx and sets
//! `REQUIRE_NGINX=1`; elsewhere the test returns when nginx is missing).
use std::{
    path::{Path, PathBuf},
    process::{Child, Command as Process, Stdio},
    time::Duration,
};

use server::config::{Config, HttpConfig};

use crate::helpers::{report_fields, spawn_app_configured, TestApp, PASSWORD, QINGSHI_VILLAGE};

fn nginx() -> Option<PathBuf> {
    ["/usr/sbin/nginx", "/usr/bin/nginx"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.exists())
}

/// Two distinct free ports: both listeners are held until both are read (one after the other,
/// the second could get the port the first just let go; nginx then merged the HTTP server into
/// the HTTPS one and refused to start for want of its certificate).
fn free_ports() -> (u16, u16) {
    let bind = || std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let (a, b) = (bind(), bind());
    let port = |l: &std::net::TcpListener| l.local_addr().expect("addr").port();
    (port(&a), port(&b))
}

fn run(program: &str, args: &[&str]) {
    let status = run_quietly(program, args).expect(program);
    assert!(status.success(), "{program} {args:?}");
}

/// `dir/nginx.conf`: the shipped site configuration with this test's ports, a self-signed
/// certificate and paths, written by the script the Chromium journey through nginx uses too.
fn site_config(dir: &Path, app: &str, https: u16, http: u16) {
    run(
        "bash",
        &[
            concat!(env!("CARGO_MANIFEST_DIR"), "/../scripts/nginx-site.sh"),
            dir.to_str().expect("utf-8"),
            app,
            &https.to_string(),
            &http.to_string(),
        ],
    );
}

struct Nginx(Child);

impl Drop for Nginx {
    fn drop(&mut self) {
        // SIGTERM: the master stops its workers before it exits. SIGKILL (`Child::kill`)
        // left the workers running, orphaned, after every test run.
        let _ = run_quietly("kill", &["-TERM", &self.0.id().to_string()]);
        for _ in 0..100 {
            if let Ok(Some(_)) = self.0.try_wait() {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn run_quietly(program: &str, args: &[&str]) -> std::io::Result<std::process::ExitStatus> {
    Process::new(program)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
}

/// curl through nginx from loopback address `from`; returns (headers, body).
fn curl(from: &str, url: &str, extra: &[&str], jar: &Path) -> (String, String) {
    let output = Process::new("curl")
        .args(["-sS", "--max-time", "30", "--interface", from, "--cacert"])
        .arg(jar.parent().expect("dir").join("cert.pem"))
        .args(["-D", "-", "-b"])
        .arg(jar)
        .arg("-c")
        .arg(jar)
        .args(extra)
        .arg(url)
        .output()
        .expect("curl runs");
    assert!(
        output.status.success(),
        "curl {url}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = String::from_utf8(output.stdout).expect("utf-8");
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    (head.to_ascii_lowercase(), body.to_owned())
}

/// The status code on the first line of curl's headers (`HTTP/2 200`).
fn status(head: &str) -> u16 {
    head.lines()
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|c| c.parse().ok())
        .unwrap_or(0)
}

fn form(fields: &[(String, String)]) -> Vec<String> {
    fields
        .iter()
        .flat_map(|(k, v)| ["--data-urlencode".to_owned(), format!("{k}={v}")])
        .collect()
}

async fn counted_addresses(app: &TestApp) -> Vec<String> {
    sqlx::query_scalar(
        "select substr(bucket, 15) from rate_limits where bucket like 'login-address:%'",
    )
    .fetch_all(&app.state.db.pool)
    .await
    .expect("counters")
}

// curl blocks its thread: the server needs runtime workers of its own.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn through_the_shipped_nginx_config_tls_hsts_secure_cookies_and_the_real_client_address() {
    let Some(nginx) = nginx() else {
        assert!(
            std::env::var("REQUIRE_NGINX").is_err(),
            "REQUIRE_NGINX is set but nginx is not installed"
        );
        return;
    };
    let (https, http) = free_ports();
    let origin = format!("https://localhost:{https}");
    let app = spawn_app_configured(|config| Config {
        secure_cookies: true,
        http: HttpConfig {
            public_origins: vec![origin.clone()],
            trusted_proxies: app::ssr::proxies::TrustedProxies::parse("127.0.0.1/32")
                .expect("cidr"),
            ..HttpConfig::default()
        },
        ..config
    })
    .await;
    let dir = crate::helpers::temp_path(&format!("-nginx-{https}"));
    std::fs::create_dir_all(&dir).expect("dir");
    let conf = dir.join("nginx.conf");
    site_config(&dir, app.base.trim_start_matches("http://"), https, http);
    let _nginx = Nginx(
        Process::new(nginx)
            .arg("-c")
            .arg(&conf)
            .arg("-p")
            .arg(&dir)
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("nginx starts"),
    );
    let jar = dir.join("cookies.txt");
    let mut up = false;
    for _ in 0..100 {
        if std::net::TcpStream::connect(("127.0.0.1", https)).is_ok() {
            up = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(
        up,
        "nginx listens: {}",
        std::fs::read_to_string(dir.join("error.log")).unwrap_or_default()
    );

    // Plain HTTP is sent to HTTPS; HTTPS answers with HSTS.
    let (head, _) = curl("127.0.0.1", &format!("http://localhost:{http}/"), &[], &jar);
    assert_eq!(status(&head), 301, "{head}");
    assert!(head.contains("location: https://localhost/"), "{head}");
    let (head, body) = curl("127.0.0.1", &format!("{origin}/"), &[], &jar);
    assert_eq!(status(&head), 200, "{head}");
    assert!(
        head.contains("strict-transport-security: max-age=31536000"),
        "{head}"
    );
    assert!(body.contains("我要申报"));

    // A household files through the proxy.
    let origin_header = format!("Origin: {origin}");
    let mut args = vec!["-H", &origin_header, "-H", "Accept: application/json"];
    let report = form(&report_fields("代理户", "13512345678", QINGSHI_VILLAGE));
    args.extend(report.iter().map(String::as_str));
    let (head, body) = curl(
        "127.0.0.7",
        &format!("{origin}/api/reports/submit"),
        &args,
        &jar,
    );
    assert_eq!(status(&head), 200, "{head}{body}");
    let tracking: String = serde_json::from_str(&body).expect("tracking number");

    // A spoofed X-Forwarded-For: the limits count the address the client really has.
    let spoof = [
        "-H",
        &origin_header,
        "-H",
        "Accept: application/json",
        "-H",
        "X-Forwarded-For: 203.0.113.9",
        "--data-urlencode",
        "username=xian-officer",
        "--data-urlencode",
        "password=not-the-password",
    ];
    let (head, _) = curl(
        "127.0.0.9",
        &format!("{origin}/api/auth/login"),
        &spoof,
        &jar,
    );
    assert_ne!(status(&head), 200, "{head}");
    assert_eq!(counted_addresses(&app).await, vec!["127.0.0.9".to_owned()]);

    // An officer signs in over HTTPS: the session cookie is Secure and works.
    let password = format!("password={PASSWORD}");
    let login = [
        "-H",
        &origin_header,
        "-H",
        "Accept: application/json",
        "--data-urlencode",
        "username=zhen-qingshi",
        "--data-urlencode",
        &password,
    ];
    let (head, _) = curl(
        "127.0.0.10",
        &format!("{origin}/api/auth/login"),
        &login,
        &jar,
    );
    assert_eq!(status(&head), 200, "{head}");
    let cookie = head
        .lines()
        .find(|l| l.starts_with("set-cookie:"))
        .expect("a session cookie");
    assert!(
        cookie.contains("secure") && cookie.contains("httponly"),
        "{cookie}"
    );
    let queue = [
        "-H",
        &origin_header,
        "-H",
        "Accept: application/json",
        "--data-urlencode",
        "tab=all",
    ];
    let (head, body) = curl(
        "127.0.0.10",
        &format!("{origin}/api/queue/mine"),
        &queue,
        &jar,
    );
    assert_eq!(status(&head), 200, "{head}{body}");
    assert!(
        body.contains(&app::domain::tracking::TrackingNumber::shown_back(
            &tracking
        )),
        "the filing made through nginx is in the queue"
    );
}
