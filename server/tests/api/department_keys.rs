//! Department API keys: the county administrator issues a key per department; the
//! department's system pushes alerts with it unattended and reads the outcomes back
//! (结果反馈). Revoked and unknown keys get 401 and write nothing; a key reaches only its
//! region and is rate-limited; the key is shown once and only its hash is stored.
use app::domain::case::{CaseCommand, IdentificationDecision};
use app::domain::vocab::{Category, RiskTier};
use app::ssr::clock::Clock;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::{
    fixtures::{county_officer, township_officer},
    helpers::{fields, id_number_for, spawn_app, TestApp, QINGSHI_VILLAGE},
    storage::{compare_clean, home_check_to_township, run},
};

const QINGSHI_TOWNSHIP: &str = "522799101000";
const HEKOU_VILLAGE: &str = "522799102201";

fn alert(reference: &str, mobile: &str, village: &str) -> Value {
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

/// The department liaison's account id.
pub(crate) async fn liaison_id(app: &TestApp) -> String {
    sqlx::query_scalar("select id from users where username = 'bumen-minzheng'")
        .fetch_one(&app.state.db.pool)
        .await
        .expect("liaison")
}

/// The administrator issues a key (as JSON) and gets it back, once.
async fn issue(admin: &TestApp, user_id: &str, region: &str, rate: &str) -> reqwest::Response {
    admin
        .post_api(
            "/api/admin/keys/issue",
            &fields(&[
                ("key[user_id]", user_id),
                ("key[region]", region),
                ("key[requests_per_minute]", rate),
            ]),
        )
        .await
}

pub(crate) async fn issued_key(app: &TestApp, region: &str, rate: &str) -> (String, String) {
    let admin = app.login("xian-admin").await;
    let response = issue(&admin, &liaison_id(app).await, region, rate).await;
    assert_eq!(response.status(), 200);
    let issued: Value = response.json().await.expect("json");
    (
        issued["id"].as_str().expect("id").to_owned(),
        issued["key"].as_str().expect("key").to_owned(),
    )
}

/// A department's system: no browser, no cookies, no `Origin`, just the key.
pub(crate) async fn push_with(app: &TestApp, key: &str, alerts: Value) -> reqwest::Response {
    reqwest::Client::new()
        .post(app.url("/api/alerts/push"))
        .bearer_auth(key)
        .json(&json!({ "alerts": alerts }))
        .send()
        .await
        .expect("request")
}

async fn outcomes_with(app: &TestApp, key: &str, since: Option<&str>) -> reqwest::Response {
    let mut request = reqwest::Client::new()
        .get(app.url("/api/alerts/outcomes"))
        .bearer_auth(key);
    if let Some(since) = since {
        request = request.query(&[("since", since)]);
    }
    request.send().await.expect("request")
}

async fn outcomes(app: &TestApp, key: &str) -> Vec<Value> {
    let response = outcomes_with(app, key, None).await;
    assert_eq!(response.status(), 200);
    response.json().await.expect("json")
}

fn by_reference<'a>(list: &'a [Value], reference: &str) -> &'a Value {
    list.iter()
        .find(|o| o["reference"] == reference)
        .unwrap_or_else(|| panic!("{reference} missing from {list:?}"))
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(&app.state.db.pool)
        .await
        .expect("count")
}

