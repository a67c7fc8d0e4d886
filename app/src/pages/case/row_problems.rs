//! The problems of a step form's rows (home-check members, plan measures). A refused form
//! marks only the controls that are wrong (`aria-invalid`, tied to their own message by
//! `aria-describedby`) and says each problem right under its control, naming the row
//! (第2位成员 李芳（年收入）：…, 措施2（金额）：…), so a long form is not read from the top.
//! On a phone a row's six controls stack: a list under the row sat far below the control.
use leptos::prelude::*;

/// The refused step's row problems: (the control's field, e.g. `members[1][income]`, the
/// message), provided by the step form for its own rows.
#[derive(Clone, Copy)]
pub struct RowProblems(pub Signal<Vec<(String, String)>>);

/// A refused step's problems that belong to one control of a row (`members[1][income]`).
pub fn is_row_field(field: &str) -> bool {
    field.contains('[')
}

/// The problems of this form's rows, or none outside a step form.
pub fn row_problems() -> Signal<Vec<(String, String)>> {
    use_context::<RowProblems>()
        .map(|p| p.0)
        .unwrap_or_else(|| Signal::stored(Vec::new()))
}

/// The id of the message about `field` (`members[1][income]` → `e-record_home_check-members-1-income`).
fn message_id(kind: &str, field: &str) -> String {
    format!("e-{kind}-{}", field.replace('[', "-").replace(']', ""))
}

/// (aria-invalid, aria-describedby) of one control: set only when it is wrong.
pub type Marks = (Option<&'static str>, Option<String>);

/// The marks of control `part` of row `row` (`members[1]`).
pub fn marks(problems: Signal<Vec<(String, String)>>, kind: &str, row: &str, part: &str) -> Marks {
    let field = format!("{row}[{part}]");
    let wrong = problems.with(|list| list.iter().any(|(f, _)| *f == field));
    wrong.then(|| ("true", message_id(kind, &field))).unzip()
}

/// The problem of control `part` of row `row` (`members[1]`), if any, to sit right under the
/// control inside its label cell.
pub fn cell_error(
    problems: Signal<Vec<(String, String)>>,
    kind: &str,
    row: &str,
    part: &str,
) -> impl IntoView {
    let (kind, field) = (kind.to_owned(), format!("{row}[{part}]"));
    move || {
        problems.with(|list| {
            list.iter().find(|(f, _)| *f == field).map(|(f, text)| {
                view! { <span class="field-error cell-error" role="alert" id=message_id(&kind, f)>{text.clone()}</span> }
            })
        })
    }
}

/// Row `row`'s problems (`members[1]`) about none of its `cells` (which say their own), listed
/// under the row. The alert is around the list: on the list itself the role would take away
/// its list semantics.
pub fn row_errors(
    problems: Signal<Vec<(String, String)>>,
    kind: String,
    row: String,
    cells: &'static [&'static str],
) -> impl IntoView {
    let prefix = format!("{row}[");
    move || {
        let mine: Vec<(String, String)> = problems.with(|list| {
            list.iter()
                .filter(|(field, _)| {
                    field.strip_prefix(&prefix).is_some_and(|rest| {
                        !rest
                            .strip_suffix(']')
                            .is_some_and(|part| cells.contains(&part))
                    })
                })
                .cloned()
                .collect()
        });
        (!mine.is_empty()).then(|| {
            view! {
                <div role="alert">
                    <ul class="field-error row-errors">
                        {mine.into_iter().map(|(field, text)| view! {
                            <li id=message_id(&kind, &field)>{text}</li>
                        }).collect_view()}
                    </ul>
                </div>
            }
        })
    }
}

/// A row's `<select>`, labelled for assistive technology and marked when it is wrong.
pub fn row_select(
    name: String,
    options: Vec<(String, String)>,
    selected: String,
    label: String,
    (invalid, described_by): Marks,
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

    #[test]
    fn only_a_control_of_a_row_is_a_row_field() {
        assert!(super::is_row_field("measures[0][amount]"));
        assert!(!super::is_row_field("measures"));
    }
}
