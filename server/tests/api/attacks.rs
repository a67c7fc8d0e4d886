//! Issue 8, abuse resistance: one test per attack, each asserting the refusal and that nothing
//! was written. Callers at different addresses connect from different loopback addresses
//! (127.0.0.x), so no forwarded-for header (trusted or not) is involved.
use std::net::{IpAddr, Ipv4Addr};

use reqwest::{header, redirect::Policy};

use crate::helpers::{fields, report_fields, spawn_app, TestApp, PASSWORD, QINGSHI_VILLAGE};

const ADMIN: &str = "xian-admin";

/// A caller on the app's own page whose connections come from 127.0.0.`last`.
fn caller_at(app: &TestApp, last: u8) -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        reqwest::header::ORIGIN,
        reqwest::header::HeaderValue::from_str(&app.base).expect("origin"),
    );
    reqwest::Client::builder()
        .local_address(IpAddr::V4(Ipv4Addr::new(127, 0, 0, last)))
        .default_headers(headers)
        .cookie_store(true)
        .redirect(Policy::none())
        .timeout(std::time::Duration::from_secs(120))
        .build()
        .expect("client")
}

fn sign_in_request(
    app: &TestApp,
    client: &reqwest::Client,
    user: &str,
    password: &str,
) -> reqwest::RequestBuilder {
    client
        .post(app.url("/api/auth/login"))
        .header(header::ACCEPT, "application/json")
        .form(&fields(&[("username", user), ("password", password)]))
}

async fn sign_in(app: &TestApp, client: &reqwest::Client, user: &str, password: &str) -> u16 {
    sign_in_request(app, client, user, password)
        .send()
        .await
        .expect("request")
        .status()
        .as_u16()
}

/// Sends all the requests at once; their statuses, in no particular order.
async fn burst(requests: Vec<reqwest::RequestBuilder>) -> Vec<u16> {
    let mut set = tokio::task::JoinSet::new();
    for request in requests {
        set.spawn(async move { request.send().await.expect("request").status().as_u16() });
    }
    set.join_all().await
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(&app.state.db.pool)
        .await
        .expect("count")
}

/// How many of the statuses are `code`.
fn how_many(statuses: &[u16], code: u16) -> usize {
    statuses.iter().filter(|s| **s == code).count()
}

#[tokio::test]
async fn an_attackers_wrong_passwords_do_not_lock_the_admin_out() {
    let app = spawn_app().await;
    let attacker = caller_at(&app, 66);
    let mut statuses = Vec::new();
    for _ in 0..12 {
        statuses.push(sign_in(&app, &attacker, ADMIN, "guess-2026").await);
    }
    assert_eq!(how_many(&statuses, 401), 5, "{statuses:?}");
    assert_eq!(how_many(&statuses, 429), 7, "{statuses:?}");
    // The attacker now waits even with the right password: the delay is theirs.
    assert_eq!(sign_in(&app, &attacker, ADMIN, PASSWORD).await, 429);
    assert_eq!(count(&app, "select count(*) from sessions").await, 0);

    // The admin, from their own address, signs in at once.
    let admin = caller_at(&app, 10);
    assert_eq!(sign_in(&app, &admin, ADMIN, PASSWORD).await, 200);
    assert_eq!(count(&app, "select count(*) from sessions").await, 1);
}

#[tokio::test]
async fn the_delay_grows_and_ends() {
    let app = spawn_app().await;
    let attacker = caller_at(&app, 67);
    for _ in 0..5 {
        assert_eq!(sign_in(&app, &attacker, ADMIN, "guess").await, 401);
    }
    assert_eq!(sign_in(&app, &attacker, ADMIN, "guess").await, 429);
    // After a minute one more try; then four minutes.
    app.clock.advance(chrono::Duration::seconds(61));
    assert_eq!(sign_in(&app, &attacker, ADMIN, "guess").await, 401);
    app.clock.advance(chrono::Duration::seconds(61));
    assert_eq!(sign_in(&app, &attacker, ADMIN, "guess").await, 429);
    app.clock.advance(chrono::Duration::minutes(4));
    assert_eq!(sign_in(&app, &attacker, ADMIN, PASSWORD).await, 200);
}

