use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_params_map};

use crate::api::reports::get_submission_info;

#[component]
pub fn SubmittedPage() -> impl IntoView {
    let params = use_params_map();
    let info = Resource::new(
        move || params.read().get("tracking").unwrap_or_default(),
        get_submission_info,
    );
    view! {
        <Suspense fallback=|| view! { <p class="loading">"正在加载…"</p> }>
            {move || Suspend::new(async move {
                match info.await {
                    Ok(info) => view! {
                        <section class="card success">
                            <h1>"申报已提交"</h1>
                            <p>"您的查询码（请抄下来或拍照保存）："</p>
                            <p class="tracking" data-testid="tracking">{info.tracking.clone()}</p>
                            <p>"提交日期：" {info.submitted_on}</p>
                            <h2>"接下来"</h2>
                            <ol>
                                <li>"乡镇将在 " <strong>{info.accept_by}</strong> " 前受理，村里会安排人员上门核实。"</li>
                                <li>"请保持手机畅通，上门时请准备好户口本和相关证明。"</li>
                                <li>"最迟在 " <strong>{info.decide_by}</strong> " 前告诉您认定结果。"</li>
                            </ol>
                            <A href="/track" attr:class="button">"查询进度"</A>
                        </section>
                    }
                    .into_any(),
                    Err(e) => view! { <p class="banner error">{e.zh()}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}
