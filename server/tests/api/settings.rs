use serde_json::Value;

use crate::helpers::{fields, spawn_app, QINGSHI_VILLAGE};

async fn acceptance_due(app: &crate::helpers::TestApp) -> String {
    let officer = app.login("zhen-qingshi").await;
    let view: Value = officer.queue_tab("all").await.json().await.expect("json");
    let items = view["items"].as_array().expect("items");
    items.last().expect("an item")["due_on"]
        .as_str()
        .expect("due")
        .to_owned()
}

#[tokio::test]
async fn a_holiday_added_by_the_admin_moves_working_day_deadlines() {
    let app = spawn_app().await;
    app.submit_report("张三", "13800138000", QINGSHI_VILLAGE)
        .await;
    // Filed Monday 2026-11-23: two working days → Wednesday.
    assert_eq!(acceptance_due(&app).await, "2026年11月25日");

    let admin = app.login("xian-admin").await;
    let response = admin
        .post_api(
            "/api/settings/day",
            &fields(&[
                ("day", "2026-11-24"),
                ("kind", "holiday"),
                ("name", "演示假日"),
            ]),
        )
        .await;
    assert_eq!(response.status(), 200);
    app.submit_report("李四", "13900139000", QINGSHI_VILLAGE)
        .await;
    // Tuesday is now a holiday: Wednesday and Thursday are the two working days.
    assert_eq!(acceptance_due(&app).await, "2026年11月26日");
}

#[tokio::test]
async fn a_county_policy_applies_from_its_effective_date() {
    let app = spawn_app().await;
    let admin = app.login("xian-admin").await;
    let policy = |from: &'static str| {
        fields(&[
            ("policy[effective_from]", from),
            ("policy[income_line]", "7300"),
            ("policy[township_acceptance_days]", "4"),
            ("policy[home_check_days]", "3"),
            ("policy[identification_days]", "15"),
            ("policy[notice_min_days]", "5"),
            ("policy[due_soon_days]", "1"),
        ])
    };
    // Not yet in force: deadlines stay as before.
    assert_eq!(
        admin
            .post_api("/api/settings/policy", &policy("2026-12-01"))
            .await
            .status(),
        200
    );
    app.submit_report("张三", "13800138000", QINGSHI_VILLAGE)
        .await;
    assert_eq!(acceptance_due(&app).await, "2026年11月25日");
    // In force from today: four working days to accept.
    assert_eq!(
        admin
            .post_api("/api/settings/policy", &policy("2026-11-23"))
            .await
            .status(),
        200
    );
    app.submit_report("李四", "13900139000", QINGSHI_VILLAGE)
        .await;
    assert_eq!(acceptance_due(&app).await, "2026年11月27日");

    let officer = app.login("zhen-qingshi").await;
    let refused = officer
        .post_api("/api/settings/policy", &policy("2026-11-23"))
        .await;
    assert_eq!(refused.status(), 403);
}
