//! Fixtures for the form tests: a form for every command, complete commands and forms, and
//! the fields each kind cannot do without.
use chrono::NaiveDate;

use super::super::*;
use crate::domain::id_number::IdNumber;
use crate::domain::money::Fen;
use crate::domain::vocab::{LabourCapacity, MeasureType};

use super::super::super::state::{
    EliminationChecklist, Guarantees, Measure, MeasureStatus, Member, MemberStatus, Relation,
};

/// A valid 身份证号 (Guizhou, born 1980-01-01).
pub(super) const TEST_ID: &str = "522727198001010015";

pub(super) fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("test date")
}

pub(super) fn yes_no(b: bool) -> String {
    if b { "yes" } else { "no" }.to_owned()
}

pub(super) fn status_code(status: MeasureStatus) -> &'static str {
    status.code()
}

/// The form a staff page would post for `command`.
pub(super) fn form_for(command: &CaseCommand) -> CommandForm {
    let base = CommandForm {
        kind: command.kind().code().to_owned(),
        ..CommandForm::default()
    };
    match command.clone() {
        CaseCommand::Accept { duplicate_override } => CommandForm {
            duplicate_override: duplicate_override.unwrap_or_default(),
            ..base
        },
        CaseCommand::EndNotice => base,
        CaseCommand::OpenGreenChannel {
            village_study_on,
            township_approved_on,
        } => CommandForm {
            date: village_study_on.to_string(),
            approval_date: township_approved_on.to_string(),
            ..base
        },
        CaseCommand::RecordComparison { hits, note } => CommandForm {
            hits: hits.iter().map(|h| h.code().to_owned()).collect(),
            note,
            ..base
        },
        CaseCommand::RejectOutOfScope { reason } => CommandForm { reason, ..base },
        CaseCommand::RecordHomeCheck { record } => {
            let secured = record.guarantees.answers();
            CommandForm {
                date: record.date.to_string(),
                visitors: record.visitors.join("、"),
                members: record
                    .members
                    .iter()
                    .map(|m| MemberForm {
                        name: m.name.clone(),
                        labour: m.labour.code().to_owned(),
                        income: m.annual_income.plain_yuan(),
                        relation: m.relation.code().to_owned(),
                        id_number: m
                            .id_number
                            .as_ref()
                            .map(|i| i.as_str().to_owned())
                            .unwrap_or_default(),
                        status: m.status.code().to_owned(),
                    })
                    .collect(),
                rigid_expenditure: record.rigid_expenditure.plain_yuan(),
                previous_income: record
                    .previous_income
                    .map(|f| f.plain_yuan())
                    .unwrap_or_default(),
                guarantees: GUARANTEE_ITEMS
                    .iter()
                    .zip(secured)
                    .map(|(code, s)| match s {
                        true => (*code).to_owned(),
                        false => format!("{code}{GUARANTEE_NO}"),
                    })
                    .collect(),
                consent_signed: if record.consent_signed {
                    "on".into()
                } else {
                    String::new()
                },
                formerly_poor: if record.formerly_poor {
                    "on".into()
                } else {
                    String::new()
                },
                ..base
            }
        }
        CaseCommand::HoldVillageReview { date, outcome } => match outcome {
            VillageOutcome::Pass => CommandForm {
                date: date.to_string(),
                outcome: "pass".into(),
                ..base
            },
            VillageOutcome::Fail { reason } => CommandForm {
                date: date.to_string(),
                outcome: "fail".into(),
                reason,
                ..base
            },
        },
        CaseCommand::StartNotice { from } => CommandForm {
            date: from.to_string(),
            ..base
        },
        CaseCommand::RecordObjection { text } => CommandForm { text, ..base },
        CaseCommand::TownshipReview { approve, note } => CommandForm {
            approve: yes_no(approve),
            note,
            ..base
        },
        CaseCommand::CountyDecide { decision } => match decision {
            IdentificationDecision::Identify {
                category,
                tier,
                note,
            } => CommandForm {
                decision: "identify".into(),
                category: category.code().into(),
                tier: tier.code().into(),
                note,
                ..base
            },
            IdentificationDecision::NotIdentify { reason } => CommandForm {
                decision: "not_identify".into(),
                reason,
                ..base
            },
        },
        CaseCommand::CountyDecideElimination { decision } => match decision {
            EliminationDecision::Eliminate => CommandForm {
                decision: "eliminate".into(),
                ..base
            },
            EliminationDecision::KeepMonitoring { reason } => CommandForm {
                decision: "keep_monitoring".into(),
                reason,
                ..base
            },
        },
        CaseCommand::NotifyRefusal { on } => CommandForm {
            date: on.to_string(),
            ..base
        },
        CaseCommand::AssignResponsible { person, mobile } => CommandForm {
            person,
            mobile: mobile.as_str().to_owned(),
            ..base
        },
        CaseCommand::AddPlan { measures } => CommandForm {
            measures: measures
                .iter()
                .map(|m| MeasureForm {
                    measure_type: m.measure_type.code().into(),
                    amount: m.amount.plain_yuan(),
                    start: m.start.to_string(),
                    end: m.end.to_string(),
                })
                .collect(),
            ..base
        },
        CaseCommand::UpdateMeasureStatus { index, status } => CommandForm {
            index: index.to_string(),
            status: status_code(status).into(),
            ..base
        },
        CaseCommand::AdvanceMeasure { index } => CommandForm {
            index: index.to_string(),
            status: crate::domain::case::form::NEXT_MEASURE_STATUS.into(),
            ..base
        },
        CaseCommand::LogVisit {
            date,
            notes,
            new_tier,
        } => CommandForm {
            date: date.to_string(),
            note: notes,
            tier: new_tier.map(|t| t.code().to_owned()).unwrap_or_default(),
            ..base
        },
        CaseCommand::ChangeTier { tier, reason } => CommandForm {
            tier: tier.code().into(),
            reason,
            ..base
        },
        CaseCommand::ProposeElimination { checklist } => {
            let met = [
                checklist.income_above_line,
                checklist.three_guarantees_and_water_secured,
                checklist.rigid_spending_resolved,
                checklist.measures_delivered,
            ];
            CommandForm {
                checklist: CHECKLIST_ITEMS
                    .iter()
                    .zip(met)
                    .filter(|(_, m)| *m)
                    .map(|(code, _)| (*code).to_owned())
                    .collect(),
                ..base
            }
        }
        CaseCommand::Reopen { reason, tier } => CommandForm {
            reason,
            tier: tier.code().into(),
            ..base
        },
        CaseCommand::RequestExtension {
            clock,
            days,
            reason,
        } => CommandForm {
            clock: clock.code().into(),
            days: days.to_string(),
            reason,
            ..base
        },
        CaseCommand::ApproveExtension { clock, approve } => CommandForm {
            clock: clock.code().into(),
            approve: yes_no(approve),
            ..base
        },
        CaseCommand::PauseClock { clock, reason } => CommandForm {
            clock: clock.code().into(),
            reason,
            ..base
        },
        CaseCommand::ResumeClock { clock } => CommandForm {
            clock: clock.code().into(),
            ..base
        },
        CaseCommand::Remove { kind, reason } => CommandForm {
            removal_kind: kind.code().into(),
            reason,
            ..base
        },
        CaseCommand::DeferElimination { reason } => CommandForm { reason, ..base },
        CaseCommand::ReviewPlan { date, outcome } => match outcome {
            VillageOutcome::Pass => CommandForm {
                date: date.to_string(),
                outcome: "pass".into(),
                ..base
            },
            VillageOutcome::Fail { reason } => CommandForm {
                date: date.to_string(),
                outcome: "fail".into(),
                reason,
                ..base
            },
        },
        CaseCommand::StartPlanNotice { from: date } => CommandForm {
            date: date.to_string(),
            ..base
        },
        CaseCommand::EndPlanNotice => base,
        CaseCommand::ReviewRelief { note } | CaseCommand::FeedBackAlert { note } => {
            CommandForm { note, ..base }
        }
        CaseCommand::StartCampaign { name, until } => CommandForm {
            text: name,
            date: until.to_string(),
            ..base
        },
    }
}

