//! Storage story: the case engine's writes on a real database (SQLite or PostgreSQL).
use app::{
    domain::{
        case::{
            Actor, CaseCommand, EliminationChecklist, EliminationDecision, IdentificationDecision,
            MeasureStatus, NewCase, VillageOutcome,
        },
        clock::ClockKind,
        id_number::IdNumber,
        mobile::MobileNumber,
        role::Role,
        time::beijing_date,
        vocab::{Category, Channel, MeasureType, RiskTier, RiskType},
    },
    ssr::{
        clock::Clock,
        error::ServiceError,
        repo::outbox,
        services::cases::{self, Applicant},
    },
};
use chrono::{Duration, NaiveDate};

use crate::{
    fixtures::{
        county_officer, measure, other_township_officer, record, region, township_officer,
        village_cadre,
    },
    helpers::{spawn_app, valid_id_number, TestApp, QINGSHI_VILLAGE},
};

/// Files a case for a new household each time (its own ID number and mobile).
pub async fn file_case(app: &TestApp) -> String {
    static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(100);
    let serial = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let applicant = Applicant {
        name: "张三".into(),
        mobile: MobileNumber::parse(&format!("1380013{:04}", serial % 10_000)).expect("mobile"),
        id_number: IdNumber::parse(&valid_id_number(serial)).expect("id"),
        household_size: 3,
        description: "父亲住院".into(),
        group: Some("3组".into()),
        consent_by: None,
        idempotency_key: None,
    };
    let new = NewCase {
        id: String::new(),
        village: region(QINGSHI_VILLAGE),
        channel: Channel::SelfReport,
        risks: vec![RiskType::Illness],
        discovered_on: beijing_date(app.clock.now()),
        duplicates: Vec::new(),
    };
    let household = Actor::new("household", Role::Household, region(QINGSHI_VILLAGE));
    cases::file(&app.state, &household, &applicant, new, app.clock.now())
        .await
        .expect("filed")
        .case_id
}

/// Runs a command as the server would for a request arriving now (current policy and calendar).
pub async fn run(app: &TestApp, actor: &Actor, case_id: &str, command: CaseCommand) -> i64 {
    let version = cases::load_unscoped(&app.state, case_id)
        .await
        .expect("load")
        .version;
    cases::execute(
        &app.state.refreshed(),
        actor,
        case_id,
        version,
        &command,
        app.clock.now(),
    )
    .await
    .unwrap_or_else(|e| panic!("{command:?} refused: {e:?}"))
    .version
}

pub fn today(app: &TestApp) -> NaiveDate {
    beijing_date(app.clock.now())
}

/// Steps 1–3 of either procedure: home check, village review, a five-day notice, township.
pub async fn home_check_to_township(app: &TestApp, id: &str, income_fen: i64) {
    home_check_to_township_with(app, id, record(today(app), income_fen)).await;
}

/// [`home_check_to_township`] with the home check's `record`.
pub async fn home_check_to_township_with(
    app: &TestApp,
    id: &str,
    record: app::domain::case::HomeCheckRecord,
) {
    notice_started_with(app, id, record).await;
    let cadre = village_cadre();
    app.clock.advance(Duration::days(5));
    run(app, &cadre, id, CaseCommand::EndNotice).await;
    let review = CaseCommand::TownshipReview {
        approve: true,
        note: "属实".into(),
    };
    run(app, &township_officer(), id, review).await;
}

/// The village's home check (this `record`), review passed and notice started today.
pub async fn notice_started_with(
    app: &TestApp,
    id: &str,
    record: app::domain::case::HomeCheckRecord,
) {
    let steps = [
        CaseCommand::RecordHomeCheck { record },
        CaseCommand::HoldVillageReview {
            date: today(app),
            outcome: VillageOutcome::Pass,
        },
        CaseCommand::StartNotice { from: today(app) },
    ];
    for step in steps {
        run(app, &village_cadre(), id, step).await;
    }
}

/// [`notice_started_with`] a home check of `income_fen` a year.
pub async fn notice_started(app: &TestApp, id: &str, income_fen: i64) {
    notice_started_with(app, id, record(today(app), income_fen)).await;
}

/// The county's data comparison with nothing found (identification needs it).
pub async fn compare_clean(app: &TestApp, id: &str) {
    let comparison = CaseCommand::RecordComparison {
        hits: Vec::new(),
        note: "比对无异常".into(),
    };
    run(app, &county_officer(), id, comparison).await;
}

/// The county's data comparison (clean), then identification as 边缘易致贫户, yellow tier.
pub async fn compare_and_identify(app: &TestApp, id: &str) {
    compare_clean(app, id).await;
    let decision = app::domain::case::IdentificationDecision::Identify {
        category: Category::Marginal,
        tier: RiskTier::Yellow,
        note: String::new(),
    };
    run(
        app,
        &county_officer(),
        id,
        CaseCommand::CountyDecide { decision },
    )
    .await;
}

