//! What staff must see before acting: a suspected duplicate beside this filing (the matched
//! pair), the county data comparison with its negative-list hits, and a home check whose
//! members differ from the household size the report declared.
use leptos::prelude::*;

use super::words::{word, zh_text, Vocab};
use crate::{
    domain::{
        case::{
            household,
            screening::{MatchReason, NegativeItem},
        },
        lang::Lang,
        wording::{by_lang, iso_day::day_words},
    },
    i18n::use_lang,
    tr,
    wire::cases::{CaseView, ComparisonView, DuplicateView},
};

#[component]
pub fn Warnings(case: CaseView) -> impl IntoView {
    let t = use_lang();
    let duplicates = (!case.duplicates.is_empty()).then(|| {
        view! {
            <DuplicatePair
                case=case.clone()
                others=case.duplicates.clone()
                override_reason=case.duplicate_override.clone()
            />
        }
    });
    let unshown = (case.duplicates_unshown > 0).then(|| {
        view! {
            <section class="card notice-info" aria-label=tr::case_page::duplicate(t) data-testid="duplicates">
                <h2>{tr::case_page::duplicate(t)}</h2>
                <p>{tr::case_page::duplicate_unshown(t)}</p>
            </section>
        }
    });
    let comparison = case
        .comparison
        .clone()
        .filter(|_| case.comparison_first)
        .map(|c| view! { <ComparisonCard comparison=c /> }.into_any())
        .or_else(|| {
            case.comparison_pending.then(|| {
                view! {
                    <section class="card notice-info" aria-label=tr::case_page::comparison(t)>
                        <h2>{tr::case_page::comparison(t)}</h2>
                        <p>{tr::case_page::comparison_pending(t)}</p>
                    </section>
                }
                .into_any()
            })
        });
    let members = household::members_differ(case.household_size, case.members.len()).map(|(declared, recorded)| {
        view! {
            <section class="card alert" aria-label=tr::case_page::members_differ_title(t) data-testid="members-differ">
                <h2>{tr::case_page::members_differ_title(t)}</h2>
                <p>{tr::case_page::members_differ(t, declared, recorded)}</p>
            </section>
        }
    });
    let later = (!case.later_filings.is_empty()).then(|| {
        view! { <LaterFilings later=case.later_filings.clone() /> }
    });
    // The county will refuse this elimination on the home check's own facts: said now, not
    // after the review, the notice and the township have run.
    let why = gap_words(&case.elimination_refused, t);
    let refused = (!why.is_empty()).then(|| {
        view! {
            <section class="card alert" aria-label=tr::case_page::elimination_refused_title(t) data-testid="elimination-refused">
                <h2>{tr::case_page::elimination_refused_title(t)}</h2>
                {why.into_iter().map(|w| view! { <p>{w}</p> }).collect_view()}
                <p>{tr::case_page::elimination_refused_next(t)}</p>
            </section>
        }
    });
    view! { {refused} {duplicates} {unshown} {later} {comparison} {members} }
}

/// The county's comparison once it no longer bears on the step at hand: below the household.
#[component]
pub fn LaterComparison(case: CaseView) -> impl IntoView {
    case.comparison
        .filter(|_| !case.comparison_first)
        .map(|c| view! { <ComparisonCard comparison=c /> })
}

