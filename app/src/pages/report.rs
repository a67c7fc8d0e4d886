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
        offline_draft::{DraftStatus, OfflineDraft},
        report_fields::{report_draft, show_submit_errors, Consent, ReportFields, SubmitBanners},
        report_prop::{from_prop, to_prop},
        village_options::village_options_html,
    },
    domain::wording::drafts::DraftDevice,
    i18n::{use_lang, Lang},
    tr,
    wire::{reports::ReportDraft, FieldError},
};

#[component]
pub fn ReportPage() -> impl IntoView {
    let t = use_lang();
    let draft = report_draft();
    let regions = Resource::new(|| (), |_| region_tree());
    view! {
        <h1>{tr::report_form::title(t)}</h1>
        <p class="hint">{tr::report_form::hint(t)}</p>
        <Suspense fallback=move || view! { <p class="loading">{tr::common::loading(t)}</p> }>
            {move || Suspend::new(async move {
                let draft = draft.await;
                match regions.await {
                    Ok(townships) => {
                        let village_options = village_options_html(&townships, &draft.form.village, t);
                        let form = to_prop(&draft.form);
                        let errors = draft.errors;
                        view! { <ReportFormView form errors village_options lang=t /> }.into_any()
                    }
                    Err(e) => view! { <p class="banner error">{e.text(t)}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The island: everything it needs arrives as props (an island sees no context from `App`),
/// shaped to keep the WASM small: the form as strings (`report_prop`), the village choice as
/// HTML.
#[island]
fn ReportFormView(
    form: Vec<String>,
    errors: Vec<FieldError>,
    village_options: String,
    lang: Lang,
) -> impl IntoView {
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
        <form method="post" action=SubmitReport::PATH class="report-form" novalidate
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
