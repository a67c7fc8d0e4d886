//! Escalation: the clock sweep notifies owners and supervisors once, emails wait for working
//! hours, failures back off and end as dead letters, and the inbox shows each officer their own.
use app::{
    domain::{region::RegionCode, role::Role},
    ssr::{
        clock::Clock,
        services::{
            auth::Staff,
            escalation::sweep,
            outbox::{dead_letters, deliver_due, deliver_sms_due, RecordingMailer, RecordingSms},
        },
    },
};
use chrono::{DateTime, Duration, TimeZone, Utc};
use serde_json::Value;
use sqlx::Row;

use crate::helpers::{spawn_app, TestApp, QINGSHI_VILLAGE};

const OFFICER_EMAIL: &str = "li.xiangan@qingshi.example.org";

/// Beijing wall time as an instant.
fn beijing(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0)
        .single()
        .expect("valid time")
        - Duration::hours(8)
}

async fn set_email(app: &TestApp, username: &str, email: &str) {
    sqlx::query("update users set email = $1 where username = $2")
        .bind(email)
        .bind(username)
        .execute(&app.state.db.pool)
        .await
        .expect("set email");
}

/// Kinds of the notifications a user has, oldest first.
async fn kinds_for(app: &TestApp, username: &str) -> Vec<String> {
    sqlx::query_scalar(
        "select n.kind from notifications n join users u on u.id = n.user_id
         where u.username = $1 order by n.created_at, n.kind",
    )
    .bind(username)
    .fetch_all(&app.state.db.pool)
    .await
    .expect("notifications")
}

#[derive(Debug)]
struct OutboxRow {
    status: String,
    recipient: String,
    attempts: i64,
    next_attempt_at: i64,
    sent_at: Option<i64>,
}

async fn email_rows(app: &TestApp) -> Vec<OutboxRow> {
    sqlx::query(
        "select status, recipient, attempts, next_attempt_at, sent_at from outbox
         where channel = 'email' order by created_at, id",
    )
    .fetch_all(&app.state.db.pool)
    .await
    .expect("outbox")
    .iter()
    .map(|r| OutboxRow {
        status: r.get("status"),
        recipient: r.get("recipient"),
        attempts: r.get("attempts"),
        next_attempt_at: r.get("next_attempt_at"),
        sent_at: r.get("sent_at"),
    })
    .collect()
}

/// Files a report on Monday 2026-11-23 10:00: township acceptance is due Wednesday.
async fn filed_on_monday() -> TestApp {
    let app = spawn_app().await;
    set_email(&app, "zhen-qingshi", OFFICER_EMAIL).await;
    app.submit_report("张三", "13800138000", QINGSHI_VILLAGE)
        .await;
    app
}

#[tokio::test]
async fn a_late_township_acceptance_notifies_the_officer_and_then_the_head_exactly_once() {
    let app = filed_on_monday().await;

    // Monday: two working days left, nothing to say.
    let monday = sweep(&app.state, app.clock.now()).await.expect("sweep");
    assert_eq!(monday.notified, 0);

    // Tuesday: one working day left, the township officer hears it is due soon.
    app.clock.advance(Duration::days(1));
    let tuesday = sweep(&app.state, app.clock.now()).await.expect("sweep");
    assert_eq!((tuesday.due_soon, tuesday.notified), (1, 1));
    let again = sweep(&app.state, app.clock.now()).await.expect("sweep");
    assert_eq!(again.notified, 0, "a re-run notifies nobody twice");

    // Thursday: overdue, the officer and the township head hear it.
    app.clock.advance(Duration::days(2));
    let thursday = sweep(&app.state, app.clock.now()).await.expect("sweep");
    assert_eq!((thursday.overdue, thursday.notified), (1, 2));
    let again = sweep(&app.state, app.clock.now()).await.expect("sweep");
    assert_eq!(again.notified, 0);

    assert_eq!(
        kinds_for(&app, "zhen-qingshi").await,
        ["due_soon", "overdue"]
    );
    assert_eq!(kinds_for(&app, "zhenzhang-qingshi").await, ["overdue"]);
    assert!(
        kinds_for(&app, "zhen-hekou").await.is_empty(),
        "another township"
    );
    assert!(
        kinds_for(&app, "cun-qingshi").await.is_empty(),
        "not the village's step"
    );
    assert!(
        kinds_for(&app, "xian-officer").await.is_empty(),
        "county clock not due yet"
    );

    // Only the officer has an email address: two emails, both to them.
    let emails = email_rows(&app).await;
    assert_eq!(emails.len(), 2, "{emails:?}");
    assert!(emails
        .iter()
        .all(|e| e.recipient == OFFICER_EMAIL && e.status == "pending"));
}

