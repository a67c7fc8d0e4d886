//! Retention (policy `retention`): delivered message payloads and refused filings' personal
//! data are cleared after their periods; open filings, identified households and every
//! event stay.
use app::ssr::{clock::Clock, services::housekeeping::purge};
use chrono::Duration;
use serde_json::Value;

use crate::helpers::{detail, id_number_for, spawn_app, step, TestApp, QINGSHI_VILLAGE};

async fn insert_message(app: &TestApp, id: &str, status: &str, sent_days_ago: i64) {
    let sent = app.clock.now() - Duration::days(sent_days_ago);
    sqlx::query(
        "insert into outbox (id, channel, recipient, subject, body, status, attempts, next_attempt_at, created_at, sent_at)
         values ($1, 'sms', '13512360000', 'progress', '您的申报已受理', $2, 1, $3, $4, $5)",
    )
    .bind(id)
    .bind(status)
    .bind(sent.timestamp_millis())
    .bind(sent.timestamp_millis())
    .bind((status == "sent").then(|| sent.timestamp_millis()))
    .execute(&app.state.db.pool)
    .await
    .expect("insert message");
}

async fn payload(app: &TestApp, id: &str) -> (String, String, String, Option<i64>) {
    sqlx::query_as("select recipient, body, status, payload_purged_at from outbox where id = $1")
        .bind(id)
        .fetch_one(&app.state.db.pool)
        .await
        .expect("message")
}

#[tokio::test]
async fn a_delivered_message_loses_its_payload_after_the_period_and_the_record_stays() {
    let app = spawn_app().await;
    insert_message(&app, "old-sent", "sent", 31).await;
    insert_message(&app, "new-sent", "sent", 29).await;
    insert_message(&app, "old-pending", "pending", 31).await;
    insert_message(&app, "old-dead", "dead", 31).await;
    let purged = purge(&app.state, app.clock.now()).await.expect("purge");
    assert_eq!(purged.payloads, 1);
    let (recipient, body, status, at) = payload(&app, "old-sent").await;
    assert_eq!(
        (recipient.as_str(), body.as_str(), status.as_str()),
        ("", "", "sent")
    );
    assert_eq!(at, Some(app.clock.now().timestamp_millis()));
    for kept in ["new-sent", "old-pending", "old-dead"] {
        let (recipient, body, _, at) = payload(&app, kept).await;
        assert_eq!(recipient, "13512360000", "{kept}");
        assert_eq!(body, "您的申报已受理", "{kept}");
        assert_eq!(at, None);
    }
    // A second pass has nothing left to do.
    assert_eq!(
        purge(&app.state, app.clock.now())
            .await
            .expect("purge")
            .payloads,
        0
    );
}

/// The applicant's name, mobile and ID number as stored (opened when sealed; empty stays empty).
async fn applicant(app: &TestApp, id: &str) -> (String, String, String) {
    use app::ssr::vault::Field;
    let (name, mobile, id_number): (String, String, String) = sqlx::query_as(
        "select applicant_name, applicant_mobile, applicant_id_number from cases where id = $1",
    )
    .bind(id)
    .fetch_one(&app.state.db.pool)
    .await
    .expect("case");
    let open = |field, stored: String| {
        if stored.is_empty() {
            stored
        } else {
            app.state
                .vault
                .open(field, &stored)
                .expect("sealed value opens")
        }
    };
    (
        name,
        open(Field::Mobile, mobile),
        open(Field::IdNumber, id_number),
    )
}

async fn events(app: &TestApp, id: &str) -> i64 {
    sqlx::query_scalar("select count(*) from case_events where case_id = $1")
        .bind(id)
        .fetch_one(&app.state.db.pool)
        .await
        .expect("events")
}

#[tokio::test]
async fn a_refused_filing_loses_its_personal_data_after_the_appeal_window_and_open_ones_do_not() {
    let app = spawn_app().await;
    let refused_tracking = app
        .submit_report("李四", "13512360001", QINGSHI_VILLAGE)
        .await;
    let open_tracking = app
        .submit_report("张三", "13512360002", QINGSHI_VILLAGE)
        .await;
    let refused = app.case_id_of(&refused_tracking).await;
    let open = app.case_id_of(&open_tracking).await;
    let township = app.login("zhen-qingshi").await;
    let case: Value = detail(&township, &refused).await;
    let version = case["version"].as_i64().expect("version");
    let rejected = step(
        &township,
        &refused,
        version,
        &[("kind", "reject_out_of_scope"), ("reason", "非本县户籍")],
    )
    .await;
    assert_eq!(rejected.status(), 200);
    let events_before = (events(&app, &refused).await, events(&app, &open).await);

    // Within the appeal window nothing is cleared.
    app.clock.advance(Duration::days(199));
    assert_eq!(
        purge(&app.state, app.clock.now())
            .await
            .expect("purge")
            .refused,
        0
    );
    assert_eq!(applicant(&app, &refused).await.0, "李四");

    app.clock.advance(Duration::days(2));
    assert_eq!(
        purge(&app.state, app.clock.now())
            .await
            .expect("purge")
            .refused,
        1
    );
    assert_eq!(
        applicant(&app, &refused).await,
        (String::new(), String::new(), String::new())
    );
    let kept = applicant(&app, &open).await;
    assert_eq!(
        kept,
        (
            "张三".to_owned(),
            "13512360002".to_owned(),
            id_number_for("13512360002")
        )
    );
    // The procedure's record stays: every event, and the refused case still loads.
    assert_eq!(
        (events(&app, &refused).await, events(&app, &open).await),
        events_before
    );
    let loaded = app::ssr::services::cases::load_unscoped(&app.state, &refused)
        .await
        .expect("loads");
    assert_eq!(loaded.state.code(), "rejected_out_of_scope");
    assert!(loaded.household.is_none());
    // The refusal's text to the household lost its payload too.
    let unpurged: i64 =
        sqlx::query_scalar("select count(*) from outbox where case_id = $1 and recipient <> ''")
            .bind(&refused)
            .fetch_one(&app.state.db.pool)
            .await
            .expect("count");
    assert_eq!(unpurged, 0);
}
