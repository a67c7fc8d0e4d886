use std::sync::Arc;

use app::{domain::id_number::check_digit, ssr::clock::ManualClock};
use chrono::{TimeZone, Utc};
use reqwest::{header, redirect::Policy, Response};
use serde_json::Value;
use server::{config::Config, startup::Application};
use sqlx::{any::install_default_drivers, AnyConnection, Connection, Executor};

pub const PASSWORD: &str = app::ssr::seed::DEMO_PASSWORD;
pub const QINGSHI_VILLAGE: &str = "522799101201";

pub struct TestApp {
    pub state: app::ssr::state::AppState,
    pub database_url: String,
    pub base: String,
    pub clock: ManualClock,
    pub client: reqwest::Client,
    /// `http://addr` of the `/metrics` listener, when the test configured one.
    pub metrics: Option<String>,
}

/// Monday 2026-11-23, 10:00 Beijing time.
pub fn monday_morning() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 2, 0, 0)
        .single()
        .expect("valid time")
}

pub async fn fresh_database_url() -> String {
    install_default_drivers();
    match std::env::var("TEST_POSTGRES_URL") {
        Ok(admin_url) if !admin_url.is_empty() => {
            let name = format!("sn_test_{}", uuid_like());
            let mut admin = AnyConnection::connect(&admin_url)
                .await
                .expect("connect to the test PostgreSQL server");
            admin
                .execute(format!("create database {name}").as_str())
                .await
                .expect("create test database");
            let base = admin_url
                .rsplit_once('/')
                .map(|(b, _)| b)
                .unwrap_or(&admin_url);
            format!("{base}/{name}")
        }
        _ => {
            format!("sqlite://{}", temp_path(".db").display())
        }
    }
}

fn uuid_like() -> String {
    app::ssr::password::random_bytes::<12>()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// What the paragraph with this `id` says (an error line, a banner), markup included.
pub fn paragraph<'p>(page: &'p str, id: &str) -> &'p str {
    let from = page
        .split(&format!(r#"id="{id}""#))
        .nth(1)
        .unwrap_or_else(|| panic!("no #{id} in {page}"));
    &from[..from.find("</p>").expect("its end")]
}

/// A page as `client` (its cookies: drafts and result links are the browser's own) sees it.
pub async fn page_in(app: &TestApp, client: &reqwest::Client, path: &str) -> String {
    let response = client.get(app.url(path)).send().await.expect("page");
    response.text().await.expect("html")
}

/// The opening tag of the first element with `attribute` (`name="form[consent]"`) in `page`.
pub fn tag_with<'p>(page: &'p str, attribute: &str) -> &'p str {
    let at = page
        .find(attribute)
        .unwrap_or_else(|| panic!("a tag with {attribute}"));
    let start = page[..at].rfind('<').expect("tag start");
    let end = at + page[at..].find('>').expect("tag end");
    &page[start..=end]
}

/// A fresh path, ending in `suffix`, in this test run's own directory.
pub fn temp_path(suffix: &str) -> std::path::PathBuf {
    run_dir().join(format!("{}{suffix}", uuid_like()))
}

