//! Random command sequences by random actors, time moving forward: the case never becomes
//! inconsistent, the forms offered agree with `decide`, and replay reproduces the case.

use chrono::Duration;
use proptest::prelude::*;

use crate::domain::calendar::Calendar;
use crate::domain::clock::{ClockKind, ClockState};
use crate::domain::vocab::{Category, Channel, RiskTier, RiskType};

use super::super::screening::NegativeItem;
use super::super::*;
use super::support::*;

/// Data for one command, interpreted per kind (small numbers so valid values come up often).
#[derive(Debug, Clone)]
struct Seed {
    a: u8,
    b: u8,
    flag: bool,
    blank: bool,
}

#[derive(Debug, Clone)]
struct Step {
    actor: usize,
    /// Pick among the offered forms (true) or any kind at all (false).
    offered: bool,
    pick: usize,
    seed: Seed,
    hours: i64,
}

fn seed() -> impl Strategy<Value = Seed> {
    (
        any::<u8>(),
        any::<u8>(),
        any::<bool>(),
        prop::bool::weighted(0.1),
    )
        .prop_map(|(a, b, flag, blank)| Seed { a, b, flag, blank })
}

fn step() -> impl Strategy<Value = Step> {
    (
        0..ACTORS,
        prop::bool::weighted(0.85),
        any::<usize>(),
        seed(),
        0i64..80,
    )
        .prop_map(|(actor, offered, pick, seed, hours)| Step {
            actor,
            offered,
            pick,
            seed,
            hours,
        })
}

const ACTORS: usize = 27;

/// Every role in and out of scope (two each: extensions approved, liaisons of two departments).
fn actor_pool() -> Vec<Actor> {
    let mut pool = Vec::new();
    for role in Role::ALL {
        let department = |d: &str| (*role == Role::DepartmentLiaison).then(|| d.to_owned());
        let first = actor(*role).of_department(department("医保局"));
        let second = Actor::new(format!("{}-2", role.code()), *role, first.scope.clone())
            .of_department(department("民政局"));
        pool.push(first);
        pool.push(second);
        pool.push(outsider(*role));
    }
    pool
}

fn pick<T: Copy>(items: &[T], n: u8) -> T {
    items[usize::from(n) % items.len()]
}

fn text(seed: &Seed, words: &str) -> String {
    if seed.blank {
        String::new()
    } else {
        words.to_owned()
    }
}

/// A village review's outcome: not passed once in `every` seeds, with `reason`.
fn outcome(seed: &Seed, every: u8, reason: &str) -> VillageOutcome {
    if seed.a.is_multiple_of(every) {
        VillageOutcome::Fail {
            reason: text(seed, reason),
        }
    } else {
        VillageOutcome::Pass
    }
}

