//! A re-check's form starts from the last home check, and keeps its ID numbers unseen.
use super::*;
use crate::domain::case::form::prefill::home_check_pairs;
use crate::domain::id_number::IdNumber;

/// The form a browser would post from `pairs` (names as the page writes them), with what a
/// re-check adds itself: who visited and the signed consent.
fn posted(pairs: &[(String, String)]) -> CommandForm {
    let mut form = CommandForm {
        kind: "record_home_check".into(),
        visitors: "李四".into(),
        consent_signed: "on".into(),
        ..CommandForm::default()
    };
    for (name, value) in pairs {
        let key = name
            .strip_prefix("form[")
            .and_then(|n| n.strip_suffix(']'))
            .unwrap_or_else(|| panic!("{name}"));
        let value = value.clone();
        match key.split("][").collect::<Vec<_>>().as_slice() {
            ["date"] => form.date = value,
            ["rigid_expenditure"] => form.rigid_expenditure = value,
            ["previous_income"] => form.previous_income = value,
            ["formerly_poor"] => form.formerly_poor = value,
            ["guarantees", _] => form.guarantees.push(value),
            ["members", i, part] => {
                let i: usize = i.parse().expect("index");
                form.members
                    .resize(form.members.len().max(i + 1), MemberForm::default());
                let m = &mut form.members[i];
                match *part {
                    "name" => m.name = value,
                    "relation" => m.relation = value,
                    "labour" => m.labour = value,
                    "status" => m.status = value,
                    "income" => m.income = value,
                    other => panic!("{other}"),
                }
            }
            other => panic!("{other:?}"),
        }
    }
    form
}

#[test]
fn a_recheck_sent_as_prefilled_records_the_last_check_again_ids_kept() {
    let last = home_check();
    let pairs = home_check_pairs(&last, today());
    assert!(
        pairs.iter().all(|(name, _)| !name.contains("id_number")
            && !name.contains("consent")
            && !name.contains("visitors")),
        "{pairs:?}"
    );
    let Ok(CaseCommand::RecordHomeCheck { record }) = parse_command(&posted(&pairs), today())
    else {
        panic!("parses")
    };
    assert_eq!(record.members[0].id_number, None, "the page never held it");
    let kept = record.keeping_ids_of(&last);
    assert_eq!(
        kept,
        HomeCheckRecord {
            date: today(),
            visitors: vec!["李四".into()],
            ..last
        }
    );
}

#[test]
fn an_id_is_kept_only_for_one_member_of_that_name_and_never_over_a_typed_one() {
    let last = home_check();
    let mut twice = last.clone();
    twice.members[1].name = "张三".into();
    let mut recheck = home_check();
    recheck.members[0].id_number = None;
    assert_eq!(
        recheck.clone().keeping_ids_of(&twice).members[0].id_number,
        None,
        "two of that name: not guessed"
    );
    let typed = IdNumber::parse("11010519491231002X").expect("id");
    recheck.members[0].id_number = Some(typed.clone());
    assert_eq!(
        recheck.keeping_ids_of(&last).members[0].id_number,
        Some(typed),
        "what was typed stands"
    );
}
