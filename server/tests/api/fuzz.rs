//! Random bytes and random field values at every server function and public route, signed in
//! and not: the answer is a success, a redirect or a 4xx, never a 5xx and never a dropped
//! connection (a panic). Seeded, so a failure names the request that caused it.
use reqwest::header;

use crate::helpers::{report_fields, spawn_app, TestApp, QINGSHI_VILLAGE};

/// Every `#[server(endpoint = "...")]` in `app/src/api`, read from the source so a new one is
/// covered without editing this test.
fn endpoints() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../app/src/api");
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).expect("api dir") {
        let text = std::fs::read_to_string(entry.expect("entry").path()).expect("source");
        for part in text.split("endpoint = \"").skip(1) {
            found.push(part.split('"').next().expect("quoted").to_owned());
        }
    }
    found.sort();
    assert!(found.len() > 25, "{found:?}");
    found
}

/// xorshift64*: enough randomness for inputs, and reproducible from the seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    fn bytes(&mut self, max: usize) -> Vec<u8> {
        let len = self.below(max + 1);
        (0..len).map(|_| (self.next() & 0xff) as u8).collect()
    }

    fn value(&mut self) -> String {
        match self.below(10) {
            0 => String::new(),
            1 => "9".repeat(40),
            2 => "-1".into(),
            3 => "x".repeat(5_000),
            4 => "张三\r\nINFO forged 穷".into(),
            5 => String::from_utf8_lossy(&self.bytes(64)).into_owned(),
            6 => self
                .pick(&[
                    "true",
                    "false",
                    "0",
                    "2026-02-30",
                    "[]",
                    "{}",
                    "null",
                    "%00",
                    "../..",
                ])
                .into(),
            7 => self
                .pick(&["13800138000", "522799101201", "2222-2222-22", "illness"])
                .into(),
            8 => format!("{}", self.next() as i64),
            _ => (0..self.below(20))
                .map(|_| char::from_u32(self.below(0x3000) as u32 + 32).unwrap_or('?'))
                .collect(),
        }
    }
}

const NAMES: [&str; 40] = [
    "form[name]",
    "form[mobile]",
    "form[id_number]",
    "form[village]",
    "form[household_size]",
    "form[risk_types][0]",
    "form[description]",
    "form[consent]",
    "form[key]",
    "form[group]",
    "tracking",
    "mobile",
    "t",
    "token",
    "id",
    "case_id",
    "user_id",
    "password",
    "username",
    "active",
    "command[kind]",
    "kind",
    "channel",
    "tab",
    "cursor",
    "village",
    "day",
    "name",
    "policy[income_line]",
    "policy[effective_from]",
    "account[username]",
    "account[role]",
    "id_number",
    "csv",
    "alerts[0][reference]",
    "version",
    "q",
    "reveal",
    "field",
    "page",
];

fn random_fields(rng: &mut Rng) -> Vec<(String, String)> {
    let mut form = if rng.below(3) == 0 {
        // A nearly valid report with one field changed reaches deeper.
        let mut form = report_fields("张三", "13800138000", QINGSHI_VILLAGE);
        let i = rng.below(form.len());
        form[i].1 = rng.value();
        form
    } else {
        Vec::new()
    };
    for _ in 0..rng.below(6) {
        form.push((rng.pick(&NAMES).to_owned(), rng.value()));
    }
    form
}

fn acceptable(status: u16) -> bool {
    (200..500).contains(&status)
}

async fn post_random(app: &TestApp, rng: &mut Rng, path: &str) -> Result<u16, String> {
    let url = app.url(&format!("/api/{path}"));
    let accept = rng.pick(&["application/json", "text/html", "*/*"]);
    let request = app.client.post(&url).header(header::ACCEPT, accept);
    let (request, what) = match rng.below(3) {
        0 => {
            let body = rng.bytes(4_096);
            let kind = rng.pick(&[
                "application/x-www-form-urlencoded",
                "application/json",
                "multipart/form-data; boundary=x",
                "application/octet-stream",
            ]);
            let what = format!("{} random bytes as {kind}", body.len());
            (request.header(header::CONTENT_TYPE, kind).body(body), what)
        }
        _ => {
            let form = random_fields(rng);
            let what = format!("{form:?}");
            (request.form(&form), what)
        }
    };
    let response = request
        .send()
        .await
        .map_err(|e| format!("POST {path} with {what}: no answer ({e})"))?;
    let status = response.status().as_u16();
    if acceptable(status) {
        return Ok(status);
    }
    let body = response.text().await.unwrap_or_default();
    Err(format!(
        "POST {path}: {status} {} (sent {})",
        body.chars().take(120).collect::<String>(),
        what.chars().take(200).collect::<String>()
    ))
}

async fn get_random(app: &TestApp, rng: &mut Rng) -> Result<u16, String> {
    let segment: String = urlencoding(&rng.value());
    let path = match rng.below(9) {
        0 => format!(
            "/report/submitted/{segment}?t={}",
            urlencoding(&rng.value())
        ),
        1 => format!("/notice/{segment}"),
        2 => format!("/staff/cases/{segment}"),
        3 => format!("/lang/{segment}"),
        4 => format!("/report?draft={segment}"),
        5 => format!("/track?sent={segment}"),
        6 => format!("/staff?tab={segment}"),
        7 => format!("/staff/ledger.csv?village={segment}"),
        _ => format!("/staff/report?channel={segment}"),
    };
    let response = app
        .client
        .get(app.url(&path))
        .send()
        .await
        .map_err(|e| format!("GET {path}: no answer ({e})"))?;
    let status = response.status().as_u16();
    if acceptable(status) {
        Ok(status)
    } else {
        Err(format!("GET {path}: {status}"))
    }
}

fn urlencoding(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

async fn run(app: &TestApp, seed: u64, rounds: usize) -> Vec<String> {
    let mut rng = Rng(seed);
    let mut failures = Vec::new();
    // Signing out last keeps the session for the other endpoints.
    let mut paths = endpoints();
    paths.retain(|p| p != "auth/logout");
    paths.push("auth/logout".into());
    for path in &paths {
        for _ in 0..rounds {
            if let Err(e) = post_random(app, &mut rng, path).await {
                failures.push(e);
            }
        }
    }
    for _ in 0..rounds * 10 {
        if let Err(e) = get_random(app, &mut rng).await {
            failures.push(e);
        }
    }
    failures
}

#[tokio::test]
async fn random_input_to_every_server_function_and_public_route_never_gets_a_5xx() {
    let app = spawn_app().await;
    app.submit_report("张三", "13800138000", QINGSHI_VILLAGE)
        .await;
    let seed = std::env::var("FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x05AF_E7E7_u64);
    let mut failures = run(&app, seed, 12).await;
    for user in ["xian-admin", "zhen-qingshi"] {
        let officer = app.login(user).await;
        failures.extend(run(&officer, seed ^ 0x9E37_79B9, 12).await);
    }
    let health = app
        .client
        .get(app.url("/healthz"))
        .send()
        .await
        .expect("still up");
    assert_eq!(health.status(), 200);
    assert!(failures.is_empty(), "seed {seed}: {failures:#?}");
}
