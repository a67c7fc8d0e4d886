use std::collections::HashSet;

use app::{
    domain::{case::CaseCommand, role::Role},
    ssr::{clock::Clock, services::cases},
};
use serde_json::Value;

use crate::{
    fixtures::{actor, QINGSHI_TOWNSHIP},
    helpers::{report_fields, spawn_app, TestApp, QINGSHI_VILLAGE},
};

const HEKOU_VILLAGE: &str = "522799102201";
const LONGJING_VILLAGE: &str = "522799101202";

/// The "all" tab narrowed by filter fields (`filter[village]` etc.) and a cursor.
async fn filtered(officer: &TestApp, filter: &[(&str, &str)], after: Option<&str>) -> Value {
    let mut fields = vec![("tab".to_owned(), "all".to_owned())];
    fields.extend(
        filter
            .iter()
            .map(|(k, v)| (format!("filter[{k}]"), (*v).to_owned())),
    );
    if let Some(after) = after {
        fields.push(("after".into(), after.into()));
    }
    let response = officer.post_api("/api/queue/mine", &fields).await;
    assert_eq!(response.status(), 200);
    response.json().await.expect("json")
}

fn applicants(view: &Value) -> Vec<String> {
    view["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|i| i["applicant"].as_str().map(str::to_owned))
        .collect()
}

async fn names_in_queue(officer: &crate::helpers::TestApp) -> Vec<String> {
    names_in_tab(officer, "all").await
}

async fn names_in_tab(officer: &crate::helpers::TestApp, tab: &str) -> Vec<String> {
    let response = officer.queue_tab(tab).await;
    assert_eq!(response.status(), 200);
    let view: Value = response.json().await.expect("json");
    view["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|i| i["applicant"].as_str().map(str::to_owned))
        .collect()
}

#[tokio::test]
async fn a_township_officer_sees_reports_from_their_township_only() {
    let app = spawn_app().await;
    app.submit_report("张三", "13800138000", QINGSHI_VILLAGE)
        .await;
    app.submit_report("河口人", "13900139000", HEKOU_VILLAGE)
        .await;

    let qingshi = app.login("zhen-qingshi").await;
    assert_eq!(names_in_queue(&qingshi).await, vec!["张三"]);

    let hekou = app.login("zhen-hekou").await;
    assert_eq!(names_in_queue(&hekou).await, vec!["河口人"]);

    let county = app.login("xian-officer").await;
    assert_eq!(names_in_queue(&county).await.len(), 2);
    // Acceptance is the township's step: it is in their 待办, not the county's.
    assert_eq!(names_in_tab(&qingshi, "todo").await, vec!["张三"]);
    assert!(names_in_tab(&county, "todo").await.is_empty());
}

#[tokio::test]
async fn the_queue_says_how_much_time_is_left_and_turns_red_when_overdue() {
    let app = spawn_app().await;
    let tracking = app
        .submit_report("张三", "13800138000", QINGSHI_VILLAGE)
        .await;
    let officer = app.login("zhen-qingshi").await;
    let view: Value = officer.queue_tab("todo").await.json().await.expect("json");
    let item = &view["items"][0];
    // Grouped as the household's SMS reads it to the hotline (it was ten symbols in a row).
    let grouped = app::domain::tracking::TrackingNumber::shown_back(&tracking);
    assert!(grouped.contains('-'), "{grouped}");
    assert_eq!(item["tracking"], grouped.as_str());
    // Filed Monday; township acceptance is due in 2 working days.
    assert_eq!(item["time_left"], "还剩2个工作日");
    assert_eq!(item["urgency"], "on_time");
    assert_eq!(item["next_step"], "受理");

    app.clock.advance(chrono::Duration::days(2));
    // Sessions last 12 hours: a new morning, a new login.
    let officer = app.login("zhen-qingshi").await;
    let view: Value = officer
        .queue_tab("due_soon")
        .await
        .json()
        .await
        .expect("json");

    assert_eq!(view["items"][0]["time_left"], "今天到期");
    assert_eq!(view["counts"]["due_soon"], 1);

    app.clock.advance(chrono::Duration::days(1));
    let officer = app.login("zhen-qingshi").await;
    let view: Value = officer
        .queue_tab("overdue")
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(view["items"][0]["urgency"], "overdue");
    assert_eq!(view["items"][0]["time_left"], "逾期1个工作日");
}

#[tokio::test]
async fn the_queue_finds_a_case_by_mobile_or_tracking_number() {
    let app = spawn_app().await;
    let tracking = app
        .submit_report("张三", "13800138000", QINGSHI_VILLAGE)
        .await;
    app.submit_report("李四", "13900139000", QINGSHI_VILLAGE)
        .await;
    let officer = app.login("zhen-qingshi").await;
    for term in ["138 0013 8000", tracking.as_str(), "张三"] {
        let response = officer
            .post_api(
                "/api/queue/mine",
                &[("tab".into(), "all".into()), ("q".into(), term.into())],
            )
            .await;
        let view: Value = response.json().await.expect("json");
        let names: Vec<&str> = view["items"]
            .as_array()
            .expect("items")
            .iter()
            .filter_map(|i| i["applicant"].as_str())
            .collect();
        assert_eq!(names, vec!["张三"], "search {term}");
    }
}

/// A closed case is in no tab, but a search finds it under its own heading (tester: a case
/// 未认定 and notified could not be found by name or phone, so an appeal could not be met).
#[tokio::test]
async fn a_search_finds_a_closed_case_apart_from_the_open_ones() {
    let app = spawn_app().await;
    let tracking = app
        .submit_report("王建军", "13800138077", QINGSHI_VILLAGE)
        .await;
    let case_id = app.case_id_of(&tracking).await;
    let township = crate::fixtures::township_officer();
    let reason = CaseCommand::RejectOutOfScope {
        reason: "不属于本乡镇".into(),
    };
    crate::storage::run(&app, &township, &case_id, reason).await;
    let told = CaseCommand::NotifyRefusal {
        on: crate::storage::today(&app),
    };
    crate::storage::run(&app, &township, &case_id, told).await;
    let officer = app.login("zhen-qingshi").await;
    let all: Value = officer.queue_tab("all").await.json().await.expect("json");
    assert_eq!(
        all["closed"],
        serde_json::json!([]),
        "listed only for a search"
    );
    for term in ["王建军", "138 0013 8077", tracking.as_str()] {
        let view: Value = officer
            .post_api(
                "/api/queue/mine",
                &[("tab".into(), "all".into()), ("q".into(), term.into())],
            )
            .await
            .json()
            .await
            .expect("json");
        assert_eq!(view["items"], serde_json::json!([]), "{term}: not open");
        assert_eq!(view["counts"]["all"], 0, "{term}: in no count");
        assert_eq!(view["closed"][0]["case_id"], case_id.as_str(), "{term}");
        assert_eq!(view["closed"][0]["applicant"], "王建军");
    }
    let page = officer
        .get_html("/staff?tab=all&q=%E7%8E%8B%E5%BB%BA%E5%86%9B")
        .await;
    let section = page
        .split(r#"data-testid="closed-found""#)
        .nth(1)
        .expect("shown");
    assert!(section.contains("已办结的申报"), "{section}");
    assert!(section.contains(&format!("/staff/cases/{case_id}")));
    assert!(!page.contains("search-whole-name"), "found: no hint");
    // Part of a name finds nothing (names are sealed): the page says to type it whole.
    let page = officer.get_html("/staff?tab=all&q=%E7%8E%8B").await;
    let hint = page
        .split(r#"data-testid="search-whole-name""#)
        .nth(1)
        .expect("the hint");
    assert!(hint.contains("全名"), "{hint}");
    // Another township's officer finds nothing.
    let other = app.login("zhen-hekou").await;
    let view: Value = other
        .post_api(
            "/api/queue/mine",
            &[("tab".into(), "all".into()), ("q".into(), "王建军".into())],
        )
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(view["closed"], serde_json::json!([]));
}

#[tokio::test]
async fn the_queue_masks_id_numbers() {
    let app = spawn_app().await;
    app.submit_report("张三", "13800138000", QINGSHI_VILLAGE)
        .await;
    let officer = app.login("zhen-qingshi").await;
    let view: Value = officer.queue().await.json().await.expect("json");
    let items = view["items"].as_array().expect("items");
    let masked = items[0]["id_masked"].as_str().expect("masked id");
    assert!(masked.contains('*'), "{masked}");
    assert!(!view
        .to_string()
        .contains(&crate::helpers::valid_id_number(7)));
}

#[tokio::test]
async fn the_queue_requires_a_login_and_a_bad_password_is_refused() {
    let app = spawn_app().await;
    let response = app.queue().await;
    assert_eq!(response.status(), 401);
    let anonymous: Value = response.json().await.expect("json");
    assert_eq!(anonymous, Value::String("Unauthorized".into()));

    let response = app
        .post_api(
            "/api/auth/login",
            &[
                ("username".into(), "zhen-qingshi".into()),
                ("password".into(), "wrong".into()),
            ],
        )
        .await;
    let body: Value = response.json().await.expect("json");
    assert_eq!(body, Value::String("Unauthorized".into()));
}

#[tokio::test]
async fn the_session_cookie_is_http_only_and_same_site() {
    let app = spawn_app().await;
    let response = app
        .post_api(
            "/api/auth/login",
            &[
                ("username".into(), "zhen-qingshi".into()),
                ("password".into(), crate::helpers::PASSWORD.into()),
            ],
        )
        .await;
    let cookie = response.headers()["set-cookie"]
        .to_str()
        .expect("cookie")
        .to_owned();
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
}

#[tokio::test]
async fn after_logout_the_session_no_longer_works() {
    let app = spawn_app().await;
    let officer = app.login("zhen-qingshi").await;
    assert_eq!(officer.queue().await.status(), 200);
    officer.post_api("/api/auth/logout", &[]).await;
    let body: Value = officer.queue().await.json().await.expect("json");
    assert_eq!(body, Value::String("Unauthorized".into()));
}

#[tokio::test]
async fn repeated_wrong_passwords_lock_the_account_for_a_while() {
    let app = spawn_app().await;
    let attempt = |password: &'static str| {
        let app = &app;
        async move {
            app.post_api(
                "/api/auth/login",
                &[
                    ("username".into(), "zhen-qingshi".into()),
                    ("password".into(), password.into()),
                ],
            )
            .await
            .status()
        }
    };
    for _ in 0..5 {
        assert_eq!(attempt("wrong").await, 401);
    }
    // Even the right password is refused while the account is locked.
    assert_eq!(attempt(crate::helpers::PASSWORD).await, 429);
    app.clock.advance(chrono::Duration::minutes(16));
    assert_eq!(attempt(crate::helpers::PASSWORD).await, 200);
}

#[tokio::test]
async fn the_queue_filters_by_village_within_the_officers_scope() {
    let app = spawn_app().await;
    app.submit_report("张三", "13800138000", QINGSHI_VILLAGE)
        .await;
    app.submit_report("龙井人", "13900139000", LONGJING_VILLAGE)
        .await;
    app.submit_report("河口人", "13700137000", HEKOU_VILLAGE)
        .await;

    let county = app.login("xian-officer").await;
    let view = filtered(&county, &[("village", QINGSHI_VILLAGE)], None).await;
    assert_eq!(applicants(&view), vec!["张三"]);
    let view = filtered(&county, &[("village", HEKOU_VILLAGE)], None).await;
    assert_eq!(applicants(&view), vec!["河口人"]);

    // A region filter narrows the scope, never widens it.
    let qingshi = app.login("zhen-qingshi").await;
    let view = filtered(&qingshi, &[("village", HEKOU_VILLAGE)], None).await;
    assert!(applicants(&view).is_empty());
    let view = filtered(&qingshi, &[("township", QINGSHI_TOWNSHIP)], None).await;
    assert_eq!(applicants(&view).len(), 2);
}

#[tokio::test]
async fn the_queue_filters_by_risk_type() {
    let app = spawn_app().await;
    app.submit_report("张三", "13800138000", QINGSHI_VILLAGE)
        .await;
    let mut fields: Vec<(String, String)> = report_fields("李四", "13900139000", QINGSHI_VILLAGE)
        .into_iter()
        .filter(|(k, _)| !k.starts_with("form[risk_types]"))
        .collect();
    fields.push(("form[risk_types][2]".into(), "schooling".into()));
    let response = app.post_api("/api/reports/submit", &fields).await;
    assert_eq!(response.status(), 200);

    let officer = app.login("zhen-qingshi").await;
    let view = filtered(&officer, &[("risk", "schooling")], None).await;
    assert_eq!(applicants(&view), vec!["李四"]);
    let view = filtered(&officer, &[("risk", "illness")], None).await;
    assert_eq!(applicants(&view), vec!["张三"]);
    // Blank selects mean "any".
    let view = filtered(&officer, &[("risk", ""), ("channel", "")], None).await;
    assert_eq!(applicants(&view).len(), 2);
    // An unknown code is refused, not ignored.
    let response = officer
        .post_api(
            "/api/queue/mine",
            &[("filter[risk]".into(), "nonsense".into())],
        )
        .await;
    assert_eq!(response.status(), 422);
}

#[tokio::test]
async fn a_hand_edited_filter_link_says_which_filter_and_offers_the_way_back() {
    let app = spawn_app().await;
    let officer = app.login("zhen-qingshi").await;
    let page = officer
        .get_html("/staff?tab=all&q=%E5%BC%A0%E4%B8%89&tier=purple")
        .await;
    assert!(
        page.contains("风险等级无效"),
        "names the bad filter: {page}"
    );
    // Back to the same tab and search, without the filters.
    assert!(
        page.contains(r#"href="/staff?tab=all&amp;q=%E5%BC%A0%E4%B8%89""#),
        "{page}"
    );
    assert!(page.contains("清除筛选"));
    // An unknown tab is the default one; an unknown step is named too.
    let page = officer.get_html("/staff?tab=bogus&state=xyz").await;
    assert!(page.contains("环节无效"), "{page}");
    assert!(page.contains(r#"href="/staff?tab=todo""#), "{page}");
}

#[tokio::test]
async fn the_queue_filters_by_channel() {
    let app = spawn_app().await;
    app.submit_report("张三", "13800138000", QINGSHI_VILLAGE)
        .await;
    app.submit_report("李四", "13900139000", QINGSHI_VILLAGE)
        .await;
    // A hotline filing, as the 12317 operator would record it.
    sqlx::query("update cases set channel = 'proxy_hotline' where applicant_name = '李四'")
        .execute(&app.state.db.pool)
        .await
        .expect("update");

    let officer = app.login("zhen-qingshi").await;
    let view = filtered(&officer, &[("channel", "proxy_hotline")], None).await;
    assert_eq!(applicants(&view), vec!["李四"]);
    let view = filtered(&officer, &[("channel", "self_report")], None).await;
    assert_eq!(applicants(&view), vec!["张三"]);
}

#[tokio::test]
async fn the_queue_filters_by_step() {
    let app = spawn_app().await;
    app.submit_report("张三", "13800138000", QINGSHI_VILLAGE)
        .await;
    app.submit_report("李四", "13900139000", QINGSHI_VILLAGE)
        .await;
    let officer = app.login("zhen-qingshi").await;
    let view = filtered(&officer, &[], None).await;
    let lisi = view["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|i| i["applicant"] == "李四")
        .expect("李四 in the queue")["case_id"]
        .as_str()
        .expect("case id")
        .to_owned();
    let township = actor("zhen-qingshi", Role::TownshipOfficer, QINGSHI_TOWNSHIP);
    let case = cases::load_unscoped(&app.state, &lisi).await.expect("load");
    let now = app.clock.now();
    cases::execute(
        &app.state,
        &township,
        &lisi,
        case.version,
        &CaseCommand::ACCEPT,
        now,
    )
    .await
    .expect("accepted");

    let view = filtered(&officer, &[("state", "accepted")], None).await;
    assert_eq!(applicants(&view), vec!["李四"]);
    let view = filtered(&officer, &[("state", "reported")], None).await;
    assert_eq!(applicants(&view), vec!["张三"]);
    let view = filtered(&officer, &[("state", "identified")], None).await;
    assert!(applicants(&view).is_empty());
}

#[tokio::test]
async fn the_queue_pages_by_keyset_without_repeating_a_case() {
    let app = spawn_app().await;
    for n in 0..60 {
        // Three villages' offices: one address files at most 20 a day.
        app.seen_at_address(20 + u8::try_from(n / 20).expect("small"))
            .submit_report(
                &format!("农户{n:02}"),
                &format!("138{:08}", 10_000 + n),
                QINGSHI_VILLAGE,
            )
            .await;
    }
    let officer = app.login("zhen-qingshi").await;
    let first = filtered(&officer, &[], None).await;
    assert_eq!(first["items"].as_array().expect("items").len(), 50);
    let cursor = first["next"].as_str().expect("a cursor").to_owned();
    assert!(cursor.contains('|'), "{cursor}");

    let second = filtered(&officer, &[], Some(&cursor)).await;
    assert_eq!(second["items"].as_array().expect("items").len(), 10);
    assert!(second["next"].is_null(), "{}", second["next"]);

    let ids: Vec<&str> = first["items"]
        .as_array()
        .into_iter()
        .chain(second["items"].as_array())
        .flatten()
        .filter_map(|i| i["case_id"].as_str())
        .collect();
    assert_eq!(ids.len(), 60);
    assert_eq!(
        ids.iter().collect::<HashSet<_>>().len(),
        60,
        "no case twice"
    );
    // Counts describe the filtered set, not the page, and a paged list says its length.
    assert_eq!(second["counts"]["all"], 60);
    let page = officer.get_html("/staff?tab=all").await;
    assert!(page.contains("这个列表共 60 项"), "said above 下一页");
}

#[tokio::test]
async fn the_demo_county_gives_a_township_officer_a_real_morning() {
    let app = crate::helpers::spawn_app_with(true).await;
    let officer = app.login("zhen-qingshi").await;
    let overdue: Value = officer
        .queue_tab("overdue")
        .await
        .json()
        .await
        .expect("json");
    let names: Vec<&str> = overdue["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|i| i["applicant"].as_str())
        .collect();
    assert_eq!(names, vec!["张桂英"], "the filing six days old is overdue");
    let all: Value = officer.queue_tab("all").await.json().await.expect("json");
    let items = all["items"].as_array().expect("items");
    assert!(items.len() >= 6, "several cases in several states: {all}");
    let assisted = items
        .iter()
        .find(|i| i["applicant"] == "刘志强" && i["state"] == "监测帮扶中")
        .expect("identified household");
    assert_eq!(assisted["warnings"], serde_json::json!([]));
    // The same household filed again: flagged as a suspected duplicate to accept or reject.
    let again = items
        .iter()
        .find(|i| i["applicant"] == "刘志强" && i["state"] == "待乡镇受理")
        .expect("the second filing");
    assert_eq!(again["warnings"], serde_json::json!(["疑似重复申报"]));
    assert_ne!(
        assisted["next_step"], "确定帮扶责任人",
        "already named, not to do again"
    );
    // Other townships' demo cases stay out of this queue.
    assert!(items.iter().all(|i| i["township"] == "青石镇"));
}

/// A deadline is named plainly to its own level, and to others with whose it is unless its
/// name says so: a cadre took the township's date beside 登记走访 for the visit's (tester).
#[tokio::test]
async fn a_row_s_nearest_deadline_says_whose_it_is() {
    let app = spawn_app().await;
    app.submit_report("张三", "13800138000", QINGSHI_VILLAGE)
        .await;
    let clock_seen_by = |who: &'static str| {
        let app = &app;
        async move {
            let all: Value = app
                .login(who)
                .await
                .queue_tab("all")
                .await
                .json()
                .await
                .expect("json");
            let items = all["items"].as_array().expect("items").clone();
            let item = items
                .into_iter()
                .find(|i| i["applicant"] == "张三")
                .expect("张三");
            (
                item["clock"].as_str().expect("clock").to_owned(),
                item["case_id"].as_str().expect("case id").to_owned(),
            )
        }
    };
    let (clock, case_id) = clock_seen_by("zhen-qingshi").await;
    assert_eq!(clock, "乡镇受理");
    assert_eq!(clock_seen_by("cun-qingshi").await.0, "乡镇受理");
    let township = actor("zhen-qingshi", Role::TownshipOfficer, QINGSHI_TOWNSHIP);
    let case = cases::load_unscoped(&app.state, &case_id)
        .await
        .expect("load");
    let accept = &CaseCommand::ACCEPT;
    cases::execute(
        &app.state,
        &township,
        &case_id,
        case.version,
        accept,
        app.clock.now(),
    )
    .await
    .expect("accepted");
    assert_eq!(clock_seen_by("zhen-qingshi").await.0, "入户核查（村级）");
    assert_eq!(clock_seen_by("cun-qingshi").await.0, "入户核查");
}