pub(super) fn measure(measure_type: MeasureType, yuan: &str) -> Measure {
    Measure {
        measure_type,
        lead_department: measure_type.lead_department_zh().to_owned(),
        amount: Fen::parse_yuan(yuan).expect("test amount"),
        start: day(2026, 12, 10),
        end: day(2027, 12, 31),
        status: MeasureStatus::Planned,
        started_on: None,
        delivered_on: None,
        noticed_on: None,
    }
}

pub(super) fn home_check() -> HomeCheckRecord {
    HomeCheckRecord {
        date: day(2025, 3, 5),
        visitors: vec!["李四".into(), "王五".into()],
        members: vec![
            Member {
                name: "张三".into(),
                labour: LabourCapacity::Full,
                annual_income: Fen::parse_yuan("7300.50").expect("amount"),
                relation: Relation::Head,
                id_number: Some(IdNumber::parse(TEST_ID).expect("test id")),
                status: MemberStatus::Working,
            },
            Member {
                name: "张小三".into(),
                labour: LabourCapacity::None,
                annual_income: Fen::parse_yuan("0").expect("amount"),
                relation: Relation::Child,
                id_number: None,
                status: MemberStatus::AtSchool,
            },
        ],
        guarantees: Guarantees {
            housing_safety: false,
            ..Guarantees::ALL_SECURED
        },
        consent_signed: true,
        rigid_expenditure: Fen::parse_yuan("3000").expect("amount"),
        formerly_poor: true,
        previous_income: Some(Fen::parse_yuan("40000").expect("amount")),
    }
}

