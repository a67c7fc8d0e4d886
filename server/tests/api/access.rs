//! Access by need (domain::access): each role reads only its own work; everything else is
//! refused without revealing the case, and refused reveals are audited.
use serde_json::{json, Value};

use crate::helpers::{fields, id_number_for, spawn_app, TestApp, QINGSHI_VILLAGE};

async fn open(officer: &TestApp, id: &str) -> reqwest::StatusCode {
    officer
        .post_api("/api/cases/detail", &fields(&[("case_id", id)]))
        .await
        .status()
}

pub async fn reveal(officer: &TestApp, id: &str, reason: &str, text: &str) -> reqwest::Response {
    officer
        .post_api(
            "/api/cases/reveal",
            &fields(&[("case_id", id), ("reason", reason), ("reason_text", text)]),
        )
        .await
}

/// A household's own filing (nobody on staff filed it).
pub async fn self_filed(app: &TestApp, mobile: &str) -> String {
    let tracking = app.submit_report("周大姐", mobile, QINGSHI_VILLAGE).await;
    app.case_id_of(&tracking).await
}

async fn hotline_filed(operator: &TestApp, mobile: &str) -> String {
    let mut form = crate::helpers::report_fields("孙大娘", mobile, QINGSHI_VILLAGE);
    form.push(("channel".into(), "proxy_hotline".into()));
    let response = operator.post_api("/api/reports/proxy", &form).await;
    assert_eq!(response.status(), 200);
    response.json().await.expect("case id")
}

async fn pushed(liaison: &TestApp, mobile: &str) -> String {
    let response = liaison
        .client
        .post(liaison.url("/api/alerts/push"))
        .header("accept", "application/json")
        .json(&json!({ "alerts": [{
            "reference": format!("YB-{mobile}"),
            "name": "钱大伯",
            "mobile": mobile,
            "id_number": id_number_for(mobile),
            "village": QINGSHI_VILLAGE,
            "household_size": "3",
            "risk_types": ["illness"],
            "description": "医保数据：自付医疗费用超过3万元",
        }]}))
        .send()
        .await
        .expect("request");
    let outcomes: Value = response.json().await.expect("json");
    let tracking = outcomes[0]["tracking"].as_str().expect("filed");
    liaison.case_id_of(tracking).await
}

#[tokio::test]
async fn a_hotline_operator_opens_the_cases_they_filed_and_no_other() {
    let app = spawn_app().await;
    let operator = app.login("rexian").await;
    let own = hotline_filed(&operator, "13512340001").await;
    let other = self_filed(&app, "13512340002").await;
    assert_eq!(open(&operator, &own).await, 200);
    assert_eq!(open(&operator, &other).await, 404);
    // Filing it is not a reason to see the full number again.
    assert_eq!(
        reveal(&operator, &own, "home_check", "").await.status(),
        404
    );
}

#[tokio::test]
async fn a_department_liaison_opens_the_alerts_they_pushed_and_no_other_case() {
    let app = spawn_app().await;
    let liaison = app.login("bumen-minzheng").await;
    let own = pushed(&liaison, "13512340003").await;
    let other = self_filed(&app, "13512340004").await;
    assert_eq!(open(&liaison, &own).await, 200);
    assert_eq!(open(&liaison, &other).await, 404);
    assert_eq!(reveal(&liaison, &own, "home_check", "").await.status(), 404);
}

#[tokio::test]
async fn the_county_admin_administers_but_cannot_read_a_case_file() {
    let app = spawn_app().await;
    let id = self_filed(&app, "13512340005").await;
    let admin = app.login("xian-admin").await;
    assert_eq!(open(&admin, &id).await, 404);
    assert_eq!(reveal(&admin, &id, "other", "好奇").await.status(), 404);
    let ledger = admin
        .client
        .get(admin.url("/staff/ledger.csv"))
        .send()
        .await
        .expect("request");
    assert_eq!(ledger.status(), 403);
}

#[tokio::test]
async fn an_officer_of_another_township_cannot_open_or_reveal_a_case() {
    let app = spawn_app().await;
    let id = self_filed(&app, "13512340006").await;
    let elsewhere = app.login("zhen-hekou").await;
    assert_eq!(open(&elsewhere, &id).await, 404);
    assert_eq!(
        reveal(&elsewhere, &id, "home_check", "").await.status(),
        404
    );
    let here = app.login("zhen-qingshi").await;
    assert_eq!(open(&here, &id).await, 200);
}

#[tokio::test]
async fn a_reveal_needs_a_reason_from_the_list_or_written_out_for_other() {
    let app = spawn_app().await;
    let id = self_filed(&app, "13512340007").await;
    let township = app.login("zhen-qingshi").await;
    for (reason, text) in [("", ""), ("curious", ""), ("other", " ")] {
        let response = reveal(&township, &id, reason, text).await;
        assert_eq!(response.status(), 422, "{reason:?} {text:?}");
        let body: Value = response.json().await.expect("json");
        assert!(body.to_string().contains("reason"), "{body}");
    }
    let shown = reveal(&township, &id, "other", "信访核实").await;
    assert_eq!(shown.status(), 200);
    let full: String = shown.json().await.expect("json");
    assert_eq!(full, id_number_for("13512340007"));
}

#[tokio::test]
async fn the_hotline_and_the_liaison_cannot_export_the_ledger() {
    let app = spawn_app().await;
    for user in ["rexian", "bumen-minzheng"] {
        let officer = app.login(user).await;
        let response = officer
            .client
            .get(officer.url("/staff/ledger.csv"))
            .send()
            .await
            .expect("request");
        assert_eq!(response.status(), 403, "{user}");
    }
}

async fn queue_ids(officer: &TestApp) -> Vec<String> {
    let queue: Value = officer.queue_tab("all").await.json().await.expect("json");
    queue["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|i| i["case_id"].as_str().map(str::to_owned))
        .collect()
}

#[tokio::test]
async fn the_queue_lists_only_the_cases_within_each_roles_own_work() {
    let app = spawn_app().await;
    let operator = app.login("rexian").await;
    let liaison = app.login("bumen-minzheng").await;
    let by_hotline = hotline_filed(&operator, "13512340011").await;
    let by_liaison = pushed(&liaison, "13512340012").await;
    let by_household = self_filed(&app, "13512340013").await;
    assert_eq!(queue_ids(&operator).await, vec![by_hotline.clone()]);
    assert_eq!(queue_ids(&liaison).await, vec![by_liaison.clone()]);
    let admin = app.login("xian-admin").await;
    assert!(queue_ids(&admin).await.is_empty());
    let mut county = queue_ids(&app.login("xian-officer").await).await;
    county.sort();
    let mut all = vec![by_hotline, by_liaison, by_household];
    all.sort();
    assert_eq!(county, all);
}
