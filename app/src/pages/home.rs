use crate::components::hotline::HotlineNote;
use crate::tr;
use leptos::prelude::*;

use crate::{api::reports::household_promises, i18n::use_lang};

#[component]
pub fn HomePage() -> impl IntoView {
    let t = use_lang();
    let promises = Resource::new(|| (), |_| household_promises());
    view! {
        <section class="hero">
            <h1>{tr::home::help_when_hardship_returns(t)}</h1>
            <p class="lead">
                {tr::home::illness_disability_school_costs(t)}
            </p>
            <div class="actions">
                <a href="/report" class="button primary big">{tr::home::report_hardship(t)}</a>
                <a href="/track" class="button big">{tr::home::track_my_report(t)}</a>
            </div>
        </section>
        <section class="card">
            <h2>{tr::home::who_report(t)}</h2>
            <ul class="plain">
                <li>{tr::home::rural_households_county_whose(t)}</li>
                <li>{tr::home::report_yourself_ask_relative(t)}</li>
                <li>{tr::home::reporting_free_need_connections(t)}</li>
            </ul>
        </section>
        <section class="card">
            <h2>{tr::home::after_report(t)}</h2>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let steps = promises.await.unwrap_or_default();
                    view! { <ol data-testid="promises">{steps.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ol> }
                })}
            </Suspense>
        </section>
        <section class="card">
            <h2>{tr::notice_index::title(t)}</h2>
            <p>{tr::notice_index::home_hint(t)}{" "}<a href="/notice">{tr::notice_index::open(t)}</a></p>
        </section>
        <HotlineNote />
    }
}