#[tokio::test]
async fn a_parallel_burst_of_40_wrong_passwords_gets_exactly_5_tries() {
    let app = spawn_app().await;
    let attacker = caller_at(&app, 68);
    let tries = (0..40)
        .map(|_| sign_in_request(&app, &attacker, ADMIN, "guess-2026"))
        .collect();
    let statuses = burst(tries).await;
    assert_eq!(how_many(&statuses, 401), 5, "{statuses:?}");
    assert_eq!(how_many(&statuses, 429), 35, "{statuses:?}");
    assert_eq!(count(&app, "select count(*) from sessions").await, 0);
}

#[tokio::test]
async fn a_parallel_spray_over_many_accounts_from_one_address_stops_at_the_address_cap() {
    let app = spawn_app().await;
    let attacker = caller_at(&app, 69);
    let names: Vec<String> = (0..40).map(|i| format!("nobody-{i}")).collect();
    let tries = names
        .iter()
        .map(|name| sign_in_request(&app, &attacker, name, "guess-2026"))
        .collect();
    let statuses = burst(tries).await;
    let cap = app::ssr::services::auth::limits::PER_ADDRESS as usize;
    assert_eq!(how_many(&statuses, 401), cap, "{statuses:?}");
    assert_eq!(how_many(&statuses, 429), 40 - cap, "{statuses:?}");
}

#[tokio::test]
async fn a_parallel_burst_of_40_text_requests_sends_exactly_3_texts() {
    let app = spawn_app().await;
    let mobile = "13700137001";
    app.submit_report("张三", mobile, QINGSHI_VILLAGE).await;
    let caller = caller_at(&app, 70);
    let form = fields(&[("mobile", mobile)]);
    let asks = (0..40)
        .map(|_| {
            caller
                .post(app.url("/api/reports/resend"))
                .header(header::ACCEPT, "application/json")
                .form(&form)
        })
        .collect();
    let statuses = burst(asks).await;
    let limit = app::ssr::services::lookup::MAX_PER_MOBILE as usize;
    assert_eq!(how_many(&statuses, 200), limit, "{statuses:?}");
    assert_eq!(how_many(&statuses, 429), 40 - limit, "{statuses:?}");
    let texts = count(
        &app,
        "select count(*) from outbox where channel = 'sms' and case_id is null",
    )
    .await;
    assert_eq!(texts, limit as i64);
}

#[tokio::test]
async fn health_answers_while_twenty_sign_ins_hash_passwords() {
    let app = spawn_app().await;
    let users = [
        "cun-qingshi",
        "zhen-qingshi",
        "xian-officer",
        "rexian",
        ADMIN,
    ];
    let clients: Vec<reqwest::Client> = (0..20).map(|i| caller_at(&app, 100 + i)).collect();
    let sign_ins = async {
        let tries = clients
            .iter()
            .enumerate()
            .map(|(i, c)| sign_in_request(&app, c, users[i % users.len()], PASSWORD))
            .collect();
        let statuses = burst(tries).await;
        (statuses, std::time::Instant::now())
    };
    let health = async {
        // Let the sign-ins start hashing first.
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        let mut answers = Vec::new();
        for _ in 0..5 {
            let response = app
                .client
                .get(app.url("/healthz"))
                .send()
                .await
                .expect("healthz");
            answers.push(response.status().as_u16());
        }
        (answers, std::time::Instant::now())
    };
    let ((statuses, signed_in_at), (answers, healthy_at)) = tokio::join!(sign_ins, health);
    assert_eq!(how_many(&statuses, 200), 20, "{statuses:?}");
    assert_eq!(answers, vec![200; 5]);
    assert!(
        healthy_at < signed_in_at,
        "health answered only after the sign-ins finished"
    );
}

async fn stored_keys(app: &TestApp) -> Vec<Option<String>> {
    sqlx::query_scalar("select idempotency_key from cases order by created_at")
        .fetch_all(&app.state.db.pool)
        .await
        .expect("keys")
}

