//! Readers for single form fields: each returns the value or the reason it cannot be read.

use chrono::NaiveDate;

use crate::domain::id_number::{IdNumber, IdNumberError};
use crate::domain::measure_field::{MeasureField, MeasurePart};
use crate::domain::member_field::{MemberField, MemberPart};
use crate::domain::mobile::MobileNumber;
use crate::domain::money::{Fen, MoneyError};

use super::super::command::CommandKind;
use super::super::state::{
    EliminationChecklist, Guarantees, Measure, MeasureStatus, Member, MemberStatus, Relation,
};
use super::{
    CommandFieldError, MeasureForm, MemberForm, Parsed, Problems, GUARANTEE_ITEMS, GUARANTEE_NO,
    MEASURE_AMOUNT_MAX_YUAN, MEMBER_INCOME_MAX_YUAN,
};
use crate::domain::vocab::{LabourCapacity, MeasureType};

pub(super) fn parse_kind(raw: &str) -> Parsed<CommandKind> {
    match raw.trim() {
        "" => Err(CommandFieldError::Missing),
        code => CommandKind::from_code(code).ok_or(CommandFieldError::UnknownKind),
    }
}

/// A trimmed, non-blank text.
pub(super) fn required(raw: &str) -> Parsed<String> {
    match raw.trim() {
        "" => Err(CommandFieldError::Missing),
        text => Ok(text.to_owned()),
    }
}

/// The 帮扶责任人's name: required, and without a phone number (it has its own field).
pub(super) fn responsible_name(raw: &str) -> Parsed<String> {
    let name = required(raw)?;
    match crate::domain::responsible::split_name_and_phone(&name) {
        (_, Some(_)) => Err(CommandFieldError::PhoneInName),
        (_, None) => Ok(name),
    }
}

/// A mobile number, parsed once by [`MobileNumber`] (full-width digits and spaces accepted).
pub(super) fn parse_mobile(raw: &str) -> Parsed<MobileNumber> {
    match raw.trim() {
        "" => Err(CommandFieldError::Missing),
        text => MobileNumber::parse(text).map_err(|_| CommandFieldError::BadMobile),
    }
}

/// `YYYY-MM-DD`, exactly (chrono alone also read `+002026-12-10`: attacker tester); whether
/// the date is allowed is the engine's call.
pub(super) fn parse_date(raw: &str) -> Parsed<NaiveDate> {
    use crate::domain::time::{iso_date_shaped, parse_iso_date};
    match raw.trim() {
        "" => Err(CommandFieldError::Missing),
        text if !iso_date_shaped(text) => Err(CommandFieldError::BadDate),
        text => parse_iso_date(text).ok_or(CommandFieldError::NoSuchDay),
    }
}

/// Whether a date box can show `raw` as typed: a browser's date picker shows a value only as
/// `YYYY-MM-DD` and drops anything else, so a slip typed where there is no picker
/// ("2026/12/1") came back as an empty box beside its error (officer tester).
pub fn date_box_shows(raw: &str) -> bool {
    raw.is_empty() || (raw == raw.trim() && parse_date(raw).is_ok())
}

/// The day something was done: not after `today`, told with the form's other problems (the
/// engine checks it too, but only once the form parses).
pub(super) fn parse_past_date(raw: &str, today: NaiveDate) -> Parsed<NaiveDate> {
    parse_date(raw).and_then(|d| {
        if d > today {
            Err(CommandFieldError::FutureDate)
        } else {
            Ok(d)
        }
    })
}

