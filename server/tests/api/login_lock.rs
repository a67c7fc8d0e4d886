//! Guessing one account's password from many addresses: each address alone stays under its
//! limits, yet the account locks for a while (counted in the database, so across app
//! servers), even the right password is refused while it lasts, and the lock is audited.
use app::ssr::proxies::TrustedProxies;
use reqwest::{header, StatusCode};
use server::config::{Config, HttpConfig};

use crate::helpers::{spawn_app_configured, TestApp, PASSWORD};

/// A sign-in as `xian-admin` from `address` (behind the trusted proxy).
async fn sign_in_from(app: &TestApp, address: &str, password: &str) -> StatusCode {
    app.client
        .post(app.url("/api/auth/login"))
        .header(header::ACCEPT, "application/json")
        .header("x-forwarded-for", address)
        .form(&[("username", "xian-admin"), ("password", password)])
        .send()
        .await
        .expect("request")
        .status()
}

async fn locks_audited(app: &TestApp) -> Vec<(String, String)> {
    sqlx::query_as(
        "select a.outcome, a.client_address from audit_log a join users u on u.id = a.actor_id
         where a.action = 'login_locked' and u.username = 'xian-admin' order by a.seq",
    )
    .fetch_all(&app.state.db.pool)
    .await
    .expect("audit rows")
}

#[tokio::test]
async fn guesses_spread_over_addresses_lock_the_account_even_for_the_right_password() {
    let app = spawn_app_configured(|config| Config {
        http: HttpConfig {
            trusted_proxies: TrustedProxies::parse("127.0.0.0/8").expect("cidr"),
            ..HttpConfig::default()
        },
        ..config
    })
    .await;
    // Four addresses, five guesses each: every address stays within its own limits.
    let mut answers = Vec::new();
    for address in ["203.0.113.1", "203.0.113.2", "203.0.113.3", "203.0.113.4"] {
        for _ in 0..5 {
            answers.push(sign_in_from(&app, address, "guess-wrong").await);
        }
    }
    let refused = answers
        .iter()
        .filter(|s| **s == StatusCode::TOO_MANY_REQUESTS)
        .count();
    assert_eq!(
        refused, 10,
        "the account locks after ten tries: {answers:?}"
    );
    assert!(answers[..10].iter().all(|s| *s == StatusCode::UNAUTHORIZED));

    // The right password from a fifth address is refused while the lock lasts.
    assert_eq!(
        sign_in_from(&app, "198.51.100.7", PASSWORD).await,
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(
        locks_audited(&app).await,
        vec![("refused".to_owned(), "203.0.113.2".to_owned())],
        "the lock is audited once, from the address of the try that locked it"
    );

    // A while later the owner signs in again.
    app.clock.advance(chrono::Duration::minutes(16));
    assert_eq!(
        sign_in_from(&app, "198.51.100.7", PASSWORD).await,
        StatusCode::OK
    );
}