fn build(kind: CommandKind, s: &Seed, case: &Case, now: chrono::NaiveDateTime) -> CaseCommand {
    let today = now.date();
    let back = |n: u8| today - Duration::days(i64::from(n % 4));
    let tier = pick(&[RiskTier::Red, RiskTier::Yellow, RiskTier::Blue], s.a);
    let status = pick(&MeasureStatus::ALL, s.b);
    let clock = {
        let open: Vec<ClockKind> = case.open_clocks().map(|c| c.kind).collect();
        if open.is_empty() || s.flag && s.a.is_multiple_of(5) {
            pick(&[ClockKind::HomeCheck, ClockKind::NoticeWindow], s.b)
        } else {
            pick(&open, s.b)
        }
    };
    match kind {
        CommandKind::Accept => CaseCommand::Accept {
            duplicate_override: s.flag.then(|| text(s, "同户新增风险，另行受理")),
        },
        CommandKind::RecordComparison => CaseCommand::RecordComparison {
            hits: if s.a.is_multiple_of(3) {
                vec![pick(&NegativeItem::ALL, s.b)]
            } else {
                Vec::new()
            },
            note: text(s, "比对完成"),
        },
        CommandKind::RejectOutOfScope => CaseCommand::RejectOutOfScope {
            reason: text(s, "不符合条件"),
        },
        CommandKind::RecordHomeCheck => {
            let on = back(s.b);
            let eliminating = case
                .state
                .review_step()
                .is_some_and(|(p, _)| p == Procedure::Elimination);
            let mut record = match (s.a % 8, eliminating) {
                (0, _) => no_labour_record(on),
                (1, _) => HomeCheckRecord {
                    consent_signed: false,
                    ..poor_record(on)
                },
                (2, _) | (3..=7, false) => poor_record(on),
                (3..=7, true) | (8..=u8::MAX, _) => recovered_record(on),
            };
            if s.blank {
                record.visitors.clear();
            }
            CaseCommand::RecordHomeCheck { record }
        }
        CommandKind::HoldVillageReview => CaseCommand::HoldVillageReview {
            date: back(s.b),
            outcome: outcome(s, 16, "评议未通过"),
        },
        CommandKind::StartNotice => CaseCommand::StartNotice { from: back(s.b) },
        CommandKind::RecordObjection => CaseCommand::RecordObjection {
            text: text(s, "有异议"),
        },
        CommandKind::EndNotice => CaseCommand::EndNotice,
        CommandKind::TownshipReview => CaseCommand::TownshipReview {
            approve: !s.a.is_multiple_of(6),
            note: text(s, "核查属实"),
        },
        CommandKind::CountyDecide => CaseCommand::CountyDecide {
            decision: if s.a.is_multiple_of(7) {
                IdentificationDecision::NotIdentify {
                    reason: text(s, "不符合条件"),
                }
            } else {
                IdentificationDecision::Identify {
                    category: pick(Category::ALL, s.b),
                    tier,
                    note: if s.flag {
                        text(s, "车辆已报废")
                    } else {
                        String::new()
                    },
                }
            },
        },
        CommandKind::CountyDecideElimination => CaseCommand::CountyDecideElimination {
            decision: if s.a.is_multiple_of(4) {
                EliminationDecision::KeepMonitoring {
                    reason: text(s, "继续监测"),
                }
            } else {
                EliminationDecision::Eliminate
            },
        },
        CommandKind::NotifyRefusal => CaseCommand::NotifyRefusal { on: back(s.b) },
        CommandKind::AssignResponsible => CaseCommand::AssignResponsible {
            person: text(s, "刘帮扶"),
            mobile: crate::domain::mobile::MobileNumber::parse("13800138000").expect("mobile"),
        },
        CommandKind::AddPlan => CaseCommand::AddPlan {
            measures: if s.blank {
                Vec::new()
            } else {
                vec![measure(status, today)]
            },
        },
        CommandKind::UpdateMeasureStatus => CaseCommand::UpdateMeasureStatus {
            index: usize::from(s.a % 3),
            status,
        },
        CommandKind::LogVisit => CaseCommand::LogVisit {
            date: back(s.b),
            notes: text(s, "走访"),
            new_tier: if s.flag { Some(tier) } else { None },
        },
        CommandKind::ChangeTier => CaseCommand::ChangeTier {
            tier,
            reason: text(s, "风险变化"),
        },
        CommandKind::ProposeElimination => CaseCommand::ProposeElimination {
            checklist: EliminationChecklist {
                income_above_line: !s.a.is_multiple_of(9),
                ..EliminationChecklist::ALL_MET
            },
        },
        CommandKind::Reopen => CaseCommand::Reopen {
            reason: text(s, "返贫"),
            tier,
        },
        CommandKind::OpenGreenChannel => CaseCommand::OpenGreenChannel {
            village_study_on: back(s.b),
            township_approved_on: back(s.a),
        },
        CommandKind::RequestExtension => CaseCommand::RequestExtension {
            clock,
            days: u32::from(s.a % 4),
            reason: text(s, "需要更多时间"),
        },
        CommandKind::ApproveExtension => CaseCommand::ApproveExtension {
            clock: case.extension_requests.first().map_or(clock, |r| r.clock),
            approve: s.flag,
        },
        CommandKind::PauseClock => CaseCommand::PauseClock {
            clock,
            reason: text(s, "农户住院，无法入户"),
        },
        CommandKind::ResumeClock => CaseCommand::ResumeClock {
            clock: case
                .open_clocks()
                .find(|c| matches!(c.state, ClockState::Paused { .. }))
                .map_or(clock, |c| c.kind),
        },
        CommandKind::Remove => CaseCommand::Remove {
            kind: pick(super::super::reversal::RemovalKind::ALL, s.b),
            reason: text(s, "整户迁出"),
        },
        CommandKind::DeferElimination => CaseCommand::DeferElimination {
            reason: text(s, "兜底保障，继续监测"),
        },
        CommandKind::ReviewPlan => CaseCommand::ReviewPlan {
            date: back(s.b),
            outcome: outcome(s, 8, "缺少就业帮扶"),
        },
        CommandKind::StartPlanNotice => CaseCommand::StartPlanNotice { from: back(s.b) },
        CommandKind::EndPlanNotice => CaseCommand::EndPlanNotice,
        CommandKind::ReviewRelief => CaseCommand::ReviewRelief {
            note: text(s, "转低保"),
        },
        CommandKind::FeedBackAlert => CaseCommand::FeedBackAlert {
            note: text(s, "已反馈"),
        },
        CommandKind::StartCampaign => CaseCommand::StartCampaign {
            name: text(s, "集中排查"),
            until: today + Duration::days(i64::from(s.a % 40)),
        },
    }
}

