//! Duplicate filings, the county data comparison (负面清单) and the Hebei variants, over HTTP
//! as the case page posts them.
use chrono::Duration;
use serde_json::Value;

use crate::{
    fixtures::{township_officer, village_cadre},
    helpers::{
        detail, offered, policy_fields, spawn_app, step, timeline, TestApp, QINGSHI_VILLAGE,
    },
    storage::{home_check_to_township, run, today},
};
use app::domain::case::{CaseCommand, VillageOutcome};
use app::domain::tracking::TrackingNumber;

async fn case_id(app: &TestApp, tracking: &str) -> String {
    app.case_id_of(tracking).await
}

fn version(case: &Value) -> i64 {
    case["version"].as_i64().expect("version")
}

#[tokio::test]
async fn a_second_filing_for_a_household_shows_the_pair_and_needs_a_reason_to_accept() {
    let app = spawn_app().await;
    let first = app
        .submit_report("张三", "13800138000", QINGSHI_VILLAGE)
        .await;
    let second = app
        .submit_report("张三", "13800138000", QINGSHI_VILLAGE)
        .await;
    let first_id = case_id(&app, &first).await;
    let id = case_id(&app, &second).await;
    let township = app.login("zhen-qingshi").await;

    assert_eq!(
        detail(&township, &first_id).await["duplicates"],
        serde_json::json!([])
    );
    // The older filing is not flagged, but it names the newer one.
    let older = detail(&township, &first_id).await;
    assert_eq!(
        older["later_filings"][0]["tracking"],
        TrackingNumber::shown_back(&second),
        "{older}"
    );
    let page = township.get_html(&format!("/staff/cases/{first_id}")).await;
    assert!(
        page.contains("此后又有疑似同一户的申报"),
        "said on the older case's page"
    );
    let case = detail(&township, &id).await;
    let pair = &case["duplicates"][0];
    assert_eq!(pair["tracking"], TrackingNumber::shown_back(&first));
    assert_eq!(pair["case_id"], first_id.as_str());
    assert_eq!(pair["applicant"], "张三");
    assert_eq!(pair["reasons_zh"], "身份证号相同、手机号相同");
    assert_eq!(
        case["later_filings"],
        serde_json::json!([]),
        "the newer names none"
    );

    let blocked = step(&township, &id, version(&case), &[("kind", "accept")]).await;
    assert_eq!(blocked.status(), 422);
    let body: Value = blocked.json().await.expect("json");
    assert!(body.to_string().contains("疑似重复申报"), "{body}");
    assert_eq!(detail(&township, &id).await["state_zh"], "待乡镇受理");

    let accepted = step(
        &township,
        &id,
        version(&case),
        &[
            ("kind", "accept"),
            ("duplicate_override", "原申报因病，本次因灾房屋倒塌"),
        ],
    )
    .await;
    assert_eq!(accepted.status(), 200);
    let case = detail(&township, &id).await;
    assert_eq!(case["state_zh"], "待入户核查");
    assert_eq!(case["duplicate_override"], "原申报因病，本次因灾房屋倒塌");
    assert!(timeline(&case).contains("确认不是重复申报"));
    let audited: i64 = sqlx::query_scalar(
        "select count(*) from case_events where case_id = $1 and payload like $2",
    )
    .bind(&id)
    .bind("%duplicate_overridden%")
    .fetch_one(&app.state.db.pool)
    .await
    .expect("events");
    assert_eq!(audited, 1, "the override is in the audit trail");
}

#[tokio::test]
async fn a_filing_after_a_refused_one_is_a_fresh_request() {
    let app = spawn_app().await;
    let first = app
        .submit_report("李四", "13900139000", QINGSHI_VILLAGE)
        .await;
    let township = app.login("zhen-qingshi").await;
    let first_id = case_id(&app, &first).await;
    let case = detail(&township, &first_id).await;
    let rejected = step(
        &township,
        &first_id,
        version(&case),
        &[("kind", "reject_out_of_scope"), ("reason", "非本县户籍")],
    )
    .await;
    assert_eq!(rejected.status(), 200);
    let again = app
        .submit_report("李四", "13900139000", QINGSHI_VILLAGE)
        .await;
    let case = detail(&township, &case_id(&app, &again).await).await;
    assert_eq!(case["duplicates"], serde_json::json!([]));
    assert!(offered(&case).contains(&"accept".to_owned()));
}