#[component]
fn DuplicatePair(
    case: CaseView,
    others: Vec<DuplicateView>,
    override_reason: Option<String>,
) -> impl IntoView {
    let t = use_lang();
    // Only a filing still awaiting acceptance asks the township to decide (and says how).
    let awaiting = case.state_code == "reported";
    let (class, title) = match (&override_reason, case.state_code.as_str()) {
        (Some(_), _) => ("card", tr::case_page::duplicate_overridden(t)),
        (None, "reported") => ("card alert", tr::case_page::duplicate_check(t)),
        (None, "rejected_out_of_scope") => ("card", tr::case_page::duplicate_rejected(t)),
        (None, _) => ("card", tr::case_page::duplicate(t)),
    };
    // On a phone each filing is a card of "column: value" lines (style: table.stacked).
    let label = move |column: &str| crate::components::stacked::cell_label(column, t);
    view! {
        <section class=class aria-label=tr::case_page::duplicate(t) data-testid="duplicates">
            <h2>{title}</h2>
            // Wider than its card on a wide screen (cells do not wrap): focusable so a keyboard
            // can scroll it too.
            <table class="pair stacked" tabindex="0" aria-label=tr::case_page::duplicate(t)>
                <thead>
                    <tr><th>{tr::case_page::tracking(t)}</th><th>{tr::case_page::applicant(t)}</th><th>{tr::case_page::village(t)}</th><th>{tr::case_page::state(t)}</th><th>{tr::case_page::date(t)}</th><th>{tr::case_page::in_common(t)}</th></tr>
                </thead>
                <tbody>
                    <tr class="this">
                        <td data-label=label(tr::case_page::tracking(t))>{case.tracking.clone()} {tr::case_page::this_filing(t)}</td>
                        <td data-label=label(tr::case_page::applicant(t)) lang="zh-CN">{case.applicant.clone()}</td>
                        <td data-label=label(tr::case_page::village(t)) lang="zh-CN">{case.village.clone()}</td>
                        <td data-label=label(tr::case_page::state(t))>{by_lang::state(&case.state_code, t)}</td>
                        <td data-label=label(tr::case_page::date(t))>{day_words(&case.discovered_on, t)}</td>
                        <td></td>
                    </tr>
                    {others.into_iter().map(|o| view! {
                        <tr>
                            <td data-label=label(tr::case_page::tracking(t))>{tracking_link(o.tracking, o.case_id)}</td>
                            <td data-label=label(tr::case_page::applicant(t))>{if o.applicant.is_empty() { tr::case_page::out_of_area(t).into_any() } else { zh_text(o.applicant) }}</td>
                            <td data-label=label(tr::case_page::village(t)) lang="zh-CN">{o.village}</td>
                            <td data-label=label(tr::case_page::state(t))>{word(Vocab::State, &o.state_zh, t)}</td>
                            <td data-label=label(tr::case_page::date(t))>{day_words(&o.reported_on, t)}</td>
                            <td data-label=label(tr::case_page::in_common(t))><strong>{reasons(&o.reasons_zh, t)}</strong></td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            {match override_reason {
                Some(reason) => view! { <p>{tr::case_page::override_reason(t)} <span lang="zh-CN">{reason}</span></p> }.into_any(),
                None => awaiting.then(|| view! {
                    <p class="muted">{tr::case_page::duplicate_help(t)}</p>
                })
                .into_any(),
            }}
        </section>
    }
}

/// Another filing's tracking number, a link to it when the officer may open it.
fn tracking_link(tracking: String, case_id: Option<String>) -> AnyView {
    match case_id {
        Some(id) => view! { <a href=format!("/staff/cases/{id}")>{tracking}</a> }.into_any(),
        None => view! { <span>{tracking}</span> }.into_any(),
    }
}

/// Filings after this one for what looks like the same household: the township sees them
/// from the older case too, not only from the newer one that the duplicate check flagged.
#[component]
fn LaterFilings(later: Vec<DuplicateView>) -> impl IntoView {
    let t = use_lang();
    view! {
        <section class="card notice-info" aria-label=tr::case_page::later_filings(t) data-testid="later-filings">
            <h2>{tr::case_page::later_filings(t)}</h2>
            <ul class="plain">
                {later.into_iter().map(|o| view! {
                    <li>
                        {tracking_link(o.tracking, o.case_id)}
                        " · " {word(Vocab::State, &o.state_zh, t)}
                        " · " {day_words(&o.reported_on, t)}
                        " · " {reasons(&o.reasons_zh, t)}
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn ComparisonCard(comparison: ComparisonView) -> impl IntoView {
    let t = use_lang();
    let hit = !comparison.hits_zh.is_empty();
    view! {
        <section class=if hit { "card alert" } else { "card" } aria-label=tr::case_page::comparison(t) data-testid="comparison">
            <h2>{if hit { tr::case_page::comparison_hit(t) } else { tr::case_page::comparison_clear(t) }}</h2>
            {hit.then(|| view! {
                <ul class="warnings">
                    {comparison.hits_zh.iter().map(|h| view! { <li>{hit_label(h, t)}</li> }).collect_view()}
                </ul>
                <p class="muted">{tr::case_page::hit_needs_reason(t)}</p>
            })}
            <p class="muted">
                {format!("{} · ", t.date(comparison.on))} <span lang="zh-CN">{comparison.by}</span>
                {(!comparison.note.is_empty()).then(|| view! { " · " <span lang="zh-CN">{comparison.note}</span> })}
            </p>
        </section>
    }
}

/// A negative-list hit in the reader's language (its stored Chinese words if unknown).
fn hit_label(zh: &str, lang: Lang) -> AnyView {
    match NegativeItem::ALL.iter().find(|i| i.label_zh() == zh) {
        Some(item) => item.label(lang).into_any(),
        None => zh_text(zh.to_owned()),
    }
}

/// Why two filings look alike ("身份证号相同、手机号相同"), in the reader's language.
fn reasons(zh: &str, lang: Lang) -> AnyView {
    let known: Option<Vec<&str>> = zh
        .split('、')
        .map(|part| {
            MatchReason::ALL
                .iter()
                .find(|r| r.label_zh() == part)
                .map(|r| r.label(lang))
        })
        .collect();
    match known {
        Some(words) => words.join(tr::common::list_separator(lang)).into_any(),
        None => zh_text(zh.to_owned()),
    }
}

/// The words of `EliminationGap` codes a home check shows (others are left out).
pub(super) fn gap_words(codes: &[String], t: crate::i18n::Lang) -> Vec<&'static str> {
    use tr::field_error::elimination_gap as gap;
    codes
        .iter()
        .filter_map(|code| match code.as_str() {
            "net_income_not_above_line" => Some(gap::net_income_not_above_line(t)),
            "guarantees_not_secured" => Some(gap::guarantees_not_secured(t)),
            _ => None,
        })
        .collect()
}
