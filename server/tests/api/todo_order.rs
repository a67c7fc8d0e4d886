//! A level's 待办 is ordered and coloured by the deadlines that bind it. A township row listed
//! for 更新措施进度 was ordered first and shown 逾期 in red by the village's overdue visit, while
//! the township's own acceptance, due in two days, sat below it (tester).
use app::domain::case::{CaseCommand, MeasureStatus};
use app::domain::vocab::MeasureType;
use chrono::Duration;
use serde_json::Value;

use crate::{
    fixtures::{measure, township_officer},
    helpers::{spawn_app, TestApp, QINGSHI_VILLAGE},
    storage::{run, today},
};

async fn rows(app: &TestApp, tab: &str) -> Vec<Value> {
    let view: Value = app
        .login("zhen-qingshi")
        .await
        .queue_tab(tab)
        .await
        .json()
        .await
        .expect("json");
    view["items"].as_array().expect("items").clone()
}

fn row<'a>(rows: &'a [Value], applicant: &str) -> (usize, &'a Value) {
    rows.iter()
        .enumerate()
        .find(|(_, r)| r["applicant"] == applicant)
        .unwrap_or_else(|| panic!("{applicant} not in {rows:?}"))
}

#[tokio::test]
async fn a_township_todo_puts_its_own_deadline_before_a_village_s_overdue_visit() {
    let app = spawn_app().await;
    // 张三: identified, a measure under way that ends in 40 days.
    let id = crate::fixtures::accepted_case(&app, "13800138081").await;
    crate::storage::home_check_to_township(&app, &id, 300_000).await;
    crate::storage::compare_and_identify(&app, &id).await;
    let township = township_officer();
    let responsible = CaseCommand::AssignResponsible {
        person: "刘帮扶".to_owned(),
        mobile: app::domain::mobile::MobileNumber::parse("13800138000").expect("mobile"),
    };
    run(&app, &township, &id, responsible).await;
    let mut running = measure(MeasureType::Medical, today(&app));
    running.end = today(&app) + Duration::days(40);
    let plan = CaseCommand::AddPlan {
        measures: vec![running],
    };
    run(&app, &township, &id, plan).await;
    let start = CaseCommand::UpdateMeasureStatus {
        index: 0,
        status: MeasureStatus::InProgress,
    };
    run(&app, &township, &id, start).await;
    // 36 days on: the village's monthly visit is overdue; the measure's end is 4 days away,
    // so ending it is the township's work. 李四 files today: accepting is due in 2 days.
    app.clock.advance(Duration::days(36));
    app.submit_report("李四", "13800138082", QINGSHI_VILLAGE)
        .await;

    let all = rows(&app, "all").await;
    let (zhang_all, zhang) = row(&all, "张三");
    let (li_all, _) = row(&all, "李四");
    assert!(
        zhang_all < li_all,
        "全部: the case's nearest deadline first"
    );
    assert_eq!(zhang["urgency"], "overdue", "{zhang}");

    let todo = rows(&app, "todo").await;
    let (zhang_todo, zhang) = row(&todo, "张三");
    let (li_todo, li) = row(&todo, "李四");
    assert!(
        li_todo < zhang_todo,
        "待办: the township's own deadline first"
    );
    assert_eq!(li["urgency"], "on_time");
    assert_eq!(zhang["next_step"], "更新措施进度", "{zhang}");
    // Dated by the measure's end, the day its step is about, not by the village's overdue
    // visit (officer testers).
    assert_ne!(zhang["urgency"], "overdue", "{zhang}");
    assert_eq!(zhang["clock"], "更新措施进度的日期", "{zhang}");
    let end = app::domain::lang::Lang::Zh.date(today(&app) + Duration::days(4));
    assert_eq!(zhang["due_on"], end.as_str(), "{zhang}");
    // Said as the level's own, beside the case's nearest as 全部 shows it: the two tabs read
    // as contradicting each other (officer tester).
    assert_eq!(zhang["deadline_label"], "待办时限：", "{zhang}");
    let (_, zhang_all) = row(&all, "张三");
    assert_eq!(zhang_all["deadline_label"], "最近时限：");
    assert_eq!(zhang_all["case_nearest"], Value::Null);
    let nearest = format!(
        "{} {}",
        zhang_all["clock"].as_str().expect("clock"),
        zhang_all["due_on"].as_str().expect("day")
    );
    assert_eq!(zhang["case_nearest"], nearest.as_str(), "{zhang}");
    // One whose level's deadline is the case's nearest reads as before.
    assert_eq!(li["deadline_label"], "最近时限：");
    assert_eq!(li["case_nearest"], Value::Null);
}

/// A whole name searched from 待办 found nothing there, and the page told the officer to type
/// the whole name, while 全部 had it (officer tester): the page points there.
#[tokio::test]
async fn a_search_from_todo_points_to_what_all_found() {
    let app = spawn_app().await;
    // Waiting on the township's acceptance: no work of the village's.
    app.submit_report("张三", "13800138083", QINGSHI_VILLAGE)
        .await;
    let cadre = app.login("cun-qingshi").await;
    let page = cadre.get_html("/staff?tab=todo&q=%E5%BC%A0%E4%B8%89").await;
    let hint = page
        .split(r#"data-testid="found-in-all""#)
        .nth(1)
        .expect("the pointer");
    let hint = &hint[..hint.find("</p>").expect("its end")];
    assert!(hint.contains("在“全部”里找到1件"), "{hint}");
    assert!(
        hint.contains("tab=all&amp;s=v1"),
        "the search kept, sealed: {hint}"
    );
    assert!(
        !page.contains("search-whole-name"),
        "not told to type the whole name"
    );
    // A filter that found nothing is named as the cause, with the way without it.
    let township = app.login("zhen-qingshi").await;
    let page = township
        .get_html("/staff?tab=all&q=%E5%BC%A0%E4%B8%89&village=522799101202")
        .await;
    let hint = page
        .split(r#"data-testid="without-filters""#)
        .nth(1)
        .expect("the way without filters");
    assert!(hint.contains("清除筛选条件"), "{hint}");
    assert!(
        !page.contains("search-whole-name"),
        "the name is not blamed"
    );
}

/// A measure whose own date passed without its progress recorded is late work, not a missed
/// deadline: the 待办 row said 逾期 in red while 已逾期 counted none and the case page listed
/// nothing overdue (officer tester).
#[tokio::test]
async fn a_late_measure_update_is_not_told_as_a_missed_deadline() {
    let app = crate::helpers::spawn_app_with(true).await;
    app.clock.advance(chrono::Duration::days(15));
    let township = app.login("zhen-qingshi").await;
    let view: serde_json::Value = township
        .post_api(
            "/api/queue/mine",
            &[("tab".into(), "todo".into()), ("q".into(), "刘志强".into())],
        )
        .await
        .json()
        .await
        .expect("json");
    let row = view["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|i| i["clock"] == "更新措施进度的日期")
        .unwrap_or_else(|| panic!("a measure to update: {view}"));
    let left = row["time_left"].as_str().expect("words");
    assert!(left.contains("没有更新（不算办理逾期）"), "{left}");
    assert!(!left.starts_with("逾期"), "{left}");
    assert_eq!(row["urgency"], "due_soon", "amber, not red");
}
