//! Any form, however garbled, parses to its kind or names only fields the form shows.
use proptest::prelude::*;

use super::super::*;
use super::fixtures::today;

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
        (kind, text(), text(), text(), text(), text(), text()),
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
                (kind, reason, note, text, person, date, mobile),
                (approve, outcome, decision, category, tier, visitors),
                (members, guarantees, measures, checklist),
                (consent_signed, index, status, clock, days, rigid_expenditure),
            )| CommandForm {
                kind,
                reason,
                note,
                text,
                person,
                mobile,
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
                previous_income: String::new(),
                removal_kind: String::new(),
                approval_date: String::new(),
            },
        )
}

proptest! {
    #[test]
    fn any_form_parses_to_its_kind_or_names_only_fields_the_form_shows(form in any_form()) {
        match (parse_command(&form, today()), CommandKind::from_code(form.kind.trim())) {
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