#[tokio::test]
async fn a_forged_form_key_gets_no_idempotency_and_reveals_nothing() {
    let app = spawn_app().await;
    let household = "13612340001";
    let key = crate::idempotency::issued_key(&app).await;
    let mut form = report_fields("周大爷", household, QINGSHI_VILLAGE);
    form.push(("form[key]".into(), key.clone()));
    let first: String = app
        .post_api("/api/reports/submit", &form)
        .await
        .json()
        .await
        .expect("tracking");

    // The same nonce with a made-up signature, and a bare nonce as keys used to be.
    let nonce = key.split('.').next().expect("nonce").to_owned();
    for forged in [format!("{nonce}.{}", "0".repeat(64)), nonce.clone()] {
        let mut form = report_fields("周大爷", household, QINGSHI_VILLAGE);
        form.push(("form[key]".into(), forged));
        let response = app.post_api("/api/reports/submit", &form).await;
        assert_eq!(response.status(), 200);
        let tracking: String = response.json().await.expect("tracking");
        assert_ne!(tracking, first, "a forged key never finds the first filing");
    }
    // Only the genuine key was stored.
    let keys = stored_keys(&app).await;
    assert_eq!(keys.len(), 3);
    assert_eq!(keys.iter().flatten().count(), 1, "{keys:?}");
    assert_eq!(keys[0].as_deref(), Some(format!("self:{nonce}").as_str()));
}

#[tokio::test]
async fn a_staff_form_key_does_not_work_on_the_public_form() {
    let app = spawn_app().await;
    let hotline = app.login("rexian").await;
    let staff_key: String = hotline
        .post_api("/api/reports/new_key", &[])
        .await
        .json()
        .await
        .expect("key");
    let mut form = report_fields("周大爷", "13612340002", QINGSHI_VILLAGE);
    form.push(("form[key]".into(), staff_key));
    assert_eq!(
        app.post_api("/api/reports/submit", &form).await.status(),
        200
    );
    assert_eq!(stored_keys(&app).await, vec![None]);
}

#[tokio::test]
async fn a_department_alerts_key_on_the_public_form_neither_leaks_nor_breaks_the_push() {
    let app = spawn_app().await;
    let department = app.login("bumen-minzheng").await;
    let department_id: String =
        sqlx::query_scalar("select id from users where username = 'bumen-minzheng'")
            .fetch_one(&app.state.db.pool)
            .await
            .expect("id");
    let household = "13612340003";
    let reference = "YB-2026-001";
    // What the attacker can compute: the old key scheme and the new stored form.
    let old_scheme = {
        use sha2::Digest;
        let digest = sha2::Sha256::digest(format!("alert:{department_id}:{reference}").as_bytes());
        digest[..16]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    };
    let stored_form = app::ssr::form_keys::alert_key(&department_id, reference);
    let attack = |key: &str| {
        let mut form = report_fields("钱大伯", household, QINGSHI_VILLAGE);
        form.push(("form[key]".into(), key.to_owned()));
        form
    };
    // First, before the department pushes: the key must not block the push.
    let early: String = app
        .post_api("/api/reports/submit", &attack(&old_scheme))
        .await
        .json()
        .await
        .expect("tracking");

    let alert = serde_json::json!({ "alerts": [{
        "reference": reference,
        "name": "钱大伯",
        "mobile": household,
        "id_number": crate::helpers::id_number_for(household),
        "village": QINGSHI_VILLAGE,
        "household_size": "3",
        "risk_types": ["illness"],
        "description": "医保数据：本年度自付医疗费用超过3万元",
    }]});
    let push = || async {
        let response = department
            .client
            .post(department.url("/api/alerts/push"))
            .header(header::ACCEPT, "application/json")
            .json(&alert)
            .send()
            .await
            .expect("push");
        assert_eq!(response.status(), 200);
        let outcomes: serde_json::Value = response.json().await.expect("json");
        outcomes[0]["tracking"]
            .as_str()
            .expect("the push files the record")
            .to_owned()
    };
    let pushed = push().await;
    assert_ne!(pushed, early);

    // Then, after the push, with the household's own details: never the department's number.
    for key in [old_scheme.as_str(), stored_form.as_str()] {
        let tracking: String = app
            .post_api("/api/reports/submit", &attack(key))
            .await
            .json()
            .await
            .expect("tracking");
        assert_ne!(
            tracking, pushed,
            "the public form learned the alert's number"
        );
    }
    // The department's re-push is still idempotent.
    assert_eq!(push().await, pushed);
    let alert_cases: i64 =
        sqlx::query_scalar("select count(*) from cases where channel = 'department_alert'")
            .fetch_one(&app.state.db.pool)
            .await
            .expect("count");
    assert_eq!(alert_cases, 1);
}

