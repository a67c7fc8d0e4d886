//! Member rows of the home-check form: blank rows, relations, ID numbers and statuses.
use super::*;
use crate::domain::member_field::MemberPart;

#[test]
fn blank_rows_are_ignored_and_all_blank_rows_mean_none() {
    let mut form = complete_form(CommandKind::RecordHomeCheck);
    // Only a status (the form's own default) on a row without a name: a blank row.
    form.members.push(MemberForm {
        name: "  ".into(),
        status: "other".into(),
        ..MemberForm::default()
    });
    assert!(parse_command(&form, today()).is_ok());
    form.members = vec![MemberForm::default(); 3];
    assert_eq!(problem_keys(&form), vec![("members", "command.no_members")]);

    let mut form = complete_form(CommandKind::AddPlan);
    // A row left at 不填 with the form's own 0 and start date.
    form.measures.insert(
        0,
        MeasureForm {
            amount: "0".into(),
            start: "2026-03-01".into(),
            ..MeasureForm::default()
        },
    );
    assert_eq!(
        parse_command(&form, today()),
        Ok(complete_command(CommandKind::AddPlan))
    );
    form.measures = vec![MeasureForm::default()];
    assert_eq!(
        problem_keys(&form),
        vec![("measures", "command.no_measures")]
    );
}

/// A row with something typed in it is never dropped without a word: a member without a
/// name, a measure without a type.
#[test]
fn a_row_with_something_typed_but_no_name_or_type_is_told() {
    let mut form = complete_form(CommandKind::RecordHomeCheck);
    form.members.push(MemberForm {
        income: "500".into(),
        id_number: "12345".into(),
        ..MemberForm::default()
    });
    let problems = parse_command(&form, today()).expect_err("refused");
    assert_eq!(problems.len(), 1, "{problems:?}");
    let (field, message) = &problems[0];
    assert_eq!((*field, message.key()), ("members", "command.name_missing"));
    let member = message.member.expect("about a member");
    assert_eq!(
        (member.row, member.part),
        (form.members.len() - 1, MemberPart::Name)
    );

    let mut form = complete_form(CommandKind::AddPlan);
    form.measures.push(MeasureForm {
        amount: "500".into(),
        ..MeasureForm::default()
    });
    assert_eq!(
        problem_keys(&form),
        vec![("measures", "command.measure_type_missing")]
    );
}

#[test]
fn one_head_of_household_and_incomes_a_real_household_could_have() {
    let mut form = complete_form(CommandKind::RecordHomeCheck);
    form.members[1].relation = "head".into();
    let problems = parse_command(&form, today()).expect_err("refused");
    let second = problems[0].1.member.expect("about a member");
    assert_eq!(problems[0].1.key(), "command.second_head");
    assert_eq!((second.row, second.part), (1, MemberPart::Relation));

    let mut form = complete_form(CommandKind::RecordHomeCheck);
    form.members[0].income = "99999999999".into();
    assert_eq!(
        problem_keys(&form),
        vec![("members", "command.income_implausible")]
    );
    form.members[0].income = "1,000,000".into();
    assert!(
        parse_command(&form, today()).is_ok(),
        "the limit itself is allowed"
    );
}

#[test]
fn member_relation_id_and_status_are_optional_but_checked() {
    let mut form = complete_form(CommandKind::RecordHomeCheck);
    for member in &mut form.members {
        member.id_number.clear();
        member.status.clear();
    }
    form.members[0].relation.clear();
    form.members[1].relation = "other".into();
    form.rigid_expenditure.clear();
    match parse_command(&form, today()) {
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
    // Each member's problem is its own: both are reported.
    assert_eq!(
        problem_keys(&form),
        vec![("members", "command.bad_choice"); 2]
    );
    let mut form = complete_form(CommandKind::RecordHomeCheck);
    form.rigid_expenditure = "-1".into();
    assert_eq!(
        problem_keys(&form),
        vec![("rigid_expenditure", "command.bad_amount")]
    );
}

/// Only the first member may leave the relation unchosen; every later named member must
/// choose one (the form shows them an empty "请选择"), and the refusal says so.
#[test]
fn a_later_member_must_choose_a_relation() {
    type Row = (
        &'static str,
        &'static str,
        &'static str,
        Option<&'static str>,
    );
    let rows: &[Row] = &[
        ("head", "child", "", None),
        ("", "spouse", "", None),
        ("head", "", "", Some("command.relation_missing")),
        ("head", "  ", "", Some("command.relation_missing")),
        ("head", "child", "cousin", Some("command.bad_choice")),
    ];
    for (first, second, third, problem) in rows {
        let mut form = complete_form(CommandKind::RecordHomeCheck);
        let mut extra = form.members[1].clone();
        extra.name = "张小三".into();
        extra.relation = (*third).into();
        form.members[0].relation = (*first).into();
        form.members[1].relation = (*second).into();
        if !third.is_empty() {
            form.members.push(extra);
        }
        match problem {
            None => assert!(
                parse_command(&form, today()).is_ok(),
                "{first:?} {second:?}"
            ),
            Some(key) => assert_eq!(
                problem_keys(&form),
                vec![("members", *key)],
                "{second:?} {third:?}"
            ),
        }
    }
    // An unnamed row is not a member: its relation does not matter.
    let mut form = complete_form(CommandKind::RecordHomeCheck);
    form.members.push(MemberForm::default());
    assert!(parse_command(&form, today()).is_ok());
    assert!(!CommandFieldError::RelationMissing.zh().is_empty());
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

/// A tester could not tell whose income was wrong: the message names the member row
/// (numbered as the form titles the row) and the field, in both languages.
#[test]
fn a_members_problem_names_the_member_and_the_field() {
    use crate::domain::lang::Lang;
    let mut form = complete_form(CommandKind::RecordHomeCheck);
    assert!(form.members.len() >= 2, "the fixture has two members");
    let cases = [
        (
            "",
            "第2位成员（年收入）：请填写此项",
            "Member 2 (yearly income): This field is required",
        ),
        (
            "7.300",
            "第2位成员（年收入）：金额格式不正确：以元为单位，最多两位小数，不能为负数，例如：7300 或 7,300.50",
            "Member 2 (yearly income): Not a valid amount: yuan with at most two decimals, not negative, e.g. 7300 or 7,300.50",
        ),
    ];
    for (income, zh, en) in cases {
        form.members[1].income = income.into();
        let problems = parse_command(&form, today()).expect_err("refused");
        let words: Vec<(&str, String, String)> = problems
            .iter()
            .map(|(field, m)| (*field, m.words(Lang::Zh), m.words(Lang::En)))
            .collect();
        assert_eq!(words, vec![("members", zh.to_owned(), en.to_owned())]);
    }
}
