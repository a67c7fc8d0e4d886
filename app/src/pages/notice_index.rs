//! 各村公示: every village's public notice, by township. The notices were reachable only from
//! a filer's own pages, so a neighbour could not find the list to object to (household
//! tester).
use leptos::prelude::*;

use crate::{api::regions::region_tree, i18n::use_lang, tr};

#[component]
pub fn NoticeIndexPage() -> impl IntoView {
    let t = use_lang();
    let tree = Resource::new(|| (), |_| region_tree());
    view! {
        <h1>{tr::notice_index::title(t)}</h1>
        <p>{tr::notice_index::intro(t)}</p>
        <Suspense fallback=move || view! { <p class="loading">{tr::common::loading(t)}</p> }>
            {move || Suspend::new(async move {
                match tree.await {
                    Ok(townships) => townships.into_iter().map(|township| view! {
                        <section class="card">
                            <h2 lang="zh-CN">{township.name}</h2>
                            <ul class="plain">
                                {township.villages.into_iter().map(|v| view! {
                                    <li><a href=format!("/notice/{}", v.code) lang="zh-CN">{v.name}</a></li>
                                }).collect_view()}
                            </ul>
                        </section>
                    }).collect_view().into_any(),
                    Err(e) => {
                        crate::components::page_status::main_content_failed(&e);
                        view! { <p class="banner error">{e.text(t)}</p> }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}
