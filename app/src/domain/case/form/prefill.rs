//! A re-check's form starts from the last home check (tester: after an objection or an
//! elimination proposal the form was empty, put the applicant back as 户主 and the rigid
//! spending back to 0). ID numbers are left out: a page never shows a full number unasked
//! (`HomeCheckRecord::keeping_ids_of` keeps them when the box stays empty); so is the signed
//! consent, which is signed again at each visit, and who visited.
use chrono::NaiveDate;

use super::{GUARANTEE_ITEMS, GUARANTEE_NO};
use crate::domain::case::state::HomeCheckRecord;
use crate::domain::money::Fen;

/// The home-check form's fields (as posted: `form[members][0][name]` …) holding `last`,
/// dated `today`.
pub fn home_check_pairs(last: &HomeCheckRecord, today: NaiveDate) -> Vec<(String, String)> {
    let mut pairs = vec![("form[date]".to_owned(), today.to_string())];
    for (i, m) in last.members.iter().enumerate() {
        let field = |part: &str| format!("form[members][{i}][{part}]");
        pairs.push((field("name"), m.name.clone()));
        pairs.push((field("relation"), m.relation.code().to_owned()));
        pairs.push((field("labour"), m.labour.code().to_owned()));
        pairs.push((field("status"), m.status.code().to_owned()));
        pairs.push((field("income"), yuan(m.annual_income)));
    }
    let answers = last.guarantees.answers();
    for (i, (code, yes)) in GUARANTEE_ITEMS.iter().zip(answers).enumerate() {
        let answer = if yes {
            (*code).to_owned()
        } else {
            format!("{code}{GUARANTEE_NO}")
        };
        pairs.push((format!("form[guarantees][{i}]"), answer));
    }
    pairs.push((
        "form[rigid_expenditure]".to_owned(),
        yuan(last.rigid_expenditure),
    ));
    if let Some(previous) = last.previous_income {
        pairs.push(("form[previous_income]".to_owned(), yuan(previous)));
    }
    if last.formerly_poor {
        pairs.push(("form[formerly_poor]".to_owned(), "on".to_owned()));
    }
    pairs
}

/// Whole yuan as an officer types them (48000, not 48000.00); fen when there are any.
fn yuan(amount: Fen) -> String {
    let plain = amount.plain_yuan();
    match plain.strip_suffix(".00") {
        Some(whole) => whole.to_owned(),
        None => plain,
    }
}
