//! A policy version holds only what the administrator changed; each version's rules are the
//! version before it with those changes, worked out again whenever a version is saved or
//! withdrawn. A version that kept a copy of every field brought a withdrawn change back: the
//! income line withdrawn from January still rose in March, with the March version saved only
//! for the notice days (officer tester).
use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::{policy_form::PolicyForm, Policy};
use crate::domain::report::FieldProblem;

/// The form fields a version changes, by name, as the form writes them.
pub type PolicyChanges = BTreeMap<String, String>;

/// Every field of `policy` as the form writes it, the date left out (a version saved whole,
/// before versions kept their changes, changes them all).
pub fn fields(policy: &Policy, day: NaiveDate) -> PolicyChanges {
    match serde_json::to_value(PolicyForm::of(policy, day)) {
        Ok(serde_json::Value::Object(map)) => map
            .into_iter()
            .filter(|(name, _)| name != "effective_from")
            .filter_map(|(name, value)| Some((name, value.as_str()?.to_owned())))
            .collect(),
        _ => PolicyChanges::new(),
    }
}

/// What a version saved as `submitted` changes: the fields not as the form `shown` them, or
/// every field when the administrator asked for all to be saved as typed (`every`).
pub fn changed(shown: &Policy, submitted: &Policy, day: NaiveDate, every: bool) -> PolicyChanges {
    let shown = fields(shown, day);
    fields(submitted, day)
        .into_iter()
        .filter(|(name, value)| every || shown.get(name) != Some(value))
        .collect()
}

/// A version saved again for its day keeps what it changed before, with this save's changes
/// over them: the form shows today's rules, so a field left as shown is no change to it.
pub fn merged(earlier: PolicyChanges, now: PolicyChanges) -> PolicyChanges {
    let mut all = earlier;
    all.extend(now);
    all
}

/// The rules of a version: `before` (the rules the day before it) with its `changes`.
pub fn apply(
    before: &Policy,
    changes: &PolicyChanges,
    day: NaiveDate,
) -> Result<Policy, Vec<FieldProblem>> {
    let mut all = fields(before, day);
    all.extend(changes.iter().map(|(k, v)| (k.clone(), v.clone())));
    let mut map: serde_json::Map<String, serde_json::Value> = all
        .into_iter()
        .map(|(k, v)| (k, serde_json::Value::String(v)))
        .collect();
    map.insert(
        "effective_from".to_owned(),
        serde_json::Value::String(day.to_string()),
    );
    let form: PolicyForm = serde_json::from_value(serde_json::Value::Object(map))
        .map_err(|_| Vec::<FieldProblem>::new())?;
    form.parse(before).map(|(_, policy)| policy)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{clock::Span, money::Fen};

    fn day(month: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, month, 1).expect("day")
    }

    /// The tester's three steps: January raises the line, March changes the notice days, and
    /// January is withdrawn: March, worked out again, changes only the notice days.
    #[test]
    fn a_version_carries_only_its_own_change_so_a_withdrawn_one_is_gone() {
        let today = Policy::national_default();
        let mut january = today.clone();
        january.income_line = Fen::from_fen(760_000);
        let mut march_typed = today.clone();
        march_typed.notice_min = Span::CalendarDays(7);

        let jan = changed(&today, &january, day(1), false);
        assert_eq!(jan.keys().collect::<Vec<_>>(), ["income_line"]);
        let mar = changed(&today, &march_typed, day(3), false);
        assert_eq!(mar.keys().collect::<Vec<_>>(), ["notice_min_days"]);

        let january_rules = apply(&today, &jan, day(1)).expect("applies");
        let march = apply(&january_rules, &mar, day(3)).expect("applies");
        assert_eq!(
            march.income_line,
            Fen::from_fen(760_000),
            "January's line carried"
        );
        assert_eq!(march.notice_min, Span::CalendarDays(7));

        let march_alone = apply(&today, &mar, day(3)).expect("applies");
        assert_eq!(
            march_alone.income_line, today.income_line,
            "withdrawn: gone"
        );
        assert_eq!(march_alone.notice_min, Span::CalendarDays(7));
    }

    #[test]
    fn nothing_changed_is_no_change_unless_every_field_is_asked_for() {
        let today = Policy::national_default();
        assert!(changed(&today, &today, day(5), false).is_empty());
        let every = changed(&today, &today, day(5), true);
        assert!(every.contains_key("income_line") && !every.contains_key("effective_from"));
        // Every field fixed: a later change before it no longer reaches past it.
        let mut raised = today.clone();
        raised.income_line = Fen::from_fen(760_000);
        assert_eq!(
            apply(&raised, &every, day(5)).expect("applies"),
            today,
            "pinned to what was typed"
        );
    }
}
