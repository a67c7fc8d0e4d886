//! Tests of `form`.
use super::*;

use crate::domain::money::Fen;

use super::super::state::{
    EliminationChecklist, Guarantees, MeasureStatus, MemberStatus, Relation,
};
use crate::domain::message::tests::assert_messages_are_well_formed;
use crate::domain::message::UserMessage;

mod birth_dates;
mod fixtures;
mod guarantees;
mod measures;
mod members;
mod prefill;
mod props;
mod responsible;
mod texts;

use fixtures::*;

#[test]
fn command_kind_codes_match_the_serde_names_and_parse_back() {
    for kind in CommandKind::ALL {
        let json = serde_json::to_string(&kind).expect("serialises");
        assert_eq!(json, format!("\"{}\"", kind.code()));
        assert_eq!(CommandKind::from_code(kind.code()), Some(kind));
        assert!(!kind.label_zh().is_empty() && !kind.label_zh().is_ascii());
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
    for code in GUARANTEE_ITEMS {
        assert_eq!(all[code], serde_json::Value::Bool(true), "{code}");
    }
    let met = serde_json::to_value(EliminationChecklist::ALL_MET).expect("serialises");
    for code in CHECKLIST_ITEMS {
        assert_eq!(met[code], serde_json::Value::Bool(true), "{code}");
    }
    for code in MEASURE_STATUS_ITEMS {
        let status = MeasureStatus::from_code(code).expect("known status");
        let json = serde_json::to_string(&status).expect("serialises");
        assert_eq!(json, format!("\"{code}\""));
    }
}

#[test]
fn every_kind_parses_from_a_complete_form() {
    for kind in CommandKind::ALL {
        let command = parse_command(&complete_form(kind), today())
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
        assert_eq!(
            parse_command(&form_for(&command), today()),
            Ok(command.clone())
        );
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
            ("guarantees", "command.guarantee_unanswered"),
            ("consent_signed", "command.consent_missing"),
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
    for bad in [
        "2025/03/05",
        "05-03-2025",
        "tomorrow",
        "+002026-12-10",
        "2026-3-5",
    ] {
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
        parse_command(&form, today()),
        Ok(CaseCommand::StartNotice {
            from: day(2025, 3, 5)
        })
    );
}

#[test]
fn a_date_after_today_is_told_with_the_other_problems() {
    let tomorrow = (today() + chrono::Duration::days(1)).to_string();
    let mut form = complete_form(CommandKind::RecordHomeCheck);
    form.date = tomorrow.clone();
    form.visitors = String::new();
    assert_eq!(
        problem_keys(&form),
        vec![
            ("date", "command.future_date"),
            ("visitors", "command.missing")
        ]
    );
    for kind in [CommandKind::LogVisit, CommandKind::HoldVillageReview] {
        let form = CommandForm {
            date: tomorrow.clone(),
            ..complete_form(kind)
        };
        assert_eq!(
            problem_keys(&form),
            vec![("date", "command.future_date")],
            "{kind:?}"
        );
    }
    // A campaign's visits are due by a day to come.
    let form = CommandForm {
        date: tomorrow,
        ..complete_form(CommandKind::StartCampaign)
    };
    assert!(parse_command(&form, today()).is_ok());
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
    match parse_command(&form, today()) {
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
fn an_extension_longer_than_the_limit_is_refused_not_cut_down() {
    use crate::{domain::clock::MAX_EXTENSION_WORKING_DAYS as MAX, tr::Lang};
    let form = |days: u32| CommandForm {
        days: days.to_string(),
        ..complete_form(CommandKind::RequestExtension)
    };
    assert!(parse_command(&form(MAX), today()).is_ok());
    for days in [MAX + 1, 999, u32::MAX] {
        assert_eq!(
            problem_keys(&form(days)),
            vec![("days", "command.too_many_days")],
            "{days}"
        );
    }
    // The message names the limit the form enforces.
    assert!(CommandFieldError::TooManyDays
        .text(Lang::Zh)
        .contains(&MAX.to_string()));
}

#[test]
fn numbers_must_be_whole_and_days_positive() {
    for (bad, key) in [
        ("0", "command.too_few_days"),
        ("-1", "command.too_few_days"),
        ("2.5", "command.bad_number"),
        ("five", "command.bad_number"),
        ("99999999999", "command.too_many_days"),
    ] {
        let form = CommandForm {
            days: bad.into(),
            ..complete_form(CommandKind::RequestExtension)
        };
        assert_eq!(problem_keys(&form), vec![("days", key)], "{bad}");
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
        parse_command(&form, today()),
        Ok(CaseCommand::UpdateMeasureStatus {
            index: 0,
            status: MeasureStatus::InProgress
        })
    );
    // "Its next stage", the form's default, leaves the status to the measure picked.
    let form = CommandForm {
        index: "1".into(),
        status: NEXT_MEASURE_STATUS.into(),
        ..complete_form(CommandKind::UpdateMeasureStatus)
    };
    assert_eq!(
        parse_command(&form, today()),
        Ok(CaseCommand::AdvanceMeasure { index: 1 })
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
    assert!(parse_command(&pass_without_reason, today()).is_ok());

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
        parse_command(&approve_without_note, today()),
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
    assert!(parse_command(&eliminate, today()).is_ok());
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

/// Every problem of every member, each naming its row: the officer fixes them all at once.
#[test]
fn every_problem_of_every_member_is_reported() {
    let mut form = complete_form(CommandKind::RecordHomeCheck);
    for member in &mut form.members {
        member.income = "x".into();
    }
    form.members[0].labour = String::new();
    assert_eq!(
        problem_keys(&form),
        vec![
            ("members", "command.not_chosen"),
            ("members", "command.bad_amount"),
            ("members", "command.bad_amount")
        ]
    );
    let problems = parse_command(&form, today()).expect_err("refused");
    let rows: Vec<(usize, usize)> = problems
        .iter()
        .filter_map(|(_, m)| m.member.map(|m| (m.position, m.row)))
        .collect();
    assert_eq!(rows, vec![(1, 0), (1, 0), (2, 1)]);
}

#[test]
fn measures_get_their_lead_department_and_start_planned() {
    match parse_command(&complete_form(CommandKind::AddPlan), today()) {
        Ok(CaseCommand::AddPlan { measures }) => {
            assert_eq!(measures[0].lead_department, "医保局");
            assert!(measures.iter().all(|m| m.status == MeasureStatus::Planned));
        }
        other => panic!("{other:?}"),
    }
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

#[test]
fn incomes_beyond_any_real_one_are_a_field_error_not_a_wrap() {
    let mut form = complete_form(CommandKind::RecordHomeCheck);
    assert!(form.members.len() >= 2);
    for member in &mut form.members {
        // Each fits in fen on its own; together they do not.
        member.income = "90000000000000000".into();
    }
    let problems = parse_command(&form, today()).expect_err("refused");
    assert_eq!(
        problems
            .iter()
            .map(|(field, m)| (*field, m.key()))
            .collect::<Vec<_>>(),
        vec![
            ("members", "command.income_implausible"),
            ("members", "command.income_implausible")
        ]
    );
}

#[test]
fn per_capita_income_of_huge_incomes_neither_wraps_nor_panics() {
    let mut record = home_check();
    for member in &mut record.members {
        member.annual_income = Fen::from_fen(i64::MAX);
    }
    assert_eq!(record.per_capita_income(), Some(Fen::from_fen(i64::MAX)));
    record.rigid_expenditure = Fen::from_fen(i64::MAX);
    assert!(record.per_capita_net_income().expect("members").fen() >= 0);
}

/// The home-check form pre-selects no labour capacity, so a named member left unanswered is
/// refused rather than recorded as able to work.
#[test]
fn a_named_member_without_a_labour_capacity_is_refused() {
    let mut form = complete_form(CommandKind::RecordHomeCheck);
    form.members[0].labour = String::new();
    assert_eq!(problem_fields(&form), ["members"]);
}

#[test]
fn a_date_box_shows_only_what_a_date_picker_can() {
    use super::date_box_shows;
    for shown in ["", "2026-12-01"] {
        assert!(date_box_shows(shown), "{shown}");
    }
    for slip in [
        "2026/12/1",
        "2026-1-5",
        " 2026-12-01",
        "+002026-12-10",
        "明天",
        "2026-02-30",
    ] {
        assert!(!date_box_shows(slip), "{slip}");
    }
}

#[test]
fn a_day_that_does_not_exist_is_told_apart_from_a_bad_format() {
    use super::fields::parse_date;
    for no_such in ["2026-11-31", "2027-02-29", "2026-13-01"] {
        assert_eq!(
            parse_date(no_such),
            Err(CommandFieldError::NoSuchDay),
            "{no_such}"
        );
    }
    for bad in ["2026/11/30", "2026-1-5", "+002026-12-10", "2026-11-3x"] {
        assert_eq!(parse_date(bad), Err(CommandFieldError::BadDate), "{bad}");
    }
    assert!(parse_date("2028-02-29").is_ok());
}