#[tokio::test]
async fn emails_go_out_in_working_hours_only() {
    let app = filed_on_monday().await;
    app.clock.advance(Duration::days(3));
    let report = sweep(&app.state, app.clock.now()).await.expect("sweep");
    assert_eq!(report.emails_queued, 1);
    let mailer = RecordingMailer::new();

    // Thursday 22:00: nothing is sent; the email waits for Friday 08:30.
    app.clock.set(beijing(2026, 11, 26, 22, 0));
    let night = deliver_due(&app.state, &mailer, app.clock.now())
        .await
        .expect("deliver");
    assert_eq!((night.sent, night.deferred), (0, 1));
    assert!(mailer.sent().is_empty());
    let waiting = email_rows(&app).await;
    assert_eq!(waiting[0].status, "pending");
    assert_eq!(
        waiting[0].next_attempt_at,
        beijing(2026, 11, 27, 8, 30).timestamp_millis()
    );

    // Friday 10:00: sent and marked so.
    app.clock.set(beijing(2026, 11, 27, 10, 0));
    let morning = deliver_due(&app.state, &mailer, app.clock.now())
        .await
        .expect("deliver");
    assert_eq!(morning.sent, 1);
    let sent = mailer.sent();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].to, OFFICER_EMAIL);
    assert!(
        sent[0].subject.starts_with("已逾期：乡镇受理"),
        "{}",
        sent[0].subject
    );
    assert!(sent[0].body.contains("现已逾期"), "{}", sent[0].body);
    let rows = email_rows(&app).await;
    assert_eq!(rows[0].status, "sent");
    assert_eq!(rows[0].attempts, 1);
    assert_eq!(rows[0].sent_at, Some(app.clock.now().timestamp_millis()));

    // Nothing is sent twice.
    let later = deliver_due(&app.state, &mailer, app.clock.now() + Duration::hours(1))
        .await
        .expect("deliver");
    assert_eq!(later.sent, 0);
    assert_eq!(mailer.sent().len(), 1);
}

#[tokio::test]
async fn a_failing_mailer_backs_off_and_the_sixth_failure_makes_a_dead_letter() {
    let app = filed_on_monday().await;
    app.clock.advance(Duration::days(1));
    sweep(&app.state, app.clock.now()).await.expect("sweep");
    let mailer = RecordingMailer::failing();

    for attempt in 1..=6_i64 {
        let now = app.clock.now();
        let report = deliver_due(&app.state, &mailer, now)
            .await
            .expect("deliver");
        let row = &email_rows(&app).await[0];
        assert_eq!(row.attempts, attempt);
        if attempt < 6 {
            assert_eq!((report.retrying, row.status.as_str()), (1, "pending"));
            let wait = Duration::milliseconds(row.next_attempt_at - now.timestamp_millis());
            assert_eq!(
                wait.num_minutes(),
                1 << (attempt - 1),
                "after attempt {attempt}"
            );
            // Not before its time.
            let early = deliver_due(&app.state, &mailer, now + Duration::seconds(30))
                .await
                .expect("deliver");
            assert_eq!(early, Default::default());
            app.clock
                .set(DateTime::from_timestamp_millis(row.next_attempt_at).expect("instant"));
        } else {
            assert_eq!((report.dead, row.status.as_str()), (1, "dead"));
        }
    }
    app.clock.advance(Duration::hours(1));
    deliver_due(&app.state, &mailer, app.clock.now())
        .await
        .expect("deliver");
    assert_eq!(mailer.attempts(), 6, "a dead letter is not tried again");

    let admin = staff("xian-admin", Role::CountyAdmin);
    let dead = dead_letters(&app.state, &admin, 50).await.expect("admin");
    assert_eq!(dead.len(), 1);
    assert_eq!(dead[0].attempts, 6);
    assert!(!dead[0].last_error.is_empty());
    let officer = staff("zhen-qingshi", Role::TownshipOfficer);
    assert!(dead_letters(&app.state, &officer, 50).await.is_err());
}