/// One command of every kind, using the variant that needs the most fields.
pub(super) fn complete_command(kind: CommandKind) -> CaseCommand {
    match kind {
        CommandKind::Accept => CaseCommand::Accept {
            duplicate_override: Some("同一户再次申报新的风险（因灾）".into()),
        },
        CommandKind::RecordComparison => CaseCommand::RecordComparison {
            hits: vec![NegativeItem::PrivateCar, NegativeItem::ShopFront],
            note: "车辆已报废".into(),
        },
        CommandKind::RejectOutOfScope => CaseCommand::RejectOutOfScope {
            reason: "已纳入特困供养".into(),
        },
        CommandKind::RecordHomeCheck => CaseCommand::RecordHomeCheck {
            record: home_check(),
        },
        CommandKind::HoldVillageReview => CaseCommand::HoldVillageReview {
            date: day(2025, 3, 7),
            outcome: VillageOutcome::Fail {
                reason: "收入超过监测范围".into(),
            },
        },
        CommandKind::StartNotice => CaseCommand::StartNotice {
            from: day(2025, 3, 8),
        },
        CommandKind::RecordObjection => CaseCommand::RecordObjection {
            text: "家中有车辆".into(),
        },
        CommandKind::EndNotice => CaseCommand::EndNotice,
        CommandKind::TownshipReview => CaseCommand::TownshipReview {
            approve: false,
            note: "材料不全".into(),
        },
        CommandKind::CountyDecide => CaseCommand::CountyDecide {
            decision: IdentificationDecision::Identify {
                category: Category::SuddenHardship,
                tier: RiskTier::Red,
                note: "车辆系报废农用车".into(),
            },
        },
        CommandKind::CountyDecideElimination => CaseCommand::CountyDecideElimination {
            decision: EliminationDecision::KeepMonitoring {
                reason: "收入尚不稳定".into(),
            },
        },
        CommandKind::NotifyRefusal => CaseCommand::NotifyRefusal {
            on: day(2025, 3, 20),
        },
        CommandKind::AssignResponsible => CaseCommand::AssignResponsible {
            person: "赵六".into(),
            mobile: crate::domain::mobile::MobileNumber::parse("13800138000").expect("mobile"),
        },
        CommandKind::AddPlan => CaseCommand::AddPlan {
            measures: vec![
                measure(MeasureType::Medical, "1200.5"),
                measure(MeasureType::Motivation, "0"),
            ],
        },
        CommandKind::UpdateMeasureStatus => CaseCommand::UpdateMeasureStatus {
            index: 1,
            status: MeasureStatus::InProgress,
        },
        CommandKind::LogVisit => CaseCommand::LogVisit {
            date: day(2025, 4, 1),
            notes: "病情稳定".into(),
            new_tier: Some(RiskTier::Yellow),
        },
        CommandKind::ChangeTier => CaseCommand::ChangeTier {
            tier: RiskTier::Blue,
            reason: "已稳定就业".into(),
        },
        CommandKind::ProposeElimination => CaseCommand::ProposeElimination {
            checklist: EliminationChecklist {
                rigid_spending_resolved: false,
                ..EliminationChecklist::ALL_MET
            },
        },
        CommandKind::Reopen => CaseCommand::Reopen {
            reason: "再次发生大病".into(),
            tier: RiskTier::Red,
        },
        CommandKind::OpenGreenChannel => CaseCommand::OpenGreenChannel {
            village_study_on: day(2025, 3, 7),
            township_approved_on: day(2025, 3, 8),
        },
        CommandKind::RequestExtension => CaseCommand::RequestExtension {
            clock: ClockKind::HomeCheck,
            days: 5,
            reason: "农户外出务工".into(),
        },
        CommandKind::ApproveExtension => CaseCommand::ApproveExtension {
            clock: ClockKind::HomeCheck,
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
            kind: crate::domain::case::reversal::RemovalKind::NegativeList,
            reason: "子女为公职人员".into(),
        },
        CommandKind::DeferElimination => CaseCommand::DeferElimination {
            reason: "无劳动能力，已纳入低保".into(),
        },
        CommandKind::ReviewPlan => CaseCommand::ReviewPlan {
            date: day(2025, 3, 7),
            outcome: VillageOutcome::Fail {
                reason: "缺少就业帮扶".into(),
            },
        },
        CommandKind::StartPlanNotice => CaseCommand::StartPlanNotice {
            from: day(2025, 3, 8),
        },
        CommandKind::EndPlanNotice => CaseCommand::EndPlanNotice,
        CommandKind::ReviewRelief => CaseCommand::ReviewRelief {
            note: "转为低保".into(),
        },
        CommandKind::FeedBackAlert => CaseCommand::FeedBackAlert {
            note: "已认定".into(),
        },
        CommandKind::StartCampaign => CaseCommand::StartCampaign {
            name: "2025年集中排查".into(),
            until: day(2025, 4, 30),
        },
    }
}

