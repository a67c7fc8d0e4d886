//! Domain values for tests that drive the case engine directly.
use app::domain::{
    case::{
        state::{MemberStatus, Relation},
        Actor, CaseCommand, CommandKind, EliminationChecklist, EliminationDecision, Guarantees,
        HomeCheckRecord, IdentificationDecision, Measure, MeasureStatus, Member, VillageOutcome,
    },
    clock::ClockKind,
    money::Fen,
    region::RegionCode,
    role::Role,
    vocab::{Category, LabourCapacity, MeasureType, RiskTier},
};
use chrono::{Duration, NaiveDate};

use crate::helpers::QINGSHI_VILLAGE;

pub const QINGSHI_TOWNSHIP: &str = "522799101000";
pub const HEKOU_TOWNSHIP: &str = "522799102000";
pub const HEKOU_VILLAGE: &str = "522799102201";
pub const COUNTY: &str = "522799000000";
pub const OTHER_COUNTY: &str = "522798000000";

pub fn region(code: &str) -> RegionCode {
    RegionCode::parse(code).expect("region")
}

pub fn actor(user: &str, role: Role, scope: &str) -> Actor {
    Actor::new(user, role, region(scope))
}

pub fn village_cadre() -> Actor {
    actor("demo-cun-qingshi", Role::VillageCadre, QINGSHI_VILLAGE)
}
pub fn township_officer() -> Actor {
    actor("demo-zhen-qingshi", Role::TownshipOfficer, QINGSHI_TOWNSHIP)
}
pub fn other_township_officer() -> Actor {
    actor("demo-zhen-hekou", Role::TownshipOfficer, HEKOU_TOWNSHIP)
}
pub fn county_officer() -> Actor {
    actor("demo-xian-officer", Role::CountyOfficer, COUNTY)
}

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
        CommandKind::OpenGreenChannel => CaseCommand::OpenGreenChannel,
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
    }
}
