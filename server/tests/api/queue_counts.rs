//! The queue at a county's size: 2,000 open cases in every step, the tab counts exact for
//! officers of each level (not over a batch), and the 待办 paged from SQL.
use std::collections::HashSet;

use app::{
    domain::{
        calendar::Calendar,
        case::{
            decide, decide_report, work, Actor, Case, CaseCommand, CommandKind, NewCase, Policy,
            VillageOutcome,
        },
        clock::{urgency, ClockState, Urgency},
        region::RegionCode,
        role::Role,
        time::{beijing_date, to_beijing},
        vocab::{Channel, RiskType},
    },
    ssr::{
        repo::cases::{self, CaseRow, QueueColumns},
        seed::{COUNTY, TOWNSHIPS},
    },
};
use chrono::Duration;
use serde_json::Value;

use crate::{
    fixtures::{record, sample, township_officer, village_cadre},
    helpers::{policy_fields, spawn_app, valid_id_number, TestApp, QINGSHI_VILLAGE},
    storage::{run, today},
};

const CASES: usize = 2_000;

fn region(code: &str) -> RegionCode {
    RegionCode::parse(code).expect("region")
}

/// Every village of the demo county with its township.
fn villages() -> Vec<(&'static str, &'static str)> {
    TOWNSHIPS
        .iter()
        .flat_map(|(township, _, villages)| villages.iter().map(move |(v, _)| (*v, *township)))
        .collect()
}

/// Case `i`: filed 0-39 days ago, then walked forward two days a step (never past now) by
/// whoever is offered a form, mostly steps that move it on, sometimes side steps (pauses,
/// extensions, green channel). Gives every state, overdue and due-soon clocks, and paused ones.
fn walk(i: usize, village: &str, township: &str, policy: &Policy, cal: &Calendar) -> Case {
    let now = to_beijing(crate::helpers::monday_morning());
    let filed = now - Duration::days((i % 40) as i64) - Duration::hours((i % 7) as i64);
    let staff = [
        Actor::new("w-village", Role::VillageCadre, region(village)),
        Actor::new("w-township", Role::TownshipOfficer, region(township)),
        Actor::new("w-township-head", Role::TownshipHead, region(township)),
        Actor::new("w-county", Role::CountyOfficer, region(COUNTY.0)),
        Actor::new("w-county-head", Role::CountyHead, region(COUNTY.0)),
        Actor::new("w-department", Role::DepartmentLiaison, region(COUNTY.0)),
    ];
    let channels = [
        Channel::SelfReport,
        Channel::CadreScreening,
        Channel::ProxyHotline,
    ];
    let new = NewCase {
        id: format!("count-{i:05}"),
        village: region(village),
        channel: channels[i % channels.len()],
        risks: vec![[RiskType::Illness, RiskType::NaturalDisaster][i % 2]],
        discovered_on: filed.date() - Duration::days((i % 3) as i64),
        duplicates: Vec::new(),
    };
    let reporter = staff[0].clone();
    let events = decide_report(&new, &reporter, policy, cal, filed).expect("report");
    let mut case = Case::replay(&events).expect("case");
    for step in 0..(i % 13) {
        let at = filed + Duration::days(2 * step as i64 + 1);
        if at > now {
            break;
        }
        let offers: Vec<(&Actor, CommandKind)> = staff
            .iter()
            .flat_map(|a| {
                case.available_commands(a, policy, at)
                    .into_iter()
                    .map(move |k| (a, k))
            })
            .collect();
        let forward: Vec<(&Actor, CommandKind)> = offers
            .iter()
            .copied()
            .filter(|(a, k)| work::is_work_item_for(&case, *k, a.role))
            .collect();
        let choices = if (i + step).is_multiple_of(5) || forward.is_empty() {
            &offers
        } else {
            &forward
        };
        let Some((who, kind)) = choices.get((i * 7 + step * 3) % choices.len().max(1)) else {
            break;
        };
        if let Ok(events) = decide(&case, &sample(*kind, at.date()), who, policy, cal, at) {
            case = events.iter().fold(case, app::domain::case::apply);
        }
    }
    case
}