/// One of `options`, returned as the matching option. None chosen is asked to choose, not to
/// "fill in" (tester: 请填写此项 under a pair of radio buttons).
pub(super) fn choice(raw: &str, options: &[&'static str]) -> Parsed<&'static str> {
    match raw.trim() {
        "" => Err(CommandFieldError::NotChosen),
        text => options
            .iter()
            .copied()
            .find(|option| *option == text)
            .ok_or(CommandFieldError::BadChoice),
    }
}

pub(super) fn parse_yes_no(raw: &str) -> Parsed<bool> {
    choice(raw, &["yes", "no"]).map(|answer| answer == "yes")
}

/// A required vocabulary code.
pub(super) fn vocab<T>(raw: &str, from_code: fn(&str) -> Option<T>) -> Parsed<T> {
    match raw.trim() {
        "" => Err(CommandFieldError::NotChosen),
        code => from_code(code).ok_or(CommandFieldError::BadChoice),
    }
}

/// An optional vocabulary code: blank means none.
pub(super) fn optional_vocab<T>(raw: &str, from_code: fn(&str) -> Option<T>) -> Parsed<Option<T>> {
    match raw.trim() {
        "" => Ok(None),
        code => from_code(code)
            .map(Some)
            .ok_or(CommandFieldError::BadChoice),
    }
}

pub(super) fn parse_number<T: std::str::FromStr>(raw: &str) -> Parsed<T> {
    match raw.trim() {
        "" => Err(CommandFieldError::Missing),
        text => text.parse().map_err(|_| CommandFieldError::BadNumber),
    }
}

/// A positive number of days; 0 or a negative number is told it is too few, not "not a number".
pub(super) fn parse_days(raw: &str) -> Parsed<u32> {
    match parse_number::<i64>(raw)? {
        days if days < 1 => Err(CommandFieldError::TooFewDays),
        days => match u32::try_from(days) {
            Ok(days) if days <= crate::domain::clock::MAX_EXTENSION_WORKING_DAYS => Ok(days),
            _ => Err(CommandFieldError::TooManyDays),
        },
    }
}

pub(super) fn parse_amount(raw: &str) -> Parsed<Fen> {
    Fen::parse_yuan(raw).map_err(|e| match e {
        MoneyError::Empty => CommandFieldError::Missing,
        MoneyError::InvalidNumber
        | MoneyError::TooManyDecimals
        | MoneyError::Negative
        | MoneyError::TooLarge => CommandFieldError::BadAmount,
    })
}

/// An amount that may be left empty, meaning zero.
pub(super) fn parse_optional_amount(raw: &str) -> Parsed<Fen> {
    if raw.trim().is_empty() {
        Ok(Fen::ZERO)
    } else {
        parse_amount(raw)
    }
}

/// A vocabulary code that may be left empty, meaning the default.
pub(super) fn vocab_or_default<T: Default>(
    raw: &str,
    from_code: fn(&str) -> Option<T>,
) -> Parsed<T> {
    match raw.trim() {
        "" => Ok(T::default()),
        code => from_code(code).ok_or(CommandFieldError::BadChoice),
    }
}

/// An ID number that may be left empty.
/// A member's ID number, optional; a birth date after `today` is refused with its own reason.
pub(super) fn parse_optional_id(raw: &str, today: NaiveDate) -> Parsed<Option<IdNumber>> {
    match raw.trim() {
        "" => Ok(None),
        id => IdNumber::parse_on(id, today)
            .map(Some)
            .map_err(|e| match e {
                IdNumberError::BirthDateInFuture => CommandFieldError::FutureBirthDate,
                _ => CommandFieldError::BadIdNumber,
            }),
    }
}

/// Names split on `、`, `，`, `,` or white space; blanks dropped, duplicates merged.
pub(super) fn parse_visitors(raw: &str) -> Parsed<Vec<String>> {
    let mut names: Vec<String> = Vec::new();
    for name in raw.split(|c: char| matches!(c, '、' | '，' | ',') || c.is_whitespace()) {
        if !name.is_empty() && !names.iter().any(|n| n == name) {
            names.push(name.to_owned());
        }
    }
    if names.is_empty() {
        Err(CommandFieldError::Missing)
    } else {
        Ok(names)
    }
}

/// A member's yearly income: an amount, and not an extra zero away from any real one.
fn parse_member_income(raw: &str) -> Parsed<Fen> {
    parse_amount(raw).and_then(|fen| {
        if fen.fen() > MEMBER_INCOME_MAX_YUAN * 100 {
            Err(CommandFieldError::IncomeImplausible)
        } else {
            Ok(fen)
        }
    })
}

/// Named rows become members; their problems are reported under `members`, in the order of
/// the row's controls. A row with something typed in it but no name is not silently dropped.
pub(super) fn parse_members(
    rows: &[MemberForm],
    today: NaiveDate,
    p: &mut Problems,
) -> Option<Vec<Member>> {
    let mut members = Vec::new();
    let mut complete = true;
    let mut head_named = false;
    let mut named_before = 0;
    for (index, row) in rows.iter().enumerate() {
        let at = |part| MemberField {
            position: index + 1,
            row: index,
            part,
        };
        if row.name.trim().is_empty() {
            let typed = [&row.relation, &row.id_number, &row.labour, &row.income];
            if typed.iter().any(|t| !t.trim().is_empty()) {
                p.keep_member::<()>(at(MemberPart::Name), Err(CommandFieldError::NameMissing));
                complete = false;
            }
            continue;
        }
        // Only the first member may go without a chosen relation (the form pre-selects 户主
        // for them); for the others an unchosen relation would silently read as 户主 or 其他.
        let first = named_before == 0;
        named_before += 1;
        let relation = if !first && row.relation.trim().is_empty() {
            p.keep_member(
                at(MemberPart::Relation),
                Err(CommandFieldError::RelationMissing),
            )
        } else {
            p.keep_member(
                at(MemberPart::Relation),
                vocab_or_default(&row.relation, Relation::from_code),
            )
        };
        // One head of household: a second is told under its own relation.
        let relation = match relation {
            Some(Relation::Head) if head_named => {
                p.keep_member(at(MemberPart::Relation), Err(CommandFieldError::SecondHead))
            }
            other => other,
        };
        head_named |= relation == Some(Relation::Head);
        let id_number = p.keep_member(
            at(MemberPart::IdNumber),
            parse_optional_id(&row.id_number, today),
        );
        let labour = p.keep_member(
            at(MemberPart::Labour),
            vocab(&row.labour, LabourCapacity::from_code),
        );
        let status = p.keep_member(
            at(MemberPart::Status),
            vocab_or_default(&row.status, MemberStatus::from_code),
        );
        let income = p.keep_member(at(MemberPart::Income), parse_member_income(&row.income));
        match (labour, income, relation, id_number, status) {
            (Some(labour), Some(annual_income), Some(relation), Some(id_number), Some(status)) => {
                members.push(Member {
                    name: row.name.trim().to_owned(),
                    labour,
                    annual_income,
                    relation,
                    id_number,
                    status,
                })
            }
            _ => complete = false,
        }
    }
    if complete && members.is_empty() {
        p.push("members", CommandFieldError::NoMembers);
    }
    // The household total is what the monitoring line is compared with: it must add up.
    let total = Fen::checked_sum(members.iter().map(|m| m.annual_income));
    if total.is_none() {
        p.push("members", CommandFieldError::IncomeTotalTooLarge);
    }
    (complete && !members.is_empty() && total.is_some()).then_some(members)
}

/// Rows with a type become planned measures; their problems are reported under `measures`.
pub(super) fn parse_measures(
    rows: &[MeasureForm],
    today: NaiveDate,
    p: &mut Problems,
) -> Option<Vec<Measure>> {
    let mut measures = Vec::new();
    let mut complete = true;
    // Each problem names its measure by the title the form gives the row (措施2).
    for (n, row) in rows.iter().enumerate().map(|(i, row)| (i + 1, row)) {
        let at = |part| MeasureField { position: n, part };
        // A suggested row left as the form gave it (its type, start today) is not counted:
        // the suggestions blocked a plan until each unwanted one was cleared (officer tester).
        let start = row.start.trim();
        let untouched = row.amount.trim().is_empty()
            && row.end.trim().is_empty()
            && (start.is_empty() || start == today.format("%Y-%m-%d").to_string());
        if untouched && !row.measure_type.trim().is_empty() {
            continue;
        }
        if row.measure_type.trim().is_empty() {
            // A row left at 不填 is not counted; one with an amount or an end date typed in
            // is told, not dropped (a 0 alone is the old form's suggested amount).
            let amount = row.amount.trim();
            if !(amount.is_empty() || amount == "0") || !row.end.trim().is_empty() {
                p.push_measure(at(MeasurePart::Type), CommandFieldError::MeasureTypeMissing);
                complete = false;
            }
            continue;
        }
        let measure_type = p.keep_measure(
            at(MeasurePart::Type),
            vocab(&row.measure_type, MeasureType::from_code),
        );
        let amount = p.keep_measure(
            at(MeasurePart::Amount),
            parse_amount(&row.amount).and_then(|fen| {
                if fen.fen() > MEASURE_AMOUNT_MAX_YUAN * 100 {
                    Err(CommandFieldError::MeasureAmountImplausible)
                } else {
                    Ok(fen)
                }
            }),
        );
        let start = p.keep_measure(at(MeasurePart::Start), parse_date(&row.start));
        let end = if row.end.trim().is_empty() && measure_type.is_some_and(MeasureType::is_one_off)
        {
            start
        } else {
            let end = parse_date(&row.end).map_err(|e| match e {
                CommandFieldError::Missing => CommandFieldError::EndDateMissing,
                other => other,
            });
            p.keep_measure(at(MeasurePart::End), end)
        };
        // Told with the other problems on the first send, not after them as a refusal.
        if let (Some(start), Some(end)) = (start, end) {
            use super::super::measure_dates::{check, MeasureDates};
            match check(start, end, today) {
                Ok(()) => {}
                Err(MeasureDates::EndBeforeStart) => {
                    p.push_measure(at(MeasurePart::End), CommandFieldError::EndBeforeStart)
                }
                Err(MeasureDates::StartFarFromToday) => {
                    p.push_measure(at(MeasurePart::Start), CommandFieldError::StartFarFromToday)
                }
                Err(MeasureDates::TooLong) => {
                    p.push_measure(at(MeasurePart::End), CommandFieldError::MeasureTooLong)
                }
            }
        }
        match (measure_type, amount, start, end) {
            (Some(measure_type), Some(amount), Some(start), Some(end)) => measures.push(Measure {
                measure_type,
                lead_department: measure_type.lead_department_zh().to_owned(),
                amount,
                start,
                end,
                status: MeasureStatus::Planned,
                started_on: None,
                delivered_on: None,
                noticed_on: None,
            }),
            _ => complete = false,
        }
    }
    if complete && measures.is_empty() {
        p.push("measures", CommandFieldError::NoMeasures);
    }
    (complete && !measures.is_empty()).then_some(measures)
}

/// One answer per item: its code means secured, `code:no` not secured. Every item must be
/// answered: when an unticked box meant "not secured", an item the officer skipped recorded the
/// household as at risk. An unknown code, or two different answers for one item, is refused.
pub(super) fn parse_guarantees(answers: &[String]) -> Parsed<Guarantees> {
    let mut found = [None; GUARANTEE_ITEMS.len()];
    for answer in answers {
        let answer = answer.trim();
        if answer.is_empty() {
            continue;
        }
        let (code, secured) = match answer.strip_suffix(GUARANTEE_NO) {
            Some(code) => (code, false),
            None => (answer, true),
        };
        let i = GUARANTEE_ITEMS
            .iter()
            .position(|&c| c == code)
            .ok_or(CommandFieldError::BadChoice)?;
        if found[i]
            .replace(secured)
            .is_some_and(|before| before != secured)
        {
            return Err(CommandFieldError::BadChoice);
        }
    }
    let [Some(food), Some(clothing), Some(compulsory_education), Some(basic_medical), Some(housing_safety), Some(drinking_water)] =
        found
    else {
        return Err(CommandFieldError::GuaranteeUnanswered);
    };
    Ok(Guarantees {
        food,
        clothing,
        compulsory_education,
        basic_medical,
        housing_safety,
        drinking_water,
    })
}

/// Ticked codes; an unknown code is refused rather than read as "not met".
pub(super) fn parse_checklist(codes: &[String]) -> Parsed<EliminationChecklist> {
    let mut c = EliminationChecklist::default();
    for code in codes {
        let slot = match code.trim() {
            "" => continue,
            "income_above_line" => &mut c.income_above_line,
            "three_guarantees_and_water_secured" => &mut c.three_guarantees_and_water_secured,
            "rigid_spending_resolved" => &mut c.rigid_spending_resolved,
            "measures_delivered" => &mut c.measures_delivered,
            _ => return Err(CommandFieldError::BadChoice),
        };
        *slot = true;
    }
    Ok(c)
}

#[cfg(test)]
mod tests {
    use super::{choice, parse_yes_no, CommandFieldError};

    #[test]
    fn a_choice_left_unchosen_is_asked_to_choose_and_a_forged_one_is_refused() {
        assert_eq!(
            choice(" ", &["pass", "fail"]),
            Err(CommandFieldError::NotChosen)
        );
        assert_eq!(parse_yes_no(""), Err(CommandFieldError::NotChosen));
        assert_eq!(
            choice("maybe", &["pass", "fail"]),
            Err(CommandFieldError::BadChoice)
        );
        assert_eq!(choice("fail", &["pass", "fail"]), Ok("fail"));
    }
}