/// The other variants of the kinds that have several.
pub(super) fn other_variants() -> Vec<CaseCommand> {
    vec![
        CaseCommand::HoldVillageReview {
            date: day(2025, 3, 7),
            outcome: VillageOutcome::Pass,
        },
        CaseCommand::TownshipReview {
            approve: true,
            note: String::new(),
        },
        CaseCommand::CountyDecide {
            decision: IdentificationDecision::NotIdentify {
                reason: "不符合条件".into(),
            },
        },
        CaseCommand::CountyDecideElimination {
            decision: EliminationDecision::Eliminate,
        },
        CaseCommand::LogVisit {
            date: day(2025, 4, 1),
            notes: "无变化".into(),
            new_tier: None,
        },
        CaseCommand::ProposeElimination {
            checklist: EliminationChecklist::ALL_MET,
        },
        CaseCommand::ApproveExtension {
            clock: ClockKind::EliminationReview,
            approve: false,
        },
        CaseCommand::RecordHomeCheck {
            // Nothing secured (every 否); an unsigned consent is a form problem, not a record.
            record: HomeCheckRecord {
                guarantees: Guarantees::default(),
                ..home_check()
            },
        },
    ]
}

/// The day the forms are filled in (Beijing).
pub(super) fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 30).expect("date")
}

