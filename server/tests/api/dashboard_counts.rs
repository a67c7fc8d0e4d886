//! The dashboard counts a case as overdue when the queue does: a case whose notice still ran
//! past its 15-day limit was a green 公示中 bar beside the queue's 已逾期 8 (officer tester).
use app::domain::{
    case::{CaseCommand, IdentificationDecision, VillageOutcome},
    region::RegionCode,
    role::Role,
};
use app::ssr::{
    clock::Clock,
    services::{auth::Staff, dashboard},
};
use chrono::{Datelike, Duration};
use serde_json::Value;

use crate::{
    fixtures::{accepted_case, record, village_cadre},
    helpers::{spawn_app, TestApp},
    storage::{compare_and_identify, compare_clean, home_check_to_township, run, today},
};

/// A case whose notice the village started and never ended, 25 days on: past its 15-day
/// limit, waiting on the village to end the notice.
pub(crate) async fn notice_left_running(app: &TestApp, mobile: &str) -> String {
    let id = accepted_case(app, mobile).await;
    let cadre = village_cadre();
    let steps = [
        CaseCommand::RecordHomeCheck {
            record: record(today(app), 300_000),
        },
        CaseCommand::HoldVillageReview {
            date: today(app),
            outcome: VillageOutcome::Pass,
        },
        CaseCommand::StartNotice { from: today(app) },
    ];
    for step in steps {
        run(app, &cadre, &id, step).await;
    }
    app.clock.advance(Duration::days(25));
    id
}

#[tokio::test]
async fn a_notice_past_the_fifteen_day_limit_is_overdue_on_the_dashboard_as_in_the_queue() {
    let app = spawn_app().await;
    notice_left_running(&app, "13800138091").await;

    let view: Value = app
        .login("xian-officer")
        .await
        .queue_tab("overdue")
        .await
        .json()
        .await
        .expect("json");
    let queue = view["counts"]["overdue"].as_u64().expect("count");
    assert_eq!(queue, 1, "{view}");
    let board = county_board(&app).await;
    let overdue: usize = board.by_step.iter().map(|s| s.overdue).sum();
    assert_eq!(overdue as u64, queue, "{:?}", board.by_step);
    let placed: usize = board.overdue_by_place.iter().map(|p| p.overdue).sum();
    assert_eq!(placed as u64, queue);
}

/// The dashboard as the county office sees it.
async fn county_board(app: &TestApp) -> app::wire::dashboard::DashboardView {
    let officer = Staff {
        id: "xian-officer".to_owned(),
        username: "xian-officer".to_owned(),
        display_name: "县级办公室".to_owned(),
        role: Role::CountyOfficer,
        scope: RegionCode::parse("522799000000").expect("county"),
        scope_name: "青石县".to_owned(),
        department: None,
    };
    dashboard::for_staff(&app.state, &officer, app.clock.now())
        .await
        .expect("dashboard")
}

/// "本月完成认定 2 户" counted a household the county did not identify as one it did
/// (officer tester): the month's decisions are split into 纳入监测 and 不纳入.
#[tokio::test]
async fn the_months_decisions_are_told_apart_from_identifications() {
    let app = spawn_app().await;
    // Both decisions in one month: from its first day (the steps take five days each).
    let day = today(&app);
    let first = chrono::NaiveDate::from_ymd_opt(day.year(), day.month(), 1).expect("day");
    let next_month = first + chrono::Months::new(1);
    app.clock
        .advance(Duration::days((next_month - day).num_days()));
    let before = county_board(&app).await;
    let identified = accepted_case(&app, "13800138093").await;
    home_check_to_township(&app, &identified, 300_000).await;
    compare_and_identify(&app, &identified).await;
    let refused = accepted_case(&app, "13800138094").await;
    home_check_to_township(&app, &refused, 300_000).await;
    compare_clean(&app, &refused).await;
    let decision = IdentificationDecision::NotIdentify {
        reason: "收入高于监测范围".into(),
    };
    let county = crate::fixtures::county_officer();
    run(
        &app,
        &county,
        &refused,
        CaseCommand::CountyDecide { decision },
    )
    .await;

    let after = county_board(&app).await;
    assert_eq!(
        after.identified_this_month,
        before.identified_this_month + 1
    );
    assert_eq!(
        after.not_identified_this_month,
        before.not_identified_this_month + 1
    );
    let page = app
        .login("xian-officer")
        .await
        .get_html("/staff/dashboard")
        .await;
    let said = format!(
        "本月办结认定 {} 户（纳入监测 {} 户，不纳入 {} 户）",
        after.identified_this_month + after.not_identified_this_month,
        after.identified_this_month,
        after.not_identified_this_month
    );
    assert!(page.contains(&said), "{said}");
}

