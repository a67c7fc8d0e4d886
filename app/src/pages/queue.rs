//! The officer's work queue (first cut: new reports in their region).
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::{
    auth::{current_staff, Logout},
    queue::my_queue,
    AppError,
};

#[component]
pub fn QueuePage() -> impl IntoView {
    let staff = Resource::new(|| (), |_| current_staff());
    let queue = Resource::new(|| (), |_| my_queue());
    let logout = ServerAction::<Logout>::new();
    view! {
        <Suspense fallback=|| view! { <p class="loading">"正在加载…"</p> }>
            {move || Suspend::new(async move {
                match (staff.await, queue.await) {
                    (Ok(Some(me)), Ok(items)) => view! {
                        <div class="staff-bar">
                            <span>{me.display_name} " · " {me.role_zh} " · " {me.region_name}</span>
                            <ActionForm action=logout>
                                <button type="submit" class="button small">"退出"</button>
                            </ActionForm>
                        </div>
                        <h1>"待办事项"</h1>
                        {if items.is_empty() {
                            view! { <p class="empty">"目前没有待办事项。"</p> }.into_any()
                        } else {
                            view! {
                                <ul class="queue" aria-label="待办列表">
                                    {items
                                        .into_iter()
                                        .map(|item| view! {
                                            <li class="queue-item">
                                                <div class="queue-head">
                                                    <strong>{item.applicant}</strong>
                                                    <span class="tag">{item.state_zh}</span>
                                                </div>
                                                <div class="muted">
                                                    {item.township} " " {item.village} " · " {item.id_masked}
                                                </div>
                                                <div>{item.risk_types_zh.join("、")}</div>
                                                <div class="muted">
                                                    {item.channel_zh} " · " {item.submitted_on} " · " {item.tracking}
                                                </div>
                                            </li>
                                        })
                                        .collect_view()}
                                </ul>
                            }
                            .into_any()
                        }}
                    }
                    .into_any(),
                    (Ok(None), _) | (_, Err(AppError::Unauthorized)) => view! {
                        <section class="card">
                            <p>"请先登录。"</p>
                            <A href="/staff/login" attr:class="button primary">"登录"</A>
                        </section>
                    }
                    .into_any(),
                    (Err(e), _) | (_, Err(e)) => view! { <p class="banner error">{e.zh()}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}