async fn at_county(app: &TestApp) -> String {
    let tracking = app
        .submit_report("王五", "13700137000", QINGSHI_VILLAGE)
        .await;
    let id = case_id(app, &tracking).await;
    run(app, &township_officer(), &id, CaseCommand::ACCEPT).await;
    home_check_to_township(app, &id, 300_000).await;
    id
}

#[tokio::test]
async fn negative_list_hits_warn_the_county_which_must_explain_an_identification() {
    let app = spawn_app().await;
    let id = at_county(&app).await;
    let county = app.login("xian-officer").await;
    let case = detail(&county, &id).await;
    assert_eq!(case["comparison_pending"], true);
    assert!(offered(&case).contains(&"record_comparison".to_owned()));
    let premature = step(
        &county,
        &id,
        version(&case),
        &[
            ("kind", "county_decide"),
            ("decision", "identify"),
            ("category", "marginal"),
            ("tier", "yellow"),
        ],
    )
    .await;
    assert_eq!(premature.status(), 422, "no decision before the comparison");

    let compared = step(
        &county,
        &id,
        version(&case),
        &[
            ("kind", "record_comparison"),
            ("hits][0", "private_car"),
            ("note", "公安车辆登记数据"),
        ],
    )
    .await;
    assert_eq!(compared.status(), 200);
    let case = detail(&county, &id).await;
    assert_eq!(
        case["comparison"]["hits_zh"],
        serde_json::json!(["拥有私家车"])
    );
    assert_eq!(case["comparison_pending"], false);
    // The comparison's date is written like every other date on the page.
    let page = county.get_html(&format!("/staff/cases/{id}")).await;
    let card = &page[page
        .find("data-testid=\"comparison\"")
        .expect("the comparison card")..];
    let card = &card[..card.find("</section>").expect("its end")];
    assert!(card.contains("年") && !card.contains("2026-"), "{card}");
    let queue: Value = county.queue_tab("all").await.json().await.expect("json");
    let item = queue["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|i| i["case_id"] == id.as_str())
        .expect("in the county queue");
    assert_eq!(item["warnings"], serde_json::json!(["比对命中负面清单"]));

    let decide = |note: &'static str| {
        [
            ("kind", "county_decide"),
            ("decision", "identify"),
            ("category", "marginal"),
            ("tier", "yellow"),
            ("note", note),
        ]
    };
    let unexplained = step(&county, &id, version(&case), &decide("")).await;
    assert_eq!(unexplained.status(), 422);
    let body: Value = unexplained.json().await.expect("json");
    assert!(body.to_string().contains("负面清单"), "{body}");
    let explained = step(
        &county,
        &id,
        version(&case),
        &decide("车辆为报废农用三轮车"),
    )
    .await;
    assert_eq!(explained.status(), 200);
    let case = detail(&county, &id).await;
    assert_eq!(case["state_zh"], "监测帮扶中");
    assert!(timeline(&case).contains("车辆为报废农用三轮车"));
}

#[tokio::test]
async fn an_empty_comparison_is_refused_and_the_same_one_is_not_recorded_twice() {
    let app = spawn_app().await;
    let id = at_county(&app).await;
    let county = app.login("xian-officer").await;
    let case = detail(&county, &id).await;
    let compare = [("kind", "record_comparison"), ("note", "公安车辆登记数据")];

    let empty = step(&county, &id, version(&case), &compare[..1]).await;
    assert_eq!(empty.status(), 422);
    let body: Value = empty.json().await.expect("json");
    assert!(
        body.to_string().contains("\"note\""),
        "the note is named: {body}"
    );
    assert_eq!(detail(&county, &id).await["comparison_pending"], true);

    let first = step(&county, &id, version(&case), &compare).await;
    assert_eq!(first.status(), 200);
    let case = detail(&county, &id).await;
    // The form sent again (a second click on a slow line): told, and nothing written.
    let again = step(&county, &id, version(&case), &compare).await;
    assert_eq!(again.status(), 422);
    let body: Value = again.json().await.expect("json");
    assert!(body.to_string().contains("完全相同"), "{body}");
    assert_eq!(version(&detail(&county, &id).await), version(&case));
}

