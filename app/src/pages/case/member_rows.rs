//! The home check's member rows. A refused form marks only the controls that are wrong and
//! says each problem right under its control (row_problems.rs).
use leptos::prelude::*;

use super::row_problems::{cell_error, marks, row_errors, row_problems, row_select};
use super::widgets::{choices, typed_or, Typed, MEMBER_ROWS};
use crate::{
    domain::{
        case::state::{MemberStatus, Relation},
        vocab::LabourCapacity,
    },
    i18n::use_lang,
    tr,
    wire::cases::CaseView,
};

/// The parts that have a cell, each saying its own problem.
const MEMBER_CELLS: [&str; 6] = [
    "relation",
    "name",
    "id_number",
    "labour",
    "status",
    "income",
];

pub fn member_rows(case: &CaseView, typed: &Typed, kind: &str) -> impl IntoView {
    let t = use_lang();
    let problems = row_problems();
    let kind = kind.to_owned();
    let mark = |i: usize, part: &str| marks(problems, &kind, &format!("members[{i}]"), part);
    let cell = |i: usize, part: &str| cell_error(problems, &kind, &format!("members[{i}]"), part);
    // As many rows as the filing's household, or as the last check recorded.
    let rows = usize::try_from(case.household_size)
        .unwrap_or(1)
        .max(case.members.len())
        .clamp(1, MEMBER_ROWS * 2);
    let first = case.applicant.clone();
    view! {
        <div class="rows">
            {(0..rows.max(MEMBER_ROWS.min(rows))).map(|i| {
                let row = |part: &str, default: &str| {
                    typed_or(typed, &format!("form[members][{i}][{part}]"), default)
                };
                let name = row("name", if i == 0 { first.as_str() } else { "" });
                // Only the first member is 户主 by default; the others choose (the server
                // refuses a later named member without a relation).
                let relation = if i == 0 { Relation::Head.code() } else { "" };
                let mut relations = choices(Relation::ALL, Relation::code, Relation::label, t);
                if i > 0 {
                    relations.insert(0, (String::new(), tr::case_page::relation_choose(t).to_owned()));
                }
                // A re-check does not show the recorded number again: an empty box keeps it.
                // Its last four digits: the whole masked number did not fit at 360 px.
                let kept_id = case
                    .members
                    .get(i)
                    .and_then(|m| m.id_masked.get(m.id_masked.len().saturating_sub(4)..))
                    .filter(|tail| !tail.is_empty())
                    .map(|tail| tr::case_page::id_kept(t, tail));
                let (name_bad, name_says) = mark(i, "name");
                let (id_bad, id_says) = mark(i, "id_number");
                let (income_bad, income_says) = mark(i, "income");
                view! {
                    <div class="row">
                        // Six controls a member: on a phone they stack, and without a title
                        // one member's run straight into the next's.
                        <p class="row-title" aria-hidden="true">{tr::case_page::member_heading(t, i + 1)}</p>
                        // Each control says what it is, also once something is typed in it.
                        <label class="cell"><span aria-hidden="true">{tr::case_page::relation_short(t)}</span>
                        {row_select(
                            format!("form[members][{i}][relation]"),
                            relations,
                            row("relation", relation),
                            tr::case_page::member_relation(t, i + 1),
                            mark(i, "relation"),
                        )}
                            {cell(i, "relation")}
                        </label>
                        <label class="cell"><span aria-hidden="true">{tr::case_page::name(t)}</span>
                        <input type="text" name=format!("form[members][{i}][name]") value=name
                            aria-label=tr::case_page::member_name(t, i + 1)
                            aria-invalid=name_bad aria-describedby=name_says />
                            {cell(i, "name")}
                        </label>
                        <label class="cell"><span aria-hidden="true">{tr::case_page::id_optional(t)}</span>
                        <input type="text" name=format!("form[members][{i}][id_number]") value=row("id_number", "")
                            aria-label=tr::case_page::member_id(t, i + 1) placeholder=kept_id
                            autocomplete="off" aria-invalid=id_bad aria-describedby=id_says />
                            {cell(i, "id_number")}
                        </label>
                        // No answer is pre-filled: labour capacity decides eligibility and
                        // measures, so the officer must choose it for each named member.
                        <label class="cell"><span aria-hidden="true">{tr::case_page::labour_short(t)}</span>
                        {row_select(
                            format!("form[members][{i}][labour]"),
                            std::iter::once((String::new(), tr::case_page::labour_choose(t).to_owned()))
                                .chain(choices(LabourCapacity::ALL, LabourCapacity::code, LabourCapacity::label, t))
                                .collect(),
                            row("labour", ""),
                            tr::case_page::member_labour(t, i + 1),
                            mark(i, "labour"),
                        )}
                            {cell(i, "labour")}
                        </label>
                        <label class="cell"><span aria-hidden="true">{tr::case_page::status_short(t)}</span>
                        {row_select(
                            format!("form[members][{i}][status]"),
                            choices(MemberStatus::ALL, MemberStatus::code, MemberStatus::label, t),
                            // A row the last check did not fill is 其他, as on a first check.
                            Some(row("status", ""))
                                .filter(|s| !s.is_empty())
                                .unwrap_or_else(|| MemberStatus::Other.code().to_owned()),
                            tr::case_page::member_status(t, i + 1),
                            mark(i, "status"),
                        )}
                            {cell(i, "status")}
                        </label>
                        <label class="cell"><span aria-hidden="true">{tr::case_page::income_yuan(t)}</span>
                        <input type="text" inputmode="decimal" name=format!("form[members][{i}][income]") value=row("income", "")
                            aria-label=tr::case_page::member_income(t, i + 1)
                            aria-invalid=income_bad aria-describedby=income_says />
                            {cell(i, "income")}
                        </label>
                        {row_errors(problems, kind.clone(), format!("members[{i}]"), &MEMBER_CELLS)}
                    </div>
                }
            }).collect_view()}
        </div>
    }
}
