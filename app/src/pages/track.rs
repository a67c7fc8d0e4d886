//! 查询进度: a plain GET form, so it works on any phone with or without JavaScript.
use leptos::prelude::*;
use leptos_router::{components::Form, hooks::use_query_map};

use crate::api::{reports::track_report, AppError};

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
