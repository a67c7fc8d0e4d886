use crate::tr;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::{
    api::reports::get_submission_info,
    components::{contacts::ContactList, whole_dates::whole_dates},
    domain::tracking::TrackingNumber,
    i18n::use_lang,
    wire::AppError,
};

#[component]
pub fn SubmittedPage() -> impl IntoView {
    let t = use_lang();
    let params = use_params_map();
    let query = use_query_map();
    // The link made at filing carries a short-lived token (`t`); without it, or once it has
    // expired, the page confirms nothing and points to the look-up by number and mobile.
    let info = Resource::new(
        move || {
            (
                params.read().get("tracking").unwrap_or_default(),
                query.read().get("t").unwrap_or_default(),
            )
        },
        |(tracking, token)| get_submission_info(tracking, token, String::new()),
    );
    view! {
        <Suspense fallback=move || view! { <p class="loading">{tr::submitted::loading(t)}</p> }>
            {move || Suspend::new(async move {
                match info.await {
                    Ok(info) => {
                        let waiting = info.moved_on.is_none();
                        view! {
                        // Green only while the filing waits: a refusal under a green box read
                        // as a success (tester).
                        <section class="card" class:success=waiting data-testid="filed-card">
                            <h1>{tr::submitted::report_been_sent(t)}</h1>
                            <p>{tr::submitted::tracking_number_write_down(t)}</p>
                            <p class="tracking" data-testid="tracking">{info.tracking.clone()}</p>
                            <p>{tr::submitted::sent(t)} {whole_dates(info.submitted_on)}</p>
                            {info.filed_before.then(|| view! {
                                <p class="banner warn" data-testid="filed-before">{tr::submitted::filed_before(t)}</p>
                            })}
                            {match info.moved_on {
                                Some(now) => view! {
                                    <h2>{tr::submitted::moved_on(t)}</h2>
                                    <p data-testid="moved-on"><strong>{now.headline}</strong></p>
                                    <p>{whole_dates(now.done)}</p>
                                    {now.reason.map(|r| view! { <p data-testid="reason">{crate::components::worded::parts(r)}</p> })}
                                    <p data-testid="moved-on-next"><strong>{tr::track::next(t)}</strong>{whole_dates(now.next)}</p>
                                }
                                .into_any(),
                                None => view! {
                                    <h2>{tr::submitted::what_happens_next(t)}</h2>
                                    <ol>
                                        <li data-testid="accept-by">
                                            {tr::submitted::township_accept(t)}
                                            <strong>{whole_dates(info.accept_by)}</strong>
                                            {tr::submitted::pass_village(t)}
                                        </li>
                                        <li data-testid="visit-by">
                                            {tr::submitted::someone_from_village_visit(t)}
                                            <strong>{whole_dates(info.visit_by)}</strong>
                                            {tr::submitted::they_phone_first_keep(t)}
                                        </li>
                                        // Three short paragraphs, not one of 150 characters on a
                                        // phone (household tester).
                                        <li>
                                            <p>{tr::submitted::household_qualifies_head_household(t)}</p>
                                            <p>
                                                {tr::submitted::notice_online_part(t)}
                                                " "<a href=format!("/notice/{}", info.village) data-testid="notice-link">
                                                    {tr::submitted::see_village_notice(t)}
                                                </a>
                                            </p>
                                            <p><strong>{tr::submitted::notice_never_posted(t)}</strong></p>
                                        </li>
                                        <li data-testid="decide-by">
                                            {tr::submitted::told_decision(t)}
                                            <strong>{whole_dates(info.decide_by)}</strong>
                                            {tr::submitted::latest_text_message_mobile(t)}
                                        </li>
                                    </ol>
                                    {info.dates_may_move.map(|said| view! { <p data-testid="dates-may-move">{said}</p> })}
                                }
                                .into_any(),
                            }}
                            <p>{tr::submitted::check_progress_any_time(t)}</p>
                        </section>
                        <ContactList contacts=info.contacts advice=info.contact_advice />
                        // The look-up opens with the number filled in: only the mobile is left to
                        // type (household tester: retyping 10 characters shown on this screen).
                        <section class="card">
                            <a href=track_with(Some(&info.tracking)) class="button" data-testid="track-link">{tr::submitted::track_my_report(t)}</a>
                        </section>
                    }
                    .into_any()
                    }
                    // The link expired (or names another filing): not a 200, but not a red
                    // "no such record" either, which read as a lost report.
                    Err(e @ AppError::NotFound) => {
                        crate::components::page_status::main_content_failed(&e);
                        let number = TrackingNumber::parse(&params.read_untracked().get("tracking").unwrap_or_default())
                            .ok()
                            .map(|n| n.grouped());
                        view! {
                            <section class="card" data-testid="expired">
                                <h1>{tr::submitted::expired_title(t)}</h1>
                                <p>{tr::submitted::expired_safe(t)}</p>
                                {number.clone().map(|n| view! {
                                    <p>{tr::submitted::number_in_address(t)}<strong class="tracking">{n}</strong></p>
                                })}
                                <p>{tr::submitted::how_to_check(t)}</p>
                                <a href=track_with(number.as_deref()) class="button">{tr::submitted::track_my_report(t)}</a>
                                <p><a href="/track#forgot">{tr::submitted::forgot_link(t)}</a></p>
                            </section>
                        }
                        .into_any()
                    }
                    Err(e) => {
                        crate::components::page_status::main_content_failed(&e);
                        view! {
                            <section class="card">
                                <p class="banner error">{e.text(t)}</p>
                                <a href="/track" class="button">{tr::submitted::track_my_report(t)}</a>
                            </section>
                        }
                        .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// The look-up's address, with the tracking number filled in when there is one (`?n=` is
/// what a failed look-up comes back with too; never the mobile).
fn track_with(number: Option<&str>) -> String {
    match number {
        Some(n) => format!("/track?n={n}"),
        None => "/track".to_owned(),
    }
}
