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
                // Another role has no alerts of its own: nothing is shown.
                found.await.ok().map(|rows| view! {
                    <section class="card" id="feedback" data-testid="alert-feedback">
                        <h2>{tr::alerts::feedback_title(t)}</h2>
                        <p class="hint">{tr::alerts::feedback_hint(t, SHOWN)}</p>
                        {if rows.is_empty() {
                            view! { <p>{tr::alerts::feedback_none(t)}</p> }.into_any()
                        } else {
                            view! {
                                <ul class="plain">
                                    {rows.into_iter().rev().take(SHOWN).map(|r| line(r, t)).collect_view()}
                                </ul>
                            }.into_any()
                        }}
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
    let day = r.updated_at.get(..10).unwrap_or_default().to_owned();
    view! {
        <li>
            <span lang="zh-CN">{r.reference}</span> " · "
            <span class="nowrap">{TrackingNumber::shown_back(&r.tracking)}</span> " · "
            <strong>{status}</strong>{reason} " · " <span class="nowrap">{day}</span>
        </li>
    }
}