pub(super) fn complete_form(kind: CommandKind) -> CommandForm {
    form_for(&complete_command(kind))
}

/// The (field, message key) problems of a form that must not parse.
pub(super) fn problem_keys(form: &CommandForm) -> Vec<(&'static str, &'static str)> {
    match parse_command(form, today()) {
        Ok(command) => panic!("expected problems, parsed {command:?}"),
        Err(problems) => problems.iter().map(|(f, m)| (*f, m.key)).collect(),
    }
}

pub(super) fn problem_fields(form: &CommandForm) -> Vec<&'static str> {
    problem_keys(form)
        .into_iter()
        .map(|(field, _)| field)
        .collect()
}

/// Fields a kind's complete form cannot do without.
pub(super) fn required_fields(kind: CommandKind) -> &'static [&'static str] {
    match kind {
        CommandKind::Accept
        | CommandKind::EndNotice
        | CommandKind::ProposeElimination
        | CommandKind::RecordComparison => &[],
        CommandKind::RejectOutOfScope => &["reason"],
        CommandKind::RecordHomeCheck => &[
            "date",
            "visitors",
            "members",
            "guarantees",
            "consent_signed",
        ],
        CommandKind::HoldVillageReview => &["date", "outcome", "reason"],
        CommandKind::StartNotice | CommandKind::NotifyRefusal => &["date"],
        CommandKind::RecordObjection => &["text"],
        CommandKind::TownshipReview => &["approve", "note"],
        CommandKind::CountyDecide => &["decision", "category", "tier"],
        CommandKind::CountyDecideElimination => &["decision", "reason"],
        CommandKind::AssignResponsible => &["person", "mobile"],
        CommandKind::AddPlan => &["measures"],
        CommandKind::UpdateMeasureStatus => &["index", "status"],
        CommandKind::LogVisit => &["date", "note"],
        CommandKind::ChangeTier | CommandKind::Reopen => &["tier", "reason"],
        CommandKind::RequestExtension => &["clock", "days", "reason"],
        CommandKind::ApproveExtension => &["clock", "approve"],
        CommandKind::PauseClock => &["clock", "reason"],
        CommandKind::ResumeClock => &["clock"],
        CommandKind::Remove => &["removal_kind", "reason"],
        CommandKind::DeferElimination => &["reason"],
        CommandKind::OpenGreenChannel => &["date", "approval_date"],
        CommandKind::ReviewPlan | CommandKind::StartPlanNotice => &["date"],
        CommandKind::EndPlanNotice => &[],
        CommandKind::ReviewRelief | CommandKind::FeedBackAlert => &["note"],
        CommandKind::StartCampaign => &["text", "date"],
    }
}

pub(super) fn blank(form: &mut CommandForm, field: &str) {
    match field {
        "reason" => form.reason.clear(),
        "note" => form.note.clear(),
        "text" => form.text.clear(),
        "person" => form.person.clear(),
        "mobile" => form.mobile.clear(),
        "date" => form.date.clear(),
        "approve" => form.approve.clear(),
        "outcome" => form.outcome.clear(),
        "decision" => form.decision.clear(),
        "category" => form.category.clear(),
        "tier" => form.tier.clear(),
        "visitors" => form.visitors.clear(),
        "members" => form.members.clear(),
        "guarantees" => form.guarantees.clear(),
        "consent_signed" => form.consent_signed.clear(),
        "measures" => form.measures.clear(),
        "index" => form.index.clear(),
        "status" => form.status.clear(),
        "clock" => form.clock.clear(),
        "days" => form.days.clear(),
        "removal_kind" => form.removal_kind.clear(),
        "approval_date" => form.approval_date.clear(),
        other => panic!("no such required field {other}"),
    }
}