/// Mostly a form some actor is offered (so walks get far), sometimes anything by anyone.
fn choose<'a>(
    pool: &'a [Actor],
    case: &Case,
    policy: &Policy,
    now: chrono::NaiveDateTime,
    step: &Step,
) -> (&'a Actor, CommandKind) {
    let random = (
        &pool[step.actor % pool.len()],
        CommandKind::ALL[step.pick % CommandKind::ALL.len()],
    );
    if !step.offered {
        return random;
    }
    let offers: Vec<(&Actor, Vec<CommandKind>)> = pool
        .iter()
        .map(|a| (a, case.available_commands(a, policy, now)))
        .collect();
    let mut kinds: Vec<CommandKind> = offers.iter().flat_map(|(_, k)| k.clone()).collect();
    kinds.sort();
    kinds.dedup();
    // Keep side steps rare so walks reach elimination and reopening.
    let keep: Vec<CommandKind> = kinds
        .iter()
        .copied()
        .filter(|k| step.seed.a.is_multiple_of(rarity(*k, case)))
        .collect();
    if !keep.is_empty() {
        kinds = keep;
    }
    let Some(kind) = kinds.get(step.pick % kinds.len().max(1)).copied() else {
        return random;
    };
    let able: Vec<&Actor> = offers
        .iter()
        .filter(|(_, k)| k.contains(&kind))
        .map(|(a, _)| *a)
        .collect();
    (able[usize::from(step.seed.b) % able.len()], kind)
}

/// 1 = as likely as any form; n = kept in one walk step out of n.
fn rarity(kind: CommandKind, case: &Case) -> u8 {
    match kind {
        CommandKind::RejectOutOfScope => 10,
        CommandKind::RecordObjection
        | CommandKind::RequestExtension
        | CommandKind::ApproveExtension
        | CommandKind::PauseClock
        | CommandKind::ResumeClock
        | CommandKind::ChangeTier
        | CommandKind::RecordComparison
        | CommandKind::DeferElimination
        | CommandKind::ReviewRelief
        | CommandKind::FeedBackAlert => 4,
        CommandKind::StartCampaign => 8,
        CommandKind::ReviewPlan | CommandKind::StartPlanNotice | CommandKind::EndPlanNotice => 2,
        CommandKind::Remove => 12,
        CommandKind::AddPlan if !case.measures.is_empty() => 4,
        CommandKind::AssignResponsible if case.responsible.is_some() => 4,
        CommandKind::LogVisit => 2,
        CommandKind::Accept
        | CommandKind::RecordHomeCheck
        | CommandKind::HoldVillageReview
        | CommandKind::StartNotice
        | CommandKind::EndNotice
        | CommandKind::TownshipReview
        | CommandKind::CountyDecide
        | CommandKind::CountyDecideElimination
        | CommandKind::NotifyRefusal
        | CommandKind::AddPlan
        | CommandKind::AssignResponsible
        | CommandKind::UpdateMeasureStatus
        | CommandKind::ProposeElimination
        | CommandKind::Reopen
        | CommandKind::OpenGreenChannel => 1,
    }
}

