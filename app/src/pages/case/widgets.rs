//! Inputs for each field a step form can have, named as `CommandForm` expects.
use leptos::prelude::*;

use crate::components::{textarea_text::textarea_text, worded::parts};

use crate::{
    domain::{
        case::form::{
            CHECKLIST_ITEMS, GUARANTEE_ITEMS, GUARANTEE_NO, MEASURE_STATUS_ITEMS,
            NEXT_MEASURE_STATUS,
        },
        case::reversal::RemovalKind,
        case::screening::NegativeItem,
        case::CommandKind,
        clock::ClockKind,
        lang::Lang,
        vocab::{Category, RiskTier},
        wording::case_words::hint_words,
    },
    i18n::use_lang,
    tr,
    wire::cases::{CaseView, StepTyped},
};

/// What was typed into this step's refused form (rendered again without JavaScript), if so.
pub(super) type Typed = Option<StepTyped>;

/// A re-check's form filled from the last home check, as if it had been typed.
fn last_check(case: &CaseView, step: Option<CommandKind>) -> Typed {
    (step == Some(CommandKind::RecordHomeCheck) && !case.home_check_prefill.is_empty()).then(|| {
        StepTyped {
            kind: CommandKind::RecordHomeCheck.code().to_owned(),
            pairs: std::sync::Arc::new(case.home_check_prefill.clone()),
        }
    })
}

/// The value to show in `name`: what was typed when the form comes back, else `default`.
pub(super) fn typed_or(typed: &Typed, name: &str, default: impl Into<String>) -> String {
    match typed {
        Some(t) => t.value(name).unwrap_or_default().to_owned(),
        None => default.into(),
    }
}

/// The type of a box for a date: a date picker, unless what came back typed is something it
/// cannot show (then text, so the slip is seen beside its error and mended).
pub(super) fn date_type(value: &str) -> &'static str {
    if crate::domain::case::form::date_box_shows(value) {
        "date"
    } else {
        "text"
    }
}

/// Whether a checkbox or radio `name` = `value` is ticked: as typed, else `default`.
fn ticked(typed: &Typed, name: &str, value: &str, default: bool) -> bool {
    match typed {
        Some(t) => t.value(name) == Some(value),
        None => default,
    }
}

pub(super) const MEMBER_ROWS: usize = 4;
pub(super) const MEASURE_ROWS: usize = 3;

pub(super) fn label_of(field: &str, kind: &str, t: Lang) -> &'static str {
    match (field, kind) {
        ("date", "record_home_check") => tr::case_page::label::home_check_date(t),
        ("date", "hold_village_review") => tr::case_page::label::review_date(t),
        ("date", "start_notice") => tr::case_page::label::notice_start(t),
        ("date", "notify_refusal") => tr::case_page::label::told_on(t),
        ("date", "log_visit") => tr::case_page::label::visit_date(t),
        ("date", "open_green_channel") => tr::case_page::label::green_channel_date(t),
        ("date", "review_plan") => tr::case_page::label::plan_review_date(t),
        ("date", "start_plan_notice") => tr::case_page::label::plan_notice_start(t),
        ("date", "start_campaign") => tr::case_page::label::campaign_end(t),
        ("text", "start_campaign") => tr::case_page::label::campaign_name(t),
        ("note", "review_relief") => tr::case_page::label::relief_conclusion(t),
        ("note", "feed_back_alert") => tr::case_page::label::alert_feedback(t),
        ("approval_date", _) => tr::case_page::label::approval_date(t),
        ("date", _) => tr::case_page::label::date(t),
        ("reason", "reject_out_of_scope") => tr::case_page::label::reject_reason(t),
        ("reason", "county_decide") => tr::case_page::label::not_identified_reason(t),
        ("reason", "pause_clock") => tr::case_page::label::pause_reason(t),
        ("reason", "request_extension") => tr::case_page::label::extension_reason(t),
        ("reason", "remove") => tr::case_page::label::removal_reason(t),
        ("reason", "defer_elimination") => tr::case_page::label::defer_reason(t),
        ("removal_kind", _) => tr::case_page::label::removal_kind(t),
        ("previous_income", _) => tr::case_page::label::previous_income(t),
        ("reason", _) => tr::case_page::label::reason(t),
        ("note", "log_visit") => tr::case_page::label::visit_note(t),
        ("note", "county_decide") => tr::case_page::label::decision_note(t),
        ("note", "record_comparison") => tr::case_page::label::comparison_note(t),
        ("hits", _) => tr::case_page::label::hits(t),
        ("duplicate_override", _) => tr::case_page::label::duplicate_override(t),
        ("note", _) => tr::case_page::label::review_note(t),
        ("text", _) => tr::case_page::label::objection(t),
        ("person", _) => tr::case_page::label::person(t),
        ("mobile", _) => tr::case_page::label::person_mobile(t),
        ("approve", "approve_extension") => tr::case_page::label::approve_extension(t),
        ("approve", _) => tr::case_page::label::approve(t),
        ("outcome", _) => tr::case_page::label::outcome(t),
        ("decision", _) => tr::case_page::label::decision(t),
        ("category", _) => tr::case_page::label::category(t),
        ("tier", "log_visit") => tr::case_page::label::tier_change(t),
        ("tier", _) => tr::case_page::label::tier(t),
        ("visitors", _) => tr::case_page::label::visitors(t),
        ("members", _) => tr::case_page::label::members(t),
        ("rigid_expenditure", _) => tr::case_page::label::rigid_expenditure(t),
        ("guarantees", _) => tr::case_page::label::guarantees(t),
        ("consent_signed", _) => tr::case_page::label::consent_signed(t),
        ("formerly_poor", _) => tr::case_page::label::formerly_poor(t),
        ("measures", _) => tr::case_page::label::measures(t),
        ("index", _) => tr::case_page::label::index(t),
        ("status", _) => tr::case_page::label::status(t),
        ("checklist", _) => tr::case_page::label::checklist(t),
        ("clock", "pause_clock") => tr::case_page::label::pause_clock(t),
        ("clock", "resume_clock") => tr::case_page::label::resume_clock(t),
        ("clock", _) => tr::case_page::label::extend_clock(t),
        ("days", _) => tr::case_page::label::days(t),
        _ => "",
    }
}