/// The county owns the 15-day limit, but the village whose step the case waits on (ending
/// the notice) is told when it runs out too (officer tester: only the county heard).
#[tokio::test]
async fn the_level_a_late_case_waits_on_is_told_of_the_overall_limit() {
    let app = spawn_app().await;
    notice_left_running(&app, "13800138092").await;
    app::ssr::services::escalation::sweep(&app.state, app.clock.now())
        .await
        .expect("sweep");
    let inbox: Value = app
        .login("cun-qingshi")
        .await
        .post_api("/api/inbox/mine", &[])
        .await
        .json()
        .await
        .expect("json");
    let titles: Vec<&str> = inbox
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|n| n["title"].as_str())
        .collect();
    assert!(
        titles.iter().any(|t| t.contains("识别认定总时限")),
        "{titles:?}"
    );
    // The 消息 link says how many are unread (officer tester).
    let cadre = app.login("cun-qingshi").await;
    let queue: Value = cadre.queue_tab("all").await.json().await.expect("json");
    assert_eq!(
        queue["unread"].as_u64(),
        Some(titles.len() as u64),
        "{}",
        queue["unread"]
    );
    let page = cadre.get_html("/staff").await;
    assert!(
        page.contains(&format!("（{}条未读）", titles.len())),
        "the link says so"
    );
}

