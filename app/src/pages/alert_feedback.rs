//! 县级核实结果 on the department's import page: what became of each alert it pushed. The
//! county's feedback reached a department only through the API or by opening each case, and
//! its inbox said 暂无消息 (officer tester).
use leptos::prelude::*;

use crate::{
    api::department_keys::alert_outcomes,
    domain::{lang::Lang, tracking::TrackingNumber},
    i18n::use_lang,
    tr,
    wire::department_keys::AlertFeedback,
};

/// Rows shown, the latest changes.
const SHOWN: usize = 20;

#[component]
pub fn AlertFeedbackList() -> impl IntoView {
    let t = use_lang();
    let found = Resource::new(|| (), |_| alert_outcomes(None));
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                // Another role has no alerts of its own, and none imported yet is nothing to
                // show (a "none yet" stayed beside an import's answer until a reload: tester).
                found.await.ok().filter(|rows| !rows.is_empty()).map(|rows| view! {
                    <section class="card" id="feedback" data-testid="alert-feedback">
                        <h2>{tr::alerts::feedback_title(t)}</h2>
                        <p class="hint">{tr::alerts::feedback_hint(t, SHOWN)}</p>
                        <ul class="plain">
                            {rows.into_iter().rev().take(SHOWN).map(|r| line(r, t)).collect_view()}
                        </ul>
                    </section>
                })
            })}
        </Suspense>
    }
}

fn line(r: AlertFeedback, t: Lang) -> impl IntoView {
    let status = match t {
        Lang::Zh => r.status_zh,
        _ => r.status_en,
    };
    let reason = r
        .reason
        .map(|why| view! { " · " <span lang="zh-CN">{why}</span> });
    let feedback = r.feedback.map(|note| {
        view! { <br />{tr::alerts::feedback_note(t)}<span lang="zh-CN">{note}</span> }
    });
    // The day in Beijing, as the case's history dates it (UTC read a day early: tester).
    let day = chrono::DateTime::parse_from_rfc3339(&r.updated_at)
        .map(|at| t.date(crate::domain::time::beijing_date(at.to_utc())))
        .unwrap_or_default();
    let number = TrackingNumber::shown_back(&r.tracking);
    let number = match r.case_id {
        Some(id) => {
            view! { <a href=format!("/staff/cases/{id}") class="nowrap">{number}</a> }.into_any()
        }
        None => view! { <span class="nowrap">{number}</span> }.into_any(),
    };
    view! {
        <li>
            <span lang="zh-CN">{r.reference}</span> " · " {number} " · "
            <strong>{status}</strong>{reason} " · " <span class="nowrap">{day}</span>
            {feedback}
        </li>
    }
}
