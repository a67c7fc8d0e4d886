//! 我要申报: the self-report form. Works as a plain HTML form; once hydrated it checks each
//! field with the same parsers the server uses.
use leptos::prelude::*;

use crate::{
    api::{
        regions::{region_tree, TownshipOption},
        reports::{ReportDraft, SubmitReport},
    },
    components::{
        field_errors::FieldErrors,
        report_fields::{
            report_draft, show_submit_errors, ReportFields, SubmitBanners, CONSENT_SELF,
        },
    },
};

#[component]
pub fn ReportPage() -> impl IntoView {
    let draft = report_draft();
    let regions = Resource::new(|| (), |_| region_tree());
    view! {
        <h1>"我要申报"</h1>
        <p class="hint">"带 * 的为必填。请如实填写，我们会上门核实。"</p>
        <Suspense fallback=|| view! { <p class="loading">"正在加载…"</p> }>
            {move || Suspend::new(async move {
                let draft = draft.await;
                match regions.await {
                    Ok(townships) => view! { <ReportFormView draft townships /> }.into_any(),
                    Err(e) => view! { <p class="banner error">{e.zh()}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ReportFormView(draft: ReportDraft, townships: Vec<TownshipOption>) -> impl IntoView {
    let submit = ServerAction::<SubmitReport>::new();
    let errors = FieldErrors::new(&draft.errors);
    let general_error = show_submit_errors(submit.value(), errors);
    let pending = submit.pending();

    view! {
        <ActionForm action=submit attr:class="report-form" attr:novalidate=true>
            <SubmitBanners error=general_error draft_has_errors=!draft.errors.is_empty() />

            <ReportFields form=draft.form errors townships consent=CONSENT_SELF />

            <button type="submit" class="button primary big" disabled=move || pending.get()>
                {move || if pending.get() { "正在提交…" } else { "提交申报" }}
            </button>
        </ActionForm>
    }
}