/// The dashboard's rows as links with the number each shows: (href, count), and after each
/// step's total its overdue and due-soon links ("逾期 2").
fn counted_links(page: &str) -> Vec<(String, u64)> {
    let href_of = |a: &str| a[..a.find('"').expect("href")].replace("&amp;", "&");
    page.split(r#"<span class="chart-label"><a href=""#)
        .skip(1)
        .flat_map(|row| {
            let value = row
                .split(r#"<span class="chart-value">"#)
                .nth(1)
                .expect("value");
            let n = value[..value.find('<').expect("end")].parse().expect("n");
            let row_end = value.find("</li>").unwrap_or(value.len());
            let parts = value[..row_end].split(r#"<a href=""#).skip(1).map(|a| {
                let text = &a[a.find('>').expect("text") + 1..a.find("</a>").expect("end")];
                let digits: String = text.chars().filter(char::is_ascii_digit).collect();
                (href_of(a), digits.parse().expect("a count"))
            });
            std::iter::once((href_of(row), n)).chain(parts.collect::<Vec<_>>())
        })
        .collect()
}

/// How many cases the queue's list at `href` holds (its tab's exact count).
async fn listed_at(officer: &TestApp, href: &str) -> u64 {
    let query = href.strip_prefix("/staff?").expect("a queue link");
    let mut tab = "todo";
    let mut fields = Vec::new();
    for pair in query.split('&') {
        let (key, value) = pair.split_once('=').expect("pair");
        match key {
            "tab" => tab = value,
            _ => fields.push((format!("filter[{key}]"), value.to_owned())),
        }
    }
    fields.push(("tab".to_owned(), tab.to_owned()));
    let view: Value = officer
        .post_api("/api/queue/mine", &fields)
        .await
        .json()
        .await
        .expect("json");
    view["counts"][tab].as_u64().expect("count")
}

/// Each row of the dashboard opens the queue's list it counts, and that list holds as many
/// cases as the row says, for each level and for a line department, whose figures count
/// only the cases its queue lists (it saw the whole county's: officer tester).
#[tokio::test]
async fn each_dashboard_row_opens_the_queue_list_it_counts() {
    use crate::department_scope::planned;
    let app = spawn_app().await;
    let overdue = notice_left_running(&app, "13800138095").await;
    accepted_case(&app, "13800138096").await;
    planned(
        &app,
        "13800138097",
        &[app::domain::vocab::MeasureType::MinimumLiving],
    )
    .await;
    planned(
        &app,
        "13800138098",
        &[app::domain::vocab::MeasureType::Medical],
    )
    .await;
    let mut totals = Vec::new();
    for user in [
        "xian-officer",
        "zhen-qingshi",
        "cun-qingshi",
        "bumen-minzheng",
    ] {
        let officer = app.login(user).await;
        let page = officer.get_html("/staff/dashboard").await;
        let links = counted_links(&page);
        let mut total = 0;
        for (href, shown) in &links {
            assert_eq!(listed_at(&officer, href).await, *shown, "{user}: {href}");
            if href.contains("tab=all") {
                total += shown;
            }
        }
        let all: Value = officer.queue_tab("all").await.json().await.expect("json");
        assert_eq!(
            Some(total),
            all["counts"]["all"].as_u64(),
            "{user}: every open case"
        );
        totals.push((user, total, links));
    }
    let (_, county, links) = &totals[0];
    assert_eq!(*county, 4, "{links:?}");
    assert!(
        links
            .iter()
            .any(|(href, n)| href.contains("tab=overdue&township=") && *n > 0),
        "the late notice's township: {links:?}"
    );
    assert!(
        links
            .iter()
            .any(|(href, n)| href.contains("tab=overdue&state=") && *n > 0),
        "the late notice's step says its overdue count: {links:?}"
    );
    let (_, township, links) = &totals[1];
    assert!(
        links
            .iter()
            .any(|(href, n)| href.contains("tab=overdue&village=") && *n > 0),
        "{overdue}'s village: {links:?}"
    );
    assert_eq!(*township, 4);
    let (_, department, links) = &totals[3];
    // The notice awaiting the data comparison any department may record, and 民政局's
    // measure; not 医保局's, nor the case still at its home check.
    assert_eq!(*department, 2, "{links:?}");
}

/// A dashboard place link's township is a filter the queue shows chosen, with a township
/// list to change it: the list was filtered with nothing on the page saying so (officer
/// tester). A township officer, with one township, gets no such list.
#[tokio::test]
async fn a_township_filter_is_shown_chosen_on_the_queue() {
    use crate::fixtures::QINGSHI_TOWNSHIP;
    let app = spawn_app().await;
    let county = app.login("xian-officer").await;
    let page = county
        .get_html(&format!("/staff?tab=overdue&township={QINGSHI_TOWNSHIP}"))
        .await;
    assert!(
        page.contains("筛选条件（已选 1 项）"),
        "the filter is counted"
    );
    let select = crate::helpers::tag_with(
        &page,
        &format!(r#"<option value="{QINGSHI_TOWNSHIP}" selected"#),
    );
    assert!(select.contains("selected"), "{select}");
    assert!(page.contains(r#"name="filter[township]""#));
    // Its villages only in the village list (another township's found nothing, unexplained).
    let villages = &page[page
        .find(r#"name="filter[village]""#)
        .expect("village list")..];
    let villages = &villages[..villages.find("</select>").expect("end")];
    assert!(
        villages.contains("青石村") && !villages.contains("河口村"),
        "{villages}"
    );
    let clear = crate::helpers::tag_with(&page, r#"data-testid="clear-filters""#);
    assert!(clear.contains(r#"href="/staff?tab=overdue""#), "{clear}");
    let township = app.login("zhen-qingshi").await.get_html("/staff").await;
    assert!(!township.contains(r#"name="filter[township]""#));
}

/// A refused household still to be told (告知农户结果和原因) and an eliminated one's
/// re-check visit are open work in the queue: the dashboard's steps count them as the queue
/// does, and the queue's step filter offers their states (both were left out as "closed").
#[tokio::test]
async fn work_left_after_a_refusal_or_an_elimination_is_counted_by_step_as_in_the_queue() {
    let app = spawn_app().await;
    let tracking = app
        .submit_report("张三", "13800138092", crate::helpers::QINGSHI_VILLAGE)
        .await;
    let refused = app.case_id_of(&tracking).await;
    let reject = CaseCommand::RejectOutOfScope {
        reason: "非农村户籍".into(),
    };
    run(&app, &crate::fixtures::township_officer(), &refused, reject).await;
    app.clock.advance(Duration::days(20));

    let officer = app.login("xian-officer").await;
    let view = officer.queue_json("overdue").await;
    assert_eq!(view["counts"]["overdue"], 1, "the refusal not told: {view}");
    let board = county_board(&app).await;
    let overdue: usize = board.by_step.iter().map(|s| s.overdue).sum();
    assert_eq!(overdue, 1, "{:?}", board.by_step);
    assert!(
        board
            .by_step
            .iter()
            .any(|s| s.step == "rejected_out_of_scope"),
        "{:?}",
        board.by_step
    );
    for state in [
        "rejected_out_of_scope",
        "not_identified",
        "eliminated",
        "removed",
    ] {
        let filtered = officer
            .post_api(
                "/api/queue/mine",
                &crate::helpers::fields(&[("tab", "all"), ("filter[state]", state)]),
            )
            .await;
        assert_eq!(filtered.status(), 200, "{state} is a step to filter by");
        let filtered: Value = filtered.json().await.expect("json");
        let expected = u64::from(state == "rejected_out_of_scope");
        assert_eq!(filtered["counts"]["all"], expected, "{state}: {filtered}");
    }
    let page = officer.get_html("/staff?tab=all").await;
    assert!(page.contains(r#"<option value="eliminated""#), "offered");
}
