//! The officer's morning screen: what is due, what is late, what to do next.
use leptos::prelude::*;

use crate::components::notice::LoadError;
use leptos_router::{components::Form, hooks::use_query_map};

use crate::{
    api::{
        auth::{current_staff, Logout},
        queue::my_queue,
        regions::region_tree,
    },
    domain::{
        case::labels::state_code_zh,
        queue_query::QueueFilter,
        vocab::{Category, Channel, RiskTier, RiskType},
    },
    wire::{
        queue::{QueueCounts, QueueItem},
        regions::TownshipOption,
        AppError,
    },
};

const TABS: &[(&str, &str)] = &[
    ("todo", "待办"),
    ("due_soon", "即将到期"),
    ("overdue", "已逾期"),
    ("all", "全部"),
];

/// Steps a case with an open clock can be at, in procedure order.
const STEPS: &[&str] = &[
    "reported",
    "accepted",
    "home_checked",
    "village_reviewed",
    "notice_running",
    "notice_ended",
    "township_reviewed",
    "identified",
    "elimination_proposed",
    "elimination_home_checked",
    "elimination_village_reviewed",
    "elimination_notice_running",
    "elimination_notice_ended",
    "elimination_township_reviewed",
];

fn count_of(counts: &QueueCounts, tab: &str) -> usize {
    match tab {
        "due_soon" => counts.due_soon,
        "overdue" => counts.overdue,
        "all" => counts.all,
        _ => counts.todo,
    }
}

/// Percent-encodes a query value (everything but unreserved ASCII).
fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// `/staff?…` keeping the search and filter, with the given tab and cursor.
fn queue_href(tab: &str, q: &str, filter: &QueueFilter, after: Option<&str>) -> String {
    let mut pairs = vec![("tab", tab)];
    if !q.is_empty() {
        pairs.push(("q", q));
    }
    pairs.extend(filter.pairs());
    if let Some(after) = after {
        pairs.push(("after", after));
    }
    let query: Vec<String> = pairs
        .into_iter()
        .map(|(k, v)| format!("{k}={}", encode(v)))
        .collect();
    format!("/staff?{}", query.join("&"))
}

#[derive(Debug, Clone, PartialEq)]
struct Params {
    tab: String,
    q: String,
    filter: QueueFilter,
    after: Option<String>,
}

