//! 查询进度: a plain POST form (the mobile number never goes into an address), so it works
//! on any phone with or without JavaScript.
use crate::components::hotline::HotlineNote;
use crate::tr;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::track_problems::TrackProblems;
use crate::{
    api::reports::{load_report_draft, tracked_report, ResendTracking, TrackReport},
    components::{contacts::ContactList, dial::dialable, whole_dates::whole_dates},
    domain::tracking::TrackingNumber,
    i18n::{use_lang, Lang},
    wire::{reports::TrackResult, AppError},
};

/// What the household is told after asking for its tracking numbers by SMS, about the whole
/// form (a banner above it).
fn resend_message(outcome: &str, t: Lang) -> Option<(&'static str, &'static str)> {
    match outcome {
        "ok" => Some(("banner ok", tr::track::number_reports_their_tracking(t))),
        "limited" => Some(("banner error", tr::track::too_many_requests_please(t))),
        _ => None,
    }
}

/// 忘记查询码: the numbers go by SMS to the phone they were filed with.
#[component]
fn ForgotTracking(sent: String, kept: Resource<Option<(String, String)>>) -> impl IntoView {
    let t = use_lang();
    let resend = ServerAction::<ResendTracking>::new();
    let open = !sent.is_empty();
    let outcome = Signal::derive(move || match resend.value().get() {
        Some(Ok(())) => "ok".to_owned(),
        Some(Err(AppError::RateLimited)) => "limited".to_owned(),
        Some(Err(_)) => "bad".to_owned(),
        None => sent.clone(),
    });
    // A number that is not a mobile (or none) is told under its box, which takes the focus,
    // with what was typed back in it from a sealed draft (`draft=`, never the number in the
    // address, as on the look-up).
    let said = move || match outcome.read().as_str() {
        "bad" => Some(tr::track::that_mobile_number_enter(t)),
        "empty" => Some(tr::track::enter_the_mobile(t)),
        _ => None,
    };
    let bad = move || said().is_some();
    view! {
        <details class="card forgot" id="forgot" open=open>
            <summary>{tr::track::lost_tracking_number(t)}</summary>
            // The answer first, where the page is scrolled to after sending.
            {move || resend_message(&outcome.get(), t).map(|(class, text)| view! {
                <p class=class role="status">{dialable(text)}</p>
            })}
            <ActionForm action=resend>
                <div class="field" class:invalid=bad>
                    <label for="r-mobile">{tr::track::mobile_text_message_one(t)}</label>
                    <Suspense fallback=|| ()>
                        {move || Suspend::new(async move {
                            let typed = kept.await.map(|(m, _)| m).filter(|m| !m.is_empty());
                            view! {
                                <input id="r-mobile" name="mobile" type="tel" inputmode="numeric" autocomplete="tel"
                                    value=typed aria-describedby="e-r-mobile" aria-invalid=move || bad().then_some("true")
                                    autofocus=bad />
                            }
                        })}
                    </Suspense>
                    <p class="field-error" id="e-r-mobile" role="alert">
                        {said}
                    </p>
                </div>
                <button type="submit" class="button">
                    {tr::track::text_my_tracking_numbers(t)}
                </button>
            </ActionForm>
        </details>
    }
}

