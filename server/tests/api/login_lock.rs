//! Guessing one account's password from many addresses: each address alone stays under its
//! limits, yet the account locks for a while (counted in the database, so across app
//! servers), even the right password is refused while it lasts, and the lock is audited.
use app::ssr::proxies::TrustedProxies;
use reqwest::{header, StatusCode};
use server::config::{Config, HttpConfig};

use crate::helpers::{spawn_app_configured, TestApp, PASSWORD};

/// A sign-in as `xian-admin` from `address` (behind the trusted proxy).
async fn sign_in_from(app: &TestApp, address: &str, password: &str) -> StatusCode {
    sign_in_as(app, "xian-admin", address, password).await
}

async fn sign_in_as(app: &TestApp, username: &str, address: &str, password: &str) -> StatusCode {
    app.client
        .post(app.url("/api/auth/login"))
        .header(header::ACCEPT, "application/json")
        .header("x-forwarded-for", address)
        .form(&[("username", username), ("password", password)])
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

async fn behind_a_proxy() -> TestApp {
    spawn_app_configured(|config| Config {
        http: HttpConfig {
            trusted_proxies: TrustedProxies::parse("127.0.0.0/8").expect("cidr"),
            ..HttpConfig::default()
        },
        ..config
    })
    .await
}

#[tokio::test]
async fn guesses_spread_over_addresses_lock_the_account_even_for_the_right_password() {
    let app = behind_a_proxy().await;
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

/// A stranger's ten guesses do not lock out the browser the owner signed in from before
/// (attacker tester: ten requests a quarter hour kept any account, the administrator's too,
/// locked out); a browser that never signed in as the account is still held back.
#[tokio::test]
async fn guesses_from_elsewhere_do_not_lock_out_the_owners_own_browser() {
    let app = behind_a_proxy().await;
    let owner = app.login("xian-admin").await;
    for address in ["203.0.113.1", "203.0.113.2", "203.0.113.3"] {
        for _ in 0..4 {
            sign_in_from(&app, address, "guess-wrong").await;
        }
    }
    assert_eq!(
        sign_in_from(&app, "198.51.100.7", PASSWORD).await,
        StatusCode::TOO_MANY_REQUESTS,
        "a fresh browser with the right password waits out the lock"
    );
    let again = owner
        .client
        .post(owner.url("/api/auth/login"))
        .header(header::ACCEPT, "application/json")
        .header("x-forwarded-for", "198.51.100.8")
        .form(&[("username", "xian-admin"), ("password", PASSWORD)])
        .send()
        .await
        .expect("request");
    assert_eq!(
        again.status(),
        StatusCode::OK,
        "the owner's own browser signs in"
    );
}

/// Whether the administrator's account list shows `username` as locked.
async fn shown_locked(admin: &TestApp, username: &str) -> bool {
    let accounts: serde_json::Value = admin
        .post_api("/api/admin/accounts", &[])
        .await
        .json()
        .await
        .expect("accounts");
    let account = accounts
        .as_array()
        .expect("accounts")
        .iter()
        .find(|a| a["username"] == username)
        .unwrap_or_else(|| panic!("{username} in {accounts}"));
    account["locked"].as_bool().expect("locked")
}

/// The administrator gives `user_id` a new password.
async fn reset(admin: &TestApp, user_id: &str, password: &str) {
    let reset = admin
        .post_api(
            "/api/admin/reset",
            &crate::helpers::fields(&[("user_id", user_id), ("password", password)]),
        )
        .await;
    assert!(reset.status().is_success(), "{}", reset.status());
}

/// The sign-in page tells a locked-out officer to ask the county administrator: the
/// administrator sees the lock, and a new password ends it at once.
#[tokio::test]
async fn the_administrator_sees_a_lock_and_a_new_password_ends_it() {
    let app = behind_a_proxy().await;
    let admin = app.login("xian-admin").await;
    for i in 0..12 {
        let from = format!("203.0.113.{}", 10 + i / 4);
        sign_in_as(&app, "zhen-qingshi", &from, "guess-wrong").await;
    }
    assert!(shown_locked(&admin, "zhen-qingshi").await);
    reset(&admin, "demo-zhen-qingshi", "new-password-1").await;
    assert_eq!(
        sign_in_as(&app, "zhen-qingshi", "198.51.100.8", "new-password-1").await,
        StatusCode::OK,
        "the new password works at once"
    );
    assert!(!shown_locked(&admin, "zhen-qingshi").await);
}

/// Wrong passwords from one address (a village office's, shared with whoever guessed) delay
/// the officer there too: the administrator sees that as a lock, and a new password ends it.
#[tokio::test]
async fn a_delay_from_one_address_is_shown_and_ended_by_a_new_password() {
    let app = behind_a_proxy().await;
    let admin = app.login("xian-admin").await;
    for _ in 0..7 {
        sign_in_as(&app, "cun-qingshi", "203.0.113.50", "guess-wrong").await;
    }
    assert_eq!(
        sign_in_as(&app, "cun-qingshi", "203.0.113.50", PASSWORD).await,
        StatusCode::TOO_MANY_REQUESTS,
        "the officer at that address waits too"
    );
    assert!(shown_locked(&admin, "cun-qingshi").await);
    reset(&admin, "demo-cun-qingshi", "new-password-2").await;
    assert_eq!(
        sign_in_as(&app, "cun-qingshi", "203.0.113.50", "new-password-2").await,
        StatusCode::OK
    );
}
