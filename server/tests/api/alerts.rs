//! A line department pushes screening alerts as JSON: each row is filed on its own, a record
//! pushed again files once, and a household with another filing is flagged for the township.
use serde_json::{json, Value};

use crate::helpers::{id_number_for, spawn_app, TestApp, QINGSHI_VILLAGE};

pub(crate) fn alert(reference: &str, mobile: &str, village: &str) -> Value {
    json!({
        "reference": reference,
        "name": "钱大伯",
        "mobile": mobile,
        "id_number": id_number_for(mobile),
        "village": village,
        "household_size": "3",
        "risk_types": ["illness"],
        "description": "医保数据：本年度自付医疗费用超过3万元",
    })
}

pub(crate) async fn push(officer: &TestApp, alerts: Value) -> reqwest::Response {
    officer
        .client
        .post(officer.url("/api/alerts/push"))
        .header("accept", "application/json")
        .json(&json!({ "alerts": alerts }))
        .send()
        .await
        .expect("request")
}

#[tokio::test]
async fn a_department_pushes_alerts_each_filed_on_its_own() {
    let app = spawn_app().await;
    let earlier = app
        .submit_report("钱大伯", "13511112222", QINGSHI_VILLAGE)
        .await;
    let department = app.login("bumen-minzheng").await;
    let response = push(
        &department,
        json!([
            alert("YB-001", "13511113333", QINGSHI_VILLAGE),
            alert("YB-002", "1351111", QINGSHI_VILLAGE),
            alert("YB-003", "13511112222", QINGSHI_VILLAGE),
        ]),
    )
    .await;
    assert_eq!(response.status(), 200);
    let outcomes: Value = response.json().await.expect("json");
    assert!(outcomes[0]["tracking"].is_string(), "{outcomes}");
    assert_eq!(outcomes[0]["possible_duplicate"], false);
    assert_eq!(outcomes[0]["filed_before"], false);
    assert!(outcomes[0]["case_id"].is_string(), "a way to the case");
    assert!(outcomes[1]["tracking"].is_null());
    assert_eq!(outcomes[1]["errors"][0]["field"], "mobile");
    assert!(outcomes[2]["tracking"].is_string());
    assert_eq!(
        outcomes[2]["possible_duplicate"], true,
        "the household already filed ({earlier})"
    );
    let channel: String =
        sqlx::query_scalar("select channel from cases where tracking_number = $1")
            .bind(outcomes[0]["tracking"].as_str().expect("tracking"))
            .fetch_one(&app.state.db.pool)
            .await
            .expect("case");
    assert_eq!(channel, "department_alert");

    // The same list pushed again files nothing new.
    let again: Value = push(
        &department,
        json!([alert("YB-001", "13511113333", QINGSHI_VILLAGE)]),
    )
    .await
    .json()
    .await
    .expect("json");
    assert_eq!(again[0]["tracking"], outcomes[0]["tracking"]);
    // Said as filed before: "已登记" counted it as new (officer tester).
    assert_eq!(again[0]["filed_before"], true, "{again}");
    assert_eq!(again[0]["case_id"], outcomes[0]["case_id"]);
    let filed: i64 =
        sqlx::query_scalar("select count(*) from cases where channel = 'department_alert'")
            .fetch_one(&app.state.db.pool)
            .await
            .expect("count");
    assert_eq!(filed, 2);
}

#[tokio::test]
async fn only_departments_push_and_big_lists_are_split() {
    let app = spawn_app().await;
    let township = app.login("zhen-qingshi").await;
    assert_eq!(push(&township, json!([])).await.status(), 403);
    assert_eq!(push(&app, json!([])).await.status(), 401);
    // Refused before the list is read (a cadre got the parser's "missing column").
    let cadre = app.login("cun-qingshi").await;
    let upload = cadre
        .post_api(
            "/api/alerts/upload",
            &crate::helpers::fields(&[("csv", "not a list")]),
        )
        .await;
    assert_eq!(upload.status(), 403);

    let department = app.login("bumen-minzheng").await;
    let too_many: Vec<Value> = (0..501)
        .map(|i| alert(&format!("R{i}"), "13511113333", QINGSHI_VILLAGE))
        .collect();
    assert_eq!(push(&department, json!(too_many)).await.status(), 422);
    let missing_reference: Value = push(
        &department,
        json!([alert(" ", "13511113333", QINGSHI_VILLAGE)]),
    )
    .await
    .json()
    .await
    .expect("json");
    assert_eq!(missing_reference[0]["errors"][0]["field"], "reference");
}

#[tokio::test]
async fn a_department_pastes_its_list_from_a_spreadsheet() {
    let app = spawn_app().await;
    let department = app.login("bumen-minzheng").await;
    let csv = format!(
        "记录编号\t姓名\t手机号码\t身份证号码\t村代码\t家庭人口\t困难类型\t情况说明\n\
         MZ-1\t钱大伯\t13511114444\t{}\t{QINGSHI_VILLAGE}\t3\t因病、因残\t低保边缘户，新发重病\n\
         MZ-2\t孙大娘\t1351111\t{}\t{QINGSHI_VILLAGE}\t2\t因病\t住院\n",
        id_number_for("13511114444"),
        id_number_for("13511115555"),
    );
    let response = department
        .post_api(
            "/api/alerts/upload",
            &crate::helpers::fields(&[("csv", &csv)]),
        )
        .await;
    assert_eq!(response.status(), 200);
    let outcomes: Value = response.json().await.expect("json");
    assert_eq!(outcomes[0]["reference"], "MZ-1");
    assert!(outcomes[0]["tracking"].is_string(), "{outcomes}");
    assert_eq!(outcomes[1]["errors"][0]["field"], "mobile");

    let unreadable = department
        .post_api(
            "/api/alerts/upload",
            &crate::helpers::fields(&[("csv", "姓名,手机号码\n张三,13800138000\n")]),
        )
        .await;
    assert_eq!(unreadable.status(), 422);
    let body: Value = unreadable.json().await.expect("json");
    assert!(body.to_string().contains("记录编号"), "{body}");

    let page = department.get_html("/staff/alerts").await;
    assert!(page.contains("部门预警导入"));
}

#[tokio::test]
async fn without_javascript_the_list_is_posted_whole_and_the_officer_lands_somewhere_useful() {
    let app = spawn_app().await;
    let department = app.login("bumen-minzheng").await;
    let csv = format!(
        "记录编号,姓名,手机号码,身份证号码,村代码,家庭人口,困难类型,情况说明\n\
         MZ-7,钱大伯,13511116666,{},{QINGSHI_VILLAGE},3,因病,新发重病\n",
        id_number_for("13511116666"),
    );
    let posted = department
        .post_plain_form(
            "/api/alerts/upload",
            "/staff/alerts",
            &crate::helpers::fields(&[("csv", &csv)]),
        )
        .await;
    assert_eq!(posted.status(), 302);
    assert_eq!(posted.headers()["location"], "/staff?tab=all");

    let unreadable = department
        .post_plain_form(
            "/api/alerts/upload",
            "/staff/alerts",
            &crate::helpers::fields(&[("csv", "not a list")]),
        )
        .await;
    assert_eq!(unreadable.headers()["location"], "/staff/alerts?failed=1");
    let page = department.get_html("/staff/alerts?failed=1").await;
    assert!(page.contains("名单无法读取"));
}