/// A decision's choices, none chosen at first: a form sent without looking at them recorded
/// the first (通过, 认定, 风险消除).
fn radio(
    name: &'static str,
    options: Vec<(&'static str, &'static str)>,
    typed: &Typed,
) -> impl IntoView {
    let chosen = typed
        .as_ref()
        .and_then(|t| t.value(name))
        .map(str::to_owned);
    let options = options
        .into_iter()
        .map(|(value, text)| (value.to_owned(), text.to_owned()))
        .collect();
    radios(name.to_owned(), options, chosen)
}

/// Choices that wrap on a narrow screen, `chosen` checked: a measure's name, stage and dates
/// were cut off in a 360 px wide `<select>` (tester).
fn radios(name: String, options: Vec<(String, String)>, chosen: Option<String>) -> impl IntoView {
    view! {
        <div class="radios">
            {options.into_iter().map(|(value, text)| {
                let checked = chosen.as_deref() == Some(value.as_str());
                view! {
                    <label class="check">
                        <input type="radio" name=name.clone() value=value checked=checked />
                        <span>{text}</span>
                    </label>
                }
            }).collect_view()}
        </div>
    }
}

/// How a control is named for assistive technology: (id for the field's `<label for>`, its
/// own `aria-label` inside a row, the id of its error message).
pub(super) type Named = (Option<String>, Option<String>, Option<String>);

pub(super) fn select(
    name: String,
    options: Vec<(String, String)>,
    selected: Option<String>,
    named: Named,
) -> impl IntoView {
    let (id, aria_label, described_by) = named;
    view! {
        <select name=name id=id aria-label=aria_label aria-describedby=described_by>
            {options.into_iter().map(|(value, text)| {
                let is = selected.as_deref() == Some(value.as_str());
                view! { <option value=value selected=is>{text}</option> }
            }).collect_view()}
        </select>
    }
}

pub(super) fn choices<T: Copy>(
    all: &[T],
    code: fn(T) -> &'static str,
    label: fn(T, Lang) -> &'static str,
    lang: Lang,
) -> Vec<(String, String)> {
    all.iter()
        .map(|t| (code(*t).to_owned(), label(*t, lang).to_owned()))
        .collect()
}