#[component]
pub fn QueuePage() -> impl IntoView {
    let query = use_query_map();
    let params = move || {
        let q = query.read();
        Params {
            tab: q.get("tab").unwrap_or_else(|| "todo".to_owned()),
            q: q.get("q").unwrap_or_default(),
            filter: QueueFilter {
                village: q.get("village"),
                township: q.get("township"),
                state: q.get("state"),
                risk: q.get("risk"),
                channel: q.get("channel"),
                category: q.get("category"),
                tier: q.get("tier"),
            }
            .normalised(),
            after: q.get("after").filter(|a| !a.is_empty()),
        }
    };
    let staff = Resource::new(|| (), |_| current_staff());
    let regions = Resource::new(|| (), |_| region_tree());
    let queue = Resource::new(params, |p| {
        my_queue(
            Some(p.tab),
            (!p.q.is_empty()).then_some(p.q),
            p.filter,
            p.after,
        )
    });
    let logout = ServerAction::<Logout>::new();
    view! {
        <Suspense fallback=|| view! { <p class="loading">"正在加载…"</p> }>
            {move || Suspend::new(async move {
                let Params { tab, q, filter, after } = params();
                let townships = regions.await.unwrap_or_default();
                match (staff.await, queue.await) {
                    (Ok(Some(me)), Ok(view)) => view! {
                        <div class="staff-bar">
                            <span>{me.display_name} " · " {me.role_zh} " · " {me.region_name}</span>
                            <ActionForm action=logout>
                                <button type="submit" class="button small">"退出"</button>
                            </ActionForm>
                        </div>
                        <h1>"待办事项"</h1>
                        {view.calendar_note.clone().map(|note| view! { <p class="banner warn" role="status">{note}</p> })}
                        <p class="links">
                            {me.files_for_others.then(|| view! { <a href="/staff/report">"代为申报"</a> " · " })}
                            {me.pushes_alerts.then(|| view! { <a href="/staff/alerts">"部门预警导入"</a> " · " })}
                            {me.keeps_ledger.then(|| view! {
                                <a href="/staff/ledger.xlsx" download rel="external">"导出台账（Excel）"</a> " · "
                                <a href="/staff/ledger.csv" download rel="external">"CSV"</a> " · "
                            })}
                            <a href="/staff/dashboard">"工作看板"</a>
                            " · "
                            <a href="/staff/inbox">"消息提醒"</a>
                            {me.is_admin.then(|| view! { " · " <a href="/staff/admin">"账号管理"</a> })}
                        </p>
                        <nav class="tabs" aria-label="分类">
                            {TABS
                                .iter()
                                .map(|(code, label)| {
                                    let n = count_of(&view.counts, code);
                                    let current = *code == tab;
                                    view! {
                                        <a href=queue_href(code, &q, &filter, None)
                                            class=if current { "tab current" } else { "tab" }
                                            aria-current=current.then_some("page")>
                                            {format!("{label} {n}")}
                                        </a>
                                    }
                                })
                                .collect_view()}
                        </nav>
                        <QueueFilterForm tab=tab.clone() q=q.clone() filter=filter.clone() townships />
                        <QueueList items=view.items />
                        {after.is_some().then(|| view! {
                            <a href=queue_href(&tab, &q, &filter, None) class="queue-first">"回到第一页"</a>
                        })}
                        {view.next.map(|next| view! {
                            <p class="queue-more">
                                <a href=queue_href(&tab, &q, &filter, Some(&next)) class="button small"
                                    rel="next">"下一页"</a>
                            </p>
                        })}
                    }
                    .into_any(),
                    (Ok(None), _) => view! { <LoadError error=AppError::Unauthorized /> }.into_any(),
                    (Err(error), _) | (_, Err(error)) => view! { <LoadError error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// One `<option>`, selected when it is the current value.
fn option(code: &str, label: &str, current: &Option<String>) -> impl IntoView {
    let selected = current.as_deref() == Some(code);
    view! { <option value=code.to_owned() selected=selected>{label.to_owned()}</option> }
}

/// Search and filters as one GET form: works without JavaScript, wraps on a phone.
#[component]
fn QueueFilterForm(
    tab: String,
    q: String,
    filter: QueueFilter,
    townships: Vec<TownshipOption>,
) -> impl IntoView {
    let vocab_select = |name: &'static str,
                        label: &'static str,
                        any: &'static str,
                        options: Vec<(&'static str, &'static str)>,
                        current: &Option<String>| {
        view! {
            <label class="queue-filter">
                <span>{label}</span>
                <select name=name>
                    <option value="">{any}</option>
                    {options
                        .into_iter()
                        .map(|(code, zh)| option(code, zh, current))
                        .collect_view()}
                </select>
            </label>
        }
    };
    view! {
        <Form method="GET" action="" attr:class="search queue-filters">
            <input type="hidden" name="tab" value=tab />
            <input type="search" name="q" value=q aria-label="搜索"
                placeholder="姓名、身份证号、手机号或查询码" />
            <label class="queue-filter">
                <span>"村"</span>
                <select name="village">
                    <option value="">"全部村"</option>
                    {townships
                        .into_iter()
                        .map(|t| {
                            let current = filter.village.clone();
                            view! {
                                <optgroup label=t.name>
                                    {t.villages
                                        .into_iter()
                                        .map(|v| option(&v.code, &v.name, &current))
                                        .collect_view()}
                                </optgroup>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
            {vocab_select(
                "state",
                "环节",
                "全部环节",
                STEPS.iter().map(|c| (*c, state_code_zh(c))).collect(),
                &filter.state,
            )}
            {vocab_select(
                "risk",
                "风险类型",
                "全部类型",
                RiskType::ALL.iter().map(|r| (r.code(), r.label_zh())).collect(),
                &filter.risk,
            )}
            {vocab_select(
                "channel",
                "发现渠道",
                "全部渠道",
                Channel::ALL.iter().map(|c| (c.code(), c.label_zh())).collect(),
                &filter.channel,
            )}
            {vocab_select(
                "category",
                "监测类别",
                "全部类别",
                Category::ALL.iter().map(|c| (c.code(), c.label_zh())).collect(),
                &filter.category,
            )}
            {vocab_select(
                "tier",
                "风险等级",
                "全部等级",
                RiskTier::ALL.iter().map(|t| (t.code(), t.label_zh())).collect(),
                &filter.tier,
            )}
            <button type="submit" class="button small">"筛选"</button>
        </Form>
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
                    let class = format!("queue-item {}", item.urgency.code().replace('_', "-"));
                    view! {
                        <li class=class data-urgency=item.urgency.code()>
                            <a href=format!("/staff/cases/{}", item.case_id) class="queue-link">
                                <div class="queue-head">
                                    <strong>{item.applicant}</strong>
                                    {item.warnings_zh.into_iter().map(|w| view! {
                                        <span class="tag warn">{w}</span>
                                    }).collect_view()}
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
                            </a>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}