/// Invariants that hold after every command.
fn check_invariants(case: &Case, events: &[CaseEvent]) -> Result<(), TestCaseError> {
    prop_assert_eq!(case.version, events.len() as i64);
    let open: Vec<ClockKind> = case.open_clocks().map(|c| c.kind).collect();
    let mut unique = open.clone();
    unique.sort();
    unique.dedup();
    prop_assert_eq!(
        unique.len(),
        open.len(),
        "two open clocks of one kind: {:?}",
        open
    );
    match &case.state {
        CaseState::Eliminated { .. } => {
            // A paused clock is open too: elimination must have cancelled it. Only the
            // quarterly re-check runs.
            // A campaign started after elimination may run beside it.
            prop_assert!(
                open.iter()
                    .all(|k| matches!(k, ClockKind::MonitoringVisit | ClockKind::CampaignVisit)),
                "eliminated with open clocks {:?}",
                open
            );
            prop_assert!(!case.no_member_can_work(), "no-labour household eliminated");
            prop_assert!(case.eliminated_on.is_some());
        }
        CaseState::Removed { kind, .. } => {
            // Only the refusal notice may run, and only when the household is told.
            prop_assert!(
                open.iter()
                    .all(|k| *k == ClockKind::RefusalNotice && kind.notifies_household()),
                "removed with open clocks {:?}",
                open
            );
            prop_assert!(case.removal.is_some());
        }
        CaseState::RejectedOutOfScope { .. } | CaseState::NotIdentified { .. } => {
            // The household is told; a department's alert also gets its result fed back.
            prop_assert!(
                open.iter().all(|k| *k == ClockKind::RefusalNotice
                    || (*k == ClockKind::AlertFeedback
                        && case.channel == crate::domain::vocab::Channel::DepartmentAlert)),
                "{:?}",
                open
            );
            prop_assert!(case.refusal_reason.is_some());
        }
        CaseState::Monitored => {
            prop_assert!(case.category.is_some() && case.tier.is_some());
            prop_assert!(case.duplicate_override.is_some() || case.duplicates.is_empty());
            prop_assert!(open.contains(&ClockKind::MonitoringVisit));
        }
        CaseState::Reviewing { procedure, step } => {
            match procedure {
                Procedure::Identification => {
                    prop_assert!(open.contains(&ClockKind::IdentificationOverall))
                }
                Procedure::Elimination => {
                    prop_assert!(case.category.is_some() && case.tier.is_some());
                    prop_assert!(open.contains(&ClockKind::EliminationReview));
                }
            }
            let notice_open = open.contains(&ClockKind::NoticeWindow);
            prop_assert_eq!(
                notice_open,
                matches!(step, ReviewStep::NoticeRunning { .. }),
                "notice clock open {} in {:?}",
                notice_open,
                step
            );
            match step {
                ReviewStep::AwaitingHomeCheck => {}
                ReviewStep::HomeChecked
                | ReviewStep::VillageReviewed
                | ReviewStep::NoticeRunning { .. }
                | ReviewStep::NoticeEnded
                | ReviewStep::TownshipReviewed => {
                    let consent = case.household.as_ref().map(|h| h.consent_signed);
                    prop_assert_eq!(consent, Some(true));
                }
            }
        }
        CaseState::Reported => {}
    }
    for request in &case.extension_requests {
        prop_assert!(open.contains(&request.clock), "request for a closed clock");
    }
    let mut requested: Vec<_> = case.extension_requests.iter().map(|r| r.clock).collect();
    requested.sort();
    requested.dedup();
    prop_assert_eq!(requested.len(), case.extension_requests.len());
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn random_command_sequences_keep_the_case_consistent_and_replayable(
        channel in prop::sample::select(Channel::ALL.to_vec()),
        risks in prop::collection::vec(prop::sample::select(RiskType::ALL.to_vec()), 1..3),
        green in any::<bool>(),
        hebei in any::<(bool, bool)>(),
        duplicate in any::<bool>(),
        steps in prop::collection::vec(step(), 1..120),
    ) {
        let policy = Policy {
            green_channel_open: green,
            notice_parallel_township: hebei.0,
            comparison_skippable: hebei.1,
            ..Policy::national_default()
        };
        let mut new = new_case(channel, risks);
        if duplicate {
            new.duplicates = vec![earlier_filing()];
        }
        let cal = Calendar::china();
        let pool = actor_pool();
        let mut now = start_time();
        let mut events = decide_report(
            &new, &actor(Role::VillageCadre), &policy, &cal, now,
        ).map_err(|r| TestCaseError::fail(format!("report refused: {r:?}")))?;
        let mut case = Case::replay(&events)
            .ok_or_else(|| TestCaseError::fail("no case"))?;
        check_invariants(&case, &events)?;
        for step in steps {
            now += Duration::hours(step.hours);
            let (who, kind) = choose(&pool, &case, &policy, now, &step);
            let offered = case.available_commands(who, &policy, now);
            // Every kind not offered is refused, whatever its data.
            for other in CommandKind::ALL {
                if !offered.contains(&other) {
                    let command = build(other, &step.seed, &case, now);
                    prop_assert!(
                        decide(&case, &command, who, &policy, &cal, now).is_err(),
                        "{:?} not offered to {:?} in {} but accepted", other, who.role, case.state.code()
                    );
                }
            }
            let command = build(kind, &step.seed, &case, now);
            if let Ok(new_events) = decide(&case, &command, who, &policy, &cal, now) {
                prop_assert!(!new_events.is_empty());
                prop_assert!(offered.contains(&kind));
                let before = case.version;
                for event in &new_events {
                    prop_assert_eq!(event.at, now);
                    prop_assert_eq!(&event.by.user_id, &who.user_id);
                    case = apply(case, event);
                }
                prop_assert_eq!(case.version, before + new_events.len() as i64);
                events.extend(new_events);
                check_invariants(&case, &events)?;
            }
        }
        let replayed = Case::replay(&events);
        prop_assert_eq!(replayed.as_ref(), Some(&case));
        let json = serde_json::to_string(&events)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let back: Vec<CaseEvent> = serde_json::from_str(&json)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(Case::replay(&back), Some(case));
    }
}

