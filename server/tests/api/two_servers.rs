//! Two app server processes on one PostgreSQL database, as a province runs them behind a
//! load balancer: sessions, limits, outbox delivery, the clock sweep and policy changes are
//! shared through the database, never held by one process.
use std::{
    sync::Arc,
    time::{Duration, Instant},
};

use app::ssr::{
    clock::ManualClock,
    db::Db,
    repo::outbox::{enqueue, MessageChannel, NewMessage},
};
use serde_json::Value;
use server::{config::Config, keys::KeySource, startup::Application};

use crate::{
    helpers::{
        fresh_database_url, monday_morning, policy_fields, report_fields, PASSWORD, QINGSHI_VILLAGE,
    },
    sms_stub::SmsStub,
    spawned::{client_from, key_file, start, vault_of, Spawned},
};

fn on_postgres() -> bool {
    let on = std::env::var("TEST_POSTGRES_URL").is_ok_and(|u| !u.is_empty());
    if !on {
        println!(
            "skipped: several app servers share one PostgreSQL database; \
             set TEST_POSTGRES_URL (scripts/postgres.sh start_postgres)"
        );
    }
    on
}

const WAIT: Duration = Duration::from_secs(10);

async fn post(server: &Spawned, from: u8, path: &str, form: &[(&str, &str)]) -> reqwest::Response {
    client_from(&server.base, [127, 4, 0, from], WAIT)
        .post(format!("{}{path}", server.base))
        .form(form)
        .send()
        .await
        .expect("answer")
}

/// The `sn_session` cookie a sign-in on `server` sets.
async fn sign_in(server: &Spawned, username: &str) -> String {
    let response = post(
        server,
        1,
        "/api/auth/login",
        &[("username", username), ("password", PASSWORD)],
    )
    .await;
    assert_eq!(response.status(), 200);
    response
        .headers()
        .get_all(reqwest::header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("sn_session="))
        .and_then(|c| c.split(';').next())
        .expect("session cookie")
        .to_owned()
}

async fn with_cookie(
    server: &Spawned,
    cookie: &str,
    path: &str,
    form: &[(String, String)],
) -> reqwest::Response {
    client_from(&server.base, [127, 4, 0, 1], WAIT)
        .post(format!("{}{path}", server.base))
        .header(reqwest::header::COOKIE, cookie)
        .form(form)
        .send()
        .await
        .expect("answer")
}

