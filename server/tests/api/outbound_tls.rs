//! Outbound TLS against real servers on loopback: email over STARTTLS and implicit TLS,
//! SMS over HTTPS with a bearer token or an HMAC signature. A server whose certificate the
//! configured CAs do not vouch for gets nothing, and the message stays pending.
use app::ssr::{
    clock::Clock,
    repo::outbox::{enqueue, MessageChannel, NewMessage},
    services::outbox::{
        deliver_due, deliver_sms_due, hmac_signature, HttpSmsGateway, Mailer, SmsAuth, SmsGateway,
        SmtpMailer, SmtpSecurity, SmtpSettings,
    },
};

use crate::{
    helpers::{spawn_app, TestApp},
    tls_servers::{https_stub, smtp_server, test_ca},
};

const OFFICER: &str = "officer@qingshi.example.org";

fn mailer(port: u16, security: SmtpSecurity, ca_pem: &[u8]) -> SmtpMailer {
    SmtpMailer::new(SmtpSettings {
        host: "127.0.0.1".into(),
        port,
        from: "Safety Net <noreply@qingshi.example.org>".into(),
        credentials: None,
        security,
        extra_ca_pem: Some(ca_pem.to_vec()),
    })
    .expect("mailer")
}

async fn queue(app: &TestApp, id: &str, channel: MessageChannel, recipient: &str) {
    let message = NewMessage {
        id,
        channel,
        recipient,
        subject: "已逾期：乡镇受理",
        body: "请尽快办理。",
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

async fn status_of(app: &TestApp, id: &str) -> (String, i64) {
    sqlx::query_as("select status, attempts from outbox where id = $1")
        .bind(id)
        .fetch_one(&app.state.db.pool)
        .await
        .expect("row")
}

#[tokio::test]
async fn email_is_sent_over_starttls_and_over_implicit_tls() {
    let ca = test_ca("县政务CA");
    for (mode, security) in [
        ("starttls", SmtpSecurity::StartTls),
        ("implicit", SmtpSecurity::Implicit),
    ] {
        let server = smtp_server(&ca, mode);
        mailer(server.port, security, &ca.ca_pem)
            .send(OFFICER, "已逾期：乡镇受理", "请尽快办理。")
            .await
            .unwrap_or_else(|e| panic!("{mode}: {e:?}"));
        let received = server.messages();
        assert_eq!(received.len(), 1, "{mode}: {received:?}");
        assert!(received[0].starts_with(OFFICER), "{received:?}");
        assert!(
            !received[0].ends_with("tls=none"),
            "{mode} sent in the clear"
        );
    }
}

#[tokio::test]
async fn a_mail_server_with_an_untrusted_certificate_gets_nothing_and_the_email_stays_pending() {
    let app = spawn_app().await;
    let (real, impostor) = (test_ca("县政务CA"), test_ca("冒充者"));
    let server = smtp_server(&impostor, "starttls");
    queue(&app, "mail-1", MessageChannel::Email, OFFICER).await;

    let trusting_real = mailer(server.port, SmtpSecurity::StartTls, &real.ca_pem);
    let report = deliver_due(&app.state, &trusting_real, app.clock.now())
        .await
        .expect("pass");
    assert_eq!((report.sent, report.retrying), (0, 1));
    assert_eq!(status_of(&app, "mail-1").await, ("pending".to_owned(), 1));
    assert!(server.messages().is_empty(), "{:?}", server.messages());

    // Once the mailer trusts the server's CA, the same row goes, once.
    let trusting_server = mailer(server.port, SmtpSecurity::StartTls, &impostor.ca_pem);
    app.clock.advance(chrono::Duration::hours(1));
    let report = deliver_due(&app.state, &trusting_server, app.clock.now())
        .await
        .expect("pass");
    assert_eq!(report.sent, 1);
    assert_eq!(status_of(&app, "mail-1").await.0, "sent");
    assert_eq!(server.messages().len(), 1);
}

#[tokio::test]
async fn sms_goes_over_https_with_a_bearer_token_or_a_signature_the_gateway_can_check() {
    let ca = test_ca("县政务CA");
    let (base, seen) = https_stub(&ca).await;
    let url = format!("{base}/sms/send");
    let bearer = HttpSmsGateway::with(&url, SmsAuth::Bearer("tok-123".into()), Some(&ca.ca_pem))
        .expect("gateway");
    bearer
        .send("13800138000", "【防返贫监测】测试")
        .await
        .expect("sent");
    let key = b"shared-secret-key".to_vec();
    let signed =
        HttpSmsGateway::with(&url, SmsAuth::Hmac(key.clone()), Some(&ca.ca_pem)).expect("gateway");
    signed
        .send("13800138001", "【防返贫监测】测试")
        .await
        .expect("sent");

    let seen = seen.lock().expect("lock").clone();
    assert_eq!(seen.len(), 2);
    let (headers, body) = &seen[0];
    assert_eq!(headers["authorization"], "Bearer tok-123");
    let sent: serde_json::Value = serde_json::from_slice(body).expect("json");
    assert_eq!(sent["to"], "13800138000");

    let (headers, body) = &seen[1];
    assert!(headers.get("authorization").is_none());
    let timestamp: i64 = headers["x-safety-net-timestamp"]
        .to_str()
        .expect("ascii")
        .parse()
        .expect("number");
    // What the gateway recomputes with its copy of the key, independently of our helper.
    use hmac::Mac;
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(&key).expect("key");
    mac.update(format!("{timestamp}.").as_bytes());
    mac.update(body);
    let expected: String = mac
        .finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(headers["x-safety-net-signature"], expected.as_str());
    assert_eq!(hmac_signature(&key, timestamp, body), expected);
    assert!(!String::from_utf8_lossy(body).contains("shared-secret-key"));
}

#[tokio::test]
async fn an_sms_gateway_with_an_untrusted_certificate_gets_nothing_and_the_row_stays_pending() {
    let app = spawn_app().await;
    let (real, impostor) = (test_ca("县政务CA"), test_ca("冒充者"));
    let (base, seen) = https_stub(&impostor).await;
    queue(&app, "sms-1", MessageChannel::Sms, "13800138000").await;
    let gateway = HttpSmsGateway::with(format!("{base}/send"), SmsAuth::None, Some(&real.ca_pem))
        .expect("gateway");
    let report = deliver_sms_due(&app.state, &gateway, app.clock.now())
        .await
        .expect("pass");
    assert_eq!((report.sent, report.retrying), (0, 1));
    assert_eq!(status_of(&app, "sms-1").await, ("pending".to_owned(), 1));
    assert!(seen.lock().expect("lock").is_empty());
}