/// The tab counts the old code would give with the whole set in one batch: the forms offered
/// to this actor and the clock's urgency, case by case.
fn expected_counts(cases: &[Case], actor: &Actor, policy: &Policy, cal: &Calendar) -> Value {
    let now = crate::helpers::monday_morning();
    let today = beijing_date(now);
    let mine: Vec<&Case> = cases
        .iter()
        .filter(|c| actor.covers(&c.village) && c.next_deadline().is_some())
        .collect();
    let todo = mine
        .iter()
        .filter(|c| {
            c.available_commands(actor, policy, to_beijing(now))
                .into_iter()
                .any(|k| work::is_work_on(c, k, actor.role, work::WorkDay { today, policy }))
        })
        .count();
    let level = |c: &&&Case| {
        let clock = c.next_deadline().expect("open");
        urgency(clock, today, cal, policy.due_soon_working_days)
    };
    let due_soon = mine.iter().filter(|c| level(c) == Urgency::DueSoon).count();
    let overdue = mine.iter().filter(|c| level(c) == Urgency::Overdue).count();
    serde_json::json!({ "todo": todo, "due_soon": due_soon, "overdue": overdue, "all": mine.len() })
}

/// Files the cases straight through the repository in one transaction, as the service
/// writes them (snapshot and queue columns together).
async fn seed(app: &TestApp) -> Vec<Case> {
    let (cal, policy) = app.state.settings.snapshot();
    let villages = villages();
    let mut tx = app.state.db.pool.begin().await.expect("begin");
    let mut all: Vec<Case> = Vec::with_capacity(CASES * 2);
    // Closed cases are filed too (they stay out of the queue) until 2,000 are open.
    let mut i = 0;
    while all.iter().filter(|c| c.next_deadline().is_some()).count() < CASES {
        i += 1;
        let (village, township) = villages[i % villages.len()];
        let case = walk(i, village, township, &policy, &cal);
        let row = CaseRow {
            id: case.id.clone(),
            tracking_number: format!("QC{i:010}"),
            village_code: village.to_owned(),
            township_code: township.to_owned(),
            county_code: COUNTY.0.to_owned(),
            village_group: None,
            state: case.state.code().to_owned(),
            channel: case.channel.code().to_owned(),
            applicant_name: format!("计数户{i}"),
            applicant_mobile: format!("137{i:08}"),
            applicant_id_number: valid_id_number(i as u32),
            household_size: 3,
            risk_types: app::domain::risk_list::RiskList(case.risks.clone()),
            description: "规模测试".to_owned(),
            discovered_on: case.discovered_on.to_string(),
            consent_at: 0,
            version: case.version,
            created_at: i as i64,
            updated_at: i as i64,
            consent_by: None,
            idempotency_key: None,
        };
        let snapshot = serde_json::to_string(&case).expect("snapshot");
        let next_due = case.next_deadline().map(|c| c.due_on.to_string());
        let queue = QueueColumns::from(&case.queue_keys(&policy));
        cases::insert(
            &mut *tx,
            &app.state.vault,
            &row,
            &snapshot,
            next_due.as_deref(),
            &queue,
        )
        .await
        .expect("insert case");
        all.push(case);
    }
    tx.commit().await.expect("commit");
    all
}

async fn tab(officer: &TestApp, tab: &str, after: Option<&str>) -> Value {
    let mut fields = vec![("tab".to_owned(), tab.to_owned())];
    if let Some(after) = after {
        fields.push(("after".into(), after.into()));
    }
    let response = officer.post_api("/api/queue/mine", &fields).await;
    assert_eq!(response.status(), 200);
    response.json().await.expect("json")
}

