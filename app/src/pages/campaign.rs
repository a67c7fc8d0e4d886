//! 集中排查: the county starts the yearly campaign from its dashboard; every monitored or
//! eliminated household then has a visit due in the village's queue.
use leptos::prelude::*;

use crate::{
    api::campaigns::StartCampaign,
    i18n::use_lang,
    tr,
    wire::{cases::StepTyped, AppError},
};

/// A campaign start refused to a role without the form (posted without JavaScript): said at
/// the top, or the dashboard came back with no word of it (attacker tester).
#[component]
pub fn CampaignRefused() -> impl IntoView {
    let t = use_lang();
    let start = ServerAction::<StartCampaign>::new();
    move || {
        start.value().get().and_then(Result::err).map(|error| {
            view! { <p class="banner error" role="alert" data-testid="campaign-refused">{error.text(t)}</p> }
        })
    }
}

/// `folded`: a campaign is running, so the form waits under a summary line.
#[component]
pub fn CampaignForm(#[prop(optional)] folded: bool) -> impl IntoView {
    let t = use_lang();
    let start = ServerAction::<StartCampaign>::new();
    // Back from a plain form: the counts come in the address.
    let query = leptos_router::hooks::use_query_map()
        .read_untracked()
        .clone();
    let count = |key: &str| query.get(key).and_then(|n| n.parse::<usize>().ok());
    let returned = (crate::components::notice::done_mark() == "campaign")
        .then(|| {
            Some(tr::campaign::started(
                t,
                count("started")?,
                count("skipped")?,
            ))
        })
        .flatten();
    let result = move || {
        start.value().get().map(|answer| match answer {
            Ok(report) => tr::campaign::started(t, report.started, report.skipped),
            // Said under each field; here only what is not about one.
            Err(AppError::Validation(_)) => String::new(),
            Err(error) => error.text(t).to_owned(),
        })
    };
    let error_for = move |field: &'static str| {
        move || match start.value().get() {
            Some(Err(AppError::Validation(errors))) => {
                errors.iter().find(|e| e.field == field).map(|e| e.words(t))
            }
            _ => None,
        }
    };
    let (name_error, until_error) = (error_for("name"), error_for("until"));
    // Without JavaScript a refusal comes back at the top of a long page: the first field in
    // error takes the focus, so the browser shows it (quick tester).
    let focus_name = name_error().is_some();
    let focus_until = !focus_name && until_error().is_some();
    // Open again after a start, or a refused one (without JavaScript the page comes back with
    // the refusal, which sat folded away: officer tester), so its answer shows.
    let open = returned.is_some() || start.value().get_untracked().is_some();
    // Refused without JavaScript, the page comes back with what was typed
    // (server/src/typed_form.rs): the date was lost (quick tester).
    let typed = use_context::<StepTyped>().filter(|t| t.kind == "start_campaign");
    let kept = |name: &str| {
        typed
            .as_ref()
            .and_then(|t| t.value(name))
            .map(str::to_owned)
    };
    let (name, until) = (kept("name"), kept("until"));
    let body = view! {
            <p class="muted">{tr::campaign::intro(t)}</p>
            // Above the form: below it, a 360 px phone landing at the top never saw it (officer
            // tester).
            <p role="status">{move || result().or_else(|| returned.clone())}</p>
            <ActionForm action=start>
                <div class="field" class:invalid=move || name_error().is_some()>
                    <label for="campaign_name">{tr::campaign::name(t)}</label>
                    <input id="campaign_name" name="name" type="text" placeholder=tr::campaign::name_example(t)
                        value=name maxlength=crate::domain::case::follow_up::CAMPAIGN_NAME_CHARS aria-describedby="e-campaign_name" aria-invalid=move || name_error().is_some().then_some("true") autofocus=focus_name />
                    <p class="field-error" id="e-campaign_name" role="alert">{name_error}</p>
                </div>
                <div class="field" class:invalid=move || until_error().is_some()>
                    <label for="campaign_until">{tr::campaign::until(t)}</label>
                    <input id="campaign_until" name="until" type="date" value=until aria-describedby="e-campaign_until" aria-invalid=move || until_error().is_some().then_some("true") autofocus=focus_until />
                    <p class="field-error" id="e-campaign_until" role="alert">{until_error}</p>
                </div>
                <button type="submit" class="button primary" formaction="/staff/dashboard">{tr::campaign::start(t)}</button>
            </ActionForm>
    }
    .into_any();
    if folded {
        view! {
            <details class="card campaign-form" id="campaign" open=open data-testid="campaign-form">
                <summary>{tr::campaign::start_another(t)}</summary>
                {body}
            </details>
        }
        .into_any()
    } else {
        view! { <section class="card" id="campaign" data-testid="campaign-form"><h2>{tr::campaign::title(t)}</h2>{body}</section> }
            .into_any()
    }
}

/// Each campaign of the county with the reader's region's visits: planned, done, overdue
/// (started, they were listed nowhere: officer tester).
#[component]
pub fn CampaignProgressList(
    campaigns: Vec<crate::wire::campaigns::CampaignProgress>,
) -> impl IntoView {
    let t = use_lang();
    (!campaigns.is_empty()).then(|| {
        view! {
            <section class="card" data-testid="campaigns">
                <h2>{tr::campaign::progress_title(t)}</h2>
                <ul>
                    {campaigns.into_iter().map(|c| {
                        let until = chrono::NaiveDate::parse_from_str(&c.until, "%Y-%m-%d")
                            .map_or_else(|_| c.until.clone(), |d| t.date(d));
                        let row = if c.visits == 0 {
                            format!("{}{}{}", c.name, tr::common::colon(t), tr::campaign::progress_none(t))
                        } else {
                            tr::campaign::progress_row(t, &c.name, until, c.visits, c.done, c.overdue)
                        };
                        view! { <li>{crate::components::whole_dates::whole_dates(row)}</li> }
                    }).collect_view()}
                </ul>
            </section>
        }
    })
}