#[tokio::test]
async fn a_village_cadre_probing_another_villages_household_learns_nothing() {
    let app = spawn_app().await;
    let elsewhere = "13612340004";
    app.submit_report("李四", elsewhere, "522799101202").await;
    let at_home = "13612340005";
    app.submit_report("王五", at_home, QINGSHI_VILLAGE).await;
    let cadre = app.login("cun-qingshi").await;
    let probe = |mobile: &str| {
        fields(&[
            ("id_number", &crate::helpers::id_number_for(mobile)),
            ("mobile", mobile),
        ])
    };
    let found: serde_json::Value = cadre
        .post_api("/api/reports/duplicates", &probe(at_home))
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(found.as_array().map(Vec::len), Some(1), "in scope: {found}");
    let outside = cadre
        .post_api("/api/reports/duplicates", &probe(elsewhere))
        .await;
    assert_eq!(outside.status(), 200);
    assert_eq!(outside.text().await.expect("body"), "[]");
}

#[tokio::test]
async fn a_scripted_sweep_of_duplicate_look_ups_is_stopped() {
    let app = spawn_app().await;
    let operator = app.login("rexian").await;
    let limit = app::ssr::services::duplicates::DUPLICATE_PROBES_PER_HOUR;
    let mut statuses = Vec::new();
    for i in 0..=limit {
        let mobile = format!("136{:08}", i);
        let response = operator
            .post_api(
                "/api/reports/duplicates",
                &fields(&[("id_number", ""), ("mobile", &mobile)]),
            )
            .await;
        statuses.push(response.status().as_u16());
    }
    assert_eq!(how_many(&statuses, 200), limit as usize);
    assert_eq!(statuses.last(), Some(&429));
}

#[tokio::test]
async fn guessing_the_mobile_for_a_known_tracking_number_is_stopped_per_address() {
    let app = spawn_app().await;
    let household = "13612340006";
    let tracking = app.submit_report("赵六", household, QINGSHI_VILLAGE).await;
    let guesser = caller_at(&app, 71);
    let track = |client: &reqwest::Client, mobile: &str| {
        client
            .post(app.url("/api/reports/track"))
            .header(header::ACCEPT, "application/json")
            .form(&fields(&[("tracking", &tracking), ("mobile", mobile)]))
            .send()
    };
    let limit = app::ssr::services::reports::TRACKS_PER_ADDRESS_PER_HOUR;
    for i in 0..limit {
        let guess = format!("1390000{:04}", i);
        assert_eq!(track(&guesser, &guess).await.expect("track").status(), 404);
    }
    // Even the right guess is refused now, and says nothing about the number.
    assert_eq!(
        track(&guesser, household).await.expect("track").status(),
        429
    );
    // The household, elsewhere, still looks its case up.
    assert_eq!(
        track(&caller_at(&app, 11), household)
            .await
            .expect("track")
            .status(),
        200
    );
}

/// The confirmation as JSON: status and body.
async fn confirmation(
    app: &TestApp,
    client: &reqwest::Client,
    fields_: &[(&str, &str)],
) -> (u16, String) {
    let response = client
        .post(app.url("/api/reports/submitted"))
        .header(header::ACCEPT, "application/json")
        .form(&fields(fields_))
        .send()
        .await
        .expect("confirmation");
    (
        response.status().as_u16(),
        response.text().await.expect("body"),
    )
}

