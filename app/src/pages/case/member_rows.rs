//! The home check's member rows. A refused form marks only the controls that are wrong
//! (`aria-invalid`, tied to their own message by `aria-describedby`) and lists every problem
//! of every member at once, each naming the member (第2位成员 李芳（年收入）：…).
use leptos::prelude::*;

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

/// The refused step's member problems: (the control's field, e.g. `members[1][income]`, the
/// message), provided by the step form for its own rows.
#[derive(Clone, Copy)]
pub struct MemberProblems(pub Signal<Vec<(String, String)>>);

/// The id of the message about `field` (`members[1][income]` → `e-record_home_check-members-1-income`).
fn message_id(kind: &str, field: &str) -> String {
    format!("e-{kind}-{}", field.replace('[', "-").replace(']', ""))
}

pub fn member_rows(case: &CaseView, typed: &Typed, kind: &str) -> impl IntoView {
    let t = use_lang();
    let problems = use_context::<MemberProblems>()
        .map(|p| p.0)
        .unwrap_or_else(|| Signal::stored(Vec::new()));
    let kind = kind.to_owned();
    // (aria-invalid, aria-describedby) of one control.
    let marks = {
        let kind = kind.clone();
        move |i: usize, part: &str| {
            let field = format!("members[{i}][{part}]");
            let wrong = problems.with(|list| list.iter().any(|(f, _)| *f == field));
            wrong.then(|| ("true", message_id(&kind, &field))).unzip()
        }
    };
    let rows = usize::try_from(case.household_size)
        .unwrap_or(1)
        .clamp(1, MEMBER_ROWS * 2);
    let first = case.applicant.clone();
    let list_kind = kind.clone();
    view! {
        {move || {
            let list = problems.get();
            // The alert is around the list: on the list itself the role would take away its
            // list semantics, and its items would belong to no list.
            (!list.is_empty()).then(|| view! {
                <div role="alert">
                    <ul class="field-error member-errors">
                        {list.into_iter().map(|(field, text)| view! {
                            <li id=message_id(&list_kind, &field)>{text}</li>
                        }).collect_view()}
                    </ul>
                </div>
            })
        }}
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
                let (id_bad, id_says) = marks(i, "id_number");
                let (income_bad, income_says) = marks(i, "income");
                view! {
                    <div class="row">
                        // Six controls a member: on a phone they stack, and without a title
                        // one member's run straight into the next's.
                        <p class="row-title" aria-hidden="true">{tr::case_page::member_heading(t, i + 1)}</p>
                        // Each control says what it is, also once something is typed in it.
                        <label class="cell"><span aria-hidden="true">{tr::case_page::relation_short(t)}</span>
                        {member_select(
                            format!("form[members][{i}][relation]"),
                            relations,
                            row("relation", relation),
                            tr::case_page::member_relation(t, i + 1),
                            marks(i, "relation"),
                        )}
                        </label>
                        <label class="cell"><span aria-hidden="true">{tr::case_page::name(t)}</span>
                        <input type="text" name=format!("form[members][{i}][name]") value=name
                            aria-label=tr::case_page::member_name(t, i + 1) />
                        </label>
                        <label class="cell"><span aria-hidden="true">{tr::case_page::id_optional(t)}</span>
                        <input type="text" name=format!("form[members][{i}][id_number]") value=row("id_number", "")
                            aria-label=tr::case_page::member_id(t, i + 1)
                            autocomplete="off" aria-invalid=id_bad aria-describedby=id_says />
                        </label>
                        // No answer is pre-filled: labour capacity decides eligibility and
                        // measures, so the officer must choose it for each named member.
                        <label class="cell"><span aria-hidden="true">{tr::case_page::labour_short(t)}</span>
                        {member_select(
                            format!("form[members][{i}][labour]"),
                            std::iter::once((String::new(), tr::case_page::labour_choose(t).to_owned()))
                                .chain(choices(LabourCapacity::ALL, LabourCapacity::code, LabourCapacity::label, t))
                                .collect(),
                            row("labour", ""),
                            tr::case_page::member_labour(t, i + 1),
                            marks(i, "labour"),
                        )}
                        </label>
                        <label class="cell"><span aria-hidden="true">{tr::case_page::status_short(t)}</span>
                        {member_select(
                            format!("form[members][{i}][status]"),
                            choices(MemberStatus::ALL, MemberStatus::code, MemberStatus::label, t),
                            row("status", MemberStatus::Other.code()),
                            tr::case_page::member_status(t, i + 1),
                            marks(i, "status"),
                        )}
                        </label>
                        <label class="cell"><span aria-hidden="true">{tr::case_page::income_yuan(t)}</span>
                        <input type="text" inputmode="decimal" name=format!("form[members][{i}][income]") value=row("income", "")
                            aria-label=tr::case_page::member_income(t, i + 1)
                            aria-invalid=income_bad aria-describedby=income_says />
                        </label>
                    </div>
                }
            }).collect_view()}
        </div>
    }
}

/// A row's `<select>`, labelled for assistive technology and marked when it is wrong.
fn member_select(
    name: String,
    options: Vec<(String, String)>,
    selected: String,
    label: String,
    (invalid, described_by): (Option<&'static str>, Option<String>),
) -> impl IntoView {
    view! {
        <select name=name aria-label=label aria-invalid=invalid aria-describedby=described_by>
            {options.into_iter().map(|(value, text)| {
                let is = selected == value;
                view! { <option value=value selected=is>{text}</option> }
            }).collect_view()}
        </select>
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_message_id_is_a_plain_id() {
        assert_eq!(
            super::message_id("record_home_check", "members[1][income]"),
            "e-record_home_check-members-1-income"
        );
    }
}
