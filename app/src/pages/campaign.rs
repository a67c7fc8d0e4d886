//! 集中排查: the county starts the yearly campaign from its dashboard; every monitored or
//! eliminated household then has a visit due in the village's queue.
use leptos::prelude::*;

use crate::{api::campaigns::StartCampaign, i18n::use_lang, tr};

#[component]
pub fn CampaignForm() -> impl IntoView {
    let t = use_lang();
    let start = ServerAction::<StartCampaign>::new();
    let result = move || {
        start.value().get().map(|answer| match answer {
            Ok(report) => tr::campaign::started(t, report.started, report.skipped),
            Err(error) => error.text(t).to_owned(),
        })
    };
    view! {
        <section class="card">
            <h2>{tr::campaign::title(t)}</h2>
            <p class="muted">{tr::campaign::intro(t)}</p>
            <ActionForm action=start>
                <div class="field"><label for="campaign_name">{tr::campaign::name(t)}</label>
                    <input id="campaign_name" name="name" type="text" placeholder=tr::campaign::name_example(t) /></div>
                <div class="field"><label for="campaign_until">{tr::campaign::until(t)}</label>
                    <input id="campaign_until" name="until" type="date" /></div>
                <button type="submit" class="button primary">{tr::campaign::start(t)}</button>
            </ActionForm>
            <p role="status">{result}</p>
        </section>
    }
}
