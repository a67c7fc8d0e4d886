//! 查询进度: a plain POST form (the mobile number never goes into an address), so it works
//! on any phone with or without JavaScript.
use crate::components::hotline::HotlineNote;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::{
    api::reports::{tracked_report, ResendTracking, TrackReport},
    components::contacts::ContactList,
    i18n::{use_lang, Lang},
    wire::{reports::TrackResult, AppError},
};

/// What the household is told after asking for its tracking numbers by SMS.
fn resend_message(outcome: &str, t: Lang) -> Option<(&'static str, &'static str)> {
    match outcome {
        "ok" => Some((
            "banner ok",
            t.pick(
                "如果这个号码有申报记录，查询码会以短信发到这个手机，请留意查收。",
                "If this number has reports, their tracking numbers will arrive by text message.",
            ),
        )),
        "limited" => Some((
            "banner error",
            t.pick(
                "发送太频繁了，请一小时后再试，或拨打12317热线查询。",
                "Too many requests; please try again in an hour, or call the 12317 hotline.",
            ),
        )),
        "bad" => Some((
            "banner error",
            t.pick(
                "手机号码不正确，请填写11位手机号码。",
                "That is not a mobile number; enter the 11 digits.",
            ),
        )),
        _ => None,
    }
}

/// 忘记查询码: the numbers go by SMS to the phone they were filed with.
#[component]
fn ForgotTracking(sent: String) -> impl IntoView {
    let t = use_lang();
    let resend = ServerAction::<ResendTracking>::new();
    let open = !sent.is_empty();
    let outcome = move || match resend.value().get() {
        Some(Ok(())) => "ok".to_owned(),
        Some(Err(AppError::RateLimited)) => "limited".to_owned(),
        Some(Err(_)) => "bad".to_owned(),
        None => sent.clone(),
    };
    view! {
        <details class="card forgot" open=open>
            <summary>{t.pick("忘记查询码？", "Lost your tracking number?")}</summary>
            <ActionForm action=resend>
                <div class="field">
                    <label for="r-mobile">{t.pick(
                        "接收短信的手机号（须为申报时填写的号码）",
                        "Mobile for the text message (the one given when reporting)",
                    )}</label>
                    <input id="r-mobile" name="mobile" type="tel" inputmode="numeric" autocomplete="tel" />
                </div>
                <button type="submit" class="button">
                    {t.pick("把查询码发到这个手机", "Text my tracking numbers to this phone")}
                </button>
            </ActionForm>
            {move || resend_message(&outcome(), t).map(|(class, text)| view! {
                <p class=class role="status">{text}</p>
            })}
        </details>
    }
}

/// What went wrong on a look-up posted without JavaScript (`e=` in the address): keys of
/// field errors, `limited` or `not_found`.
fn problem_text(codes: &str, t: Lang) -> String {
    use crate::domain::{message::UserMessage, MobileNumberError as M, TrackingNumberError as N};
    let tracking = [
        N::Empty,
        N::WrongLength,
        N::InvalidCharacter,
        N::BadCheckCharacter,
    ];
    let mobile = [M::Empty, M::InvalidCharacter, M::WrongLength, M::BadPrefix];
    let texts: Vec<&str> = codes
        .split(',')
        .filter_map(|code| match code {
            "limited" => Some(t.pick(
                "查询太频繁了，请一小时后再试，或拨打12317热线查询。",
                "Too many look-ups; please try again in an hour, or call the 12317 hotline.",
            )),
            "not_found" => Some(t.pick(
                "没有找到。请核对查询码和手机号码；也可以拨打12317热线查询。",
                "Nothing found. Check the tracking number and the mobile number, or call the 12317 hotline.",
            )),
            key => tracking
                .iter()
                .map(|e| (e.key(), t.pick(e.zh(), e.en())))
                .chain(mobile.iter().map(|e| (e.key(), t.pick(e.zh(), e.en()))))
                .find(|(k, _)| *k == key)
                .map(|(_, text)| text),
        })
        .collect();
    texts.join(" ")
}

