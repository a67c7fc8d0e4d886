//! 案件页: one case, its household, clocks and timeline, and the forms for exactly the steps
//! the engine allows this officer now.
mod sections;
mod step_form;
mod warnings;
mod widgets;

use leptos::prelude::*;

use crate::components::notice::LoadError;
use leptos_router::hooks::use_params_map;

use crate::api::cases::{case_detail, RunCaseCommand};
use sections::{ClockList, HouseholdSummary, Timeline};
use step_form::StepForm;
use warnings::Warnings;

#[component]
pub fn CasePage() -> impl IntoView {
    let params = use_params_map();
    let run = ServerAction::<RunCaseCommand>::new();
    let case = Resource::new(
        move || {
            (
                params.read().get("id").unwrap_or_default(),
                run.version().get(),
            )
        },
        |(id, _)| case_detail(id),
    );
    view! {
        <p><a href="/staff">"← 返回待办"</a></p>
        <Suspense fallback=|| view! { <p class="loading">"正在加载…"</p> }>
            {move || Suspend::new(async move {
                match case.await {
                    Ok(case) => {
                        let steps = case.available.clone();
                        view! {
                            <h1>{case.applicant.clone()} <span class="tag">{case.state_zh.clone()}</span></h1>
                            <p class="muted">
                                {format!("查询码 {} · {} {} · ", case.tracking, case.township, case.village)}
                                <a href=format!("/notice/{}", case.village_code)>"本村公示"</a>
                            </p>
                            <Warnings case=case.clone() />
                            <section class="card steps" aria-label="办理">
                                <h2>"现在可以办理"</h2>
                                {if steps.is_empty() {
                                    view! { <p class="empty">"当前没有需要您办理的环节。"</p> }.into_any()
                                } else {
                                    steps
                                        .into_iter()
                                        .enumerate()
                                        .map(|(i, step)| view! {
                                            <StepForm action=run case=case.clone() step open=i == 0 />
                                        })
                                        .collect_view()
                                        .into_any()
                                }}
                            </section>
                            <HouseholdSummary case=case.clone() />
                            <ClockList clocks=case.clocks.clone() />
                            <Timeline entries=case.timeline.clone() />
                        }
                        .into_any()
                    }
                    Err(error) => {
                        crate::components::page_status::main_content_failed(&error);
                        view! { <LoadError error /> }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}
