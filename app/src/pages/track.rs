//! 查询进度: a plain GET form, so it works on any phone with or without JavaScript.
use leptos::prelude::*;
use leptos_router::{components::Form, hooks::use_query_map};

use crate::api::{
    reports::{track_report, ResendTracking},
    AppError,
};

/// What the household is told after asking for its tracking numbers by SMS.
fn resend_message(outcome: &str) -> Option<(&'static str, &'static str)> {
    match outcome {
        "ok" => Some((
            "banner ok",
            "如果这个号码有申报记录，查询码会以短信发到这个手机，请留意查收。",
        )),
        "limited" => Some((
            "banner error",
            "发送太频繁了，请一小时后再试，或拨打12317热线查询。",
        )),
        "bad" => Some(("banner error", "手机号码不正确，请填写11位手机号码。")),
        _ => None,
    }
}

/// 忘记查询码: the numbers go by SMS to the phone they were filed with.
#[component]
fn ForgotTracking(sent: String) -> impl IntoView {
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
            <summary>"忘记查询码？"</summary>
            <ActionForm action=resend>
                <div class="field">
                    <label for="r-mobile">"接收短信的手机号（须为申报时填写的号码）"</label>
                    <input id="r-mobile" name="mobile" type="tel" inputmode="numeric" autocomplete="tel" />
                </div>
                <button type="submit" class="button">"把查询码发到这个手机"</button>
            </ActionForm>
            {move || resend_message(&outcome()).map(|(class, text)| view! {
                <p class=class role="status">{text}</p>
            })}
        </details>
    }
}

#[component]
pub fn TrackPage() -> impl IntoView {
    let query = use_query_map();
    let params = move || {
        let q = query.read();
        (
            q.get("tracking").unwrap_or_default(),
            q.get("mobile").unwrap_or_default(),
        )
    };
    let result = Resource::new(params, |(tracking, mobile)| async move {
        if tracking.is_empty() && mobile.is_empty() {
            None
        } else {
            Some(track_report(tracking, mobile).await)
        }
    });
    let (tracking, mobile) = params();
    let sent = query.read_untracked().get("sent").unwrap_or_default();
    view! {
        <h1>"查询进度"</h1>
        <Form method="GET" action="" attr:class="track-form">
            <div class="field">
                <label for="t-tracking">"查询码"</label>
                <input id="t-tracking" name="tracking" type="text" autocomplete="off"
                    autocapitalize="characters" value=tracking placeholder="例如 ABCD-EFGH-JK" />
            </div>
            <div class="field">
                <label for="t-mobile">"申报时填写的手机号码"</label>
                <input id="t-mobile" name="mobile" type="tel" inputmode="numeric" value=mobile />
            </div>
            <button type="submit" class="button primary">"查询"</button>
        </Form>
        <ForgotTracking sent />
        <Suspense fallback=|| view! { <p class="loading">"正在查询…"</p> }>
            {move || Suspend::new(async move {
                match result.await {
                    None => ().into_any(),
                    Some(Ok(found)) => view! {
                        <section class="card" data-testid="track-result">
                            <h2>{found.status_zh}</h2>
                            <p>{found.status_detail_zh}</p>
                            <dl>
                                <dt>"查询码"</dt><dd>{found.tracking}</dd>
                                <dt>"提交日期"</dt><dd>{found.submitted_on}</dd>
                                <dt>"所在村"</dt><dd>{found.village}</dd>
                                <dt>"困难类型"</dt><dd>{found.risk_types_zh.join("、")}</dd>
                                {found.responsible.map(|r| view! { <dt>"帮扶责任人"</dt><dd>{r}</dd> })}
                            </dl>
                            {(!found.measures_zh.is_empty()).then(|| view! {
                                <h3>"帮扶措施"</h3>
                                <ul class="plain">
                                    {found.measures_zh.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}
                                </ul>
                            })}
                        </section>
                    }
                    .into_any(),
                    Some(Err(AppError::Validation(errors))) => view! {
                        <ul class="banner error" role="alert">
                            {errors.into_iter().map(|e| view! { <li>{e.zh}</li> }).collect_view()}
                        </ul>
                    }
                    .into_any(),
                    Some(Err(AppError::NotFound)) => view! {
                        <p class="banner error" role="alert">
                            "没有找到。请核对查询码和手机号码；也可以拨打12317热线查询。"
                        </p>
                    }
                    .into_any(),
                    Some(Err(e)) => view! { <p class="banner error" role="alert">{e.zh()}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}
