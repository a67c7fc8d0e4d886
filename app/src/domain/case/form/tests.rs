//! Tests of `form`.
use super::*;
use chrono::NaiveDate;

use crate::domain::id_number::IdNumber;
use crate::domain::money::Fen;
use crate::domain::vocab::{LabourCapacity, MeasureType};

use super::super::state::{
    EliminationChecklist, Guarantees, Measure, MeasureStatus, Member, MemberStatus, Relation,
};
use crate::domain::message::tests::assert_messages_are_well_formed;
use proptest::prelude::*;

/// A valid 身份证号 (Guizhou, born 1980-01-01).
const TEST_ID: &str = "522727198001010015";

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("test date")
}

fn yes_no(b: bool) -> String {
    if b { "yes" } else { "no" }.to_owned()
}

fn status_code(status: MeasureStatus) -> &'static str {
    match status {
        MeasureStatus::Planned => "planned",
        MeasureStatus::InProgress => "in_progress",
        MeasureStatus::Delivered => "delivered",
    }
}

/// The form a staff page would post for `command`.
fn form_for(command: &CaseCommand) -> CommandForm {
    let base = CommandForm {
        kind: command.kind().code().to_owned(),
        ..CommandForm::default()
    };
    match command.clone() {
        CaseCommand::Accept { duplicate_override } => CommandForm {
            duplicate_override: duplicate_override.unwrap_or_default(),
            ..base
        },
        CaseCommand::EndNotice | CaseCommand::OpenGreenChannel => base,
        CaseCommand::RecordComparison { hits, note } => CommandForm {
            hits: hits.iter().map(|h| h.code().to_owned()).collect(),
            note,
            ..base
        },
        CaseCommand::RejectOutOfScope { reason } => CommandForm { reason, ..base },
        CaseCommand::RecordHomeCheck { record } => {
            let g = record.guarantees;
            let secured = [
                g.food,
                g.clothing,
                g.compulsory_education,
                g.basic_medical,
                g.housing_safety,
                g.drinking_water,
            ];
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
                guarantees: GUARANTEE_ITEMS
                    .iter()
                    .zip(secured)
                    .filter(|(_, s)| *s)
                    .map(|((code, _, _), _)| (*code).to_owned())
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
        CaseCommand::AssignResponsible { person } => CommandForm { person, ..base },
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
                    .map(|((code, _, _), _)| (*code).to_owned())
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
    }
}

fn measure(measure_type: MeasureType, yuan: &str) -> Measure {
    Measure {
        measure_type,
        lead_department: measure_type.lead_department_zh().to_owned(),
        amount: Fen::parse_yuan(yuan).expect("test amount"),
        start: day(2025, 3, 10),
        end: day(2025, 12, 31),
        status: MeasureStatus::Planned,
    }
}

fn home_check() -> HomeCheckRecord {
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
    }
}

/// One command of every kind, using the variant that needs the most fields.
fn complete_command(kind: CommandKind) -> CaseCommand {
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
        CommandKind::OpenGreenChannel => CaseCommand::OpenGreenChannel,
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
    }
}

/// The other variants of the kinds that have several.
fn other_variants() -> Vec<CaseCommand> {
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
            record: HomeCheckRecord {
                guarantees: Guarantees::default(),
                consent_signed: false,
                ..home_check()
            },
        },
    ]
}

fn complete_form(kind: CommandKind) -> CommandForm {
    form_for(&complete_command(kind))
}

/// The (field, message key) problems of a form that must not parse.
fn problem_keys(form: &CommandForm) -> Vec<(&'static str, &'static str)> {
    match parse_command(form) {
        Ok(command) => panic!("expected problems, parsed {command:?}"),
        Err(problems) => problems.iter().map(|(f, m)| (*f, m.key)).collect(),
    }
}

fn problem_fields(form: &CommandForm) -> Vec<&'static str> {
    problem_keys(form)
        .into_iter()
        .map(|(field, _)| field)
        .collect()
}