#[tokio::test]
async fn a_tracking_number_alone_does_not_confirm_that_a_filing_exists() {
    let app = spawn_app().await;
    let household = "13612340007";
    let filed = app
        .post_api(
            "/api/reports/submit",
            &report_fields("钱七", household, QINGSHI_VILLAGE),
        )
        .await;
    let link = filed.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned();
    let tracking: String = filed.json().await.expect("tracking");
    let token = link
        .split_once("?t=")
        .expect("token in the link")
        .1
        .to_owned();
    let prober = caller_at(&app, 72);

    // Only the number, a forged token, or another filing's token: the "not found" of a number
    // that does not exist, body and all.
    let (status, nobody) = confirmation(&app, &prober, &[("tracking", "2222-2222-22")]).await;
    assert_eq!(status, 404);
    let other = app
        .post_api(
            "/api/reports/submit",
            &report_fields("孙八", "13612340008", QINGSHI_VILLAGE),
        )
        .await;
    let other_link = other.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned();
    let other_token = other_link.split_once("?t=").expect("token").1;
    let forged = format!("{}.{}", i64::MAX, "0".repeat(64));
    for proof in [
        vec![("tracking", tracking.as_str())],
        vec![("tracking", tracking.as_str()), ("t", forged.as_str())],
        vec![("tracking", tracking.as_str()), ("t", other_token)],
        vec![("tracking", tracking.as_str()), ("mobile", "13900000000")],
    ] {
        assert_eq!(
            confirmation(&app, &prober, &proof).await,
            (404, nobody.clone()),
            "{proof:?}"
        );
    }
    let page = prober
        .get(app.url(&format!("/report/submitted/{tracking}")))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("html");
    assert!(
        !page.contains("data-testid=\"tracking\""),
        "the page confirmed the number"
    );

    // The filer's own link shows the filing, on the page and as JSON; so does the mobile.
    let grouped = app::domain::tracking::TrackingNumber::parse(&tracking)
        .expect("valid")
        .grouped();
    let (status, body) =
        confirmation(&app, &prober, &[("tracking", &tracking), ("t", &token)]).await;
    assert_eq!(status, 200);
    assert!(body.contains(&grouped), "{body}");
    assert!(app.get_html(&link).await.contains(&grouped));
    let (status, _) = confirmation(
        &app,
        &prober,
        &[("tracking", &tracking), ("mobile", household)],
    )
    .await;
    assert_eq!(status, 200);

    // The token lasts an hour.
    app.clock.advance(chrono::Duration::minutes(61));
    let (status, _) = confirmation(&app, &prober, &[("tracking", &tracking), ("t", &token)]).await;
    assert_eq!(status, 404);
}

/// A household's form from `client`, optionally with an issued key.
async fn file_from(
    app: &TestApp,
    client: &reqwest::Client,
    name: &str,
    mobile: &str,
    key: Option<&str>,
) -> (u16, String) {
    let mut form = report_fields(name, mobile, QINGSHI_VILLAGE);
    if let Some(key) = key {
        form.push(("form[key]".into(), key.into()));
    }
    let response = client
        .post(app.url("/api/reports/submit"))
        .header(header::ACCEPT, "application/json")
        .form(&form)
        .send()
        .await
        .expect("filing");
    (
        response.status().as_u16(),
        response.text().await.expect("body"),
    )
}

fn names_the_hotline_and_village_office(body: &str) -> bool {
    body.contains("12317") && body.contains("村委会")
}

