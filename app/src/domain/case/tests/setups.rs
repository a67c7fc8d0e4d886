//! Cases set up at each state the transition table starts from (happy path plus a few
//! detours: plan made, green channel, extension asked, clock paused).

use crate::domain::clock::ClockKind;
use crate::domain::vocab::{Channel, RiskType};

use super::super::*;
use super::support::*;

pub fn reported() -> Journey {
    at("reported")
}
pub fn accepted() -> Journey {
    at("accepted")
}
pub fn home_checked() -> Journey {
    at("home_checked")
}
/// A home-checked request the village's review does not pass.
pub fn not_passed_by_the_village() -> Journey {
    let mut j = home_checked();
    let today = j.today();
    j.act(
        Role::VillageCadre,
        CaseCommand::HoldVillageReview {
            date: today,
            outcome: VillageOutcome::Fail {
                reason: "收入高于监测线".to_owned(),
            },
        },
    );
    j
}
pub fn village_reviewed() -> Journey {
    at("village_reviewed")
}
pub fn notice_running() -> Journey {
    at("notice_running")
}
pub fn notice_over() -> Journey {
    let mut j = at("notice_running");
    j.days(5);
    j
}
pub fn notice_ended() -> Journey {
    at("notice_ended")
}
pub fn township_reviewed() -> Journey {
    at("township_reviewed")
}
pub fn compared() -> Journey {
    let mut j = township_reviewed();
    j.act(
        Role::CountyOfficer,
        CaseCommand::RecordComparison {
            hits: Vec::new(),
            note: "比对无异常".to_owned(),
        },
    );
    j
}
pub fn identified() -> Journey {
    at("identified")
}
pub fn elimination_township_reviewed() -> Journey {
    at("elimination_township_reviewed")
}
pub fn eliminated() -> Journey {
    at("eliminated")
}
pub fn not_identified() -> Journey {
    let mut j = compared();
    j.act(
        Role::CountyOfficer,
        CaseCommand::CountyDecide {
            decision: IdentificationDecision::NotIdentify {
                reason: "收入高于监测线".to_owned(),
            },
        },
    );
    j
}
pub fn with_plan() -> Journey {
    let mut j = identified();
    let today = j.today();
    j.act(
        Role::TownshipOfficer,
        CaseCommand::AddPlan {
            measures: vec![measure(MeasureStatus::Planned, today)],
        },
    );
    j
}
pub fn ready_to_propose() -> Journey {
    let mut j = with_plan();
    j.post_plan();
    j.act(
        Role::DepartmentLiaison,
        CaseCommand::UpdateMeasureStatus {
            index: 0,
            status: MeasureStatus::Delivered,
        },
    );
    let today = j.today();
    j.act(
        Role::VillageCadre,
        CaseCommand::LogVisit {
            date: today,
            notes: "收入稳定".to_owned(),
            new_tier: None,
        },
    );
    j
}
pub fn plan_reviewed() -> Journey {
    let mut j = with_plan();
    let today = j.today();
    j.act(
        Role::VillageCadre,
        CaseCommand::ReviewPlan {
            date: today,
            outcome: VillageOutcome::Pass,
        },
    );
    j
}
pub fn plan_notice_running() -> Journey {
    let mut j = plan_reviewed();
    let today = j.today();
    j.act(
        Role::VillageCadre,
        CaseCommand::StartPlanNotice { from: today },
    );
    j
}
pub fn plan_notice_over() -> Journey {
    let mut j = plan_notice_running();
    j.days(5);
    j
}
/// Temporary relief under way: the six-month 低保 review is running.
pub fn on_temporary_relief() -> Journey {
    let mut j = identified();
    let today = j.today();
    j.act(
        Role::TownshipOfficer,
        CaseCommand::AddPlan {
            measures: vec![Measure {
                measure_type: crate::domain::vocab::MeasureType::TemporaryRelief,
                lead_department: "民政局".to_owned(),
                ..measure(MeasureStatus::InProgress, today)
            }],
        },
    );
    j
}
/// A department's alert identified: the result is owed to the department.
pub fn alert_identified() -> Journey {
    let mut j = Journey::report(Channel::DepartmentAlert, vec![RiskType::Illness]);
    j.until("identified");
    j
}
/// An identified household where nobody can work, on 低保 (the 兜底 measure under way).
pub fn no_labour_backstopped() -> Journey {
    let mut j = accepted();
    let on = j.today() + chrono::Duration::days(1);
    j.days(1).act(
        Role::VillageCadre,
        CaseCommand::RecordHomeCheck {
            record: no_labour_poor_record(on),
        },
    );
    j.until("identified");
    let today = j.today();
    j.act(
        Role::TownshipOfficer,
        CaseCommand::AddPlan {
            measures: vec![Measure {
                measure_type: crate::domain::vocab::MeasureType::MinimumLiving,
                lead_department: "民政局".to_owned(),
                status: MeasureStatus::InProgress,
                ..measure(MeasureStatus::InProgress, today)
            }],
        },
    );
    j
}
pub fn green_home_checked() -> Journey {
    let policy = Policy {
        green_channel_open: true,
        ..Policy::national_default()
    };
    let mut j = Journey::report_with(
        policy,
        Channel::ProxyHotline,
        vec![RiskType::NaturalDisaster],
    );
    j.until("home_checked");
    j
}
pub fn extension_requested() -> Journey {
    let mut j = accepted();
    j.act(
        Role::VillageCadre,
        CaseCommand::RequestExtension {
            clock: ClockKind::HomeCheck,
            days: 2,
            reason: "农户外出务工".to_owned(),
        },
    );
    j
}
pub fn home_check_paused() -> Journey {
    let mut j = accepted();
    j.act(
        Role::VillageCadre,
        CaseCommand::PauseClock {
            clock: ClockKind::HomeCheck,
            reason: "农户住院，无法入户".to_owned(),
        },
    );
    j
}
