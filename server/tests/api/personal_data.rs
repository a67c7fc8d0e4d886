//! Encryption at rest (issue 9): after a journey that stores ID numbers and mobiles everywhere
//! they go (self-report, a draft, proxy filing, a department alert, a home check with members'
//! ID numbers, texts in the outbox), no text column of any table holds one in plaintext, and
//! every way of finding them still works.
use app::{
    domain::{case::CaseCommand, id_number::IdNumber},
    ssr::vault::{Field, Vault},
};
use regex::Regex;
use serde_json::{json, Value};
use sqlx::{Any, Pool, Row};

use crate::{
    fixtures::{record, township_officer, village_cadre},
    helpers::{
        fields, id_number_for, report_fields, spawn_app, valid_id_number, TestApp, QINGSHI_VILLAGE,
    },
    storage::{run, today},
};

/// Every table's name, on either database.
async fn tables(pool: &Pool<Any>) -> Vec<String> {
    let sqlite: Result<Vec<String>, _> = sqlx::query_scalar(
        "select name from sqlite_master where type = 'table' and name not like 'sqlite_%'",
    )
    .fetch_all(pool)
    .await;
    match sqlite {
        Ok(names) => names,
        Err(_) => sqlx::query_scalar(
            "select table_name::text from information_schema.tables
             where table_schema = current_schema() and table_type = 'BASE TABLE'",
        )
        .fetch_all(pool)
        .await
        .expect("tables"),
    }
}

/// Every text value of every row of every table, as (table.column, value).
pub async fn raw_text(pool: &Pool<Any>) -> Vec<(String, String)> {
    let mut found = Vec::new();
    // sqlx's own migration ledger holds only file names and checksums (and a timestamp type
    // the Any driver cannot read).
    for table in tables(pool)
        .await
        .into_iter()
        .filter(|t| t != "_sqlx_migrations")
    {
        let rows = sqlx::query(&format!("select * from {table}"))
            .fetch_all(pool)
            .await
            .expect("raw rows");
        for row in &rows {
            for (i, column) in row.columns().iter().enumerate() {
                use sqlx::Column;
                // Numbers and nulls do not read as text: skipped.
                if let Ok(Some(text)) = row.try_get::<Option<String>, _>(i) {
                    found.push((format!("{table}.{}", column.name()), text));
                }
            }
        }
    }
    found
}

/// Plaintext ID numbers (valid check digit) and mobiles standing alone in a stored text, and
/// any of `known` anywhere in it.
pub fn plaintext_in(stored: &[(String, String)], known: &[String]) -> Vec<String> {
    let id = Regex::new(r"(?:^|[^0-9A-Za-z])([0-9]{17}[0-9Xx])(?:[^0-9A-Za-z]|$)").expect("re");
    let mobile = Regex::new(r"(?:^|[^0-9A-Za-z])(1[3-9][0-9]{9})(?:[^0-9A-Za-z]|$)").expect("re");
    let mut hits = Vec::new();
    for (place, text) in stored {
        for c in id.captures_iter(text) {
            if IdNumber::parse(&c[1]).is_ok() {
                hits.push(format!("{place}: ID number {}", &c[1]));
            }
        }
        for c in mobile.captures_iter(text) {
            hits.push(format!("{place}: mobile {}", &c[1]));
        }
        for value in known.iter().filter(|v| text.contains(v.as_str())) {
            hits.push(format!("{place}: {value}"));
        }
    }
    hits
}

pub const SELF_MOBILE: &str = "13800138123";
const PROXY_MOBILE: &str = "13900139456";
const ALERT_MOBILE: &str = "13511117777";
const DRAFT_MOBILE: &str = "13711112222";

/// The journey; returns every ID number and mobile it stored.
pub async fn journey(app: &TestApp) -> Vec<String> {
    let mut known: Vec<String> = Vec::new();
    for m in [SELF_MOBILE, PROXY_MOBILE, ALERT_MOBILE, DRAFT_MOBILE] {
        known.push(m.to_owned());
        known.push(id_number_for(m));
    }
    // A household files for itself, then asks for its tracking numbers by text.
    let tracking = app
        .submit_report("张三", SELF_MOBILE, QINGSHI_VILLAGE)
        .await;
    let resent = app
        .post_api("/api/reports/resend", &fields(&[("mobile", SELF_MOBILE)]))
        .await;
    assert_eq!(resent.status(), 200);
    // A form without JavaScript comes back with a problem: kept as a draft.
    let mut bad = report_fields("王五", DRAFT_MOBILE, QINGSHI_VILLAGE);
    bad.retain(|(k, _)| k != "form[consent]");
    let drafted = app
        .post_plain_form("/api/reports/submit", "/report", &bad)
        .await;
    assert_eq!(drafted.status(), 302);
    // The hotline files for a caller; a department pushes an alert for the same household.
    let hotline = app.login("rexian").await;
    let mut proxy = report_fields("孙大娘", PROXY_MOBILE, QINGSHI_VILLAGE);
    proxy.push(("channel".into(), "proxy_hotline".into()));
    assert_eq!(
        hotline
            .post_api("/api/reports/proxy", &proxy)
            .await
            .status(),
        200
    );
    let department = app.login("bumen-minzheng").await;
    let pushed: Value = department
        .client
        .post(department.url("/api/alerts/push"))
        .header("accept", "application/json")
        .json(&json!({ "alerts": [{
            "reference": "YB-900",
            "name": "钱大伯",
            "mobile": ALERT_MOBILE,
            "id_number": id_number_for(ALERT_MOBILE),
            "village": QINGSHI_VILLAGE,
            "household_size": "2",
            "risk_types": ["illness"],
            "description": "医保数据：自付医疗费用超过3万元",
        }]}))
        .send()
        .await
        .expect("push")
        .json()
        .await
        .expect("json");
    assert!(pushed[0]["tracking"].is_string(), "{pushed}");
    // The home check records members with their ID numbers (snapshot and event JSON).
    let id = app.case_id_of(&tracking).await;
    run(app, &township_officer(), &id, CaseCommand::ACCEPT).await;
    let mut check = record(today(app), 300_000);
    for (i, member) in check.members.iter_mut().enumerate() {
        let number = valid_id_number(700 + i as u32);
        known.push(number.clone());
        member.id_number = Some(IdNumber::parse(&number).expect("id"));
    }
    run(
        app,
        &village_cadre(),
        &id,
        CaseCommand::RecordHomeCheck { record: check },
    )
    .await;
    known
}

