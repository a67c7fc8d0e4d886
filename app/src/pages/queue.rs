//! The officer's morning screen: what is due, what is late, what to do next.
use leptos::prelude::*;

use crate::components::notice::LoadError;
use leptos_router::{
    components::{Form, A},
    hooks::use_query_map,
};

use crate::api::{
    auth::{current_staff, Logout},
    queue::{my_queue, QueueCounts, QueueItem},
    AppError,
};

const TABS: &[(&str, &str)] = &[
    ("todo", "待办"),
    ("due_soon", "即将到期"),
    ("overdue", "已逾期"),
    ("all", "全部"),
];

fn count_of(counts: &QueueCounts, tab: &str) -> usize {
    match tab {
        "due_soon" => counts.due_soon,
        "overdue" => counts.overdue,
        "all" => counts.all,
        _ => counts.todo,
    }
}

#[component]
pub fn QueuePage() -> impl IntoView {
    let query = use_query_map();
    let params = move || {
        let q = query.read();
        (
            q.get("tab").unwrap_or_else(|| "todo".to_owned()),
            q.get("q").unwrap_or_default(),
        )
    };
    let staff = Resource::new(|| (), |_| current_staff());
    let queue = Resource::new(params, |(tab, q)| {
        my_queue(Some(tab), (!q.is_empty()).then_some(q))
    });
    let logout = ServerAction::<Logout>::new();
    view! {
        <Suspense fallback=|| view! { <p class="loading">"正在加载…"</p> }>
            {move || Suspend::new(async move {
                let (tab, q) = params();
                match (staff.await, queue.await) {
                    (Ok(Some(me)), Ok(view)) => view! {
                        <div class="staff-bar">
                            <span>{me.display_name} " · " {me.role_zh} " · " {me.region_name}</span>
                            <ActionForm action=logout>
                                <button type="submit" class="button small">"退出"</button>
                            </ActionForm>
                        </div>
                        <h1>"待办事项"</h1>
                        <p class="links">
                            <A href="/staff/dashboard">"工作看板"</A>
                            " · "
                            <A href="/staff/inbox">"消息提醒"</A>
                            {me.is_admin.then(|| view! { " · " <A href="/staff/admin">"账号管理"</A> })}
                        </p>
                        <nav class="tabs" aria-label="分类">
                            {TABS
                                .iter()
                                .map(|(code, label)| {
                                    let n = count_of(&view.counts, code);
                                    let current = *code == tab;
                                    view! {
                                        <A href=format!("/staff?tab={code}")
                                            attr:class=if current { "tab current" } else { "tab" }
                                            attr:aria-current=current.then_some("page")>
                                            {format!("{label} {n}")}
                                        </A>
                                    }
                                })
                                .collect_view()}
                        </nav>
                        <Form method="GET" action="" attr:class="search">
                            <input type="hidden" name="tab" value=tab.clone() />
                            <input type="search" name="q" value=q aria-label="搜索"
                                placeholder="姓名、身份证号、手机号或查询码" />
                            <button type="submit" class="button small">"搜索"</button>
                        </Form>
                        <QueueList items=view.items />
                    }
                    .into_any(),
                    (Ok(None), _) => view! { <LoadError error=AppError::Unauthorized /> }.into_any(),
                    (Err(error), _) | (_, Err(error)) => view! { <LoadError error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn QueueList(items: Vec<QueueItem>) -> impl IntoView {
    if items.is_empty() {
        return view! { <p class="empty">"这里没有事项。"</p> }.into_any();
    }
    view! {
        <ul class="queue" aria-label="待办列表">
            {items
                .into_iter()
                .map(|item| {
                    let class = format!("queue-item {}", item.urgency.replace('_', "-"));
                    view! {
                        <li class=class data-urgency=item.urgency.clone()>
                            <A href=format!("/staff/cases/{}", item.case_id) attr:class="queue-link">
                                <div class="queue-head">
                                    <strong>{item.applicant}</strong>
                                    <span class="due">{item.time_left_zh}</span>
                                </div>
                                <div>
                                    {item.next_step_zh.unwrap_or_else(|| item.state_zh.clone())}
                                    <span class="muted">" · " {item.clock_zh} " " {item.due_on}</span>
                                </div>
                                <div class="muted">
                                    {item.township} " " {item.village} " · " {item.id_masked}
                                </div>
                                <div class="muted">
                                    {item.risk_types_zh.join("、")} " · " {item.channel_zh}
                                    {item.category_zh.map(|c| format!(" · {c}"))}
                                </div>
                            </A>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}