#[tokio::test]
async fn with_two_thousand_open_cases_the_tab_counts_are_exact_for_every_level() {
    let app = spawn_app().await;
    let cases = seed(&app).await;
    let (cal, policy) = app.state.settings.snapshot();
    let states: HashSet<&str> = cases.iter().map(|c| c.state.code()).collect();
    assert!(states.len() >= 8, "cases in many states: {states:?}");
    let paused = cases
        .iter()
        .filter_map(Case::next_deadline)
        .filter(|c| matches!(c.state, ClockState::Paused { .. }))
        .count();
    assert!(paused > 0, "some next deadlines are paused");

    for (username, role, scope) in [
        ("xian-officer", Role::CountyOfficer, COUNTY.0),
        ("xian-head", Role::CountyHead, COUNTY.0),
        ("zhen-qingshi", Role::TownshipOfficer, "522799101000"),
        ("zhenzhang-qingshi", Role::TownshipHead, "522799101000"),
        ("cun-qingshi", Role::VillageCadre, "522799101201"),
    ] {
        let actor = Actor::new(format!("demo-{username}"), role, region(scope));
        let expected = expected_counts(&cases, &actor, &policy, &cal);
        let officer = app.login(username).await;
        let view = tab(&officer, "todo", None).await;
        assert_eq!(view["counts"], expected, "counts of {username}");
        if role == Role::CountyOfficer {
            // More than one batch of the old code, and every tab has some.
            assert_eq!(view["counts"]["all"], CASES);
            for key in ["todo", "due_soon", "overdue"] {
                assert!(view["counts"][key].as_u64() > Some(0), "{key}: {view}");
            }
        }
    }

    // The county officer has hundreds of steps: 50 on the first page, then every one once,
    // soonest due first, each with the step to take.
    let officer = app.login("xian-officer").await;
    let first = tab(&officer, "todo", None).await;
    let todo = first["counts"]["todo"].as_u64().expect("count") as usize;
    assert!(todo > 100, "enough work to page through: {todo}");
    assert_eq!(first["items"].as_array().expect("items").len(), 50);
    let mut cursor = first["next"].as_str().map(str::to_owned);
    assert!(cursor.is_some(), "a next page");
    let mut seen: Vec<String> = Vec::new();
    let mut page = first;
    loop {
        for item in page["items"].as_array().expect("items") {
            assert!(item["next_step"].is_string(), "a step to take: {item}");
            seen.push(item["case_id"].as_str().expect("id").to_owned());
        }
        let Some(after) = cursor.take() else { break };
        page = tab(&officer, "todo", Some(&after)).await;
        cursor = page["next"].as_str().map(str::to_owned);
    }
    assert_eq!(seen.len(), todo, "every step once");
    assert_eq!(
        seen.iter().collect::<HashSet<_>>().len(),
        todo,
        "no case twice"
    );
}

async fn todo_count(officer: &TestApp) -> Value {
    tab(officer, "todo", None).await["counts"]["todo"].clone()
}

#[tokio::test]
async fn the_todo_counts_follow_the_notice_dates_a_policy_change_and_rows_from_before_the_columns()
{
    let app = spawn_app().await;
    let tracking = app
        .submit_report("赵六", "13600136000", QINGSHI_VILLAGE)
        .await;
    let id = cases::id_by_tracking(&app.state.db.pool, &tracking)
        .await
        .expect("query")
        .expect("case");
    run(&app, &township_officer(), &id, CaseCommand::ACCEPT).await;
    let cadre = village_cadre();
    let home_check = CaseCommand::RecordHomeCheck {
        record: record(today(&app), 300_000),
    };
    run(&app, &cadre, &id, home_check).await;
    let review = CaseCommand::HoldVillageReview {
        date: today(&app),
        outcome: VillageOutcome::Pass,
    };
    run(&app, &cadre, &id, review).await;
    let notice = CaseCommand::StartNotice { from: today(&app) };
    run(&app, &cadre, &id, notice).await;

    // While the notice runs its minimum, nobody has a step; then the village ends it.
    let village = app.login("cun-qingshi").await;
    let township = app.login("zhen-qingshi").await;
    assert_eq!(todo_count(&village).await, 0);
    assert_eq!(todo_count(&township).await, 0);
    app.clock.advance(Duration::days(5));
    // Sessions lapse over five idle days: sign in again.
    let village = app.login("cun-qingshi").await;
    let township = app.login("zhen-qingshi").await;
    assert_eq!(todo_count(&village).await, 1, "the notice may end today");

    // The Hebei policy lets the township review during the notice: its 待办 follows at once.
    let admin = app.login("xian-admin").await;
    let from = crate::storage::today(&app).to_string();
    let form = policy_fields(&from, &[("notice_parallel_township", "on")]);
    let response = admin.post_api("/api/settings/policy", &form).await;
    let status = response.status();
    assert_eq!(status, 200, "{}", response.text().await.unwrap_or_default());
    assert_eq!(
        todo_count(&township).await,
        1,
        "township review in parallel"
    );

    // A database from before the queue columns: the refresh run at start-up fills them in.
    sqlx::query(
        "update cases set work_rev = null, work_village_cadre = 0, work_village_from = null,
         work_township_officer = 0, work_township_head = 0, urgency_due_on = null",
    )
    .execute(&app.state.db.pool)
    .await
    .expect("blank the columns");
    assert_eq!(
        todo_count(&township).await,
        0,
        "the count reads the columns"
    );
    let (_, policy) = app.state.settings.snapshot();
    let refreshed =
        app::ssr::services::queue::refresh_queue_columns(&app.state.db, &app.state.vault, &policy)
            .await
            .expect("refresh");
    assert_eq!(refreshed, 1);
    assert_eq!(todo_count(&township).await, 1);
    assert_eq!(todo_count(&village).await, 1);
}