#[tokio::test]
async fn text_messages_are_not_held_to_working_hours_and_retry_the_same_way() {
    let app = spawn_app().await;
    let now = beijing(2026, 11, 28, 22, 0); // Saturday night
    for (id, mobile) in [("sms-1", "13800138000"), ("sms-2", "13900139000")] {
        sqlx::query(
            "insert into outbox (id, channel, recipient, subject, body, status, attempts, next_attempt_at, created_at)
             values ($1, 'sms', $2, 'identified', '【防返贫监测】测试', 'pending', 0, $3, $3)",
        )
        .bind(id)
        .bind(mobile)
        .bind(now.timestamp_millis())
        .execute(&app.state.db.pool)
        .await
        .expect("queue sms");
    }
    let gateway = RecordingSms::new();
    let report = deliver_sms_due(&app.state, &gateway, now)
        .await
        .expect("deliver");
    assert_eq!(report.sent, 2);
    assert_eq!(gateway.sent()[0].body, "【防返贫监测】测试");

    // A failing gateway backs off the same way.
    sqlx::query(
        "update outbox set status = 'pending', attempts = 0, next_attempt_at = $1 where id = 'sms-1'",
    )
    .bind(now.timestamp_millis())
    .execute(&app.state.db.pool)
        .await
        .expect("reset");
    let failing = RecordingSms::failing();
    let report = deliver_sms_due(&app.state, &failing, now)
        .await
        .expect("deliver");
    assert_eq!(report.retrying, 1);
    let next: i64 = sqlx::query_scalar("select next_attempt_at from outbox where id = 'sms-1'")
        .fetch_one(&app.state.db.pool)
        .await
        .expect("row");
    assert_eq!(next - now.timestamp_millis(), 60_000);
}

#[tokio::test]
async fn the_inbox_shows_each_officer_their_own_notifications() {
    let app = filed_on_monday().await;
    app.clock.advance(Duration::days(3));
    sweep(&app.state, app.clock.now()).await.expect("sweep");

    let officer = app.login("zhen-qingshi").await;
    let response = officer.post_api("/api/inbox/mine", &[]).await;
    assert_eq!(response.status(), 200);
    let mine: Value = response.json().await.expect("json");
    let mine = mine.as_array().expect("list");
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0]["kind"], "overdue");
    assert_eq!(mine[0]["read"], false);
    assert!(mine[0]["title"]
        .as_str()
        .is_some_and(|t| t.starts_with("已逾期")));
    let case_id = mine[0]["case_id"].as_str().expect("case id").to_owned();
    let id = mine[0]["id"].as_str().expect("id").to_owned();

    let head = app.login("zhenzhang-qingshi").await;
    let theirs: Value = head
        .post_api("/api/inbox/mine", &[])
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(theirs.as_array().map(Vec::len), Some(1));
    assert!(theirs[0]["title"]
        .as_str()
        .is_some_and(|t| t.starts_with("督办")));

    let elsewhere = app.login("zhen-hekou").await;
    let none: Value = elsewhere
        .post_api("/api/inbox/mine", &[])
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(none.as_array().map(Vec::len), Some(0));
    // Someone else's notification cannot be marked read.
    let refused = elsewhere
        .post_api("/api/inbox/read", &[("id".into(), id.clone())])
        .await;
    assert_eq!(refused.status(), 404);

    let anonymous = app.post_api("/api/inbox/mine", &[]).await;
    assert_eq!(anonymous.status(), 401);

    // The page works without JavaScript: unread in bold, linked to the case.
    let page = officer.get_html("/staff/inbox").await;
    assert!(page.contains(&format!("/staff/cases/{case_id}")), "{page}");
    assert!(page.contains("<strong class=\"inbox-title\">"), "{page}");
    let marked = officer
        .post_plain_form("/api/inbox/read", "/staff/inbox", &[("id".into(), id)])
        .await;
    assert_eq!(marked.status(), 302);
    let read: Value = officer
        .post_api("/api/inbox/mine", &[])
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(read[0]["read"], true);
    let page = officer.get_html("/staff/inbox").await;
    assert!(!page.contains("<strong class=\"inbox-title\">"), "{page}");
}

fn staff(username: &str, role: Role) -> Staff {
    Staff {
        id: username.to_owned(),
        username: username.to_owned(),
        display_name: username.to_owned(),
        role,
        scope: RegionCode::parse("522799000000").expect("county"),
        scope_name: "青石县".to_owned(),
        department: None,
    }
}

