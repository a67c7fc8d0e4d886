//! A line department's liaison reads and moves its own department's measures only: one
//! liaison (民政局) could open every household with a measure of any department and mark
//! 医保局's medical aid delivered (attacker and officer testers).
use app::domain::{case::CaseCommand, vocab::MeasureType};

use crate::{
    fixtures::{accepted_case, measure, township_officer},
    helpers::{detail, fields, spawn_app, step, TestApp},
    storage::{compare_and_identify, home_check_to_township, run, today},
};

/// A case identified and planned with measures of these types.
pub(crate) async fn planned(app: &TestApp, mobile: &str, kinds: &[MeasureType]) -> String {
    let id = accepted_case(app, mobile).await;
    home_check_to_township(app, &id, 300_000).await;
    compare_and_identify(app, &id).await;
    let day = today(app);
    let plan = CaseCommand::AddPlan {
        measures: kinds.iter().map(|k| measure(*k, day)).collect(),
    };
    run(app, &township_officer(), &id, plan).await;
    id
}

#[tokio::test]
async fn a_liaison_works_on_its_own_departments_measures_only() {
    let app = spawn_app().await;
    // 民政局's minimum living allowance beside 医保局's medical aid; medical aid alone.
    let both = planned(
        &app,
        "13800138301",
        &[MeasureType::Medical, MeasureType::MinimumLiving],
    )
    .await;
    let medical = planned(&app, "13800138302", &[MeasureType::Medical]).await;
    let civil = app.login("bumen-minzheng").await;

    // Its queue lists the case with its measure, not the other.
    let queue = civil.get_html("/staff?tab=all").await;
    assert!(queue.contains(&format!("/staff/cases/{both}")), "its own");
    assert!(
        !queue.contains(&format!("/staff/cases/{medical}")),
        "not 医保局's"
    );
    let page = civil.get_html(&format!("/staff/cases/{medical}")).await;
    assert!(!page.contains("13800138302") && !page.contains("更新措施进度"));
    let refused = civil
        .post_api(
            "/api/cases/detail",
            &fields(&[("case_id", medical.as_str())]),
        )
        .await;
    assert_eq!(
        refused.status(),
        404,
        "no household of another department's"
    );

    // On its case the update offers its own measure only, and another's is refused.
    let page = civil.get_html(&format!("/staff/cases/{both}")).await;
    assert!(page.contains(r#"name="form[index]" value="1""#), "its 低保");
    // No reveal form it could never use (always refused: attacker re-tester), the masked
    // numbers only.
    assert!(!page.contains("/api/cases/reveal"), "no reveal form");
    assert!(page.contains(r#"data-testid="id-number">"#) && page.contains("***"));
    assert!(
        !page.contains(r#"name="form[index]" value="0""#),
        "not 医疗保障"
    );
    let version = detail(&civil, &both).await["version"].as_i64().expect("v");
    let form = [
        ("kind", "update_measure_status"),
        ("index", "0"),
        ("status", "next"),
    ];
    let answer = step(&civil, &both, version, &form).await;
    assert_eq!(answer.status(), 422, "医保局's measure is not 民政局's");
    let case = detail(&civil, &both).await;
    assert_eq!(case["measures"][0]["status_zh"], "计划中", "unchanged");
    let form = [
        ("kind", "update_measure_status"),
        ("index", "1"),
        ("status", "next"),
    ];
    assert_eq!(step(&civil, &both, version, &form).await.status(), 200);
    assert_eq!(
        detail(&civil, &both).await["measures"][1]["status_zh"],
        "落实中"
    );

    // A liaison account names its department; 医保局's then works on the medical case.
    let admin = app.login("xian-admin").await;
    let account = |department: &str| {
        fields(&[
            ("account[username]", "bumen-yibao"),
            ("account[display_name]", "医保局联络员"),
            ("account[role]", "department_liaison"),
            ("account[region]", "522799000000"),
            ("account[password]", "yibao-river-2026"),
            ("account[department]", department),
        ])
    };
    let unnamed = admin.post_api("/api/admin/create", &account("")).await;
    assert_eq!(unnamed.status(), 422);
    let body: serde_json::Value = unnamed.json().await.expect("json");
    assert_eq!(body["Validation"][0]["field"], "department", "{body}");
    let made = admin
        .post_api("/api/admin/create", &account("医保局"))
        .await;
    assert_eq!(made.status(), 200);
    assert!(
        admin.get_html("/staff/admin").await.contains("医保局"),
        "listed with it"
    );
    let health = app.login_with("bumen-yibao", "yibao-river-2026").await;
    let queue = health.get_html("/staff?tab=all").await;
    assert!(queue.contains(&format!("/staff/cases/{medical}")));
    assert!(queue.contains(&format!("/staff/cases/{both}")));
}

/// A liaison made before departments has none and is shown so on the admin page; the
/// administrator names it there (audited), and it then works on that department's measures.
#[tokio::test]
async fn an_administrator_names_a_liaisons_department() {
    let app = spawn_app().await;
    let medical = planned(&app, "13800138303", &[MeasureType::Medical]).await;
    sqlx::query("update users set department = null where username = 'bumen-minzheng'")
        .execute(&app.state.db.pool)
        .await
        .expect("as before 0028");
    let liaison = app.login("bumen-minzheng").await;
    let queue = liaison.get_html("/staff?tab=all").await;
    assert!(
        !queue.contains(&format!("/staff/cases/{medical}")),
        "none yet"
    );

    let admin = app.login("xian-admin").await;
    let page = admin.get_html("/staff/admin").await;
    assert!(page.contains("未选部门"), "said at its row");
    let id: String = sqlx::query_scalar("select id from users where username = 'bumen-minzheng'")
        .fetch_one(&app.state.db.pool)
        .await
        .expect("id");
    let set = |department: &str| fields(&[("user_id", id.as_str()), ("department", department)]);
    let refused = admin.post_api("/api/admin/department", &set("纪委")).await;
    assert_eq!(
        refused.status(),
        422,
        "not a line department that leads measures"
    );
    let officer: String =
        sqlx::query_scalar("select id from users where username = 'zhen-qingshi'")
            .fetch_one(&app.state.db.pool)
            .await
            .expect("id");
    let not_liaison = admin
        .post_api(
            "/api/admin/department",
            &fields(&[("user_id", officer.as_str()), ("department", "医保局")]),
        )
        .await;
    assert_eq!(not_liaison.status(), 422, "only a liaison has one");
    let body: serde_json::Value = not_liaison.json().await.expect("json");
    assert_eq!(
        body["Validation"][0]["key"], "account.not_liaison",
        "{body}"
    );
    let by_officer = app
        .login("xian-officer")
        .await
        .post_api("/api/admin/department", &set("医保局"))
        .await;
    assert_eq!(by_officer.status(), 403);

    // Set, then the same again: no change, and not recorded as one.
    for _ in 0..2 {
        let answer = admin
            .post_api("/api/admin/department", &set("医保局"))
            .await;
        assert_eq!(answer.status(), 200);
    }
    let queue = liaison.get_html("/staff?tab=all").await;
    assert!(
        queue.contains(&format!("/staff/cases/{medical}")),
        "at once"
    );
    let details: Vec<String> =
        sqlx::query_scalar("select detail from audit_log where action = 'account_department_set'")
            .fetch_all(&app.state.db.pool)
            .await
            .expect("rows");
    assert_eq!(details.len(), 1, "{details:?}");
    assert!(
        details[0].ends_with("—→医保局"),
        "from what, to what: {details:?}"
    );
}

/// A liaison's 待办 row is dated by its own department's measure, not by another level's
/// deadline: its 低保's start had passed while the row read "还剩21个工作日 · 最近时限：开始
/// 落实帮扶措施（县级）" (officer tester).
#[tokio::test]
async fn a_liaisons_todo_row_is_dated_by_its_own_measure() {
    use chrono::{Datelike, Duration};
    let app = spawn_app().await;
    let id = accepted_case(&app, "13800138311").await;
    home_check_to_township(&app, &id, 300_000).await;
    compare_and_identify(&app, &id).await;
    let day = today(&app);
    let own_start = day + Duration::days(8);
    // 医保局's medical aid starts first; 民政局's allowance two days later, both after the
    // plan's notice may end (five days on).
    let plan = CaseCommand::AddPlan {
        measures: vec![
            measure(MeasureType::Medical, day + Duration::days(6)),
            measure(MeasureType::MinimumLiving, own_start),
        ],
    };
    run(&app, &township_officer(), &id, plan).await;
    // Due on their days once the plan's review and notice are over (five days).
    crate::storage::plan_on_notice(&app, &id).await;
    app.clock.advance(Duration::days(5));
    run(
        &app,
        &crate::fixtures::village_cadre(),
        &id,
        CaseCommand::EndPlanNotice,
    )
    .await;
    app.clock.advance(Duration::days(5));
    let civil = app.login("bumen-minzheng").await;
    let view: serde_json::Value = civil.queue_tab("todo").await.json().await.expect("json");
    let row = view["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|i| i["case_id"] == id.as_str())
        .cloned()
        .unwrap_or_else(|| panic!("listed: {view}"));
    let said = format!(
        "{}年{}月{}日",
        own_start.year(),
        own_start.month(),
        own_start.day()
    );
    assert_eq!(row["due_on"], said.as_str(), "{row}");
    assert_eq!(row["clock"], "更新措施进度的日期", "{row}");
    assert!(
        row["time_left"]
            .as_str()
            .is_some_and(|t| t.contains("措施进度晚了")),
        "{row}"
    );
}