/// Fields a kind's complete form cannot do without.
fn required_fields(kind: CommandKind) -> &'static [&'static str] {
    match kind {
        CommandKind::Accept
        | CommandKind::EndNotice
        | CommandKind::OpenGreenChannel
        | CommandKind::ProposeElimination
        | CommandKind::RecordComparison => &[],
        CommandKind::RejectOutOfScope => &["reason"],
        CommandKind::RecordHomeCheck => &["date", "visitors", "members"],
        CommandKind::HoldVillageReview => &["date", "outcome", "reason"],
        CommandKind::StartNotice | CommandKind::NotifyRefusal => &["date"],
        CommandKind::RecordObjection => &["text"],
        CommandKind::TownshipReview => &["approve", "note"],
        CommandKind::CountyDecide => &["decision", "category", "tier"],
        CommandKind::CountyDecideElimination => &["decision", "reason"],
        CommandKind::AssignResponsible => &["person"],
        CommandKind::AddPlan => &["measures"],
        CommandKind::UpdateMeasureStatus => &["index", "status"],
        CommandKind::LogVisit => &["date", "note"],
        CommandKind::ChangeTier | CommandKind::Reopen => &["tier", "reason"],
        CommandKind::RequestExtension => &["clock", "days", "reason"],
        CommandKind::ApproveExtension => &["clock", "approve"],
        CommandKind::PauseClock => &["clock", "reason"],
        CommandKind::ResumeClock => &["clock"],
    }
}

fn blank(form: &mut CommandForm, field: &str) {
    match field {
        "reason" => form.reason.clear(),
        "note" => form.note.clear(),
        "text" => form.text.clear(),
        "person" => form.person.clear(),
        "date" => form.date.clear(),
        "approve" => form.approve.clear(),
        "outcome" => form.outcome.clear(),
        "decision" => form.decision.clear(),
        "category" => form.category.clear(),
        "tier" => form.tier.clear(),
        "visitors" => form.visitors.clear(),
        "members" => form.members.clear(),
        "measures" => form.measures.clear(),
        "index" => form.index.clear(),
        "status" => form.status.clear(),
        "clock" => form.clock.clear(),
        "days" => form.days.clear(),
        other => panic!("no such required field {other}"),
    }
}

#[test]
fn command_kind_codes_match_the_serde_names_and_parse_back() {
    for kind in CommandKind::ALL {
        let json = serde_json::to_string(&kind).expect("serialises");
        assert_eq!(json, format!("\"{}\"", kind.code()));
        assert_eq!(CommandKind::from_code(kind.code()), Some(kind));
        assert!(!kind.label_zh().is_empty() && !kind.label_zh().is_ascii());
        assert!(!kind.label_en().is_empty());
    }
    assert_eq!(CommandKind::from_code("Accept"), None);
    assert_eq!(CommandKind::from_code(""), None);
}

#[test]
fn command_field_errors_have_well_formed_messages() {
    assert_messages_are_well_formed("command", &CommandFieldError::ALL);
}

#[test]
fn the_choice_tables_use_the_domain_field_and_serde_names() {
    let all = serde_json::to_value(Guarantees::ALL_SECURED).expect("serialises");
    for (code, _, _) in GUARANTEE_ITEMS {
        assert_eq!(all[code], serde_json::Value::Bool(true), "{code}");
    }
    let met = serde_json::to_value(EliminationChecklist::ALL_MET).expect("serialises");
    for (code, _, _) in CHECKLIST_ITEMS {
        assert_eq!(met[code], serde_json::Value::Bool(true), "{code}");
    }
    for (code, _, _) in MEASURE_STATUS_ITEMS {
        let status = measure_status_from_code(code).expect("known status");
        let json = serde_json::to_string(&status).expect("serialises");
        assert_eq!(json, format!("\"{code}\""));
    }
}

#[test]
fn every_kind_parses_from_a_complete_form() {
    for kind in CommandKind::ALL {
        let command = parse_command(&complete_form(kind))
            .unwrap_or_else(|problems| panic!("{kind:?}: {problems:?}"));
        assert_eq!(command.kind(), kind);
    }
}

#[test]
fn every_command_round_trips_through_its_form() {
    let commands = CommandKind::ALL
        .into_iter()
        .map(complete_command)
        .chain(other_variants());
    for command in commands {
        assert_eq!(parse_command(&form_for(&command)), Ok(command.clone()));
    }
}

#[test]
fn each_kind_with_a_missing_required_field_reports_that_field() {
    for kind in CommandKind::ALL {
        for field in required_fields(kind) {
            let mut form = complete_form(kind);
            blank(&mut form, field);
            assert_eq!(
                problem_fields(&form),
                vec![*field],
                "{kind:?} without {field}"
            );
        }
    }
}

