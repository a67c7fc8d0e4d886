use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::{api::reports::get_submission_info, i18n::use_lang};

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
        <Suspense fallback=move || view! { <p class="loading">{t.pick("正在加载…", "Loading…")}</p> }>
            {move || Suspend::new(async move {
                match info.await {
                    Ok(info) => view! {
                        <section class="card success">
                            <h1>{t.pick("申报已提交", "Your report has been sent")}</h1>
                            <p>{t.pick(
                                "您的查询码（请抄下来或拍照保存）：",
                                "Your tracking number (write it down or take a photo):",
                            )}</p>
                            <p class="tracking" data-testid="tracking">{info.tracking.clone()}</p>
                            <p>{t.pick("提交日期：", "Sent on: ")} {info.submitted_on}</p>
                            <h2>{t.pick("接下来", "What happens next")}</h2>
                            <ol>
                                <li>
                                    {t.pick("乡镇将在 ", "The township will accept it by ")}
                                    <strong>{info.accept_by}</strong>
                                    {t.pick(
                                        " 前受理，村里会安排人员上门核实。",
                                        ", and someone from the village will visit to check.",
                                    )}
                                </li>
                                <li>{t.pick(
                                    "请保持手机畅通，上门时请准备好户口本和相关证明。",
                                    "Keep your phone on. For the visit, have your household register and any papers ready.",
                                )}</li>
                                <li>
                                    {t.pick("最迟在 ", "You will be told the decision by ")}
                                    <strong>{info.decide_by}</strong>
                                    {t.pick(" 前告诉您认定结果。", " at the latest.")}
                                </li>
                            </ol>
                            <a href="/track" class="button">{t.pick("查询进度", "Track my report")}</a>
                        </section>
                    }
                    .into_any(),
                    Err(e) => view! {
                        <section class="card">
                            <p class="banner error">{e.text(t)}</p>
                            <p>{t.pick(
                                "确认页只在提交后一小时内显示。请用查询码和手机号查询进度。",
                                "This page is shown only within an hour of sending. Use your tracking number and mobile number to see progress.",
                            )}</p>
                            <a href="/track" class="button">{t.pick("查询进度", "Track my report")}</a>
                        </section>
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}