async fn set_hebei_policy(app: &TestApp) {
    let admin = app.login("xian-admin").await;
    let form = policy_fields(
        "2026-11-23",
        &[
            ("notice_parallel_township", "on"),
            ("comparison_skippable", "on"),
        ],
    );
    let response = admin.post_api("/api/settings/policy", &form).await;
    assert_eq!(response.status(), 200);
}

#[tokio::test]
async fn under_the_hebei_policy_the_township_reviews_during_the_notice_and_the_county_may_skip_the_comparison(
) {
    let app = spawn_app().await;
    set_hebei_policy(&app).await;
    let tracking = app
        .submit_report("赵六", "13600136000", QINGSHI_VILLAGE)
        .await;
    let id = case_id(&app, &tracking).await;
    run(&app, &township_officer(), &id, CaseCommand::ACCEPT).await;
    let cadre = village_cadre();
    let record = crate::fixtures::record(today(&app), 300_000);
    run(&app, &cadre, &id, CaseCommand::RecordHomeCheck { record }).await;
    let review = CaseCommand::HoldVillageReview {
        date: today(&app),
        outcome: VillageOutcome::Pass,
    };
    run(&app, &cadre, &id, review).await;
    let notice = CaseCommand::StartNotice { from: today(&app) };
    run(&app, &cadre, &id, notice).await;

    let township = app.login("zhen-qingshi").await;
    let case = detail(&township, &id).await;
    assert_eq!(case["state_zh"], "公示中");
    assert!(
        offered(&case).contains(&"township_review".to_owned()),
        "{case}"
    );
    let reviewed = step(
        &township,
        &id,
        version(&case),
        &[
            ("kind", "township_review"),
            ("approve", "yes"),
            ("note", "同意"),
        ],
    )
    .await;
    assert_eq!(reviewed.status(), 200);
    assert_eq!(detail(&township, &id).await["state_zh"], "公示中");

    app.clock.advance(Duration::days(5));
    run(&app, &cadre, &id, CaseCommand::EndNotice).await;
    let county = app.login("xian-officer").await;
    let case = detail(&county, &id).await;
    assert_eq!(case["state_zh"], "待县级审定", "no second township step");
    let decided = step(
        &county,
        &id,
        version(&case),
        &[
            ("kind", "county_decide"),
            ("decision", "identify"),
            ("category", "sudden_hardship"),
            ("tier", "red"),
            ("note", "因灾致贫风险明确，公示无异议，免于比对"),
        ],
    )
    .await;
    assert_eq!(decided.status(), 200);
    assert_eq!(detail(&county, &id).await["state_zh"], "监测帮扶中");
}

#[tokio::test]
async fn the_county_form_suggests_the_category_the_home_check_supports() {
    let app = spawn_app().await;
    let id = at_county(&app).await;
    crate::storage::compare_clean(&app, &id).await;
    let county = app.login("xian-officer").await;
    let case = detail(&county, &id).await;
    assert_eq!(case["suggested_category"], "marginal");
    assert_eq!(case["formerly_poor"], false);
    let hint = case["category_hint_zh"].as_str().expect("hint");
    assert!(hint.contains("建议认定为边缘易致贫户"), "{hint}");
    let refused = step(
        &county,
        &id,
        version(&case),
        &[
            ("kind", "county_decide"),
            ("decision", "identify"),
            ("category", "unstable_formerly_poor"),
            ("tier", "yellow"),
        ],
    )
    .await;
    assert_eq!(refused.status(), 422);
    let body: Value = refused.json().await.expect("json");
    assert!(body.to_string().contains("建档立卡"), "{body}");
}