#[tokio::test]
async fn two_servers_share_sessions_and_limits_and_send_and_escalate_once() {
    if !on_postgres() {
        return;
    }
    let url = fresh_database_url().await;
    let keys = key_file();
    let sms = SmsStub::start().await;
    let settings = [
        ("WORKERS", "2"),
        ("DELIVER_EVERY_SECS", "1"),
        ("SWEEP_EVERY_SECS", "1"),
        ("SMS_GATEWAY_URL", sms.url.as_str()),
    ];
    let a = start(&url, &keys, &settings).await;
    let b = start(&url, &keys, &settings).await;

    // A session made on one server works on the other.
    let cookie = sign_in(&a, "zhen-qingshi").await;
    assert_eq!(
        with_cookie(&b, &cookie, "/api/queue/mine", &[])
            .await
            .status(),
        200
    );
    assert_eq!(
        with_cookie(&b, "sn_session=forged", "/api/queue/mine", &[])
            .await
            .status(),
        401
    );

    // Signed out on one: refused there at once, and on the other within the session memo's
    // second (`app/src/ssr/session_memo.rs`).
    let leaving = sign_in(&a, "zhen-qingshi").await;
    assert_eq!(
        with_cookie(&b, &leaving, "/api/queue/mine", &[])
            .await
            .status(),
        200
    );
    let out = with_cookie(&a, &leaving, "/api/auth/logout", &[])
        .await
        .status();
    assert!(out.is_success() || out.is_redirection(), "sign-out: {out}");
    assert_eq!(
        with_cookie(&a, &leaving, "/api/queue/mine", &[])
            .await
            .status(),
        401
    );
    let signed_out = Instant::now();
    while with_cookie(&b, &leaving, "/api/queue/mine", &[])
        .await
        .status()
        != 401
    {
        assert!(
            signed_out.elapsed() < Duration::from_secs(2),
            "server B still takes a session signed out on A"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    // Wrong passwords from one address, alternating servers: five free tries in all.
    for (n, server) in [&a, &b, &a, &b, &a].into_iter().enumerate() {
        let r = post(
            server,
            9,
            "/api/auth/login",
            &[("username", "cun-qingshi"), ("password", "wrong")],
        )
        .await;
        assert_eq!(r.status(), 401, "try {n}");
    }
    let r = post(
        &b,
        9,
        "/api/auth/login",
        &[("username", "cun-qingshi"), ("password", "wrong")],
    )
    .await;
    assert_eq!(
        r.status(),
        429,
        "the sixth try is refused, counted across both servers"
    );

    // Tracking-number texts to one mobile: three an hour, counted across both servers.
    for server in [&a, &b, &a] {
        let r = post(
            server,
            10,
            "/api/reports/resend",
            &[("mobile", "13511112222")],
        )
        .await;
        assert_eq!(r.status(), 200);
    }
    let r = post(&b, 10, "/api/reports/resend", &[("mobile", "13511112222")]).await;
    assert_eq!(r.status(), 429, "the fourth text in the hour is refused");

    // Forty texts queued: four delivery workers on two servers send each exactly once.
    let vault = vault_of(&keys);
    let db = Db::open(&url).await.expect("database");
    let now_ms = chrono::Utc::now().timestamp_millis();
    let texts: Vec<String> = (0..40)
        .map(|n| format!("【防返贫监测】测试短信 {n}"))
        .collect();
    for (n, text) in texts.iter().enumerate() {
        enqueue(
            &db.pool,
            &vault,
            &NewMessage {
                id: &format!("two-servers-{n}"),
                channel: MessageChannel::Sms,
                recipient: &format!("1390000{n:04}"),
                subject: "test",
                body: text,
                case_id: None,
            },
            now_ms,
        )
        .await
        .expect("enqueue");
    }

    // A case filed a week ago (by a server whose clock says so): its acceptance clock is
    // overdue now, and both servers sweep every second.
    let past = Application::build(
        &Config {
            keys: KeySource::File(keys.clone()),
            ..Config::local(&url)
        },
        Arc::new(ManualClock::new(monday_morning())),
    )
    .await
    .expect("a server a week ago");
    let past_base = format!("http://{}", past.addr);
    tokio::spawn(past.run());
    let filed = client_from(&past_base, [127, 4, 0, 11], WAIT)
        .post(format!("{past_base}/api/reports/submit"))
        .form(&report_fields("超期户", "13522223333", QINGSHI_VILLAGE))
        .send()
        .await
        .expect("filed");
    assert_eq!(filed.status(), 200);
    let tracking: String = filed.json().await.expect("tracking");
    let case_id: String = sqlx::query_scalar("select id from cases where tracking_number = $1")
        .bind(&tracking)
        .fetch_one(&db.pool)
        .await
        .expect("case");

    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let pending: i64 = sqlx::query_scalar(
            "select count(*) from outbox where id like 'two-servers-%' and status <> 'sent'",
        )
        .fetch_one(&db.pool)
        .await
        .expect("count");
        let notified: i64 = sqlx::query_scalar(
            "select count(*) from notifications where case_id = $1 and kind = 'overdue'",
        )
        .bind(&case_id)
        .fetch_one(&db.pool)
        .await
        .expect("count");
        if pending == 0 && notified > 0 {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "{pending} texts unsent, {notified} notified"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    // Several more passes of both servers: nothing is sent or written twice.
    tokio::time::sleep(Duration::from_secs(3)).await;
    for text in &texts {
        assert_eq!(sms.accepted(text), 1, "{text} sent exactly once");
    }
    let (notified, emails): (i64, i64) = sqlx::query_as(
        "select count(*), count(case when coalesce(u.email, '') <> '' then 1 end)
         from notifications n join users u on u.id = n.user_id
         where n.case_id = $1 and n.kind = 'overdue'",
    )
    .bind(&case_id)
    .fetch_one(&db.pool)
    .await
    .expect("notifications");
    let queued: i64 =
        sqlx::query_scalar("select count(*) from outbox where case_id = $1 and channel = 'email'")
            .bind(&case_id)
            .fetch_one(&db.pool)
            .await
            .expect("emails");
    assert!(notified > 0);
    assert_eq!(
        queued, emails,
        "one email per overdue notice, whichever server swept"
    );
    db.pool.close().await;
}

#[tokio::test]
async fn a_policy_change_on_one_server_applies_on_the_other_within_the_reload_delay() {
    if !on_postgres() {
        return;
    }
    let url = fresh_database_url().await;
    let keys = key_file();
    // No workers on either: the settings reload must not depend on them.
    let settings = [("WORKERS", "0"), ("SETTINGS_RELOAD_SECS", "1")];
    let a = start(&url, &keys, &settings).await;
    let b = start(&url, &keys, &settings).await;
    let on_a = sign_in(&a, "xian-admin").await;
    let on_b = sign_in(&b, "xian-admin").await;
    let red_days = |view: Value| view["policy"]["visit_red_days"].as_str().map(str::to_owned);

    let today = (chrono::Utc::now() + chrono::Duration::hours(8))
        .date_naive()
        .to_string();
    let form = policy_fields(&today, &[("visit_red_days", "11")]);
    assert_eq!(
        with_cookie(&a, &on_a, "/api/settings/policy", &form)
            .await
            .status(),
        200
    );
    let changed = Instant::now();
    loop {
        let shown: Value = with_cookie(&b, &on_b, "/api/settings/current", &[])
            .await
            .json()
            .await
            .expect("json");
        if red_days(shown).as_deref() == Some("11") {
            break;
        }
        assert!(
            changed.elapsed() < Duration::from_secs(4),
            "server B still has the old policy after SETTINGS_RELOAD_SECS=1"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
