//! A policy version saved for a later day keeps what earlier saved versions set for that day.
//! The form is filled from the rules in force today, so a field the administrator left as
//! shown would otherwise write today's value over a change already scheduled before it (an
//! income line raised from 1 January was set back by a March version that changed only the
//! red-tier visits: officer tester).
use chrono::NaiveDate;

use super::{policy_form::PolicyForm, Policy};

/// `submitted`, with each field still as today's form showed it taken from `on_day` (the
/// version in force on the new version's day, scheduled ones included).
pub fn carry_forward(
    today: &Policy,
    on_day: &Policy,
    submitted: &Policy,
    day: NaiveDate,
) -> Policy {
    let fields = |p: &Policy| match serde_json::to_value(PolicyForm::of(p, day)) {
        Ok(serde_json::Value::Object(map)) => map,
        _ => serde_json::Map::new(),
    };
    let (shown, earlier, mut merged) = (fields(today), fields(on_day), fields(submitted));
    for (key, value) in merged.iter_mut() {
        if shown.get(key) == Some(value) {
            if let Some(kept) = earlier.get(key) {
                *value = kept.clone();
            }
        }
    }
    serde_json::from_value::<PolicyForm>(serde_json::Value::Object(merged))
        .ok()
        .and_then(|form| form.parse(on_day).ok())
        .map_or_else(|| submitted.clone(), |(_, policy)| policy)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{clock::Span, money::Fen};

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, 3, 1).expect("day")
    }

    #[test]
    fn a_field_left_as_shown_keeps_the_earlier_scheduled_value() {
        let today = Policy::national_default();
        let mut january = today.clone();
        january.income_line = Fen::from_fen(760_000);
        let mut march = today.clone();
        march.visit_red = Span::CalendarDays(10);
        let saved = carry_forward(&today, &january, &march, day());
        assert_eq!(saved.income_line, Fen::from_fen(760_000), "kept");
        assert_eq!(saved.visit_red, Span::CalendarDays(10), "the change made");
    }

    #[test]
    fn a_field_changed_on_the_form_wins_and_nothing_scheduled_changes_nothing() {
        let today = Policy::national_default();
        let mut january = today.clone();
        january.income_line = Fen::from_fen(760_000);
        let mut march = today.clone();
        march.income_line = Fen::from_fen(780_000);
        let saved = carry_forward(&today, &january, &march, day());
        assert_eq!(saved.income_line, Fen::from_fen(780_000));
        assert_eq!(carry_forward(&today, &today, &march, day()), march);
    }
}
