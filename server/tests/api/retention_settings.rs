//! The retention periods on the county administrator's policy form: bounded by law, refused
//! with a field message when out of bounds, audited when changed, and used by the purge.
use app::ssr::{clock::Clock, repo::audit as rows, services::housekeeping::purge};
use chrono::Duration;
use serde_json::Value;

use crate::helpers::{policy_fields, spawn_app, TestApp};

async fn current(admin: &TestApp) -> (String, String) {
    let response = admin.post_api("/api/settings/current", &[]).await;
    assert_eq!(response.status(), 200);
    let view: Value = response.json().await.expect("json");
    let field = |name: &str| view["policy"][name].as_str().expect(name).to_owned();
    (
        field("retention_delivered_days"),
        field("retention_refused_days"),
    )
}

async fn retention_rows(app: &TestApp) -> Vec<rows::AuditRow> {
    rows::after(&app.state.db.pool, 0, 10_000)
        .await
        .expect("audit rows")
        .into_iter()
        .filter(|r| r.action == "retention_changed")
        .collect()
}

fn with_retention(delivered: &str, refused: &str) -> Vec<(String, String)> {
    policy_fields(
        "2026-11-23",
        &[
            ("retention_delivered_days", delivered),
            ("retention_refused_days", refused),
        ],
    )
}

#[tokio::test]
async fn the_admin_sets_retention_periods_within_legal_bounds_and_the_change_is_audited() {
    let app = spawn_app().await;
    let admin = app.login("xian-admin").await;
    assert_eq!(current(&admin).await, ("30".into(), "200".into()));

    // Out of bounds: each field says why, nothing is stored or audited.
    let refused = admin
        .post_api("/api/settings/policy", &with_retention("3", "100"))
        .await;
    assert_eq!(refused.status(), 422);
    let body = refused.text().await.expect("body");
    assert!(body.contains("retention_delivered_days"), "{body}");
    assert!(body.contains("retention_refused_days"), "{body}");
    assert!(body.contains("6 个月"), "the refusal says why: {body}");
    assert_eq!(current(&admin).await, ("30".into(), "200".into()));
    assert!(retention_rows(&app).await.is_empty());

    // Another officer may not edit policy at all.
    let township = app.login("zhen-qingshi").await;
    let forbidden = township
        .post_api("/api/settings/policy", &with_retention("7", "365"))
        .await;
    assert_eq!(forbidden.status(), 403);
    assert_eq!(current(&admin).await, ("30".into(), "200".into()));

    let saved = admin
        .post_api("/api/settings/policy", &with_retention("7", "365"))
        .await;
    assert_eq!(saved.status(), 200);
    assert_eq!(current(&admin).await, ("7".into(), "365".into()));
    let audited = retention_rows(&app).await;
    assert_eq!(audited.len(), 1);
    assert_eq!(audited[0].actor_role, "county_admin");
    // Said by the form's labels, old → new, in Chinese (officer tester: it read in codes).
    let detail = &audited[0].detail;
    assert!(
        detail.starts_with("已发短信、邮件的号码和内容保留（天，7至180） 30→7；")
            && detail.contains(" 200→365；自2026-11-23起执行"),
        "{detail}"
    );
    // Saving the same periods again (another field changed) writes no second row.
    let again = policy_fields(
        "2026-11-23",
        &[
            ("retention_delivered_days", "7"),
            ("retention_refused_days", "365"),
            ("due_soon_days", "2"),
        ],
    );
    assert_eq!(
        admin
            .post_api("/api/settings/policy", &again)
            .await
            .status(),
        200
    );
    assert_eq!(retention_rows(&app).await.len(), 1);

    // The purge follows the new period: a message sent 8 days ago loses its payload now.
    let sent = app.clock.now() - Duration::days(8);
    sqlx::query(
        "insert into outbox (id, channel, recipient, subject, body, status, attempts, next_attempt_at, created_at, sent_at)
         values ('eight-days', 'sms', '', 'progress', 'x', 'sent', 1, $1, $1, $1)",
    )
    .bind(sent.timestamp_millis())
    .execute(&app.state.db.pool)
    .await
    .expect("insert message");
    let purged = purge(&app.state.refreshed(), app.clock.now())
        .await
        .expect("purge");
    assert_eq!(purged.payloads, 1);
}