/// The plan's village review passed and its notice posted today: its planned measures fall
/// due on their start, but not before the notice may end (five days on).
pub async fn plan_on_notice(app: &TestApp, id: &str) {
    let day = today(app);
    let review = CaseCommand::ReviewPlan {
        date: day,
        outcome: VillageOutcome::Pass,
    };
    run(app, &village_cadre(), id, review).await;
    run(
        app,
        &village_cadre(),
        id,
        CaseCommand::StartPlanNotice { from: day },
    )
    .await;
}

/// From identification to the village's elimination proposal: responsible person, a plan of
/// two measures both delivered, its review and notice over ten days, a visit, the proposal.
pub async fn monitor_until_proposal(app: &TestApp, id: &str) {
    let (cadre, township) = (village_cadre(), township_officer());
    run(
        app,
        &township,
        id,
        CaseCommand::AssignResponsible {
            person: "王村干".into(),
            mobile: ::app::domain::mobile::MobileNumber::parse("13800138000").expect("mobile"),
        },
    )
    .await;
    run(
        app,
        &township,
        id,
        CaseCommand::AddPlan {
            measures: vec![
                measure(MeasureType::Medical, today(app)),
                measure(MeasureType::Employment, today(app)),
            ],
        },
    )
    .await;
    for index in 0..2 {
        run(
            app,
            &township,
            id,
            CaseCommand::UpdateMeasureStatus {
                index,
                status: MeasureStatus::Delivered,
            },
        )
        .await;
    }
    // The plan's village review and notice end before an elimination may be proposed.
    let plan_day = today(app);
    run(
        app,
        &cadre,
        id,
        CaseCommand::ReviewPlan {
            date: plan_day,
            outcome: app::domain::case::VillageOutcome::Pass,
        },
    )
    .await;
    run(
        app,
        &cadre,
        id,
        CaseCommand::StartPlanNotice { from: plan_day },
    )
    .await;
    app.clock.advance(Duration::days(10));
    run(app, &cadre, id, CaseCommand::EndPlanNotice).await;
    run(
        app,
        &cadre,
        id,
        CaseCommand::LogVisit {
            date: today(app),
            notes: "恢复良好".into(),
            new_tier: Some(RiskTier::Blue),
        },
    )
    .await;
    run(
        app,
        &cadre,
        id,
        CaseCommand::ProposeElimination {
            checklist: EliminationChecklist::ALL_MET,
        },
    )
    .await;
}

#[tokio::test]
async fn a_case_travels_from_report_to_elimination_and_its_event_log_rebuilds_it() {
    let app = spawn_app().await;
    let id = file_case(&app).await;
    let township = township_officer();
    let county = county_officer();

    run(&app, &township, &id, CaseCommand::ACCEPT).await;
    home_check_to_township(&app, &id, 300_000).await;
    compare_clean(&app, &id).await;
    run(
        &app,
        &county,
        &id,
        CaseCommand::CountyDecide {
            decision: IdentificationDecision::Identify {
                category: Category::Marginal,
                tier: RiskTier::Yellow,
                note: String::new(),
            },
        },
    )
    .await;
    monitor_until_proposal(&app, &id).await;
    home_check_to_township(&app, &id, 1_500_000).await;
    run(
        &app,
        &county,
        &id,
        CaseCommand::CountyDecideElimination {
            decision: EliminationDecision::Eliminate,
        },
    )
    .await;

    let stored = cases::load_unscoped(&app.state, &id).await.expect("stored");
    assert_eq!(stored.state.code(), "eliminated");
    let open: Vec<_> = stored.open_clocks().map(|c| c.kind).collect();
    assert_eq!(
        open,
        vec![app::domain::clock::ClockKind::MonitoringVisit],
        "only the quarterly re-check runs after elimination"
    );
    let open_rows: Vec<String> =
        sqlx::query_scalar("select kind from case_clocks where case_id = $1 and state = 'open'")
            .bind(&id)
            .fetch_all(&app.state.db.pool)
            .await
            .expect("clock rows");
    assert_eq!(open_rows, vec!["monitoring_visit".to_owned()]);
    let rebuilt = cases::rebuild(&app.state, &id).await.expect("rebuilt");
    assert_eq!(rebuilt, stored, "the event log reproduces the stored case");
    let messages = outbox::count_for_case(&app.state.db.pool, &id)
        .await
        .expect("outbox");
    assert_eq!(
        messages, 2,
        "identified and eliminated SMS queued in the same transactions"
    );
}

