//! 案件页: one case, its household, clocks and timeline, and the forms for exactly the steps
//! the engine allows this officer now.
mod caller_script;
mod measure_rows;
mod member_rows;
mod row_problems;
mod sections;
mod step_form;
mod warnings;
mod widgets;
mod words;

use leptos::prelude::*;

use crate::components::notice::LoadError;
use leptos_router::hooks::use_params_map;

use crate::api::cases::{case_detail, RunCaseCommand};
use crate::{
    domain::wording::{by_lang, iso_day::day_words},
    i18n::{use_lang, Lang},
    tr,
    wire::cases::{CaseView, Choice, StepTyped},
};
use sections::{ClockList, HouseholdSummary, Timeline};
use step_form::StepForm;
use warnings::{LaterComparison, Warnings};

/// A step posted without JavaScript and refused because the case moved on meanwhile (another
/// officer, or another tab): the page no longer offers that step, so its form and the form's
/// message are gone. Said here instead, or the officer would see the page reload as if done.
fn posted_step_gone(steps: &[Choice], t: Lang) -> Option<impl IntoView> {
    let typed = use_context::<StepTyped>()?;
    (!steps.iter().any(|s| s.code == typed.kind)).then(|| {
        view! { <p class="banner error" role="alert">{tr::case_page::conflict(t)}</p> }
    })
}

/// Whether the `i`th step form starts open: the first when it is due (an eliminated
/// household's page opened 重新纳入监测 with nothing due: officer tester), or after a refused
/// post without JavaScript, the one that was posted (its errors would otherwise sit in a
/// closed section).
fn opened_step(i: usize, code: &str, first_due: bool) -> bool {
    match use_context::<StepTyped>() {
        Some(typed) => typed.kind == code,
        None => i == 0 && first_due,
    }
}

/// Whom the case waits on, for a reader who does not take its next step: 下一步由村干部办理,
/// or the running notice and the day it may end. `besides`: the reader has other steps
/// below (a township officer read 下一步由村级干部办理 above their own forms: tester).
fn waiting_on(case: &CaseView, besides: bool, t: Lang) -> Option<String> {
    let names: Vec<&str> = case
        .waiting_on
        .iter()
        .filter_map(|code| crate::domain::role::Role::from_code(code))
        .map(|role| role.label(t))
        .collect();
    match (&case.waiting_until, names.is_empty()) {
        (_, false) => {
            let who = names.join(tr::common::list_separator(t));
            Some(match besides {
                true => tr::case_page::waiting_on_besides(t, who),
                false => tr::case_page::waiting_on(t, who),
            })
        }
        (Some(day), true) if case.waiting_until_yours => {
            Some(tr::case_page::waiting_until_yours(t, day_words(day, t)))
        }
        (Some(day), true) => Some(tr::case_page::waiting_until(t, day_words(day, t))),
        (None, true) => None,
    }
}

/// The step just taken, named by the mark in the address the server sent the browser to
/// (`?done=`, checked by the server): the page that comes back after a post would otherwise
/// look the same as before it.
fn step_done(case: &CaseView, t: Lang) -> Option<impl IntoView> {
    use crate::domain::case::CommandKind;
    let kind = CommandKind::from_code(case.done_step.as_deref()?)?;
    // Measures added to a plan are said as such (it read 已办理：制定帮扶计划: officer tester).
    let newest = case.timeline.first().map(|e| e.what.code.as_str());
    let label = match (kind, newest) {
        (CommandKind::AddPlan, Some("measures_added")) => tr::case_page::again::add_plan(t),
        _ => kind.label(t),
    };
    // A measure just added over one of its kind is said here too: the warning at the
    // measure sits far below the banner (officer tester).
    let overlaps =
        kind == CommandKind::AddPlan && case.measures.iter().any(|m| !m.overlaps.is_empty());
    Some(view! {
        <p class="banner ok" role="status">{tr::case_page::step_done(t, label)}</p>
        {overlaps.then(|| view! {
            <p class="banner warn" data-testid="overlaps-added">
                <a href="#measures">{tr::case_page::overlaps_added(t)}</a>
            </p>
        })}
    })
}

#[component]
pub fn CasePage() -> impl IntoView {
    let params = use_params_map();
    let t = use_lang();
    let run = ServerAction::<RunCaseCommand>::new();
    let query = leptos_router::hooks::use_query_map();
    let done = query.read_untracked().get("done");
    // Only the signed mark (`filed=1`, see `ssr::error_marks`): a bare `?filed` is not one.
    let filed = query.read_untracked().get("filed").as_deref() == Some("1");
    let case = Resource::new(
        move || {
            (
                params.read().get("id").unwrap_or_default(),
                run.version().get(),
            )
        },
        move |(id, _)| case_detail(id, done.clone()),
    );
    view! {
        <crate::components::back_to_queue::BackToQueue />
        <Suspense fallback=move || view! { <p class="loading">{tr::common::loading(t)}</p> }>
            {move || Suspend::new(async move {
                match case.await {
                    Ok(case) => {
                        let steps = case.available.clone();
                        view! {
                            <h1><span lang="zh-CN">{case.applicant.clone()}</span> <span class="tag">{by_lang::state(&case.state_code, t)}</span></h1>
                            <p class="muted">
                                {tr::case_page::tracking(t)} {format!(" {} · ", case.tracking)}
                                <span lang="zh-CN">{format!("{} {}", case.township, case.village)}</span> " · "
                                <a href=format!("/notice/{}", case.village_code)>{tr::case_page::village_notice(t)}</a>
                            </p>
                            {filed.then(|| view! { <caller_script::CallerScript case=case.clone() /> })}
                            <Warnings case=case.clone() />
                            <section class="card steps" id="steps" aria-label=tr::case_page::steps_label(t)>
                                <h2>{tr::case_page::steps_title(t)}</h2>
                                {posted_step_gone(&steps, t)}
                                {step_done(&case, t)}
                                {if steps.is_empty() {
                                    view! { <p class="empty">{tr::case_page::no_steps(t)} {waiting_on(&case, false, t)}</p> }.into_any()
                                } else {
                                    let waiting = waiting_on(&case, true, t)
                                        .map(|w| view! { <p class="muted" data-testid="waiting-on">{w}</p> });
                                    (waiting, steps
                                        .into_iter()
                                        .enumerate()
                                        .map(|(i, step)| {
                                            let open = opened_step(i, &step.code, case.first_step_due);
                                            view! { <StepForm action=run case=case.clone() step open /> }
                                        })
                                        .collect_view())
                                        .into_any()
                                }}
                            </section>
                            <HouseholdSummary case=case.clone() />
                            <LaterComparison case=case.clone() />
                            <ClockList clocks=case.clocks.clone() pending=case.pending_extensions.clone() />
                            <Timeline entries=case.timeline.clone() />
                        }
                        .into_any()
                    }
                    Err(error) => {
                        crate::components::page_status::main_content_failed(&error);
                        view! { <LoadError error /> }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}