#[test]
fn required_fields_are_among_the_fields_the_form_shows() {
    for kind in CommandKind::ALL {
        for field in required_fields(kind) {
            assert!(form_fields(kind).contains(field), "{kind:?} {field}");
        }
    }
}

#[test]
fn an_empty_form_of_a_kind_reports_every_required_field_in_form_order() {
    let form = CommandForm {
        kind: "request_extension".into(),
        ..CommandForm::default()
    };
    assert_eq!(problem_fields(&form), vec!["clock", "days", "reason"]);
    let form = CommandForm {
        kind: "record_home_check".into(),
        ..CommandForm::default()
    };
    assert_eq!(
        problem_keys(&form),
        vec![
            ("date", "command.missing"),
            ("visitors", "command.missing"),
            ("members", "command.no_members"),
        ]
    );
}

#[test]
fn a_missing_or_unknown_kind_is_reported_under_kind() {
    assert_eq!(
        problem_keys(&CommandForm::default()),
        vec![("kind", "command.missing")]
    );
    let form = CommandForm {
        kind: "delete_case".into(),
        reason: "x".into(),
        ..CommandForm::default()
    };
    assert_eq!(problem_keys(&form), vec![("kind", "command.unknown_kind")]);
}

#[test]
fn a_malformed_date_is_a_bad_date() {
    for bad in ["2025/03/05", "2025-02-30", "05-03-2025", "tomorrow"] {
        let form = CommandForm {
            date: bad.into(),
            ..complete_form(CommandKind::StartNotice)
        };
        assert_eq!(
            problem_keys(&form),
            vec![("date", "command.bad_date")],
            "{bad}"
        );
    }
    let form = CommandForm {
        date: " 2025-03-05 ".into(),
        ..complete_form(CommandKind::StartNotice)
    };
    assert_eq!(
        parse_command(&form),
        Ok(CaseCommand::StartNotice {
            from: day(2025, 3, 5)
        })
    );
}

#[test]
fn a_bad_measure_date_is_reported_under_measures() {
    let mut form = complete_form(CommandKind::AddPlan);
    form.measures[0].end = "2025-13-01".into();
    assert_eq!(problem_keys(&form), vec![("measures", "command.bad_date")]);
}

#[test]
fn a_bad_amount_is_reported_under_members_or_measures() {
    for bad in ["abc", "-5", "1.234"] {
        let mut form = complete_form(CommandKind::RecordHomeCheck);
        form.members[1].income = bad.into();
        assert_eq!(
            problem_keys(&form),
            vec![("members", "command.bad_amount")],
            "{bad}"
        );
        let mut form = complete_form(CommandKind::AddPlan);
        form.measures[0].amount = bad.into();
        assert_eq!(
            problem_keys(&form),
            vec![("measures", "command.bad_amount")],
            "{bad}"
        );
    }
    let mut form = complete_form(CommandKind::AddPlan);
    form.measures[1].amount = String::new();
    assert_eq!(problem_keys(&form), vec![("measures", "command.missing")]);
}

#[test]
fn amounts_accept_yuan_with_grouping() {
    let mut form = complete_form(CommandKind::RecordHomeCheck);
    form.members[0].income = "¥12,345.6".into();
    match parse_command(&form) {
        Ok(CaseCommand::RecordHomeCheck { record }) => {
            assert_eq!(record.members[0].annual_income.fen(), 1_234_560);
        }
        other => panic!("{other:?}"),
    }
}

type Spoil = fn(&mut CommandForm);

