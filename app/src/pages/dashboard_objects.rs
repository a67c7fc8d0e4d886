//! 监测对象 on the dashboard: identified households by category, risk level and risk type,
//! and this month's changes, as page text and a plain table (readable without JavaScript).
use leptos::prelude::*;

use crate::{
    i18n::use_lang,
    tr,
    wire::dashboard::{CodeCount, ObjectCounts},
};

#[component]
pub fn ObjectsCard(objects: ObjectCounts) -> impl IntoView {
    let t = use_lang();
    let (at_risk, eliminated) = objects.totals();
    let month = tr::dashboard_objects::month_changes(
        t,
        objects.eliminated_this_month,
        objects.reopened_this_month,
        objects.removed_this_month,
    );
    let body = if at_risk + eliminated == 0 {
        view! { <p class="empty">{tr::dashboard_objects::none(t)}</p> }.into_any()
    } else {
        let rows = objects
            .by_category
            .into_iter()
            .map(|c| {
                let name = tr::vocab::category::lookup(t, &c.category).unwrap_or("");
                view! { <tr><th scope="row">{name}</th><td>{c.at_risk}</td><td>{c.eliminated}</td></tr> }
            })
            .collect_view();
        let tier = |code: &str| tr::vocab::risk_tier::lookup(t, code).unwrap_or("");
        let risk = |code: &str| tr::vocab::risk_type::lookup(t, code).unwrap_or("");
        view! {
            <p>{tr::dashboard_objects::summary(t, at_risk + eliminated, at_risk, eliminated)}</p>
            // Short column heads: at 360 px the words fit whole; at 200% text they wrap.
            <table class="counts">
                <thead><tr>
                    <th scope="col">{tr::dashboard_objects::category(t)}</th>
                    <th scope="col">{tr::dashboard_objects::at_risk(t)}</th>
                    <th scope="col">{tr::dashboard_objects::eliminated(t)}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
            <h3>{tr::dashboard_objects::by_tier(t)}</h3>
            {figures(objects.by_tier, tier)}
            <h3>{tr::dashboard_objects::by_risk(t)}</h3>
            {figures(objects.by_risk, risk)}
        }
        .into_any()
    };
    view! {
        <section class="card" data-testid="objects">
            <h2>{tr::dashboard_objects::title(t)}</h2>
            {body}
            <p>{month}</p>
        </section>
    }
}

/// "红色 3 户；黄色 5 户；…" as one line of text that wraps like words.
fn figures(counts: Vec<CodeCount>, label: impl Fn(&str) -> &'static str) -> impl IntoView {
    let t = use_lang();
    let said: Vec<String> = counts
        .into_iter()
        .map(|c| {
            let n = tr::dashboard_objects::households(t, c.households);
            format!("{} {n}", label(&c.code))
        })
        .collect();
    view! { <p>{said.join(tr::common::field_separator(t))}</p> }
}
