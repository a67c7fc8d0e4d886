//! What a hotline operator or a cadre reads back to the caller right after filing for them:
//! the tracking number and the dates promised. The case page showed only 查询码, with nothing
//! to read out (household tester); the number also goes to the household's mobile by text.
use leptos::prelude::*;

use crate::{
    domain::{vocab::Channel, wording::iso_day::day_words},
    i18n::use_lang,
    tr,
    wire::cases::CaseView,
};

/// Shown on the case page the filing leads to (`?filed`), while the case awaits acceptance.
#[component]
pub fn CallerScript(case: CaseView) -> impl IntoView {
    let t = use_lang();
    let due = |kind: &str| {
        case.clocks
            .iter()
            .find(|c| c.kind == kind && c.ended_on.is_none())
            .map(|c| day_words(&c.due_on, t))
    };
    let dates = due("township_acceptance").zip(due("identification_overall"));
    let mobile = case.mobile_masked.clone();
    (case.state_code == "reported")
        .then_some(dates)
        .flatten()
        .map(|(accept_by, decide_by)| {
            let script = if case.tracking_texted {
                tr::case_page::caller_script(t, case.tracking.clone(), accept_by, decide_by)
            } else {
                tr::case_page::caller_script_no_text(t, case.tracking.clone(), accept_by, decide_by)
            };
            // A cadre filing at the household has nobody on the line: "请读给来电人听" read
            // wrong there (officer tester).
            let (title, check) = if case.channel == Channel::ProxyHotline.code() {
                (
                    tr::case_page::read_to_caller(t),
                    tr::case_page::check_mobile_first(t),
                )
            } else {
                (
                    tr::case_page::tell_applicant(t),
                    tr::case_page::check_mobile_in_person(t),
                )
            };
            view! {
                <section class="card alert" data-testid="caller-script" aria-label=title>
                    <h2>{title}</h2>
                    // A mistyped number loses both the text and the look-up (household tester).
                    <p class="muted">{check}</p>
                    // The number to check against, here: it was said to be "above" and was
                    // not (officer tester).
                    <p data-testid="mobile-on-file">{tr::case_page::mobile_on_file(t, &mobile)}</p>
                    <p>{script}</p>
                </section>
            }
        })
}
