//! The printable 公示 for a village board.
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::notice::village_notice;

#[component]
pub fn NoticePage() -> impl IntoView {
    let params = use_params_map();
    let notice = Resource::new(
        move || params.read().get("village").unwrap_or_default(),
        village_notice,
    );
    view! {
        <Suspense fallback=|| view! { <p class="loading">"正在加载…"</p> }>
            {move || Suspend::new(async move {
                match notice.await {
                    Ok(n) => view! {
                        <article class="notice">
                            <h1>{format!("{}{}{}防返贫监测对象公示", n.county, n.township, n.village)}</h1>
                            <p>"根据防止返贫动态监测和帮扶工作要求，经农户申请（或干部排查、部门预警）、入户核查和村级民主评议，现将以下农户予以公示："</p>
                            {if n.entries.is_empty() {
                                view! { <p class="empty">"目前没有正在公示的农户。"</p> }.into_any()
                            } else {
                                view! {
                                    <table class="notice-table">
                                        <thead><tr><th>"户主姓名"</th><th>"村民小组"</th><th>"家庭人口"</th><th>"公示事项"</th><th>"类别"</th><th>"公示期"</th></tr></thead>
                                        <tbody>
                                            {n.entries.into_iter().map(|e| view! {
                                                <tr>
                                                    <td>{e.name}</td>
                                                    <td>{e.group.unwrap_or_else(|| "—".to_owned())}</td>
                                                    <td>{e.household_size}</td>
                                                    <td>{e.procedure_zh}</td>
                                                    <td>{e.category_zh.unwrap_or_else(|| "—".to_owned())}</td>
                                                    <td>{format!("{} 至 {}", e.from, e.until)}</td>
                                                </tr>
                                            }).collect_view()}
                                        </tbody>
                                    </table>
                                }.into_any()
                            }}
                            {n.masked.then(|| view! {
                                <p data-testid="masked-note">"网上只显示户主姓名的一部分（如“张*明”）；完整姓名张贴在村务公开栏。"</p>
                            })}
                            <p>"公示期不少于5天。如有异议，请在公示期内向村委会、乡镇人民政府反映，或拨打12317热线。"</p>
                            <p class="signature">{format!("{}村民委员会", n.village)}</p>
                        </article>
                    }.into_any(),
                    Err(e) => view! { <p class="banner error">{e.zh()}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}
