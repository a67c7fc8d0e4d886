//! The mail server and the SMS gateway down for a while, then back: every row is retried
//! with the stated backoff and delivered exactly once, and only a row still failing at the
//! stated number of attempts becomes a dead letter.
use app::ssr::{
    clock::Clock,
    repo::outbox::{enqueue, MessageChannel, NewMessage},
    services::outbox::{
        backoff, deliver_until_stopped, DeliveryReport, HttpSmsGateway, SmtpMailer, SmtpSecurity,
        SmtpSettings, MAX_ATTEMPTS,
    },
};

use crate::{
    helpers::{spawn_app, TestApp},
    sms_stub::SmsStub,
    tls_servers::{free_port, smtp_server_on, test_ca},
};

const NEVER: &str = "13900009999";

async fn queue(app: &TestApp, id: &str, channel: MessageChannel, recipient: &str, body: &str) {
    let message = NewMessage {
        id,
        channel,
        recipient,
        subject: "已逾期：乡镇受理",
        body,
        case_id: None,
    };
    enqueue(
        &app.state.db.pool,
        &app.state.vault,
        &message,
        app.clock.now().timestamp_millis(),
    )
    .await
    .expect("enqueue");
}

/// (status, attempts) of every row, ordered by id.
async fn rows(app: &TestApp) -> Vec<(String, String, i64)> {
    sqlx::query_as("select id, status, attempts from outbox order by id")
        .fetch_all(&app.state.db.pool)
        .await
        .expect("rows")
}

/// Two delivery workers at once, as two app servers (or `WORKERS=2`) run them.
async fn pass(app: &TestApp, mailer: &SmtpMailer, gateway: &HttpSmsGateway) -> DeliveryReport {
    let state = app.state.refreshed();
    let now = app.clock.now();
    let (one, two) = tokio::join!(
        deliver_until_stopped(&state, Some(mailer), Some(gateway), now, &|| false),
        deliver_until_stopped(&state, Some(mailer), Some(gateway), now, &|| false),
    );
    let (one, two) = (one.expect("pass"), two.expect("pass"));
    DeliveryReport {
        sent: one.sent + two.sent,
        retrying: one.retrying + two.retrying,
        dead: one.dead + two.dead,
        deferred: one.deferred + two.deferred,
    }
}

#[tokio::test]
async fn mail_and_sms_down_for_a_while_are_retried_with_backoff_and_delivered_once() {
    let app = spawn_app().await;
    let ca = test_ca("县政务CA");
    let smtp_port = free_port();
    let mailer = SmtpMailer::new(SmtpSettings {
        host: "127.0.0.1".into(),
        port: smtp_port,
        from: "Safety Net <noreply@qingshi.example.org>".into(),
        credentials: None,
        security: SmtpSecurity::StartTls,
        extra_ca_pem: Some(ca.ca_pem.clone()),
    })
    .expect("mailer");
    let sms = SmsStub::start().await;
    sms.set_down(true);
    sms.never_deliver_to(NEVER);
    let gateway = HttpSmsGateway::new(sms.url.clone()).expect("gateway");

    for n in 0..3 {
        let officer = format!("officer{n}@qingshi.example.org");
        queue(
            &app,
            &format!("e{n}"),
            MessageChannel::Email,
            &officer,
            "请尽快办理。",
        )
        .await;
        let text = format!("【防返贫监测】短信 {n}");
        queue(
            &app,
            &format!("s{n}"),
            MessageChannel::Sms,
            &format!("1370000000{n}"),
            &text,
        )
        .await;
    }
    queue(
        &app,
        "x",
        MessageChannel::Sms,
        NEVER,
        "【防返贫监测】无法送达",
    )
    .await;

    // Both down: five attempts, each after the stated wait, none given up on.
    for attempt in 1..MAX_ATTEMPTS {
        let report = pass(&app, &mailer, &gateway).await;
        assert_eq!(
            (report.sent, report.retrying, report.dead),
            (0, 7, 0),
            "attempt {attempt}"
        );
        assert!(rows(&app)
            .await
            .iter()
            .all(|(_, status, n)| status == "pending" && *n == attempt));
        // Not a moment before the backoff is over.
        app.clock
            .advance(backoff(attempt) - chrono::Duration::seconds(1));
        assert_eq!(
            pass(&app, &mailer, &gateway).await,
            DeliveryReport::default(),
            "attempt {attempt} waits"
        );
        app.clock.advance(chrono::Duration::seconds(1));
    }

    // Both back (the mail server where it was): the sixth attempt delivers; the number
    // that still fails becomes a dead letter at exactly the stated count.
    let mail_server = smtp_server_on(&ca, "starttls", smtp_port);
    sms.set_down(false);
    let report = pass(&app, &mailer, &gateway).await;
    assert_eq!((report.sent, report.dead), (6, 1));
    let after: Vec<(String, String, i64)> = rows(&app).await;
    for (id, status, attempts) in &after {
        let expected = if id == "x" { "dead" } else { "sent" };
        assert_eq!(
            (status.as_str(), *attempts),
            (expected, MAX_ATTEMPTS),
            "{id}"
        );
    }

    // Later passes send nothing again.
    app.clock.advance(chrono::Duration::hours(1));
    assert_eq!(
        pass(&app, &mailer, &gateway).await,
        DeliveryReport::default()
    );
    for n in 0..3 {
        assert_eq!(
            sms.accepted(&format!("【防返贫监测】短信 {n}")),
            1,
            "text {n} once"
        );
        let officer = format!("officer{n}@qingshi.example.org");
        let got = mail_server
            .messages()
            .iter()
            .filter(|m| m.starts_with(&officer))
            .count();
        assert_eq!(got, 1, "email to {officer} once");
    }
    assert_eq!(sms.accepted_total(), 3);
    assert_eq!(mail_server.messages().len(), 3);
    assert_eq!(
        sms.refused(),
        usize::try_from(4 * MAX_ATTEMPTS - 3).expect("count"),
        "every SMS attempt reached the gateway: 4 rows × 5 while down, then the dead one"
    );
}