#[tokio::test]
async fn a_scripted_filing_spree_from_one_address_stops_at_the_daily_limit() {
    let app = spawn_app().await;
    let limit = i64::from(app.state.policy.filings_per_address_per_day);
    let spree = caller_at(&app, 81);
    let mut statuses = Vec::new();
    for n in 0..limit + 5 {
        let mobile = format!("1371234{:04}", n);
        let (status, body) = file_from(&app, &spree, "刷单", &mobile, None).await;
        if status != 200 {
            assert!(names_the_hotline_and_village_office(&body), "{body}");
        }
        statuses.push(status);
    }
    assert_eq!(how_many(&statuses, 200), limit as usize, "{statuses:?}");
    assert_eq!(how_many(&statuses, 422), 5, "{statuses:?}");
    assert_eq!(count(&app, "select count(*) from cases").await, limit);

    // Without JavaScript the refused form comes back filled, with the message.
    let plain = spree
        .post(app.url("/api/reports/submit"))
        .header(header::ACCEPT, "text/html")
        .header(header::REFERER, app.url("/report"))
        .form(&report_fields("王老汉", "13712349999", QINGSHI_VILLAGE))
        .send()
        .await
        .expect("plain form");
    assert_eq!(plain.status(), 302);
    let back = plain.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned();
    let draft = back.split_once("draft=").expect("a draft").1;
    let (status, body) = {
        let r = spree
            .post(app.url("/api/reports/draft"))
            .header(header::ACCEPT, "application/json")
            .form(&fields(&[("token", draft)]))
            .send()
            .await
            .expect("draft");
        (r.status().as_u16(), r.text().await.expect("body"))
    };
    assert_eq!(status, 200);
    assert!(
        body.contains("王老汉") && names_the_hotline_and_village_office(&body),
        "{body}"
    );
    assert_eq!(count(&app, "select count(*) from cases").await, limit);

    // Another network files as usual.
    let (status, _) = file_from(&app, &caller_at(&app, 82), "李四", "13900139000", None).await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn a_household_retrying_the_same_form_is_not_blocked_but_a_mobile_is_limited() {
    let app = spawn_app().await;
    let limit = app.state.policy.filings_per_mobile_per_day;
    let household = caller_at(&app, 83);
    let mobile = "13712340100";
    let key: String = household
        .post(app.url("/api/reports/new_key"))
        .header(header::ACCEPT, "application/json")
        .send()
        .await
        .expect("key")
        .json()
        .await
        .expect("key");
    let mut numbers = std::collections::BTreeSet::new();
    for _ in 0..limit + 3 {
        let (status, body) = file_from(&app, &household, "周大爷", mobile, Some(&key)).await;
        assert_eq!(status, 200, "{body}");
        numbers.insert(body);
    }
    assert_eq!(numbers.len(), 1, "a retry returns the first filing");
    // The retries did not count: the mobile still has its other filings for today.
    for _ in 1..limit {
        let (status, body) = file_from(&app, &household, "周大爷", mobile, None).await;
        assert_eq!(status, 200, "{body}");
    }
    let (status, body) = file_from(&app, &caller_at(&app, 84), "周大爷", mobile, None).await;
    assert_eq!(status, 422);
    assert!(names_the_hotline_and_village_office(&body), "{body}");
    assert_eq!(
        count(&app, "select count(*) from cases").await,
        i64::from(limit)
    );
    // A day later the household files again.
    app.clock.advance(chrono::Duration::hours(25));
    let (status, _) = file_from(&app, &household, "周大爷", mobile, None).await;
    assert_eq!(status, 200);
}

/// A plain form post (no JavaScript) of an invalid report; where it sends the browser.
async fn invalid_plain_report(
    app: &TestApp,
    client: &reqwest::Client,
    description: &str,
) -> String {
    let mut form = report_fields("", "13712340200", QINGSHI_VILLAGE);
    form.retain(|(k, _)| k != "form[description]");
    form.push(("form[description]".into(), description.into()));
    let response = client
        .post(app.url("/api/reports/submit"))
        .header(header::ACCEPT, "text/html")
        .header(header::REFERER, app.url("/report"))
        .form(&form)
        .send()
        .await
        .expect("plain form");
    assert_eq!(response.status(), 302);
    response.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned()
}

#[tokio::test]
async fn two_hundred_oversized_invalid_drafts_do_not_fill_the_table() {
    let app = spawn_app().await;
    let flooder = caller_at(&app, 85);
    // 20 KB: under the body limit, over the draft cap.
    let big = "x".repeat(20 * 1024);
    for _ in 0..200 {
        let back = invalid_plain_report(&app, &flooder, &big).await;
        assert!(!back.contains("draft="), "{back}");
    }
    assert_eq!(count(&app, "select count(*) from form_drafts").await, 0);

    // Small drafts from one address: kept up to the hourly count, then the form comes back
    // empty.
    let cap = app::ssr::services::reports::DRAFTS_PER_ADDRESS_PER_HOUR;
    let mut kept = 0;
    for _ in 0..cap + 10 {
        if invalid_plain_report(&app, &flooder, "看病")
            .await
            .contains("draft=")
        {
            kept += 1;
        }
    }
    assert_eq!(kept, cap);
    assert_eq!(count(&app, "select count(*) from form_drafts").await, cap);
    // A household elsewhere still gets its form back filled.
    let back = invalid_plain_report(&app, &caller_at(&app, 86), "看病").await;
    assert!(back.contains("draft="), "{back}");
}

#[tokio::test]
async fn the_purge_deletes_expired_drafts_sessions_and_counters() {
    let app = spawn_app().await;
    let household = caller_at(&app, 87);
    invalid_plain_report(&app, &household, "看病").await;
    let officer = app.login("zhen-qingshi").await;
    assert_eq!(officer.queue().await.status(), 200);
    let signed_out = app.login("zhen-qingshi").await;
    signed_out.post_api("/api/auth/logout", &[]).await;
    use app::ssr::clock::Clock;
    let purge = || app::ssr::services::housekeeping::purge(&app.state, app.clock.now());

    // Nothing has expired yet, apart from the signed-out session.
    let first = purge().await.expect("purge");
    assert_eq!((first.drafts, first.sessions), (0, 1));
    assert_eq!(count(&app, "select count(*) from form_drafts").await, 1);
    assert_eq!(count(&app, "select count(*) from sessions").await, 1);
    assert!(count(&app, "select count(*) from rate_limits").await > 0);

    // A draft lasts an hour, a session and every counter window at most a day.
    app.clock.advance(chrono::Duration::minutes(61));
    assert_eq!(purge().await.expect("purge").drafts, 1);
    assert_eq!(count(&app, "select count(*) from form_drafts").await, 0);
    app.clock.advance(chrono::Duration::days(2));
    let last = purge().await.expect("purge");
    assert_eq!(last.sessions, 1);
    assert_eq!(count(&app, "select count(*) from sessions").await, 0);
    assert_eq!(count(&app, "select count(*) from rate_limits").await, 0);
}

async fn queue_message(app: &TestApp, id: &str, status: &str, case_id: Option<&str>) {
    sqlx::query(
        "insert into outbox (id, channel, recipient, subject, body, status, attempts, next_attempt_at, created_at, case_id, last_error)
         values ($1, 'sms', '13800138000', 'identified', '【防返贫监测】测试', $2, 0, 0, 0, $3, 'gateway down')",
    )
    .bind(id)
    .bind(status)
    .bind(case_id)
    .execute(&app.state.db.pool)
    .await
    .expect("queue message");
}

fn admin_of(county: &str) -> app::ssr::staff::Staff {
    app::ssr::staff::Staff {
        id: "admin".into(),
        username: "admin".into(),
        display_name: "admin".into(),
        role: app::domain::role::Role::CountyAdmin,
        scope: app::domain::region::RegionCode::parse(county).expect("county"),
        scope_name: "县".into(),
    }
}

#[tokio::test]
async fn dead_letters_are_shown_only_to_the_admin_of_their_county() {
    use app::ssr::services::outbox::dead_letters;
    let app = spawn_app().await;
    app.submit_report("张三", "13800138000", QINGSHI_VILLAGE)
        .await;
    let case_id: String = sqlx::query_scalar("select id from cases")
        .fetch_one(&app.state.db.pool)
        .await
        .expect("case");
    queue_message(&app, "about-a-case", "dead", Some(&case_id)).await;
    queue_message(&app, "account-mail", "dead", None).await;

    let own = dead_letters(&app.state, &admin_of("522799000000"), 50)
        .await
        .expect("own county");
    assert_eq!(
        own.len(),
        2,
        "the deployment's admin sees its case and account mail"
    );
    let other = dead_letters(&app.state, &admin_of("522798000000"), 50)
        .await
        .expect("other county");
    assert!(other.is_empty(), "{other:?}");
}

#[tokio::test]
async fn a_gateway_error_is_stored_without_its_credentials_or_key() {
    use app::ssr::{
        clock::Clock,
        services::outbox::{deliver_sms_due, HttpSmsGateway},
    };
    let app = spawn_app().await;
    queue_message(&app, "sms-1", "pending", None).await;
    // Nothing listens on port 9: the request fails with its URL in the error.
    let gateway =
        HttpSmsGateway::new("http://sms:hunter2@127.0.0.1:9/send?apikey=K3yK3yK3y&sig=abc")
            .expect("gateway");
    let report = deliver_sms_due(&app.state, &gateway, app.clock.now())
        .await
        .expect("deliver");
    assert_eq!(report.retrying, 1);
    let stored: String = sqlx::query_scalar("select last_error from outbox where id = 'sms-1'")
        .fetch_one(&app.state.db.pool)
        .await
        .expect("row");
    for secret in ["hunter2", "K3yK3yK3y", "apikey", "abc"] {
        assert!(!stored.contains(secret), "{stored}");
    }
    assert!(stored.contains("127.0.0.1:9/send"), "{stored}");
}