#[test]
fn unknown_codes_are_bad_choices_under_their_field() {
    let cases: Vec<(CommandKind, Spoil, &str)> = vec![
        (
            CommandKind::CountyDecide,
            |f| f.category = "rich".into(),
            "category",
        ),
        (
            CommandKind::CountyDecide,
            |f| f.tier = "green".into(),
            "tier",
        ),
        (
            CommandKind::CountyDecide,
            |f| f.decision = "eliminate".into(),
            "decision",
        ),
        (
            CommandKind::CountyDecideElimination,
            |f| f.decision = "identify".into(),
            "decision",
        ),
        (
            CommandKind::HoldVillageReview,
            |f| f.outcome = "maybe".into(),
            "outcome",
        ),
        (
            CommandKind::TownshipReview,
            |f| f.approve = "true".into(),
            "approve",
        ),
        (
            CommandKind::ApproveExtension,
            |f| f.approve = "Y".into(),
            "approve",
        ),
        (
            CommandKind::RequestExtension,
            |f| f.clock = "forever".into(),
            "clock",
        ),
        (
            CommandKind::UpdateMeasureStatus,
            |f| f.status = "done".into(),
            "status",
        ),
        (CommandKind::LogVisit, |f| f.tier = "orange".into(), "tier"),
        (CommandKind::Reopen, |f| f.tier = "RED".into(), "tier"),
        (
            CommandKind::RecordHomeCheck,
            |f| f.guarantees.push("wifi".into()),
            "guarantees",
        ),
        (
            CommandKind::RecordHomeCheck,
            |f| f.members[0].labour = "strong".into(),
            "members",
        ),
        (
            CommandKind::ProposeElimination,
            |f| f.checklist.push("feels_fine".into()),
            "checklist",
        ),
        (
            CommandKind::AddPlan,
            |f| f.measures[0].measure_type = "cash".into(),
            "measures",
        ),
    ];
    for (kind, spoil, field) in cases {
        let mut form = complete_form(kind);
        spoil(&mut form);
        assert_eq!(
            problem_keys(&form),
            vec![(field, "command.bad_choice")],
            "{kind:?} {field}"
        );
    }
}

#[test]
fn numbers_must_be_whole_and_days_positive() {
    for bad in ["0", "-1", "2.5", "five"] {
        let form = CommandForm {
            days: bad.into(),
            ..complete_form(CommandKind::RequestExtension)
        };
        assert_eq!(
            problem_keys(&form),
            vec![("days", "command.bad_number")],
            "{bad}"
        );
    }
    let form = CommandForm {
        index: "-1".into(),
        ..complete_form(CommandKind::UpdateMeasureStatus)
    };
    assert_eq!(problem_keys(&form), vec![("index", "command.bad_number")]);
    let form = CommandForm {
        index: "0".into(),
        ..complete_form(CommandKind::UpdateMeasureStatus)
    };
    assert_eq!(
        parse_command(&form),
        Ok(CaseCommand::UpdateMeasureStatus {
            index: 0,
            status: MeasureStatus::InProgress
        })
    );
}

#[test]
fn conditional_fields_are_needed_only_for_their_choice() {
    let fail_without_reason = CommandForm {
        reason: String::new(),
        ..complete_form(CommandKind::HoldVillageReview)
    };
    assert_eq!(problem_fields(&fail_without_reason), vec!["reason"]);
    let pass_without_reason = CommandForm {
        outcome: "pass".into(),
        ..fail_without_reason
    };
    assert!(parse_command(&pass_without_reason).is_ok());

    let not_identify = CommandForm {
        decision: "not_identify".into(),
        ..complete_form(CommandKind::CountyDecide)
    };
    assert_eq!(problem_fields(&not_identify), vec!["reason"]);

    let approve_without_note = CommandForm {
        approve: "yes".into(),
        note: "  ".into(),
        ..complete_form(CommandKind::TownshipReview)
    };
    assert_eq!(
        parse_command(&approve_without_note),
        Ok(CaseCommand::TownshipReview {
            approve: true,
            note: String::new()
        })
    );

    let eliminate = CommandForm {
        decision: "eliminate".into(),
        reason: String::new(),
        ..complete_form(CommandKind::CountyDecideElimination)
    };
    assert!(parse_command(&eliminate).is_ok());
}

#[test]
fn blank_rows_are_ignored_and_all_blank_rows_mean_none() {
    let mut form = complete_form(CommandKind::RecordHomeCheck);
    form.members.push(MemberForm {
        name: "  ".into(),
        labour: "bogus".into(),
        income: "bogus".into(),
        relation: "bogus".into(),
        id_number: "bogus".into(),
        status: "bogus".into(),
    });
    assert!(parse_command(&form).is_ok());
    form.members = vec![MemberForm::default(); 3];
    assert_eq!(problem_keys(&form), vec![("members", "command.no_members")]);

    let mut form = complete_form(CommandKind::AddPlan);
    form.measures.insert(
        0,
        MeasureForm {
            amount: "100".into(),
            ..MeasureForm::default()
        },
    );
    assert_eq!(
        parse_command(&form),
        Ok(complete_command(CommandKind::AddPlan))
    );
    form.measures = vec![MeasureForm::default()];
    assert_eq!(
        problem_keys(&form),
        vec![("measures", "command.no_measures")]
    );
}

