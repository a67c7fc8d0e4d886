//! A well-formed value for every step: one sample command per command kind, with the home
//! check and measure it needs. Shared by the domain's tests and, through the `test-support`
//! feature, by the API tests and benches, so both drive the engine with the same steps.
use chrono::{Duration, NaiveDate};

use super::{
    state::{MemberStatus, Relation},
    CaseCommand, CommandKind, EliminationChecklist, EliminationDecision, Guarantees,
    HomeCheckRecord, IdentificationDecision, Measure, MeasureStatus, Member, VillageOutcome,
};
use crate::domain::{
    clock::ClockKind,
    money::Fen,
    vocab::{Category, LabourCapacity, MeasureType, RiskTier},
};

/// A two-person household's home check on `on`, each member earning `income_fen` a year.
pub fn record(on: NaiveDate, income_fen: i64) -> HomeCheckRecord {
    let member = |name: &str, labour| Member {
        name: name.into(),
        labour,
        annual_income: Fen::from_fen(income_fen),
        relation: Relation::Other,
        id_number: None,
        status: MemberStatus::Other,
    };
    HomeCheckRecord {
        date: on,
        visitors: vec!["王村干".into()],
        members: vec![
            member("张三", LabourCapacity::Full),
            member("李梅", LabourCapacity::Partial),
        ],
        guarantees: Guarantees::ALL_SECURED,
        consent_signed: true,
        rigid_expenditure: Fen::ZERO,
        formerly_poor: false,
        previous_income: None,
    }
}

pub fn measure(kind: MeasureType, on: NaiveDate) -> Measure {
    Measure {
        measure_type: kind,
        lead_department: kind.lead_department_zh().into(),
        amount: Fen::from_fen(200_000),
        start: on,
        end: on + Duration::days(90),
        status: MeasureStatus::Planned,
        started_on: None,
        delivered_on: None,
        noticed_on: None,
    }
}

/// A well-formed command of each kind (whether the engine allows it depends on the case).
pub fn sample(kind: CommandKind, today: NaiveDate) -> CaseCommand {
    match kind {
        CommandKind::Accept => CaseCommand::ACCEPT,
        CommandKind::RejectOutOfScope => CaseCommand::RejectOutOfScope {
            reason: "非农村户籍".into(),
        },
        CommandKind::RecordHomeCheck => CaseCommand::RecordHomeCheck {
            record: record(today, 300_000),
        },
        CommandKind::HoldVillageReview => CaseCommand::HoldVillageReview {
            date: today,
            outcome: VillageOutcome::Pass,
        },
        CommandKind::StartNotice => CaseCommand::StartNotice { from: today },
        CommandKind::RecordObjection => CaseCommand::RecordObjection {
            text: "收入不实".into(),
        },
        CommandKind::EndNotice => CaseCommand::EndNotice,
        CommandKind::TownshipReview => CaseCommand::TownshipReview {
            approve: true,
            note: "属实".into(),
        },
        CommandKind::RecordComparison => CaseCommand::RecordComparison {
            hits: Vec::new(),
            note: "比对无异常".into(),
        },
        CommandKind::CountyDecide => CaseCommand::CountyDecide {
            decision: IdentificationDecision::Identify {
                category: Category::Marginal,
                tier: RiskTier::Yellow,
                note: String::new(),
            },
        },
        CommandKind::CountyDecideElimination => CaseCommand::CountyDecideElimination {
            decision: EliminationDecision::Eliminate,
        },
        CommandKind::NotifyRefusal => CaseCommand::NotifyRefusal { on: today },
        CommandKind::AssignResponsible => CaseCommand::AssignResponsible {
            person: "王村干".into(),
            mobile: crate::domain::mobile::MobileNumber::parse("13800138000").expect("mobile"),
        },
        CommandKind::AddPlan => CaseCommand::AddPlan {
            measures: vec![measure(MeasureType::Medical, today)],
        },
        CommandKind::UpdateMeasureStatus => CaseCommand::UpdateMeasureStatus {
            index: 0,
            status: MeasureStatus::InProgress,
        },
        CommandKind::LogVisit => CaseCommand::LogVisit {
            date: today,
            notes: "走访".into(),
            new_tier: None,
        },
        CommandKind::ChangeTier => CaseCommand::ChangeTier {
            tier: RiskTier::Red,
            reason: "病情加重".into(),
        },
        CommandKind::ProposeElimination => CaseCommand::ProposeElimination {
            checklist: EliminationChecklist::ALL_MET,
        },
        CommandKind::Reopen => CaseCommand::Reopen {
            reason: "再次致贫".into(),
            tier: RiskTier::Red,
        },
        CommandKind::OpenGreenChannel => CaseCommand::OpenGreenChannel {
            village_study_on: today,
            township_approved_on: today,
        },
        CommandKind::RequestExtension => CaseCommand::RequestExtension {
            clock: ClockKind::TownshipAcceptance,
            days: 2,
            reason: "农户外出".into(),
        },
        CommandKind::ApproveExtension => CaseCommand::ApproveExtension {
            clock: ClockKind::TownshipAcceptance,
            approve: true,
        },
        CommandKind::PauseClock => CaseCommand::PauseClock {
            clock: ClockKind::HomeCheck,
            reason: "农户住院，无法入户".into(),
        },
        CommandKind::ResumeClock => CaseCommand::ResumeClock {
            clock: ClockKind::HomeCheck,
        },
        CommandKind::Remove => CaseCommand::Remove {
            kind: super::reversal::RemovalKind::MovedAway,
            reason: "整户迁往外省".into(),
        },
        CommandKind::DeferElimination => CaseCommand::DeferElimination {
            reason: "无劳动能力，已纳入低保，继续监测".into(),
        },
        CommandKind::ReviewPlan => CaseCommand::ReviewPlan {
            date: today,
            outcome: VillageOutcome::Pass,
        },
        CommandKind::StartPlanNotice => CaseCommand::StartPlanNotice { from: today },
        CommandKind::EndPlanNotice => CaseCommand::EndPlanNotice,
        CommandKind::ReviewRelief => CaseCommand::ReviewRelief {
            note: "已纳入低保".into(),
        },
        CommandKind::FeedBackAlert => CaseCommand::FeedBackAlert {
            note: "已认定为监测对象".into(),
        },
        CommandKind::StartCampaign => CaseCommand::StartCampaign {
            name: "年度集中排查".into(),
            until: today + Duration::days(30),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_sample_is_a_command_of_its_own_kind() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 30).expect("date");
        for kind in CommandKind::ALL {
            assert_eq!(sample(kind, today).kind(), kind);
        }
    }
}