/// `$TMPDIR/safety-net-tests/run-<pid>`, made once per test process. Databases, key files
/// and sites of a run stay there; the first call removes the directories of runs whose
/// process is gone, so repeated runs (CI, a developer's loop) do not fill the disk.
pub fn run_dir() -> std::path::PathBuf {
    static DIR: std::sync::OnceLock<std::path::PathBuf> = std::sync::OnceLock::new();
    DIR.get_or_init(|| {
        let root = std::env::temp_dir().join("safety-net-tests");
        for entry in std::fs::read_dir(&root).into_iter().flatten().flatten() {
            let name = entry.file_name();
            let gone = match name.to_str().and_then(|n| n.strip_prefix("run-")) {
                Some(pid) => !std::path::Path::new("/proc").join(pid).exists(),
                // Files from before per-run directories.
                None => true,
            };
            if gone {
                let path = entry.path();
                let _ = std::fs::remove_dir_all(&path).or_else(|_| std::fs::remove_file(&path));
            }
        }
        let dir = root.join(format!("run-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("test run directory");
        dir
    })
    .clone()
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(false).await
}

/// With the demo cases the product seeds on first start.
pub async fn spawn_app_with(demo_cases: bool) -> TestApp {
    spawn_app_configured(|config| Config {
        seed_demo_cases: demo_cases,
        ..config
    })
    .await
}

/// With configuration changed from the tests' default.
pub async fn spawn_app_configured(change: impl FnOnce(Config) -> Config) -> TestApp {
    let clock = ManualClock::new(monday_morning());
    let database_url = fresh_database_url().await;
    // Tests drive the sweep and the outbox themselves, at the manual clock's time (no workers).
    // The demo county and accounts, asked for explicitly: production (no demo) is the default.
    let config = change(Config {
        seed_demo: true,
        seed_demo_cases: false,
        ..Config::local(&database_url)
    });
    let app = Application::build(&config, Arc::new(clock.clone()))
        .await
        .expect("application starts");
    let base = format!("http://{}", app.addr);
    let state = app.state.clone();
    let metrics = app.metrics_addr.map(|addr| format!("http://{addr}"));
    let expected = if std::env::var("TEST_POSTGRES_URL").is_ok_and(|u| !u.is_empty()) {
        app::ssr::db::Backend::Postgres
    } else {
        app::ssr::db::Backend::Sqlite
    };
    assert_eq!(
        state.db.backend, expected,
        "tests run on the backend asked for"
    );
    tokio::spawn(app.run());
    TestApp {
        state,
        database_url,
        client: client(&base),
        base,
        clock,
        metrics,
    }
}

/// A browser-like client on the app's own page: it sends the app's `Origin` on every request
/// (as browsers do on posts), so the cross-site check lets it through.
pub fn client(base: &str) -> reqwest::Client {
    let mut headers = header::HeaderMap::new();
    headers.insert(
        header::ORIGIN,
        header::HeaderValue::from_str(base).expect("origin"),
    );
    reqwest::Client::builder()
        .cookie_store(true)
        .default_headers(headers)
        .redirect(Policy::none())
        // A stalled response fails its test instead of holding up the whole run.
        .timeout(std::time::Duration::from_secs(60))
        .build()
        .expect("client")
}

pub fn valid_id_number(serial: u32) -> String {
    let first17 = format!("52272719800101{:03}", serial % 1_000);
    let check = check_digit(&first17).expect("17 digits");
    format!("{first17}{check}")
}

/// An ID number that follows the mobile number, so two test households differ in both
/// (the same pair is the same household to the duplicate check).
pub fn id_number_for(mobile: &str) -> String {
    let digits: u64 = mobile.parse().unwrap_or(7);
    valid_id_number(u32::try_from(digits % 997).unwrap_or(7))
}

pub fn report_fields(name: &str, mobile: &str, village: &str) -> Vec<(String, String)> {
    vec![
        ("form[name]".into(), name.into()),
        ("form[mobile]".into(), mobile.into()),
        ("form[id_number]".into(), id_number_for(mobile)),
        ("form[village]".into(), village.into()),
        ("form[household_size]".into(), "4".into()),
        ("form[risk_types][0]".into(), "illness".into()),
        ("form[risk_types][6]".into(), "unstable_employment".into()),
        (
            "form[description]".into(),
            "父亲住院，看病花了很多钱".into(),
        ),
        ("form[consent]".into(), "on".into()),
    ]
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// Posts like the hydrated app does (asks for JSON).
    pub async fn post_api(&self, path: &str, fields: &[(String, String)]) -> Response {
        self.client
            .post(self.url(path))
            .header(header::ACCEPT, "application/json")
            .form(fields)
            .send()
            .await
            .expect("request")
    }

    /// Posts like a browser without JavaScript does (asks for HTML, follows nothing).
    pub async fn post_plain_form(
        &self,
        path: &str,
        referer: &str,
        fields: &[(String, String)],
    ) -> Response {
        self.client
            .post(self.url(path))
            .header(header::ACCEPT, "text/html,application/xhtml+xml")
            .header(header::REFERER, self.url(referer))
            .form(fields)
            .send()
            .await
            .expect("request")
    }

    /// The page at `path`, without the empty `<!>` hydration markers that a build with
    /// `--cfg erase_components` (scripts/test.sh's, like cargo-leptos' debug builds) writes
    /// after text: the tests read what a person sees.
    pub async fn get_html(&self, path: &str) -> String {
        let body = self.get_bytes(path).await;
        String::from_utf8(body).expect("utf-8").replace("<!>", "")
    }

    /// The body at `path` as it came (a workbook, a file).
    pub async fn get_bytes(&self, path: &str) -> Vec<u8> {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("request")
            .bytes()
            .await
            .expect("body")
            .to_vec()
    }

    /// Files a report and returns its tracking number.
    pub async fn submit_report(&self, name: &str, mobile: &str, village: &str) -> String {
        let response = self
            .post_api("/api/reports/submit", &report_fields(name, mobile, village))
            .await;
        let status = response.status();
        if status != 200 {
            panic!(
                "report refused: {status} {}",
                response.text().await.unwrap_or_default()
            );
        }
        response.json::<String>().await.expect("tracking number")
    }

    /// The same app reached from another loopback address (127.0.0.`last`), as another
    /// network would: per-address limits count it apart.
    pub fn seen_at_address(&self, last: u8) -> TestApp {
        let mut headers = header::HeaderMap::new();
        headers.insert(
            header::ORIGIN,
            header::HeaderValue::from_str(&self.base).expect("origin"),
        );
        let client = reqwest::Client::builder()
            .local_address(std::net::IpAddr::V4(std::net::Ipv4Addr::new(
                127, 0, 0, last,
            )))
            .cookie_store(true)
            .default_headers(headers)
            .redirect(Policy::none())
            .timeout(std::time::Duration::from_secs(60))
            .build()
            .expect("client");
        self.with_client(client)
    }

    /// The same app, reached through another client (its own cookies and address).
    pub fn with_client(&self, client: reqwest::Client) -> TestApp {
        TestApp {
            state: self.state.clone(),
            database_url: self.database_url.clone(),
            base: self.base.clone(),
            clock: self.clock.clone(),
            client,
            metrics: self.metrics.clone(),
        }
    }

    /// The id of the case filed under this tracking number.
    pub async fn case_id_of(&self, tracking: &str) -> String {
        app::ssr::repo::cases::id_by_tracking(&self.state.db.pool, tracking)
            .await
            .expect("query")
            .expect("a case with this tracking number")
    }

    pub async fn login(&self, username: &str) -> TestApp {
        self.login_with(username, PASSWORD).await
    }

    pub async fn login_with(&self, username: &str, password: &str) -> TestApp {
        let officer = self.with_client(client(&self.base));
        let response = officer
            .post_api(
                "/api/auth/login",
                &[
                    ("username".into(), username.into()),
                    ("password".into(), password.into()),
                ],
            )
            .await;
        assert_eq!(response.status(), 200, "login of {username}");
        officer
    }

    pub async fn queue(&self) -> Response {
        self.post_api("/api/queue/mine", &[]).await
    }

    pub async fn queue_tab(&self, tab: &str) -> Response {
        self.post_api("/api/queue/mine", &[("tab".into(), tab.into())])
            .await
    }

    /// The queue tab's JSON.
    pub async fn queue_json(&self, tab: &str) -> serde_json::Value {
        self.queue_tab(tab).await.json().await.expect("json")
    }

    /// Starts a 集中排查 (`/api/campaigns/start`) and returns its JSON answer.
    pub async fn start_campaign(&self, name: &str, until: &str) -> serde_json::Value {
        let form = fields(&[("name", name), ("until", until)]);
        let answer = self.post_api("/api/campaigns/start", &form).await;
        answer.json().await.expect("json")
    }
}

/// A home check's 两不愁三保障 answered 是 for every item, as a step form posts it.
pub const ALL_SECURED: [(&str, &str); 6] = [
    ("guarantees][0", "food"),
    ("guarantees][1", "clothing"),
    ("guarantees][2", "compulsory_education"),
    ("guarantees][3", "basic_medical"),
    ("guarantees][4", "housing_safety"),
    ("guarantees][5", "drinking_water"),
];

/// Form fields from string pairs.
pub fn fields(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).into(), (*v).into()))
        .collect()
}

