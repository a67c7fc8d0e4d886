//! The plan's measure rows. A refused plan marks only the controls that are wrong and says
//! each problem right under its control (row_problems.rs). A suggested row has its type and
//! today's start, no amount, and left so it is not counted (`form::fields::parse_measures`).
use leptos::prelude::*;

use super::row_problems::{cell_error, marks, row_errors, row_problems, row_select};
use super::widgets::{choices, date_type, typed_or, Typed, MEASURE_ROWS};
use crate::{domain::vocab::MeasureType, i18n::use_lang, tr, wire::cases::CaseView};

/// The parts that have a cell, each saying its own problem.
const MEASURE_CELLS: [&str; 4] = ["measure_type", "amount", "start", "end"];

pub fn measure_rows(case: &CaseView, typed: &Typed, kind: &str) -> impl IntoView {
    let t = use_lang();
    let today = case.today.clone();
    let problems = row_problems();
    let kind = kind.to_owned();
    let mark = |i: usize, part: &str| marks(problems, &kind, &format!("measures[{i}]"), part);
    let cell = |i: usize, part: &str| cell_error(problems, &kind, &format!("measures[{i}]"), part);
    let mut suggested: Vec<String> = case
        .suggested_measures
        .iter()
        .map(|c| c.code.clone())
        .collect();
    suggested.resize(MEASURE_ROWS.max(suggested.len()), String::new());
    let mut options = choices(MeasureType::ALL, MeasureType::code, MeasureType::label, t);
    options.insert(0, (String::new(), tr::case_page::not_filled(t).to_owned()));
    let hint = (!case.suggested_measures.is_empty())
        .then(|| view! { <p class="hint">{tr::case_page::suggested_rows(t)}</p> });
    view! {
        {hint}
        <div class="rows">
            {suggested.into_iter().enumerate().map(|(i, code)| {
                let row = |part: &str, default: &str| {
                    typed_or(typed, &format!("form[measures][{i}][{part}]"), default)
                };
                let (amount_bad, amount_says) = mark(i, "amount");
                let (start_bad, start_says) = mark(i, "start");
                let (end_bad, end_says) = mark(i, "end");
                let suggested = !code.is_empty();
                let start = row("start", if suggested { today.as_str() } else { "" });
                let end = row("end", "");
                // Each control says what it is (two bare date pickers read alike), and each
                // measure has a title, as the home check's members do.
                view! {
                <div class="row">
                    <p class="row-title" aria-hidden="true">{tr::case_page::measure_heading(t, i + 1)}</p>
                    <label class="cell"><span aria-hidden="true">{tr::case_page::measure_type_short(t)}</span>
                        {row_select(
                            format!("form[measures][{i}][measure_type]"),
                            options.clone(),
                            row("measure_type", &code),
                            tr::case_page::measure_type(t, i + 1),
                            mark(i, "measure_type"),
                        )}
                        {cell(i, "measure_type")}
                    </label>
                    <label class="cell"><span aria-hidden="true">{tr::case_page::amount_yuan(t)}</span>
                        <input type="text" inputmode="decimal" name=format!("form[measures][{i}][amount]")
                            aria-label=tr::case_page::measure_amount(t, i + 1)
                            value=row("amount", "")
                            aria-invalid=amount_bad aria-describedby=amount_says />
                        {cell(i, "amount")}
                    </label>
                    <label class="cell"><span aria-hidden="true">{tr::case_page::start_short(t)}</span>
                        <input type=date_type(&start) name=format!("form[measures][{i}][start]")
                            value=start.clone()
                            aria-label=tr::case_page::measure_start(t, i + 1)
                            aria-invalid=start_bad aria-describedby=start_says />
                        {cell(i, "start")}
                    </label>
                    <label class="cell"><span aria-hidden="true">{tr::case_page::end_short(t)}</span>
                        <input type=date_type(&end) name=format!("form[measures][{i}][end]") value=end.clone()
                            aria-label=tr::case_page::measure_end(t, i + 1)
                            aria-invalid=end_bad aria-describedby=end_says />
                        {cell(i, "end")}
                    </label>
                    {row_errors(problems, kind.clone(), format!("measures[{i}]"), &MEASURE_CELLS)}
                </div>
                }
            }).collect_view()}
        </div>
    }
}

/// The update form's starting measure: the one whose update falls due first, else the first
/// not yet delivered (its status choice starts on "its next stage"). It opened on the first
/// measure, often delivered, then on one not due for months (officer testers).
pub fn next_update(case: &CaseView) -> Option<usize> {
    case.measures
        .iter()
        .position(|m| m.update_due_first)
        .or_else(|| case.measures.iter().position(|m| m.next_status.is_some()))
}