#[test]
fn member_relation_id_and_status_are_optional_but_checked() {
    let mut form = complete_form(CommandKind::RecordHomeCheck);
    for member in &mut form.members {
        member.relation.clear();
        member.id_number.clear();
        member.status.clear();
    }
    form.rigid_expenditure.clear();
    match parse_command(&form) {
        Ok(CaseCommand::RecordHomeCheck { record }) => {
            assert!(record.members.iter().all(|m| m.relation == Relation::Other
                && m.id_number.is_none()
                && m.status == MemberStatus::Other));
            assert_eq!(record.rigid_expenditure, Fen::ZERO);
        }
        other => panic!("{other:?}"),
    }

    let mut form = complete_form(CommandKind::RecordHomeCheck);
    form.members[1].id_number = "522727198001010016".into();
    assert_eq!(
        problem_keys(&form),
        vec![("members", "command.bad_id_number")]
    );
    let mut form = complete_form(CommandKind::RecordHomeCheck);
    form.members[1].relation = "cousin".into();
    form.members[0].status = "astronaut".into();
    assert_eq!(problem_keys(&form), vec![("members", "command.bad_choice")]);
    let mut form = complete_form(CommandKind::RecordHomeCheck);
    form.rigid_expenditure = "-1".into();
    assert_eq!(
        problem_keys(&form),
        vec![("rigid_expenditure", "command.bad_amount")]
    );
}

#[test]
fn member_vocabulary_codes_match_their_serde_names() {
    for relation in Relation::ALL {
        let json = serde_json::to_string(relation).expect("serialises");
        assert_eq!(json, format!("\"{}\"", relation.code()));
        assert_eq!(Relation::from_code(relation.code()), Some(*relation));
        assert!(!relation.label_zh().is_ascii());
    }
    for status in MemberStatus::ALL {
        let json = serde_json::to_string(status).expect("serialises");
        assert_eq!(json, format!("\"{}\"", status.code()));
        assert_eq!(MemberStatus::from_code(status.code()), Some(*status));
        assert!(!status.label_zh().is_ascii());
    }
}

#[test]
fn a_record_stored_before_the_new_fields_still_reads() {
    let json = r#"{"date":"2025-03-05","visitors":["李四"],
        "members":[{"name":"张三","labour":"full","annual_income":730050}],
        "guarantees":{"food":true,"clothing":true,"compulsory_education":true,
          "basic_medical":true,"housing_safety":true,"drinking_water":true},
        "consent_signed":true}"#;
    let record: HomeCheckRecord = serde_json::from_str(json).expect("deserialises");
    assert_eq!(record.rigid_expenditure, Fen::ZERO);
    assert_eq!(record.members[0].relation, Relation::Other);
    assert_eq!(record.members[0].id_number, None);
    assert_eq!(record.members[0].status, MemberStatus::Other);
    assert_eq!(record.per_capita_net_income(), record.per_capita_income());
}

#[test]
fn per_capita_net_income_takes_off_rigid_expenditure() {
    let record = home_check();
    assert_eq!(record.per_capita_income(), Some(Fen::from_fen(365_025)));
    assert_eq!(record.per_capita_net_income(), Some(Fen::from_fen(215_025)));
    let broke = HomeCheckRecord {
        rigid_expenditure: Fen::from_fen(1_000_000),
        ..home_check()
    };
    assert_eq!(broke.per_capita_net_income(), Some(Fen::from_fen(-134_975)));
}

#[test]
fn a_problem_repeated_across_rows_is_reported_once() {
    let mut form = complete_form(CommandKind::RecordHomeCheck);
    for member in &mut form.members {
        member.income = "x".into();
    }
    form.members[0].labour = String::new();
    assert_eq!(
        problem_keys(&form),
        vec![
            ("members", "command.missing"),
            ("members", "command.bad_amount")
        ]
    );
}

