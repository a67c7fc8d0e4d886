//! Filing sprees, oversized drafts, the purge, dead letters and gateway errors.
use super::*;

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
async fn oversized_or_too_many_drafts_do_not_fill_the_table_and_honest_forms_come_back() {
    let app = spawn_app().await;
    let flooder = caller_at(&app, 85);
    // 20 KB: under the body limit, over the draft cap.
    let big = "x".repeat(20 * 1024);
    for _ in 0..200 {
        let back = invalid_plain_report(&app, &flooder, &big).await;
        assert!(!back.contains("draft="), "{back}");
    }
    assert_eq!(count(&app, "select count(*) from form_drafts").await, 0);

    // Small drafts from one address (a village network): up to the hourly count in the
    // table, then in the server's bounded memory; every form still comes back filled in.
    let cap = app::ssr::services::reports::DRAFTS_PER_ADDRESS_PER_HOUR;
    let mut last = String::new();
    for n in 0..cap + 10 {
        last = invalid_plain_report(&app, &flooder, &format!("看病{n}")).await;
        assert!(last.contains("draft="), "{last}");
    }
    assert_eq!(count(&app, "select count(*) from form_drafts").await, cap);
    let page = flooder
        .get(app.url(&last))
        .send()
        .await
        .expect("draft page")
        .text()
        .await
        .expect("body");
    assert!(
        page.contains(&format!("看病{}", cap + 9)),
        "typed text kept: {page}"
    );
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
        department: None,
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