#[tokio::test]
async fn two_officers_acting_at_once_cannot_both_win() {
    let app = spawn_app().await;
    let id = file_case(&app).await;
    let version = cases::load_unscoped(&app.state, &id)
        .await
        .expect("load")
        .version;
    let township = township_officer();
    let accept = CaseCommand::ACCEPT;
    let reject = CaseCommand::RejectOutOfScope {
        reason: "非农村户籍".into(),
    };
    let now = app.clock.now();
    let (a, b) = tokio::join!(
        cases::execute(&app.state, &township, &id, version, &accept, now),
        cases::execute(&app.state, &township, &id, version, &reject, now),
    );
    let wins = [a.is_ok(), b.is_ok()].iter().filter(|ok| **ok).count();
    assert_eq!(wins, 1, "exactly one wins: {a:?} / {b:?}");
    let loser = if a.is_err() { a } else { b };
    assert!(matches!(loser, Err(ServiceError::Conflict)), "{loser:?}");
    let stored = cases::load_unscoped(&app.state, &id).await.expect("load");
    assert_eq!(
        stored.version,
        cases::rebuild(&app.state, &id)
            .await
            .expect("rebuild")
            .version
    );
}

#[tokio::test]
async fn a_stale_form_is_a_conflict_and_changes_nothing() {
    let app = spawn_app().await;
    let id = file_case(&app).await;
    let before = cases::load_unscoped(&app.state, &id).await.expect("load");
    let stale = before.version - 1;
    let result = cases::execute(
        &app.state,
        &township_officer(),
        &id,
        stale,
        &CaseCommand::ACCEPT,
        app.clock.now(),
    )
    .await;
    assert!(matches!(result, Err(ServiceError::Conflict)), "{result:?}");
    assert_eq!(
        cases::load_unscoped(&app.state, &id).await.expect("load"),
        before
    );
}

#[tokio::test]
async fn an_officer_of_another_township_can_neither_see_nor_act() {
    let app = spawn_app().await;
    let id = file_case(&app).await;
    let outsider = other_township_officer();
    assert!(matches!(
        cases::load(&app.state, &outsider, &id).await,
        Err(ServiceError::NotFound)
    ));
    let version = cases::load_unscoped(&app.state, &id)
        .await
        .expect("load")
        .version;
    let result = cases::execute(
        &app.state,
        &outsider,
        &id,
        version,
        &CaseCommand::ACCEPT,
        app.clock.now(),
    )
    .await;
    assert!(matches!(result, Err(ServiceError::NotFound)), "{result:?}");
}

#[tokio::test]
async fn a_refused_step_says_why_and_writes_nothing() {
    let app = spawn_app().await;
    let id = file_case(&app).await;
    let before = cases::load_unscoped(&app.state, &id).await.expect("load");
    // A village cadre may not accept a filing: that is the township's step.
    let result = cases::execute(
        &app.state,
        &village_cadre(),
        &id,
        before.version,
        &CaseCommand::ACCEPT,
        app.clock.now(),
    )
    .await;
    match result {
        Err(ServiceError::Refused(refusal)) => {
            let msg = app::domain::message::UserMessage::zh(&refusal);
            assert!(!msg.is_empty());
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert_eq!(
        cases::rebuild(&app.state, &id).await.expect("rebuild"),
        before
    );
}

#[tokio::test]
async fn what_was_committed_survives_a_restart() {
    let app = spawn_app().await;
    let id = file_case(&app).await;
    run(&app, &township_officer(), &id, CaseCommand::ACCEPT).await;
    // A new pool on the same database stands in for a crashed and restarted process.
    let url = app.database_url.clone();
    let reopened = app::ssr::db::Db::connect(&url).await.expect("reconnect");
    let (snapshot, version) =
        app::ssr::repo::cases::snapshot(&reopened.pool, &app.state.vault, &id)
            .await
            .expect("query")
            .expect("case exists");
    assert!(snapshot.is_some());
    assert_eq!(
        version,
        cases::rebuild(&app.state, &id)
            .await
            .expect("rebuild")
            .version
    );
    let clock = cases::load_unscoped(&app.state, &id).await.expect("load");
    assert!(
        clock.open_clock(ClockKind::HomeCheck).is_some(),
        "the home-check clock is running"
    );
}

/// On SQLite every commit is synced before the answer (`synchronous = full`), so a filing the
/// household saw acknowledged survives a power cut. PostgreSQL syncs commits by default.
#[tokio::test]
async fn an_acknowledged_write_is_synced_to_disk_on_sqlite() {
    let app = spawn_app().await;
    if app.state.db.backend != app::ssr::db::Backend::Sqlite {
        return;
    }
    // Every pooled connection, not just the first, carries the setting.
    let mut seen = Vec::new();
    let mut held = Vec::new();
    for _ in 0..3 {
        let mut conn = app.state.db.pool.acquire().await.expect("connection");
        let level: i64 = sqlx::query_scalar("pragma synchronous")
            .fetch_one(&mut *conn)
            .await
            .expect("pragma");
        seen.push(level);
        held.push(conn);
    }
    // 2 is FULL (1 would be NORMAL).
    assert_eq!(seen, vec![2, 2, 2]);
}
