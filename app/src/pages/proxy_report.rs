//! 代为申报: a 12317 hotline operator, village cadre or grid worker files for a caller or a
//! household they found. The same fields as the household's own form, plus the channel and
//! the consent read aloud; earlier filings for the same ID number or mobile show as they are
//! typed, and the filing opens on its case page (where a duplicate is shown beside it).
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;

use crate::{
    api::{
        auth::current_staff,
        regions::my_regions,
        reports::{check_duplicates, my_proxy_channels, CheckDuplicates, SubmitProxyReport},
    },
    components::{
        field_errors::{FieldErrors, FieldMessage},
        form_post::{post_fields, Posted},
        hydrated::mark_hydrated,
        island_props::{field_errors, flag, island_props, join_records, IslandProps},
        notice::LoadError,
        offline_draft::{DraftStatus, OfflineDraft},
        report_fields::{report_draft, show_submit_errors, Consent, ReportFields, SubmitBanners},
        report_prop::{from_prop, to_prop},
        village_options::{choice_options_html, village_options_html},
    },
    domain::{vocab::Channel, wording::drafts::DraftDevice},
    i18n::{use_lang, Lang},
    tr,
    wire::{cases::DuplicateView, reports::ReportDraft},
};

#[component]
pub fn ProxyReportPage() -> impl IntoView {
    let draft = report_draft();
    // The villages the account serves: a 青石村 cadre was offered the whole county, and a
    // case filed for another village went where the cadre could not open it (officer tester).
    let regions = Resource::new(|| (), |_| my_regions());
    let channels = Resource::new(|| (), |_| my_proxy_channels());
    let me = Resource::new(|| (), |_| current_staff());
    let query = use_query_map();
    let lang = use_lang();
    view! {
        <crate::components::back_to_queue::BackToQueue />
        <h1>{tr::proxy::title(lang)}</h1>
        <p class="hint">{tr::proxy::hint(lang)}</p>
        <Suspense fallback=move || view! { <p class="loading">{tr::common::loading(lang)}</p> }>
            {move || Suspend::new(async move {
                let draft = draft.await;
                // A plain form post that came back: its earlier filings show at once.
                let earlier = earlier_filings(draft.form.id_number.clone(), draft.form.mobile.clone()).await;
                let channel = query.read_untracked().get("channel").unwrap_or_default();
                // The browser's copy of the form is the signed-in account's own.
                let account = me.await.ok().flatten().map(|me| me.username).unwrap_or_default();
                match (channels.await, regions.await) {
                    (Ok(channels), Ok(mine)) => {
                        let townships = mine.townships;
                        // A cadre's one village is chosen already.
                        let only = match townships.as_slice() {
                            [t] if t.villages.len() == 1 => t.villages[0].code.clone(),
                            _ => String::new(),
                        };
                        let selected = if draft.form.village.is_empty() { only } else { draft.form.village.clone() };
                        let village_options = village_options_html(&townships, &selected, lang);
                        // A department files alerts from its data: nobody is on the line to
                        // read the pledge to.
                        let department = channels
                            .iter()
                            .all(|c| c.code == Channel::DepartmentAlert.code());
                        let labels: Vec<(String, String)> = channels
                            .iter()
                            .map(|c| {
                                let label = Channel::from_code(&c.code)
                                    .map_or(c.label_zh.clone(), |ch| ch.label(lang).to_owned());
                                (c.code.clone(), label)
                            })
                            .collect();
                        let channel_options = choice_options_html(
                            labels.iter().map(|(c, l)| (c.as_str(), l.as_str())),
                            &channel,
                        );
                        let mut values = vec![
                            lang.code().to_owned(),
                            account,
                            flag(department),
                            field_errors(&draft.errors, lang),
                            join_records(earlier.iter().map(duplicate_record)),
                        ];
                        values.extend(to_prop(&draft.form));
                        view! {
                            <IslandProps id=PROPS values html=vec![village_options, channel_options]>
                                <ProxyForm />
                            </IslandProps>
                        }
                        .into_any()
                    }
                    (Err(error), _) | (_, Err(error)) => view! { <LoadError error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The id of the element holding the island's values.
const PROPS: &str = "proxy-props";

/// An earlier filing as island values (`duplicate_from` reads it back).
fn duplicate_record(d: &DuplicateView) -> Vec<String> {
    let d = d.clone();
    let case_id = d.case_id.unwrap_or_default();
    vec![
        d.tracking,
        case_id,
        d.applicant,
        d.village,
        d.state_zh,
        d.reported_on,
        d.reasons_zh,
        d.state_words,
        d.reasons_words,
    ]
}

fn duplicate_from(record: Vec<String>) -> DuplicateView {
    let mut it = record.into_iter();
    let mut next = || it.next().unwrap_or_default();
    DuplicateView {
        tracking: next(),
        case_id: Some(next()).filter(|id| !id.is_empty()),
        applicant: next(),
        village: next(),
        state_zh: next(),
        reported_on: next(),
        reasons_zh: next(),
        state_words: next(),
        reasons_words: next(),
    }
}

/// The island: its values from the page (`IslandProps`: no context, no resources, no
/// serde_json); the earlier filings are looked up by a post as the ID number and mobile
/// change. The form arrives as strings (`report_prop`) and the choices as HTML (server only).
/// Only the department-alert channel signs the pledge at the home check (`department`).
// A staff island: only the staff bundle (`staff-islands`) hydrates it (island_scripts.rs).
#[cfg_attr(any(feature = "ssr", feature = "staff-islands"), island)]
#[cfg_attr(not(any(feature = "ssr", feature = "staff-islands")), component)]
fn ProxyForm() -> impl IntoView {
    let mut props = island_props(PROPS);
    let lang = Lang::from_code(&props.text());
    let account = props.text();
    let department = props.flag();
    let errors = props.field_errors();
    let earlier: Vec<DuplicateView> = props.records().into_iter().map(duplicate_from).collect();
    let (village_options, channel_options) = (props.html(), props.html());
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
    // Looked up by a plain post (no server-function client in the WASM).
    let found = RwSignal::new(earlier);
    let look_up = move |(id_number, mobile): (String, String)| {
        if id_number.trim().is_empty() && mobile.trim().is_empty() {
            found.set(Vec::new());
            return;
        }
        leptos::task::spawn_local(async move {
            let fields = [
                ("id_number", id_number.as_str()),
                ("mobile", mobile.as_str()),
            ];
            if let Ok(list) =
                post_fields::<Vec<DuplicateView>>(CheckDuplicates::PATH, &fields).await
            {
                found.set(list);
            }
        });
    };
    let pending = submit.pending;
    let kept = OfflineDraft::new(
        &format!("proxy.{account}"),
        DraftDevice::StaffDevice,
        lang,
        draft.errors.is_empty(),
        submit.value,
    );
    let consent = if department {
        Consent::AtHomeCheck
    } else {
        Consent::ReadAloud
    };
    view! {
        // Kept in the browser until filed; signing out clears it (Clear-Site-Data).
        <div on:input=move |_| kept.save() on:change=move |_| kept.save()>
        <form method="post" action=SubmitProxyReport::PATH class="report-form" novalidate
            node_ref=kept.form() on:submit=submit.on_submit(kept.form())>
            <DraftStatus draft=kept />
            // The list sits after the whole form, far below the ID box at 360 px: a line that
            // stays in view points to it (hotline tester typed on without seeing it).
            {move || (!found.get().is_empty()).then(|| view! {
                <p class="banner warn pinned" role="status" data-testid="earlier-pointer">
                    <a href="#earlier-filings">{tr::proxy::earlier_pointer(lang)}</a>
                </p>
            })}
            <SubmitBanners error=general_error draft_has_errors=!draft.errors.is_empty() errors />
            <div class="field" class:invalid=move || errors.get("channel")().is_some()>
                <label for="f-channel">{tr::proxy::channel(lang)}</label>
                <select id="f-channel" name="channel" aria-describedby="e-channel"
                    inner_html=channel_options>
                </select>
                <FieldMessage id="e-channel" message=errors.get("channel") />
            </div>
            <ReportFields
                form=draft.form
                errors
                village_options
                consent=consent
                on_keys=Callback::new(look_up)
            />
            {move || view! { <EarlierFilings found=found.get() /> }}
            <button type="submit" class="button primary big" disabled=move || pending.get()>
                {move || if pending.get() { tr::proxy::sending(lang) } else { tr::proxy::submit(lang) }}
            </button>
        </form>
        </div>
    }
}

/// Earlier filings for this ID number or mobile (none when both are blank).
async fn earlier_filings(id_number: String, mobile: String) -> Vec<DuplicateView> {
    if id_number.trim().is_empty() && mobile.trim().is_empty() {
        Vec::new()
    } else {
        check_duplicates(id_number, mobile)
            .await
            .unwrap_or_default()
    }
}

/// Words the server gave in the reader's language, else the Chinese, marked.
fn worded(words: String, zh: String) -> AnyView {
    if words.is_empty() {
        view! { <span lang="zh-CN">{zh}</span> }.into_any()
    } else {
        words.into_any()
    }
}

/// A warning, not a block: the filing goes ahead and the township decides at acceptance.
#[component]
fn EarlierFilings(found: Vec<DuplicateView>) -> impl IntoView {
    let lang = use_lang();
    // A number masked here is one the reader may not open, so may not read out either.
    let masked = found.iter().any(|d| d.case_id.is_none());
    (!found.is_empty()).then(|| {
        view! {
            <section class="card alert" role="status" id="earlier-filings" data-testid="earlier-filings">
                <h2>{tr::proxy::earlier_title(lang)}</h2>
                <ul class="plain">
                    {found.into_iter().map(|d| view! {
                        <li>
                            {tr::proxy::tracking(lang, d.tracking)} " · "
                            <span lang="zh-CN">{d.village}</span> " · "
                            {worded(d.state_words, d.state_zh)} " · " {d.reported_on} " · "
                            {worded(d.reasons_words, d.reasons_zh)}
                        </li>
                    }).collect_view()}
                </ul>
                <p class="muted">{tr::proxy::earlier_hint(lang)}</p>
                {masked.then(|| view! { <p class="muted" data-testid="masked-hint">{tr::proxy::earlier_masked_hint(lang)}</p> })}
            </section>
        }
    })
}