#[test]
fn visitors_split_on_chinese_and_ascii_separators() {
    let form = CommandForm {
        visitors: " 李四、王五，赵六,钱七\u{3000}孙八  李四 ".into(),
        ..complete_form(CommandKind::RecordHomeCheck)
    };
    match parse_command(&form) {
        Ok(CaseCommand::RecordHomeCheck { record }) => {
            assert_eq!(record.visitors, ["李四", "王五", "赵六", "钱七", "孙八"]);
        }
        other => panic!("{other:?}"),
    }
    let only_separators = CommandForm {
        visitors: "、 ，,".into(),
        ..complete_form(CommandKind::RecordHomeCheck)
    };
    assert_eq!(
        problem_keys(&only_separators),
        vec![("visitors", "command.missing")]
    );
}

#[test]
fn measures_get_their_lead_department_and_start_planned() {
    match parse_command(&complete_form(CommandKind::AddPlan)) {
        Ok(CaseCommand::AddPlan { measures }) => {
            assert_eq!(measures[0].lead_department, "医保局");
            assert!(measures.iter().all(|m| m.status == MeasureStatus::Planned));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn text_fields_are_trimmed() {
    let form = CommandForm {
        person: "  赵六\n".into(),
        ..complete_form(CommandKind::AssignResponsible)
    };
    assert_eq!(
        parse_command(&form),
        Ok(CaseCommand::AssignResponsible {
            person: "赵六".into()
        })
    );
}

#[test]
fn a_form_deserialises_with_missing_fields_defaulted() {
    let json = r#"{"kind":"record_home_check","members":[{"name":"张三","income":"100"}]}"#;
    let form: CommandForm = serde_json::from_str(json).expect("deserialises");
    assert_eq!(form.members[0].labour, "");
    assert_eq!(form.date, "");
    let back: CommandForm =
        serde_json::from_str(&serde_json::to_string(&form).expect("serialises"))
            .expect("deserialises");
    assert_eq!(back, form);
}

fn any_form() -> impl Strategy<Value = CommandForm> {
    let kind = prop_oneof![
        proptest::sample::select(CommandKind::ALL.to_vec()).prop_map(|k| k.code().to_owned()),
        ".{0,8}",
    ];
    let text = || {
        prop_oneof![
            Just(String::new()),
            ".{0,12}",
            "[0-9-]{0,12}",
            "[a-z_]{0,20}"
        ]
    };
    let member = (text(), text(), text(), text(), text(), text()).prop_map(
        |(name, labour, income, relation, id_number, status)| MemberForm {
            name,
            labour,
            income,
            relation,
            id_number,
            status,
        },
    );
    let measure =
        (text(), text(), text(), text()).prop_map(|(measure_type, amount, start, end)| {
            MeasureForm {
                measure_type,
                amount,
                start,
                end,
            }
        });
    (
        (kind, text(), text(), text(), text(), text()),
        (text(), text(), text(), text(), text(), text()),
        (
            proptest::collection::vec(member, 0..3),
            proptest::collection::vec(text(), 0..3),
            proptest::collection::vec(measure, 0..3),
            proptest::collection::vec(text(), 0..3),
        ),
        (text(), text(), text(), text(), text(), text()),
    )
        .prop_map(
            |(
                (kind, reason, note, text, person, date),
                (approve, outcome, decision, category, tier, visitors),
                (members, guarantees, measures, checklist),
                (consent_signed, index, status, clock, days, rigid_expenditure),
            )| CommandForm {
                kind,
                reason,
                note,
                text,
                person,
                date,
                approve,
                outcome,
                decision,
                category,
                tier,
                visitors,
                members,
                rigid_expenditure,
                guarantees,
                consent_signed,
                measures,
                index,
                status,
                checklist,
                clock,
                days,
                duplicate_override: String::new(),
                hits: Vec::new(),
                formerly_poor: String::new(),
            },
        )
}

proptest! {
    #[test]
    fn any_form_parses_to_its_kind_or_names_only_fields_the_form_shows(form in any_form()) {
        match (parse_command(&form), CommandKind::from_code(form.kind.trim())) {
            (Ok(command), Some(kind)) => prop_assert_eq!(command.kind(), kind),
            (Ok(command), None) => prop_assert!(false, "parsed {:?} without a kind", command),
            (Err(problems), kind) => {
                prop_assert!(!problems.is_empty());
                for (field, _) in problems {
                    let shown = kind.is_some_and(|k| form_fields(k).contains(&field));
                    prop_assert!(field == "kind" || shown, "{} for {:?}", field, kind);
                }
            }
        }
    }
}