/// The case page as the officer sees it (JSON).
pub async fn detail(officer: &TestApp, id: &str) -> Value {
    let response = officer
        .post_api("/api/cases/detail", &fields(&[("case_id", id)]))
        .await;
    assert_eq!(response.status(), 200);
    response.json().await.expect("json")
}

/// The codes of the steps a case page (JSON) offers, in its order.
pub fn offered(case: &Value) -> Vec<String> {
    case["available"]
        .as_array()
        .expect("steps")
        .iter()
        .filter_map(|c| c["code"].as_str().map(str::to_owned))
        .collect()
}

/// A case page's timeline (JSON) as one text to search.
pub fn timeline(case: &Value) -> String {
    case["timeline"].to_string()
}

/// Posts one step form as the case page does.
pub async fn step(
    officer: &TestApp,
    id: &str,
    version: i64,
    form: &[(&str, &str)],
) -> reqwest::Response {
    let mut body = fields(&[("case_id", id)]);
    body.push(("version".into(), version.to_string()));
    body.extend(
        form.iter()
            .map(|(k, v)| (format!("form[{k}]"), (*v).to_owned())),
    );
    officer.post_api("/api/cases/command", &body).await
}

/// The county admin's policy form in force from `from` (national defaults), with `extra`
/// added or replacing a default.
pub fn policy_fields(from: &str, extra: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut form = fields(&[
        ("policy[effective_from]", from),
        ("policy[income_line]", "7300"),
        ("policy[township_acceptance_days]", "2"),
        ("policy[home_check_days]", "3"),
        ("policy[identification_days]", "15"),
        ("policy[notice_min_days]", "5"),
        ("policy[due_soon_days]", "1"),
    ]);
    for (k, v) in extra {
        let name = format!("policy[{k}]");
        form.retain(|(n, _)| *n != name);
        form.push((name, (*v).to_owned()));
    }
    form
}

/// The page at `path` as a browser asking for `accept` (an Accept-Language value) gets it.
pub async fn html_with_accept_language(app: &TestApp, path: &str, accept: &str) -> String {
    app.client
        .get(app.url(path))
        .header(header::ACCEPT_LANGUAGE, accept)
        .send()
        .await
        .expect("request")
        .text()
        .await
        .expect("body")
}

/// The text of `html` as a reader sees it: tags taken out (a date is kept whole in spans of
/// its own, `components::whole_dates`).
pub fn words(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}