/// A minimal SMTP server on a loopback port: accepts one message and hands back the
/// conversation (commands and data) as text.
fn smtp_sink() -> (u16, std::thread::JoinHandle<String>) {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind sink");
    let port = listener.local_addr().expect("addr").port();
    let handle = std::thread::spawn(move || {
        let (stream, _) = listener.accept().expect("accept");
        let mut writer = stream.try_clone().expect("clone");
        let mut reader = BufReader::new(stream);
        let mut seen = String::new();
        let mut in_data = false;
        writer.write_all(b"220 sink ESMTP\r\n").expect("greet");
        let mut line = String::new();
        while reader.read_line(&mut line).unwrap_or(0) > 0 {
            seen.push_str(&line);
            let command = line.trim_end().to_ascii_uppercase();
            let reply: &[u8] = if in_data {
                if command == "." {
                    in_data = false;
                    b"250 queued\r\n"
                } else {
                    b""
                }
            } else if command.starts_with("EHLO") || command.starts_with("HELO") {
                b"250 sink\r\n"
            } else if command == "DATA" {
                in_data = true;
                b"354 go ahead\r\n"
            } else if command == "QUIT" {
                writer.write_all(b"221 bye\r\n").expect("reply");
                break;
            } else {
                b"250 ok\r\n"
            };
            writer.write_all(reply).expect("reply");
            line.clear();
        }
        seen
    });
    (port, handle)
}

#[tokio::test]
async fn the_smtp_mailer_hands_the_email_to_the_relay() {
    use app::ssr::services::outbox::{Mailer, SmtpMailer, SmtpSecurity, SmtpSettings};
    let (port, sink) = smtp_sink();
    let mailer = SmtpMailer::new(SmtpSettings {
        host: "127.0.0.1".into(),
        port,
        from: "Safety Net <noreply@qingshi.example.org>".into(),
        credentials: None,
        security: SmtpSecurity::Plain,
        extra_ca_pem: None,
    })
    .expect("mailer");
    mailer
        .send(OFFICER_EMAIL, "已逾期：乡镇受理", "请尽快办理。")
        .await
        .expect("relay accepts");
    drop(mailer);
    let seen = tokio::task::spawn_blocking(move || sink.join().expect("sink"))
        .await
        .expect("join");
    assert!(
        seen.contains(&format!("RCPT TO:<{OFFICER_EMAIL}>")),
        "{seen}"
    );
    assert!(
        seen.contains("MAIL FROM:<noreply@qingshi.example.org>"),
        "{seen}"
    );
    assert!(seen.contains("Subject: "), "{seen}");
}

#[tokio::test]
async fn the_http_sms_gateway_posts_json_and_treats_an_error_status_as_a_failure() {
    use std::sync::{Arc, Mutex};

    use app::ssr::services::outbox::{HttpSmsGateway, SmsError, SmsGateway};
    use axum::{extract::State, http::StatusCode, routing::post, Json, Router};

    let received: Arc<Mutex<Vec<Value>>> = Arc::default();
    let router = Router::new()
        .route(
            "/sms",
            post(
                |State(seen): State<Arc<Mutex<Vec<Value>>>>, Json(body): Json<Value>| async move {
                    if let Ok(mut seen) = seen.lock() {
                        seen.push(body);
                    }
                    StatusCode::ACCEPTED
                },
            ),
        )
        .route("/down", post(|| async { StatusCode::SERVICE_UNAVAILABLE }))
        .with_state(received.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move { axum::serve(listener, router).await });

    let gateway = HttpSmsGateway::new(format!("http://{addr}/sms")).expect("gateway");
    gateway
        .send("13800138000", "【防返贫监测】测试")
        .await
        .expect("accepted");
    let seen = received.lock().expect("lock").clone();
    assert_eq!(
        seen,
        vec![serde_json::json!({"to": "13800138000", "text": "【防返贫监测】测试"})]
    );

    let down = HttpSmsGateway::new(format!("http://{addr}/down")).expect("gateway");
    let error = down.send("13800138000", "x").await.expect_err("refused");
    assert!(matches!(error, SmsError::Status(503)), "{error:?}");
}

#[tokio::test]
async fn the_background_worker_sweeps_as_soon_as_the_server_runs() {
    use std::sync::Arc;

    use server::{config::Config, startup::Application};

    let app = filed_on_monday().await;
    app.clock.advance(Duration::days(3));
    // A second server on the same database, this one with its workers on.
    // With the demo on, as the first server: seeding again changes nothing, and a production
    // start would refuse the demo accounts.
    let config = Config {
        seed_demo: true,
        workers: 1,
        ..Config::local(&app.database_url)
    };
    let with_workers = Application::build(&config, Arc::new(app.clock.clone()))
        .await
        .expect("starts");
    tokio::spawn(with_workers.run());
    for _ in 0..100 {
        if kinds_for(&app, "zhenzhang-qingshi").await == ["overdue"] {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("the worker did not sweep");
}