async fn search(officer: &TestApp, term: &str) -> Value {
    officer
        .post_api(
            "/api/queue/mine",
            &[("tab".into(), "all".into()), ("q".into(), term.into())],
        )
        .await
        .json()
        .await
        .expect("json")
}

#[tokio::test]
async fn after_a_full_journey_no_table_holds_a_plaintext_id_number_or_mobile() {
    let app = spawn_app().await;
    let known = journey(&app).await;
    let stored = raw_text(&app.state.db.pool).await;
    let hits = plaintext_in(&stored, &known);
    assert!(
        hits.is_empty(),
        "plaintext personal data at rest:\n{}",
        hits.join("\n")
    );
    // Not vacuous: the values are there, sealed, in each place they go.
    for place in [
        "cases.applicant_mobile",
        "cases.applicant_id_number",
        "cases.snapshot",
        "case_events.payload",
        "form_drafts.payload",
        "outbox.recipient",
    ] {
        assert!(
            stored
                .iter()
                .any(|(p, text)| p == place && text.contains("v1:test1:")),
            "nothing sealed in {place}"
        );
    }
}

#[tokio::test]
async fn sealed_numbers_are_still_found_by_search_duplicates_and_the_tracking_text() {
    let app = spawn_app().await;
    journey(&app).await;
    let township = app.login("zhen-qingshi").await;
    for term in [SELF_MOBILE, &id_number_for(SELF_MOBILE), "138 0013 8123"] {
        let found = search(&township, term).await;
        let items = found["items"].as_array().map(Vec::len).unwrap_or(0);
        assert_eq!(items, 1, "search {term}: {found}");
    }
    // The proxy filing and the alert are the same household twice: the second is flagged.
    let again = app
        .submit_report("孙大娘", PROXY_MOBILE, QINGSHI_VILLAGE)
        .await;
    let id = app.case_id_of(&again).await;
    let case = crate::helpers::detail(&township, &id).await;
    assert!(
        case["duplicates"].as_array().is_some_and(|d| !d.is_empty()),
        "duplicate flag: {case}"
    );
    // The case page masks what it opened: the mobile's last four digits are the original's.
    assert!(
        case["mobile_masked"]
            .as_str()
            .is_some_and(|m| m.ends_with(&PROXY_MOBILE[7..])),
        "{case}"
    );
}

#[tokio::test]
async fn a_different_key_opens_nothing() {
    let app = spawn_app().await;
    app.submit_report("张三", SELF_MOBILE, QINGSHI_VILLAGE)
        .await;
    let sealed: String = sqlx::query_scalar("select applicant_mobile from cases limit 1")
        .fetch_one(&app.state.db.pool)
        .await
        .expect("row");
    assert_eq!(
        app.state.vault.open(Field::Mobile, &sealed).expect("opens"),
        SELF_MOBILE
    );
    let other = Vault::from_key_text(&app::ssr::vault::keyfile::generate()).expect("keys");
    assert!(other.open(Field::Mobile, &sealed).is_err());
}

#[tokio::test]
async fn production_refuses_to_start_without_keys() {
    let url = crate::helpers::fresh_database_url().await;
    let config = server::config::Config {
        seed_demo: false,
        keys: server::keys::KeySource::Unset,
        ..server::config::Config::local(&url)
    };
    let clock = app::ssr::clock::ManualClock::new(crate::helpers::monday_morning());
    let refused = server::startup::Application::build(&config, std::sync::Arc::new(clock)).await;
    match refused {
        Err(server::startup::StartupError::Keys(e)) => {
            assert!(e.to_string().contains("SAFETY_NET_KEYS_FILE"), "{e}")
        }
        Err(other) => panic!("refused for another reason: {other}"),
        Ok(_) => panic!("started without keys"),
    }
}

#[tokio::test]
async fn the_scan_finds_a_plaintext_number_planted_in_any_table() {
    let app = spawn_app().await;
    let pool = &app.state.db.pool;
    let planted_id = valid_id_number(5);
    sqlx::query("insert into form_drafts (token, payload, created_at) values ('t', $1, 0)")
        .bind(r#"{"form":{"mobile":"13800138999"}}"#)
        .execute(pool)
        .await
        .expect("plant draft");
    sqlx::query(
        "insert into rate_limits (bucket, hits, window_ends, next_at, created_at) values ($1, 1, 0, 0, 0)",
    )
    .bind(format!("anything:{planted_id}"))
    .execute(pool)
    .await
    .expect("plant counter");
    let hits = plaintext_in(&raw_text(pool).await, &[]);
    assert!(
        hits.iter()
            .any(|h| h.contains("form_drafts.payload: mobile 13800138999")),
        "{hits:?}"
    );
    assert!(
        hits.iter()
            .any(|h| h.contains(&format!("rate_limits.bucket: ID number {planted_id}"))),
        "{hits:?}"
    );
}