#[tokio::test]
async fn a_department_pushes_with_its_key_and_reads_each_outcome_as_the_case_moves() {
    let app = spawn_app().await;
    let (_, key) = issued_key(&app, "522799000000", "").await;
    assert!(key.starts_with("snk_") && key.len() > 40, "{key}");

    let response = push_with(
        &app,
        &key,
        json!([
            alert("YB-1", "13511110001", QINGSHI_VILLAGE),
            alert("YB-2", "13511110002", QINGSHI_VILLAGE),
            alert("YB-3", "13511110003", QINGSHI_VILLAGE),
        ]),
    )
    .await;
    assert_eq!(response.status(), 200);
    let pushed: Value = response.json().await.expect("json");
    let tracking: Vec<String> = (0..3)
        .map(|i| pushed[i]["tracking"].as_str().expect("filed").to_owned())
        .collect();

    let first = outcomes(&app, &key).await;
    assert_eq!(first.len(), 3);
    let one = by_reference(&first, "YB-1");
    assert_eq!(one["status"], "filed");
    assert_eq!(one["tracking"], tracking[0].as_str());
    let id = id_number_for("13511110001");
    assert_eq!(
        one["id_number_masked"],
        format!("{}***********{}", &id[..3], &id[14..])
    );
    let text = serde_json::to_string(&first).expect("json");
    assert!(!text.contains(&id) && !text.contains("钱大伯") && !text.contains("13511110001"));

    // YB-1 identified, YB-2 refused by the township, YB-3 not identified by the county.
    let ids: Vec<String> = futures_ids(&app, &tracking).await;
    let (township, county) = (township_officer(), county_officer());
    let refuse = CaseCommand::RejectOutOfScope {
        reason: "户籍不在本县".into(),
    };
    run(&app, &township, &ids[1], refuse).await;
    let before_decisions = app.clock.now();
    for case in [&ids[0], &ids[2]] {
        run(&app, &township, case, CaseCommand::ACCEPT).await;
    }
    for case in [&ids[0], &ids[2]] {
        home_check_to_township(&app, case, 300_000).await;
        compare_clean(&app, case).await;
    }
    let identify = IdentificationDecision::Identify {
        category: Category::Marginal,
        tier: RiskTier::Yellow,
        note: String::new(),
    };
    let decide = |decision| CaseCommand::CountyDecide { decision };
    run(&app, &county, &ids[0], decide(identify)).await;
    let refuse = IdentificationDecision::NotIdentify {
        reason: "人均纯收入高于监测线".into(),
    };
    run(&app, &county, &ids[2], decide(refuse)).await;
    let note = "已认定为边缘易致贫户，由乡镇落实帮扶".to_owned();
    run(&app, &county, &ids[0], CaseCommand::FeedBackAlert { note }).await;

    let after = outcomes(&app, &key).await;
    // What the county wrote back, not only the status (officer tester).
    assert_eq!(
        by_reference(&after, "YB-1")["feedback"],
        "已认定为边缘易致贫户，由乡镇落实帮扶"
    );
    assert_eq!(by_reference(&after, "YB-1")["status"], "identified");
    let refused = by_reference(&after, "YB-2");
    assert_eq!(refused["status"], "refused");
    assert_eq!(refused["reason"], "户籍不在本县");
    let not = by_reference(&after, "YB-3");
    assert_eq!(not["status"], "not_identified");
    assert_eq!(not["reason"], "人均纯收入高于监测线");
    assert_eq!(not["status_zh"], "未认定");
    // The liaison reads the same on the import page, without the API (officer tester: the
    // inbox said 暂无消息 and the county's answer was nowhere on the pages).
    let liaison = app.login("bumen-minzheng").await;
    let page = liaison.get_html("/staff/alerts").await;
    let listed = page
        .split(r#"data-testid="alert-feedback""#)
        .nth(1)
        .expect("the list");
    let listed = &listed[..listed.find("</section>").expect("its end")];
    assert!(listed.contains("户籍不在本县"), "{listed}");
    assert!(
        listed.contains("县级反馈：<span lang=\"zh-CN\">已认定为边缘易致贫户"),
        "{listed}"
    );
    assert!(
        listed.contains(r#"href="/staff/cases/"#),
        "each row links to its case"
    );
    assert!(listed.contains("未认定"), "{listed}");
    assert_eq!(listed.matches("<li>").count(), 3, "{listed}");
    // And its inbox says the county answered, once, with the words and the case's link.
    let inbox = liaison.get_html("/staff/inbox").await;
    let grouped = format!(
        "{}-{}-{}",
        &tracking[0][..4],
        &tracking[0][4..8],
        &tracking[0][8..]
    );
    assert!(
        inbox.contains(&format!("预警结果反馈（{grouped}）")),
        "{}",
        crate::helpers::words(&inbox)
    );
    // Named by the department's own record id, to match it to its list (officer tester).
    assert_eq!(
        inbox
            .matches("县里反馈的结果（贵部门编号 YB-1）：已认定为边缘易致贫户")
            .count(),
        1
    );
    assert!(inbox.contains(&format!("href=\"/staff/cases/{}\"", ids[0])));
    assert!(inbox.contains("结果反馈"), "its kind");

    // `since`: only what changed from then on (the refusal came before).
    let since = (before_decisions + chrono::Duration::seconds(1)).to_rfc3339();
    let changed: Vec<Value> = outcomes_with(&app, &key, Some(&since))
        .await
        .json()
        .await
        .expect("json");
    let references: Vec<&str> = changed
        .iter()
        .filter_map(|o| o["reference"].as_str())
        .collect();
    assert_eq!(references.len(), 2, "{changed:?}");
    assert!(!references.contains(&"YB-2"));
    let bad_since = outcomes_with(&app, &key, Some("yesterday")).await;
    assert_eq!(bad_since.status(), 422);

    // Another department's alerts (the same records pushed by a session of another liaison
    // would be theirs) are never in this list: only this department's three.
    assert_eq!(after.len(), 3);
    let last_used: i64 = count(
        &app,
        "select count(*) from department_keys where last_used_at is not null",
    )
    .await;
    assert_eq!(last_used, 1);
}

async fn futures_ids(app: &TestApp, tracking: &[String]) -> Vec<String> {
    let mut ids = Vec::new();
    for t in tracking {
        ids.push(app.case_id_of(t).await);
    }
    ids
}

#[tokio::test]
async fn a_revoked_or_unknown_key_gets_401_and_nothing_is_written() {
    let app = spawn_app().await;
    let (key_id, key) = issued_key(&app, "522799000000", "").await;
    let admin = app.login("xian-admin").await;
    let revoked = admin
        .post_api("/api/admin/keys/revoke", &fields(&[("key_id", &key_id)]))
        .await;
    assert_eq!(revoked.status(), 200);

    let attempts = [
        (key.as_str(), "api_key.revoked"),
        (
            "snk_notakeyatallnotakeyatallnotakeyatall000",
            "api_key.unknown",
        ),
    ];
    for (presented, error) in attempts {
        let response = push_with(
            &app,
            presented,
            json!([alert("YB-9", "13511110009", QINGSHI_VILLAGE)]),
        )
        .await;
        assert_eq!(response.status(), 401);
        assert!(response.headers()["www-authenticate"]
            .to_str()
            .expect("ascii")
            .starts_with("Bearer"));
        let body: Value = response.json().await.expect("json");
        assert_eq!(body["error"], error, "{body}");
        assert!(body["zh"].as_str().is_some_and(|zh| !zh.is_ascii()));
        assert_eq!(outcomes_with(&app, presented, None).await.status(), 401);
    }
    let malformed = reqwest::Client::new()
        .post(app.url("/api/alerts/push"))
        .header("authorization", "Basic YWxpY2U6c2VjcmV0")
        .json(&json!({ "alerts": [] }))
        .send()
        .await
        .expect("request");
    assert_eq!(malformed.status(), 401);
    assert_eq!(count(&app, "select count(*) from cases").await, 0);
    assert_eq!(
        count(&app, "select count(*) from department_pushes").await,
        0
    );

    // The administrator's list shows the key revoked, by its first characters only; the
    // audit log has the issue and the revocation.
    let list: Value = admin
        .post_api("/api/admin/keys", &[])
        .await
        .json()
        .await
        .expect("json");
    let listed = &list["keys"][0];
    assert_eq!(listed["shown"], &key[..12]);
    assert!(listed["revoked_at"].is_string());
    assert!(listed["department"]
        .as_str()
        .is_some_and(|d| d.contains("民政局")));
    assert!(!list.to_string().contains(&key));
    let actions: Vec<String> = sqlx::query_scalar(
        "select action from audit_log where action like 'api_key%' order by seq",
    )
    .fetch_all(&app.state.db.pool)
    .await
    .expect("audit");
    assert_eq!(actions, ["api_key_issued", "api_key_revoked"]);
}

#[tokio::test]
async fn a_key_reaches_only_its_region_and_trips_its_rate_limit() {
    let app = spawn_app().await;
    let (_, key) = issued_key(&app, QINGSHI_TOWNSHIP, "3").await;
    let answer: Value = push_with(
        &app,
        &key,
        json!([
            alert("YB-1", "13511110001", QINGSHI_VILLAGE),
            alert("YB-2", "13511110002", HEKOU_VILLAGE),
        ]),
    )
    .await
    .json()
    .await
    .expect("json");
    assert!(answer[0]["tracking"].is_string(), "{answer}");
    assert!(answer[1]["tracking"].is_null());
    assert_eq!(answer[1]["errors"][0]["field"], "village");
    assert_eq!(count(&app, "select count(*) from cases").await, 1);

    // Three requests a minute: the second and third pass, the fourth is refused.
    for _ in 0..2 {
        assert_eq!(push_with(&app, &key, json!([])).await.status(), 200);
    }
    let over = push_with(
        &app,
        &key,
        json!([alert("YB-3", "13511110003", QINGSHI_VILLAGE)]),
    )
    .await;
    assert_eq!(over.status(), 429);
    assert_eq!(count(&app, "select count(*) from cases").await, 1);
    app.clock.advance(chrono::Duration::minutes(1));
    assert_eq!(push_with(&app, &key, json!([])).await.status(), 200);
}

#[tokio::test]
async fn only_the_administrator_issues_keys_and_only_for_department_accounts() {
    let app = spawn_app().await;
    let liaison = liaison_id(&app).await;
    let township = app.login("zhen-qingshi").await;
    assert_eq!(
        issue(&township, &liaison, "522799000000", "")
            .await
            .status(),
        403
    );
    let admin = app.login("xian-admin").await;
    let officer: String =
        sqlx::query_scalar("select id from users where username = 'xian-officer'")
            .fetch_one(&app.state.db.pool)
            .await
            .expect("officer");
    let refused = issue(&admin, &officer, "522799000000", "").await;
    assert_eq!(refused.status(), 422);
    assert!(refused.text().await.expect("body").contains("user_id"));
    let bad_rate = issue(&admin, &liaison, "522799000000", "100000").await;
    assert_eq!(bad_rate.status(), 422);
    assert_eq!(count(&app, "select count(*) from department_keys").await, 0);
}

#[tokio::test]
async fn the_key_is_shown_once_and_only_its_hash_is_stored() {
    let app = spawn_app().await;
    let admin = app.login("xian-admin").await;
    let liaison = liaison_id(&app).await;
    // Without JavaScript: the form post lands on the key page, which shows the key once.
    let posted = admin
        .post_plain_form(
            "/api/admin/keys/issue",
            "/staff/keys",
            &fields(&[
                ("key[user_id]", &liaison),
                ("key[region]", "522799000000"),
                ("key[requests_per_minute]", "60"),
            ]),
        )
        .await;
    assert_eq!(posted.status(), 302);
    assert_eq!(posted.headers()["location"], "/staff/keys");
    let page = admin.get_html("/staff/keys").await;
    let start = page.find("snk_").expect("the new key on the page");
    let key: String = page[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
        .collect();
    assert!(key.len() > 40, "{key}");
    assert!(page.contains("只显示这一次"));

    let again = admin.get_html("/staff/keys").await;
    assert!(!again.contains(&key), "the key is shown once");
    assert!(
        again.contains(&key[..12]),
        "its first characters stay listed"
    );

    // The database holds the SHA-256 of the key and nothing that would give it back.
    let digest: String = sqlx::query_scalar("select digest from department_keys")
        .fetch_one(&app.state.db.pool)
        .await
        .expect("digest");
    assert_eq!(digest, hex_sha256(&key));
    let stored = crate::personal_data::raw_text(&app.state.db.pool).await;
    assert!(
        !stored.iter().any(|(_, value)| value.contains(&key)),
        "the key itself is stored nowhere"
    );
    // And it works.
    assert_eq!(push_with(&app, &key, json!([])).await.status(), 200);
}

fn hex_sha256(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// 结果反馈 carries masked personal data: each read is an audit row naming the liaison, the
/// key and how many rows left, like every other read of personal data.
#[tokio::test]
async fn each_outcomes_read_is_audited_with_the_key_and_the_row_count() {
    let app = spawn_app().await;
    let (key_id, key) = issued_key(&app, "522799000000", "").await;
    let pushed = push_with(
        &app,
        &key,
        json!([
            alert("AU-1", "13511110011", QINGSHI_VILLAGE),
            alert("AU-2", "13511110012", QINGSHI_VILLAGE),
        ]),
    )
    .await;
    assert_eq!(pushed.status(), 200);
    let reads = "select count(*) from audit_log where action = 'outcomes_read'";
    assert_eq!(count(&app, reads).await, 0);

    assert_eq!(outcomes(&app, &key).await.len(), 2);
    assert_eq!(outcomes(&app, &key).await.len(), 2);
    assert_eq!(count(&app, reads).await, 2);
    let (actor, detail): (String, String) = sqlx::query_as(
        "select actor_id, detail from audit_log where action = 'outcomes_read' order by seq desc limit 1",
    )
    .fetch_one(&app.state.db.pool)
    .await
    .expect("audit row");
    assert_eq!(actor, liaison_id(&app).await);
    assert_eq!(detail, format!("key={key_id} rows=2"));
}

/// A key for one township learns nothing of a filing outside it through a reused record id
/// or a duplicate flag (attacker tester: the 河口镇 key got back a 青石村 case's number).
#[tokio::test]
async fn a_key_learns_nothing_of_filings_outside_its_area() {
    let app = spawn_app().await;
    let (_, county) = issued_key(&app, "522799000000", "60").await;
    let (_, hekou) = issued_key(&app, "522799102000", "60").await;
    let pushed: Value = push_with(
        &app,
        &county,
        json!([alert("MZ-9", "13511110009", QINGSHI_VILLAGE)]),
    )
    .await
    .json()
    .await
    .expect("json");
    let tracking = pushed[0]["tracking"].as_str().expect("filed").to_owned();
    // The same record id, household and mobile, now for a 河口镇 village.
    let replay: Value = push_with(
        &app,
        &hekou,
        json!([alert("MZ-9", "13511110009", HEKOU_VILLAGE)]),
    )
    .await
    .json()
    .await
    .expect("json");
    assert!(replay[0]["tracking"].is_null(), "{replay}");
    assert_eq!(replay[0]["errors"][0]["field"], "reference", "{replay}");
    assert!(!replay.to_string().contains(&tracking), "{replay}");
    // A new record for the same household in 河口镇: filed, not told of the 青石村 one.
    let other: Value = push_with(
        &app,
        &hekou,
        json!([alert("MZ-10", "13511110009", HEKOU_VILLAGE)]),
    )
    .await
    .json()
    .await
    .expect("json");
    assert!(other[0]["tracking"].is_string(), "{other}");
    assert_eq!(other[0]["possible_duplicate"], false, "{other}");
    // A 青石镇 village is the county's, not the key's: said so, not "outside the county".
    let outside: Value = push_with(
        &app,
        &hekou,
        json!([alert("MZ-11", "13511110011", QINGSHI_VILLAGE)]),
    )
    .await
    .json()
    .await
    .expect("json");
    assert!(outside[0]["tracking"].is_null(), "{outside}");
    assert_eq!(
        outside[0]["errors"][0]["key"], "api_key.village_outside_scope",
        "{outside}"
    );
    // A record id that would reverse the county's words beside it is refused, not filed.
    let reversed: Value = push_with(
        &app,
        &hekou,
        json!([alert("MZ-12\u{202E}", "13511110012", HEKOU_VILLAGE)]),
    )
    .await
    .json()
    .await
    .expect("json");
    assert!(reversed[0]["tracking"].is_null(), "{reversed}");
    assert_eq!(
        reversed[0]["errors"][0]["key"], "api_key.reference_invalid",
        "{reversed}"
    );
}