/// The stored work columns say what the forms offered say, for every actor in scope (two
/// users per role, so own extension requests count) and on the following days.
fn check_work_owners(
    case: &Case,
    pool: &[Actor],
    policy: &Policy,
    now: chrono::NaiveDateTime,
) -> Result<(), TestCaseError> {
    let owners = case.work_owners(policy);
    for days in [0, 1, 3, 6, 12] {
        let at = now + Duration::days(days);
        for who in pool.iter().filter(|a| a.covers(&case.village)) {
            let offered = case
                .available_commands(who, policy, at)
                .into_iter()
                .find(|k| {
                    let day = crate::domain::case::work::WorkDay {
                        today: at.date(),
                        policy,
                    };
                    crate::domain::case::work::is_work_on(case, *k, who.role, day)
                });
            // A liaison's work is its department's (or any department's).
            let stored = match who.role {
                Role::DepartmentLiaison => {
                    case.has_work_for_department(policy, who.department.as_deref())
                }
                _ => owners.has_step(who.role, &who.user_id, at.date()),
            };
            prop_assert_eq!(
                stored,
                offered.is_some(),
                "{:?} ({}) on {} in {}: offered {:?}, stored {:?}",
                who.role,
                who.user_id,
                at.date(),
                case.state.code(),
                offered,
                owners
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn the_stored_work_columns_agree_with_the_steps_offered_to_every_role(
        channel in prop::sample::select(Channel::ALL.to_vec()),
        risks in prop::collection::vec(prop::sample::select(RiskType::ALL.to_vec()), 1..3),
        green in any::<bool>(),
        hebei in any::<(bool, bool)>(),
        steps in prop::collection::vec(step(), 1..120),
    ) {
        let policy = Policy {
            green_channel_open: green,
            notice_parallel_township: hebei.0,
            comparison_skippable: hebei.1,
            ..Policy::national_default()
        };
        let cal = Calendar::china();
        let pool = actor_pool();
        let mut now = start_time();
        let events = decide_report(
            &new_case(channel, risks), &actor(Role::VillageCadre), &policy, &cal, now,
        ).map_err(|r| TestCaseError::fail(format!("report refused: {r:?}")))?;
        let mut case = Case::replay(&events)
            .ok_or_else(|| TestCaseError::fail("no case"))?;
        check_work_owners(&case, &pool, &policy, now)?;
        for step in steps {
            now += Duration::hours(step.hours);
            let (who, kind) = choose(&pool, &case, &policy, now, &step);
            let command = build(kind, &step.seed, &case, now);
            if let Ok(new_events) = decide(&case, &command, who, &policy, &cal, now) {
                for event in &new_events {
                    case = apply(case, event);
                }
                check_work_owners(&case, &pool, &policy, now)?;
            }
        }
    }
}