#[component]
pub fn FieldInput<E>(field: &'static str, kind: String, case: CaseView, error: E) -> impl IntoView
where
    E: Fn() -> Option<String> + Send + Sync + Copy + 'static,
{
    let t = use_lang();
    let label = label_of(field, &kind, t);
    let step = CommandKind::from_code(&kind);
    let typed: Typed = use_context::<StepTyped>()
        .filter(|t| t.kind == kind)
        .or_else(|| last_check(&case, step));
    let ty = &typed;
    // The hint in the reader's words; one the page cannot word stays the Chinese, marked.
    let returned = case.plan_returned.clone().filter(|_| field == "measures");
    let hint = (field == "category")
        .then(|| {
            let zh = case.category_hint_zh.clone()?;
            Some(
                match case.category_hint.as_ref().and_then(|h| hint_words(h, t)) {
                    Some(words) => view! { <p class="hint">{parts(words)}</p> }.into_any(),
                    None => view! { <p class="hint" lang="zh-CN">{zh}</p> }.into_any(),
                },
            )
        })
        .flatten();
    let name = format!("form[{field}]");
    // One control gets the field's <label for>; a group of radios or checkboxes is a group
    // named by it. Either way the error below is tied to the field.
    let (id, label_id, error_id) = (
        format!("f-{kind}-{field}"),
        format!("l-{kind}-{field}"),
        format!("e-{kind}-{field}"),
    );
    let single = !matches!(
        field,
        "hits"
            | "approve"
            | "outcome"
            | "decision"
            | "consent_signed"
            | "formerly_poor"
            | "guarantees"
            | "checklist"
            | "members"
            | "measures"
            | "index"
            | "status"
    );
    let named: Named = (Some(id.clone()), None, Some(error_id.clone()));
    let (fid, eid) = (id.clone(), error_id.clone());
    let input = match field {
        "date" | "approval_date" => {
            let value = typed_or(ty, &name, case.today.clone());
            view! { <input type=date_type(&value) name=name value=value id=fid aria-describedby=eid /> }
                .into_any()
        }
        "duplicate_override" if case.duplicates.is_empty() || case.duplicate_override.is_some() => {
            return ().into_any();
        }
        "reason" | "note" | "text" | "duplicate_override" => {
            let value = textarea_text(&typed_or(ty, &name, ""));
            view! { <textarea name=name rows="2" id=fid aria-describedby=eid>{value}</textarea> }
                .into_any()
        }
        "hits" => checkboxes(
            "form[hits]",
            NegativeItem::ALL
                .iter()
                .map(|i| (i.code(), i.label(t)))
                .collect(),
            ty,
        )
        .into_any(),
        "person" | "visitors" => {
            let value = typed_or(ty, &name, "");
            view! { <input type="text" name=name value=value id=fid aria-describedby=eid /> }
                .into_any()
        }
        "mobile" => {
            let value = typed_or(ty, &name, "");
            view! {
                <input type="tel" inputmode="numeric" autocomplete="off" maxlength="20" name=name value=value placeholder=tr::case_page::mobile_example(t) id=fid aria-describedby=eid />
            }
            .into_any()
        }
        "rigid_expenditure" => {
            let value = typed_or(ty, &name, "0");
            view! {
                <input type="text" inputmode="decimal" name=name value=value placeholder=tr::case_page::yuan_a_year(t) id=fid aria-describedby=eid />
            }
            .into_any()
        }
        "days" => {
            let value = typed_or(ty, &name, "3");
            let max = crate::domain::clock::MAX_EXTENSION_WORKING_DAYS.to_string();
            view! { <input type="number" name=name min="1" max=max value=value id=fid aria-describedby=eid /> }.into_any()
        }
        "previous_income" => {
            let value = typed_or(ty, &name, "");
            view! {
                <input type="text" inputmode="decimal" name=name value=value placeholder=tr::case_page::yuan_a_year(t) id=fid aria-describedby=eid />
            }
            .into_any()
        }
        // Chosen, never assumed: the first kind (错误识别) was preselected.
        "removal_kind" => {
            let selected = typed.as_ref().map(|_| typed_or(ty, &name, ""));
            let mut options = choices(RemovalKind::ALL, RemovalKind::code, RemovalKind::label, t);
            options.insert(
                0,
                (String::new(), tr::case_page::removal_choose(t).to_owned()),
            );
            select(name, options, selected, named).into_any()
        }
        "approve" if step == Some(CommandKind::ApproveExtension) => radio(
            "form[approve]",
            vec![
                ("yes", tr::case_page::approve(t)),
                ("no", tr::case_page::refuse(t)),
            ],
            ty,
        )
        .into_any(),
        // An identification's 不通过 sends the case back to the village, said on the choice
        // (the step read 不通过 as if it ended the case: officer tester).
        "approve" => radio(
            "form[approve]",
            vec![
                ("yes", tr::case_page::pass(t)),
                (
                    "no",
                    if case.state_code.starts_with("elimination") {
                        tr::case_page::fail(t)
                    } else {
                        tr::case_page::fail_return(t)
                    },
                ),
            ],
            ty,
        )
        .into_any(),
        "outcome" => radio(
            "form[outcome]",
            vec![
                ("pass", tr::case_page::pass(t)),
                ("fail", tr::case_page::fail(t)),
            ],
            ty,
        )
        .into_any(),
        "decision" if step == Some(CommandKind::CountyDecideElimination) => radio(
            "form[decision]",
            vec![
                ("eliminate", tr::case_page::eliminate(t)),
                ("keep_monitoring", tr::case_page::keep_monitoring(t)),
            ],
            ty,
        )
        .into_any(),
        "decision" => radio(
            "form[decision]",
            vec![
                ("identify", tr::case_page::identify(t)),
                ("not_identify", tr::case_page::not_identify(t)),
            ],
            ty,
        )
        .into_any(),
        "category" => {
            let selected = match &typed {
                Some(_) => Some(typed_or(ty, &name, "")),
                None => case.suggested_category.clone(),
            };
            let mut options = choices(Category::ALL, Category::code, Category::label, t);
            // Without a suggestion the officer chooses: the list opened on 脱贫不稳定户, the
            // first category, for any household (tester).
            if case.suggested_category.is_none() {
                let choose = tr::case_page::category_choose(t).to_owned();
                options.insert(0, (String::new(), choose));
            }
            select(name, options, selected, named).into_any()
        }
        "tier" => {
            let mut options = choices(RiskTier::ALL, RiskTier::code, RiskTier::label, t);
            // A visit may leave the tier; any other step chooses one (it started at 红色).
            let first = match step {
                Some(CommandKind::LogVisit) => tr::case_page::no_change(t),
                _ => tr::case_page::tier_choose(t),
            };
            options.insert(0, (String::new(), first.to_owned()));
            let selected = typed.as_ref().map(|_| typed_or(ty, &name, ""));
            select(name, options, selected, named).into_any()
        }
        // Only the clocks this step may name now (the server refuses any other).
        "clock" => {
            let selected = typed.as_ref().map(|_| typed_or(ty, &name, ""));
            select(
                name,
                case.clock_choices
                    .iter()
                    .find(|(step, _)| *step == kind)
                    .map(|(_, clocks)| {
                        clocks
                            .iter()
                            .map(|c| {
                                let label = ClockKind::from_code(&c.code).map(|k| k.label(t));
                                (c.code.clone(), label.unwrap_or(&c.label_zh).to_owned())
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
                selected,
                named,
            )
            .into_any()
        }
        "consent_signed" => {
            let checked = ticked(ty, &name, "on", false);
            view! {
                <label class="check"><input type="checkbox" name=name value="on" checked=checked /><span>{tr::case_page::signed(t)}</span></label>
            }
            .into_any()
        }
        "formerly_poor" => {
            let checked = ticked(ty, &name, "on", false);
            view! {
                <label class="check"><input type="checkbox" name=name value="on" checked=checked /><span>{tr::case_page::formerly_poor_yes(t)}</span></label>
            }
            .into_any()
        }
        "guarantees" => yes_no_rows(
            "form[guarantees]",
            GUARANTEE_ITEMS
                .iter()
                .map(|&c| (c, tr::case_items::guarantee::lookup(t, c).unwrap_or(c)))
                .collect(),
            ty,
            t,
        )
        .into_any(),
        "checklist" => checkboxes(
            "form[checklist]",
            CHECKLIST_ITEMS
                .iter()
                .map(|&c| (c, tr::case_items::checklist::lookup(t, c).unwrap_or(c)))
                .collect(),
            ty,
        )
        .into_any(),
        "status" => {
            // "Its next stage" first and chosen: it follows whichever measure is picked.
            let selected = typed_or(ty, &name, NEXT_MEASURE_STATUS);
            let next = (
                NEXT_MEASURE_STATUS.to_owned(),
                tr::case_page::label::status_next(t).to_owned(),
            );
            radios(
                name,
                std::iter::once(next)
                    .chain(MEASURE_STATUS_ITEMS.iter().map(|&c| {
                        let words = tr::case_items::measure_status::lookup(t, c).unwrap_or(c);
                        (c.to_owned(), words.to_owned())
                    }))
                    .collect(),
                Some(selected),
            )
            .into_any()
        }
        "index" => {
            let selected = match typed {
                Some(_) => Some(typed_or(ty, &name, "")),
                None => super::measure_rows::next_update(&case).map(|i| i.to_string()),
            };
            // The measures' type and status come as Chinese words (`*_zh`): worded in the
            // reader's language when known, else shown as stored and marked Chinese.
            let mut stored_chinese = t == Lang::Zh;
            // Delivered measures have no stage left (picked, 下一阶段 was refused: tester);
            // listed only when every measure is delivered, so the choice is never empty.
            // A liaison's are its own department's only.
            let open = case
                .measures
                .iter()
                .any(|m| m.yours && m.next_status.is_some());
            let options = case
                .measures
                .iter()
                .enumerate()
                .filter(|(_, m)| m.yours && (!open || m.next_status.is_some()))
                .map(|(i, m)| {
                    let ty = super::words::known(super::words::Vocab::Measure, &m.type_zh, t);
                    let status =
                        super::words::known(super::words::Vocab::MeasureStatus, &m.status_zh, t);
                    stored_chinese |= ty.is_none() || status.is_none();
                    // Numbered and dated as the list above: three "公益岗位（计划中）" could not
                    // be told apart, nor found by the number a warning names (officer tester).
                    let text = format!(
                        "{}{}{}{}{}",
                        tr::case_page::measure_number(t, i + 1),
                        ty.unwrap_or(&m.type_zh),
                        tr::case_page::paren_open(t),
                        status.unwrap_or(&m.status_zh),
                        tr::case_page::paren_close(t),
                    );
                    let period = super::sections::period(&m.period, t);
                    (i.to_string(), format!("{} · {period}", text.trim()))
                })
                .collect();
            let measures = radios(name, options, selected);
            let lang = stored_chinese.then_some("zh-CN");
            view! { <div lang=lang>{measures}</div> }.into_any()
        }
        "members" => super::member_rows::member_rows(&case, ty, &kind).into_any(),
        "measures" => super::measure_rows::measure_rows(&case, ty, &kind).into_any(),
        _ => ().into_any(),
    };
    let group_label = (!single).then(|| label_id.clone());
    let group_error = (!single).then(|| error_id.clone());
    view! {
        <div class="field" class:invalid=move || error().is_some()
            role=(!single).then_some("group") aria-labelledby=group_label
            aria-describedby=group_error>
            {if single {
                view! { <label class="label" for=id>{label}</label> }.into_any()
            } else {
                view! { <span class="label" id=label_id>{label}</span> }.into_any()
            }}
            {hint}
            {returned.map(|reason| view! {
                <p class="hint">{tr::case_page::plan_returned(t, &reason)}</p>
            })}
            {input}
            <p class="field-error" id=error_id role="alert">{move || error().map(crate::components::whole_dates::whole_dates)}</p>
        </div>
    }
    .into_any()
}

fn checkboxes(
    prefix: &'static str,
    items: Vec<(&'static str, &'static str)>,
    typed: &Typed,
) -> impl IntoView {
    let typed = typed.clone();
    view! {
        <div class="checks">
            {items.into_iter().enumerate().map(|(i, (code, zh))| view! {
                <label class="check">
                    <input type="checkbox" name=format!("{prefix}[{i}]") value=code
                        checked=ticked(&typed, &format!("{prefix}[{i}]"), code, false) />
                    <span>{zh}</span>
                </label>
            }).collect_view()}
        </div>
    }
}

/// A 是/否 pair per item, neither chosen at first: an item the officer skips is asked for
/// again (an unticked box used to record it as not secured). 是 sends the item's code, 否 the
/// code and [`GUARANTEE_NO`].
fn yes_no_rows(
    prefix: &'static str,
    items: Vec<(&'static str, &'static str)>,
    typed: &Typed,
    t: Lang,
) -> impl IntoView {
    let typed = typed.clone();
    view! {
        <div class="yes-no">
            {items.into_iter().enumerate().map(|(i, (code, words))| {
                let name = format!("{prefix}[{i}]");
                let no = format!("{code}{GUARANTEE_NO}");
                let (yes_ticked, no_ticked) = (ticked(&typed, &name, code, false), ticked(&typed, &name, &no, false));
                // A form that came back: the items still without an answer are marked, so the
                // one message above names none but the page shows which.
                let missing = (typed.is_some() && !yes_ticked && !no_ticked).then_some("true");
                let (group_label, label_id) = (format!("yn-{code}"), format!("yn-{code}"));
                view! {
                    <div class="yes-no-row" role="radiogroup" aria-labelledby=group_label aria-invalid=missing>
                        <span id=label_id>{words}{missing.map(|_| view! { <small class="unanswered">{tr::case_page::unanswered(t)}</small> })}</span>
                        <span class="pair">
                            <label class="check"><input type="radio" name=name.clone() value=code checked=yes_ticked /><span>{tr::case_page::yes(t)}</span></label>
                            <label class="check"><input type="radio" name=name value=no checked=no_ticked /><span>{tr::case_page::no(t)}</span></label>
                        </span>
                    </div>
                }
            }).collect_view()}
        </div>
    }
}