/// A pair in another township shows only the first four symbols of its number, in the
/// duplicates table and in the case's history alike (the number is half of a household's
/// look-up key).
#[tokio::test]
async fn a_pair_outside_the_officers_region_is_masked_in_the_history_too() {
    let app = spawn_app().await;
    let elsewhere = app
        .submit_report("张三", "13800138000", "522799102201")
        .await;
    // Staff pages show numbers grouped, as the household's SMS does.
    let elsewhere = TrackingNumber::shown_back(&elsewhere);
    let here = app
        .submit_report("张三", "13800138000", QINGSHI_VILLAGE)
        .await;
    let id = case_id(&app, &here).await;
    let township = app.login("zhen-qingshi").await;
    let case = detail(&township, &id).await;
    let masked = format!("{}-****-**", &elsewhere[..4]);
    assert_eq!(case["duplicates"][0]["tracking"], masked.as_str());
    // Nor is its state said: a filing made to see it read whether a household elsewhere is
    // monitored (attacker tester). That it exists, where and why stays.
    assert_eq!(
        case["duplicates"][0]["state_zh"], "",
        "{}",
        case["duplicates"]
    );
    assert_eq!(case["duplicates"][0]["village"], "河口村");
    let history = timeline(&case);
    assert!(history.contains(&masked), "{history}");
    assert!(!history.contains(&elsewhere), "{history}");
    assert!(
        !case.to_string().contains(&elsewhere),
        "nowhere on the page"
    );

    let county = app.login("xian-officer").await;
    let seen = detail(&county, &id).await;
    assert_eq!(
        seen["duplicates"][0]["state_zh"], "待乡镇受理",
        "in the county's region"
    );
    let whole = timeline(&seen);
    assert!(
        whole.contains(&elsewhere),
        "the county covers both: {whole}"
    );
}

/// The county decision's category list.
fn category_list(page: &str) -> &str {
    let select = page
        .find("id=\"f-county_decide-category\"")
        .map(|at| &page[at..])
        .unwrap_or_else(|| panic!("the category list in {page}"));
    &select[..select.find("</select>").expect("list end")]
}

/// The first option of the county decision's category list.
fn first_category_option(page: &str) -> &str {
    let list = category_list(page);
    let option = &list[list.find("<option").expect("an option")..];
    &option[..option.find("</option>").expect("option end")]
}

/// Where the home check supports no category, nothing is chosen for the county: the list
/// opened on 脱贫不稳定户, its first entry, for any household (tester).
#[tokio::test]
async fn the_category_list_chooses_nothing_without_a_suggestion() {
    let app = spawn_app().await;
    let id = at_county(&app).await;
    crate::storage::compare_clean(&app, &id).await;
    let county = app.login("xian-officer").await;
    let path = format!("/staff/cases/{id}");
    let page = county.get_html(&path).await;
    let list = category_list(&page);
    assert!(
        !list.contains("value=\"\""),
        "a suggestion, no blank: {list}"
    );
    let marginal = &list[list.find("value=\"marginal\"").expect("marginal")..];
    assert!(
        marginal[..marginal.find('>').expect("tag end")].contains("selected"),
        "the suggestion is chosen: {list}"
    );

    let tracking = app
        .submit_report("赵六", "13600136000", QINGSHI_VILLAGE)
        .await;
    let above = case_id(&app, &tracking).await;
    run(&app, &township_officer(), &above, CaseCommand::ACCEPT).await;
    crate::storage::home_check_to_township(&app, &above, 3_000_000).await;
    crate::storage::compare_clean(&app, &above).await;
    // Five days on (the notice): a new session.
    let county = app.login("xian-officer").await;
    let case = detail(&county, &above).await;
    assert!(case["suggested_category"].is_null(), "{case}");
    let page = county.get_html(&format!("/staff/cases/{above}")).await;
    let first = first_category_option(&page);
    assert!(first.contains("value=\"\""), "{first}");
    assert!(first.contains("请选择"), "{first}");
    assert!(!category_list(&page).contains("selected"), "nothing chosen");
}
