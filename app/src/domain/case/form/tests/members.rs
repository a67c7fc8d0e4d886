//! Member rows of the home-check form: blank rows, relations, ID numbers and statuses.
use super::*;

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
    assert!(parse_command(&form, today()).is_ok());
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
        parse_command(&form, today()),
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
    assert_eq!(problem_keys(&form), vec![("members", "command.bad_choice")]);
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
