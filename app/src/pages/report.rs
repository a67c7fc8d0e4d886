//! 我要申报: the self-report form. Works as a plain HTML form; the form is an island, so once
//! hydrated it checks each field with the same parsers the server uses.
use crate::components::hotline::HotlineNote;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use crate::{
    api::{regions::region_tree, reports::SubmitReport},
    components::{
        field_errors::FieldErrors,
        form_post::Posted,
        hydrated::mark_hydrated,
        island_props::{field_errors, island_props, IslandProps},
        offline_draft::{DraftStatus, OfflineDraft},
        report_fields::{report_draft, show_submit_errors, Consent, ReportFields, SubmitBanners},
        report_prop::{from_prop, to_prop},
        village_options::village_options_html,
    },
    domain::wording::drafts::DraftDevice,
    i18n::{use_lang, Lang},
    tr,
    wire::reports::ReportDraft,
};

#[component]
pub fn ReportPage() -> impl IntoView {
    let t = use_lang();
    let draft = report_draft();
    let regions = Resource::new(|| (), |_| region_tree());
    let form = view! {
        <p class="hint">{tr::report_form::hint(t)}</p>
        <Suspense fallback=move || view! { <p class="loading">{tr::common::loading(t)}</p> }>
            {move || Suspend::new(async move {
                let draft = draft.await;
                match regions.await {
                    Ok(townships) => {
                        let village_options = village_options_html(&townships, &draft.form.village, t);
                        let mut values = vec![t.code().to_owned(), field_errors(&draft.errors, t)];
                        values.extend(to_prop(&draft.form));
                        view! {
                            <IslandProps id=PROPS values html=vec![village_options]>
                                <ReportFormView />
                            </IslandProps>
                        }
                        .into_any()
                    }
                    Err(e) => view! { <p class="banner error">{e.text(t)}</p> }.into_any(),
                }
            })}
        </Suspense>
    };
    // Just filed from this browser (Back from the confirmation, most often): the form waits
    // behind a button, so the same household is not filed twice and the page, short, opens on
    // the notice rather than scrolled down to the submit button.
    let form = if filed_recently() {
        view! {
            <p class="banner warn" role="status" data-testid="filed-recently">
                {tr::report_form::filed_recently(t)}" "
                <a href="/track">{tr::report_form::filed_recently_track(t)}</a>
            </p>
            <details class="filed-another">
                <summary class="button">{tr::report_form::filed_recently_another(t)}</summary>
                {form}
            </details>
        }
        .into_any()
    } else {
        form.into_any()
    };
    view! {
        <h1>{tr::report_form::title(t)}</h1>
        {form}
    }
}

/// Whether this browser filed a report in the last half hour (read on the server only: the
/// page outside the island is never rendered in the browser).
fn filed_recently() -> bool {
    #[cfg(feature = "ssr")]
    {
        crate::ssr::filed_recently::in_request()
    }
    #[cfg(not(feature = "ssr"))]
    {
        false
    }
}

/// The id of the element holding the island's values.
const PROPS: &str = "report-props";

/// The island: everything it needs comes from the page through `IslandProps` (an island sees
/// no context from `App`, and Leptos's own props would put serde_json in the WASM): the
/// language, the server's field errors, the form as strings (`report_prop`); the village
/// choice as HTML on the server only.
#[island]
fn ReportFormView() -> impl IntoView {
    let mut props = island_props(PROPS);
    let lang = Lang::from_code(&props.text());
    let errors = props.field_errors();
    let village_options = props.html();
    let form = props.rest();
    provide_context(lang);
    mark_hydrated();
    let draft = ReportDraft {
        form: from_prop(form),
        errors,
    };
    let submit = Posted::<String>::new();
    let errors = FieldErrors::new(&draft.errors);
    let general_error = show_submit_errors(submit.value, errors);
    let pending = submit.pending;
    let t = errors.lang();
    let kept = OfflineDraft::new(
        "report",
        DraftDevice::Phone,
        t,
        draft.errors.is_empty(),
        submit.value,
    );
    view! {
        // Every keystroke is kept in the browser until the report is confirmed filed.
        <div on:input=move |_| kept.save() on:change=move |_| kept.save()>
        // autocomplete off: Back after filing on a shared phone restored the last filer's
        // name, mobile and description into the form (the draft kept here is cleared on filing).
        <form method="post" action=SubmitReport::PATH class="report-form" novalidate autocomplete="off"
            node_ref=kept.form() on:submit=submit.on_submit(kept.form())>
            <DraftStatus draft=kept />
            <SubmitBanners error=general_error draft_has_errors=!draft.errors.is_empty() errors />

            <ReportFields form=draft.form errors village_options consent=Consent::SelfTicked />

            <button type="submit" class="button primary big" disabled=move || pending.get()>
                {move || if pending.get() {
                    tr::report_form::sending(t)
                } else {
                    tr::report_form::submit(t)
                }}
            </button>
        </form>
        </div>
        <HotlineNote />
    }
}