fn result_view(result: Result<TrackResult, AppError>, t: Lang) -> AnyView {
    match result {
            Ok(found) => view! {
                <section class="card" data-testid="track-result">
                    <h2>{found.status}</h2>
                    <p>{found.done}</p>
                    <p data-testid="next-step"><strong>{t.pick("接下来：", "Next: ")}</strong>{found.status_detail}</p>
                    {found.overdue.map(|o| view! { <p class="banner error" role="alert" data-testid="overdue">{o}</p> })}
                    {(!found.notes.is_empty()).then(|| view! {
                        <ul class="plain notes">
                            {found.notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
                        </ul>
                    })}
                    <dl>
                        <dt>{t.pick("查询码", "Tracking number")}</dt><dd>{found.tracking}</dd>
                        <dt>{t.pick("提交日期", "Sent on")}</dt><dd>{found.submitted_on}</dd>
                        <dt>{t.pick("所在村", "Village")}</dt><dd lang="zh-CN">{found.village}</dd>
                        <dt>{t.pick("困难类型", "Hardship")}</dt><dd>{found.risk_types.join(t.pick("、", ", "))}</dd>
                        {found.responsible.map(|r| view! {
                            <dt>{t.pick("帮扶责任人", "Responsible for helping you")}</dt><dd lang="zh-CN">{r}</dd>
                        })}
                        {found.next_visit.map(|d| view! {
                            <dt>{t.pick("下次上门走访", "Next visit")}</dt><dd>{t.pick("最迟", "by ")}{d}</dd>
                        })}
                    </dl>
                    {(!found.measures.is_empty()).then(|| view! {
                        <h3>{t.pick("给您家的帮扶（帮扶措施）", "Help for your household")}</h3>
                        <ul class="plain">
                            {found.measures.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}
                        </ul>
                    })}
                </section>
                <ContactList contacts=found.contacts />
                <crate::components::who_looked::WhoLooked looked=found.looked />
            }
            .into_any(),
            Err(AppError::Validation(errors)) => view! {
                <ul class="banner error" role="alert">
                    {errors.into_iter().map(|e| view! { <li>{t.pick(e.zh, e.en)}</li> }).collect_view()}
                </ul>
            }
            .into_any(),
            Err(AppError::NotFound) => view! {
                <p class="banner error" role="alert">{t.pick(
                    "没有找到。请核对查询码和手机号码；也可以拨打12317热线查询。",
                    "Nothing found. Check the tracking number and the mobile number, or call the 12317 hotline.",
                )}</p>
            }
            .into_any(),
            Err(e) => view! { <p class="banner error" role="alert">{e.text(t)}</p> }.into_any(),
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
    let sent = query.read_untracked().get("sent").unwrap_or_default();
    let problem = problem_text(&query.read_untracked().get("e").unwrap_or_default(), t);
    view! {
        <h1>{t.pick("查询进度", "Track my report")}</h1>
        {(!problem.is_empty()).then(|| view! { <p class="banner error" role="alert">{problem}</p> })}
        <ActionForm action=track attr:class="track-form">
            <div class="field">
                <label for="t-tracking">{t.pick("查询码", "Tracking number")}</label>
                <input id="t-tracking" name="tracking" type="text" autocomplete="off"
                    autocapitalize="characters"
                    placeholder=t.pick("例如 ABCD-EFGH-JK", "e.g. ABCD-EFGH-JK") />
            </div>
            <div class="field">
                <label for="t-mobile">{t.pick("申报时填写的手机号码", "Mobile number given when reporting")}</label>
                <input id="t-mobile" name="mobile" type="tel" inputmode="numeric" autocomplete="tel" />
            </div>
            <button type="submit" class="button primary">{t.pick("查询", "Look up")}</button>
        </ActionForm>
        {move || track.value().get().map(|r| result_view(r, t))}
        <Suspense fallback=move || view! { <p class="loading">{t.pick("正在查询…", "Looking up…")}</p> }>
            {move || Suspend::new(async move {
                match by_token.await {
                    Some(r) if track.value().get_untracked().is_none() => result_view(r, t),
                    _ => ().into_any(),
                }
            })}
        </Suspense>
        <ForgotTracking sent />
        <HotlineNote />
    }
}
