use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::{api::reports::get_submission_info, components::contacts::ContactList, i18n::use_lang};

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
                                <li data-testid="accept-by">
                                    {t.pick("乡镇会在 ", "The township will accept it by ")}
                                    <strong>{info.accept_by}</strong>
                                    {t.pick(" 前受理，转给村里。", " and pass it to the village.")}
                                </li>
                                <li data-testid="visit-by">
                                    {t.pick("村干部会到您家上门了解情况，一般在 ", "Someone from the village will visit your home, usually by ")}
                                    <strong>{info.visit_by}</strong>
                                    {t.pick(
                                        " 前。上门前会先打电话，请保持手机畅通，并准备好户口本、身份证和看病、受灾等证明。",
                                        ". They will phone first: keep your phone on, and have your household register, ID cards and any papers (medical bills, damage) ready.",
                                    )}
                                </li>
                                <li>{t.pick(
                                    "如果符合条件，您家的户主姓名会在村务公开栏张贴公示，让村民监督（认定时公示一次，以后困难解决时再公示一次）。身份证号码、手机号码、银行账号和病情等个人信息一律不公示。",
                                    "If your household qualifies, the head of household's name is posted on the village notice board so that neighbours can check (once when included, and again when the hardship is resolved). ID numbers, phone numbers, bank details and health details are never posted.",
                                )}</li>
                                <li data-testid="decide-by">
                                    {t.pick("最迟在 ", "You will be told the decision by ")}
                                    <strong>{info.decide_by}</strong>
                                    {t.pick(
                                        " 前告诉您结果：会发短信到您填写的手机，村干部也会上门或打电话告诉您。",
                                        " at the latest: by text message to the mobile you gave, and someone from the village will tell you in person or by phone.",
                                    )}
                                </li>
                            </ol>
                            <p>{t.pick(
                                "随时可以用查询码和手机号码查看进度。",
                                "You can check progress at any time with the tracking number and your mobile number.",
                            )}</p>
                        </section>
                        <ContactList contacts=info.contacts />
                        <section class="card">
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
