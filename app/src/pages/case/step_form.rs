//! One step's form. Its fields come from the domain (`form_fields`), its errors from the
//! engine; a failed step keeps everything typed: the form is not reset, and without
//! JavaScript the refused post is answered with this page holding what was typed.
use leptos::prelude::*;

use super::{
    row_problems::{is_row_field, RowProblems},
    widgets::{label_of, FieldInput},
    words::message,
};
use crate::{
    api::cases::RunCaseCommand,
    components::whole_dates::whole_dates,
    domain::{
        case::{form::form_fields, CommandKind},
        clock::ClockKind,
    },
    i18n::use_lang,
    tr,
    wire::{
        cases::{CaseView, Choice, PendingExtension, StepTyped},
        AppError,
    },
};

#[component]
pub fn StepForm(
    action: ServerAction<RunCaseCommand>,
    case: CaseView,
    step: Choice,
    open: bool,
) -> impl IntoView {
    let t = use_lang();
    let fields = CommandKind::from_code(&step.code)
        .map(form_fields)
        .unwrap_or(&[]);
    // A refused post without JavaScript answers with this page: its errors belong to the
    // form that was posted, not to every step form on the page.
    let posted_elsewhere = use_context::<StepTyped>().is_some_and(|t| t.kind != step.code);
    // All step forms share one action: its answer belongs under the form that was sent. The
    // kind sent is seen while the call is pending; without JavaScript it is never seen, and
    // every form shows the answer as before.
    let sent_kind = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        if let Some(input) = action.input().get() {
            sent_kind.set(Some(input.form.kind));
        }
    });
    let code = StoredValue::new(step.code.clone());
    let mine = Memo::new(move |_| {
        sent_kind
            .read()
            .as_deref()
            .is_none_or(|sent| code.with_value(|c| sent == c))
    });
    let answer = move || {
        action
            .value()
            .get()
            .filter(|_| mine.get() && !posted_elsewhere)
    };
    let error_for = move |field: &'static str| {
        move || match answer() {
            // Every problem of the field (a plan's measures can have several), in form order.
            Some(Err(AppError::Validation(errors))) => {
                let all: Vec<String> = errors
                    .iter()
                    .filter(|e| e.field == field)
                    .map(|e| message(e, t))
                    .collect();
                (!all.is_empty()).then(|| all.join(tr::common::field_separator(t)))
            }
            // The engine's refusal of one field's value (a date before the step it follows)
            // goes under that field, like the form's own problems.
            Some(Err(AppError::Refused(reason))) if reason.field == field => {
                Some(message(&reason, t))
            }
            _ => None,
        }
    };
    // The member and measure rows mark their own wrong controls (row_problems.rs).
    provide_context(RowProblems(Signal::derive(move || match answer() {
        Some(Err(AppError::Validation(errors))) => errors
            .iter()
            .filter(|e| is_row_field(&e.field))
            .map(|e| (e.field.clone(), message(e, t)))
            .collect(),
        _ => Vec::new(),
    })));
    let banner = move || match answer() {
        Some(Err(AppError::Refused(reason))) if fields.contains(&reason.field.as_str()) => {
            Some(tr::case_page::check_red(t).to_owned())
        }
        Some(Err(AppError::Refused(reason))) => Some(message(&reason, t)),
        // Problems of the case, not of a field (every gap of a 风险消除 proposal): nothing is
        // red to check.
        Some(Err(AppError::Validation(errors))) if errors.iter().all(|e| e.field == "command") => {
            Some(tr::case_page::cannot_yet(t).to_owned())
        }
        Some(Err(AppError::Validation(_))) => Some(tr::case_page::check_red(t).to_owned()),
        // Most often the same officer in another window or tab: no one is blamed.
        Some(Err(AppError::Conflict)) => Some(tr::case_page::conflict(t).to_owned()),
        Some(Err(e)) => Some(e.text(t).to_owned()),
        _ => None,
    };
    // Each problem under the banner, named: a home check is about 5,800 px tall on a phone,
    // and 请检查标红的内容 alone left the officer scrolling for the red (officer tester).
    let kind = step.code.clone();
    let problems = move || match answer() {
        Some(Err(AppError::Validation(errors))) => errors
            .iter()
            .map(|e| match label_of(&e.field, &kind, t) {
                // A row's message names its member or measure already.
                label if label.is_empty() || is_row_field(&e.field) => message(e, t),
                label => format!("{label}{}{}", tr::common::colon(t), message(e, t)),
            })
            .collect(),
        _ => Vec::<String>::new(),
    };
    let pending = action.pending();
    // The step's name in the reader's language, by its code. A step done once reads as a
    // change: the comparison's form came back under its own name after it was recorded, as
    // if it had not been (officer tester).
    let label = match CommandKind::from_code(&step.code) {
        Some(CommandKind::RecordComparison) if case.comparison.is_some() => {
            tr::case_page::again::record_comparison(t).to_owned()
        }
        Some(CommandKind::AssignResponsible) if case.responsible.is_some() => {
            tr::case_page::again::assign_responsible(t).to_owned()
        }
        Some(CommandKind::AddPlan) if !case.measures.is_empty() => {
            tr::case_page::again::add_plan(t).to_owned()
        }
        Some(kind) => kind.label(t).to_owned(),
        None => step.label_zh.clone(),
    };
    // Without JavaScript the form posts to the case page itself, so after a refusal the
    // address is still the case page (the server routes it to the step; JS posts as before).
    // The fragment brings a browser without JavaScript back to this form when the post is
    // refused (a success goes on to `#steps`, where the done banner is).
    let page = format!("/staff/cases/{}#step-{}", case.id, step.code);
    let section = format!("step-{}", step.code);
    view! {
        <details class="step" id=section open=open>
            <summary>{label.clone()}</summary>
            // The server checks every field and words its refusals in the page's language;
            // the browser's own bubbles would speak the browser's.
            <ActionForm action=action attr:class="step-form" attr:novalidate=true>
                <input type="hidden" name="case_id" value=case.id.clone() />
                <input type="hidden" name="version" value=case.version />
                <input type="hidden" name="form[kind]" value=step.code.clone() />
                {move || banner().map(|b| {
                    let listed = problems();
                    view! {
                        <div class="banner error" role="alert">
                            <p>{b}</p>
                            {(!listed.is_empty()).then(|| view! {
                                <ul>{listed.into_iter().map(|p| view! { <li>{whole_dates(p)}</li> }).collect_view()}</ul>
                            })}
                        </div>
                    }
                })}
                {(step.code == CommandKind::RecordHomeCheck.code())
                    .then(|| super::warnings::gap_words(&case.prefill_refused, t))
                    .filter(|why| !why.is_empty())
                    .map(|why| view! {
                        <div class="banner warn" data-testid="prefill-refused">
                            <p>{tr::case_page::prefill_refused(t)}</p>
                            {why.into_iter().map(|w| view! { <p>{w}</p> }).collect_view()}
                            <p>{tr::case_page::prefill_refused_next(t)}</p>
                        </div>
                    })}
                {case.sent_back.clone()
                    .filter(|_| step.code == CommandKind::RecordHomeCheck.code())
                    .map(|(by, why)| view! {
                        <div class="banner warn" data-testid="sent-back">
                            <p>{if by == "township" {
                                tr::case_page::sent_back_by_township(t, &why)
                            } else {
                                tr::case_page::sent_back_by_objection(t, &why)
                            }}</p>
                        </div>
                    })}
                {(step.code == CommandKind::ProposeElimination.code() && !case.proposal_gaps.is_empty())
                    .then(|| view! {
                        <div class="banner warn" data-testid="proposal-gaps">
                            <p>{tr::case_page::proposal_gaps(t)}</p>
                            <ul>{case.proposal_gaps.iter().map(|gap| view! { <li>{whole_dates(gap.words(t))}</li> }).collect_view()}</ul>
                        </div>
                    })}
                {(step.code == CommandKind::ApproveExtension.code())
                    .then(|| view! { <ExtensionsAsked asked=case.pending_extensions.clone() /> })}
                {fields
                    .iter()
                    .map(|field| view! {
                        <FieldInput field=field kind=step.code.clone() case=case.clone() error=error_for(field) />
                    })
                    .collect_view()}
                <button type="submit" class="button primary" formaction=page disabled=move || pending.get()>
                    {tr::case_page::confirm(t, &label)}
                </button>
            </ActionForm>
        </details>
    }
}

/// What the approver decides on: each request's days, reason and the date it would move to.
#[component]
fn ExtensionsAsked(asked: Vec<PendingExtension>) -> impl IntoView {
    let t = use_lang();
    let line = move |r: PendingExtension| {
        let clock =
            ClockKind::from_code(&r.clock).map_or(r.clock.clone(), |k| k.label(t).to_owned());
        tr::case_page::extension_asked(
            t,
            clock,
            t.date(r.requested_on),
            r.days,
            &r.reason,
            t.date(r.new_due),
        )
    };
    view! {
        <ul class="plain">
            {asked.into_iter().map(|r| view! { <li>{line(r)}</li> }).collect_view()}
        </ul>
    }
}