fn result_view(result: Result<TrackResult, AppError>, t: Lang) -> AnyView {
    match result {
            Ok(found) => view! {
                <section class="card" data-testid="track-result">
                    <h2>{found.status}</h2>
                    // Whom to call sits below a long card: at 200% text it was screens away
                    // (household tester).
                    <p><a href="#contacts" data-testid="to-contacts">{tr::contacts::whom_call(t)}</a></p>
                    <p>{whole_dates(found.done)}</p>
                    {found.reason.map(|r| view! { <p data-testid="reason">{crate::components::worded::parts(r)}</p> })}
                    <p data-testid="next-step"><strong>{tr::track::next(t)}</strong>{dialable(&found.status_detail)}</p>
                    {found.notice_village.map(|v| view! {
                        <p><a href=format!("/notice/{v}") data-testid="notice-link">{tr::submitted::see_village_notice(t)}</a></p>
                    })}
                    {found.notice_listed_as.map(|said| view! { <p data-testid="listed-as">{crate::components::worded::parts(said)}</p> })}
                    {found.overdue.map(|o| view! { <p class="banner error" role="alert" data-testid="overdue">{dialable(&o)}</p> })}
                    {(!found.notes.is_empty()).then(|| view! {
                        <ul class="plain notes">
                            {found.notes.into_iter().map(|n| view! { <li>{dialable(&n)}</li> }).collect_view()}
                        </ul>
                    })}
                    <dl>
                        <dt>{tr::track::tracking_number(t)}</dt><dd><span class="whole">{found.tracking}</span></dd>
                        <dt>{tr::track::sent(t)}</dt><dd>{found.submitted_on}</dd>
                        <dt>{tr::track::village(t)}</dt><dd lang="zh-CN">{found.village}</dd>
                        <dt>{tr::track::hardship(t)}</dt><dd><ul class="plain" data-testid="hardship">{found.risk_types.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul></dd>
                        {found.responsible.map(|r| view! {
                            <dt>{tr::track::responsible_helping(t)}</dt><dd lang="zh-CN">{r}</dd>
                        })}
                        {found.next_visit.map(|d| view! {
                            <dt>{tr::track::next_visit(t)}</dt><dd>{tr::track::by(t)}{whole_dates(d)}</dd>
                        })}
                    </dl>
                    {(!found.measures.is_empty()).then(|| view! {
                        <h3>{tr::track::help_household(t)}</h3>
                        <ul class="plain">
                            {found.measures.into_iter().map(|m| view! {
                                <li>{m.before}<span lang="zh-CN">{m.department}</span>{m.after}</li>
                            }).collect_view()}
                        </ul>
                    })}
                    // Each step so far with its day (it showed only where the filing stands,
                    // undated: household tester).
                    {(!found.history.is_empty()).then(|| view! {
                        <h3>{tr::household_history::title(t)}</h3>
                        <ol class="plain" data-testid="history">
                            {found.history.into_iter().map(|line| view! { <li>{whole_dates(line)}</li> }).collect_view()}
                        </ol>
                    })}
                </section>
                <ContactList contacts=found.contacts advice=found.contact_advice />
                <crate::components::who_looked::WhoLooked looked=found.looked />
            }
            .into_any(),
            Err(AppError::Validation(errors)) => view! {
                <ul class="banner error" role="alert">
                    {errors.into_iter().map(|e| view! { <li>{e.message}</li> }).collect_view()}
                </ul>
            }
            .into_any(),
            Err(AppError::NotFound) => view! {
                <p class="banner error" role="alert">{dialable(tr::track::nothing_found_check_tracking(t))}</p>
            }
            .into_any(),
            Err(e) => view! { <p class="banner error" role="alert">{dialable(e.text(t))}</p> }.into_any(),
    }
}

#[component]
pub fn TrackPage() -> impl IntoView {
    let t = use_lang();
    let query = use_query_map();
    let track = ServerAction::<TrackReport>::new();
    // A look-up posted without JavaScript comes back with a short-lived token, not the mobile.
    let by_token = Resource::new(
        move || {
            let q = query.read();
            (
                q.get("n").unwrap_or_default(),
                q.get("t").unwrap_or_default(),
            )
        },
        |(n, token)| async move {
            if n.is_empty() || token.is_empty() {
                None
            } else {
                Some(tracked_report(n, token).await)
            }
        },
    );
    // The mobile typed into a failed look-up, from this browser's sealed draft (`draft=`): an
    // elderly household could not see which digit was wrong in an empty box (tester).
    let kept_mobile = Resource::new(
        move || query.read().get("draft"),
        |token| async move {
            let draft = load_report_draft(token?).await.ok().flatten()?;
            Some((draft.form.mobile, draft.form.id_number))
        },
    );
    let sent = query.read_untracked().get("sent").unwrap_or_default();
    let sent_here = !sent.is_empty();
    let problems = TrackProblems::read(&query.read_untracked().get("e").unwrap_or_default(), t);
    // The number as typed comes back with a failed look-up (never the mobile).
    let typed = TrackingNumber::typed_back(&query.read_untracked().get("n").unwrap_or_default());
    let TrackProblems {
        tracking: tracking_error,
        mobile: mobile_error,
        id_number: id_error,
        form: form_error,
        ask_id,
        held,
    } = problems;
    // A look-alike slip (5 for S) offered back as the number it must be (household tester),
    // with a link that fills it in (the mobile kept from the draft), not to be retyped.
    let draft = query.read_untracked().get("draft").unwrap_or_default();
    // Back from that link: the page looked like an empty form, as if nothing had happened
    // (household tester), so it says the number is in and what to press.
    let fixed = query.read_untracked().get("fixed").is_some() && !typed.is_empty();
    let look_alike = tracking_error
        .and_then(|_| TrackingNumber::look_alike_of(&typed))
        .map(|n| {
            let mut href = format!("/track?n={}&fixed=1", n.as_str());
            if !draft.is_empty() {
                href.push_str(&format!("&draft={}", crate::domain::url::encode(&draft)));
            }
            (tr::track::look_alike(t, n.grouped()), href)
        });
    // Focus goes where the first problem is shown, so it is read out first.
    let focus_tracking = tracking_error.is_some();
    // A number already filled in (from the confirmation page) leaves the mobile to type; not
    // under a result (`t=`), which the focus scrolled out of sight (household tester).
    let showing_result = query
        .read_untracked()
        .get("t")
        .is_some_and(|t| !t.is_empty());
    let number_given = !typed.is_empty()
        && tracking_error.is_none()
        && form_error.is_none()
        && id_error.is_none()
        && !showing_result;
    let focus_mobile = (mobile_error.is_some() && !focus_tracking) || number_given;
    // Held back, with the mobile kept from this browser's draft: the ID number is the one box
    // left to fill, and it sat below the first screen under the long notice (household
    // tester). The notice is still read out (role="alert").
    let mobile_kept = query
        .read_untracked()
        .get("draft")
        .is_some_and(|d| !d.is_empty());
    let focus_id = (id_error.is_some() && !focus_tracking && mobile_error.is_none())
        || (held && mobile_kept && !sent_here);
    view! {
        <h1>{tr::track::track_my_report(t)}</h1>
        // The result first: under the form it sat below the first screen (household tester).
        {move || track.value().get().map(|r| result_view(r, t))}
        <Suspense fallback=move || view! { <p class="loading">{tr::track::looking_up(t)}</p> }>
            {move || Suspend::new(async move {
                match by_token.await {
                    // A result link opens only in the browser that looked it up (its
                    // `sn_track` cookie): elsewhere say so, not "check the number".
                    Some(Err(AppError::NotFound)) if track.value().get_untracked().is_none() => view! {
                        <p class="banner" role="status">{tr::track_words::other_browser(t)}</p>
                    }
                    .into_any(),
                    Some(r) if track.value().get_untracked().is_none() => result_view(r, t),
                    _ => ().into_any(),
                }
            })}
        </Suspense>
        {form_error.map(|text| view! {
            <p class="banner error" role="alert" id="track-problem" tabindex="-1" autofocus=!focus_id>{dialable(text)}</p>
        })}
        <ActionForm action=track attr:class="track-form">
            <div class="field" class:invalid=focus_tracking>
                <label for="t-tracking">{tr::track::tracking_number_hint(t)}</label>
                <input id="t-tracking" name="tracking" type="text" autocomplete="off"
                    autocapitalize="characters" value=typed
                    aria-describedby="e-tracking" aria-invalid=focus_tracking.then_some("true")
                    autofocus=focus_tracking
                    placeholder=tr::track::e_g_abcd_efgh(t) />
                <p class="field-error" id="e-tracking">{tracking_error}</p>
                {(fixed && tracking_error.is_none()).then(|| view! {
                    <p class="hint" role="status" data-testid="look-alike-filled">{tr::track::look_alike_filled(t)}</p>
                })}
                {look_alike.map(|(said, href)| view! {
                    <p class="hint" data-testid="look-alike">{said}" "<a href=href data-testid="look-alike-use">{tr::track::look_alike_use(t)}</a></p>
                })}
            </div>
            <div class="field" class:invalid=mobile_error.is_some()>
                <label for="t-mobile">{tr::track::mobile_number_given_when(t)}</label>
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        // A draft kept by 忘记查询码 (`sent=`) is its box's, not this one's.
                        let kept = kept_mobile.await.map(|(m, _)| m).filter(|m| !m.is_empty() && !sent_here);
                        view! {
                            <input id="t-mobile" name="mobile" type="tel" inputmode="numeric" autocomplete="tel"
                                value=kept aria-describedby="e-mobile" aria-invalid=mobile_error.map(|_| "true")
                                autofocus=focus_mobile />
                        }
                    })}
                </Suspense>
                <p class="field-error" id="e-mobile">{mobile_error}</p>
            </div>
            {ask_id.then(|| view! {
                <div class="field" class:invalid=id_error.is_some()>
                    <label for="t-id">{tr::track::applicant_id_number(t)}</label>
                    // Why, beside the box that takes the focus: the notice at the top is out of
                    // sight once the page scrolls to it (household tester).
                    {held.then(|| view! { <p class="hint" id="h-id">{tr::track::id_when_held(t)}</p> })}
                    // No length cap: a number typed as printed, with spaces, was cut short.
                    <Suspense fallback=|| ()>
                        {move || Suspend::new(async move {
                            let kept = kept_mobile.await.map(|(_, id)| id).filter(|id| !id.is_empty());
                            view! {
                                <input id="t-id" name="id_number" type="text" autocomplete="off"
                                    autocapitalize="characters" aria-describedby=if held { "h-id e-id" } else { "e-id" } value=kept
                                    aria-invalid=id_error.map(|_| "true") autofocus=focus_id />
                            }
                        })}
                    </Suspense>
                    <p class="field-error" id="e-id">{id_error}</p>
                </div>
            })}
            <button type="submit" class="button primary">{tr::track::look_up(t)}</button>
        </ActionForm>
        <ForgotTracking sent kept=kept_mobile />
        <HotlineNote />
    }
}
