//! 工作看板: SVG charts drawn on the server, readable without JavaScript.
use leptos::prelude::*;

use crate::components::notice::LoadError;

use crate::{
    api::dashboard::my_dashboard,
    wire::dashboard::{DashboardView, StepCount},
};

const WIDTH: f64 = 640.0;
const LABEL: f64 = 170.0;
const ROW: f64 = 30.0;

#[component]
pub fn DashboardPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| my_dashboard());
    view! {
        <p><a href="/staff">"← 返回待办"</a></p>
        <Suspense fallback=|| view! { <p class="loading">"正在加载…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => view! { <Dashboard d /> }.into_any(),
                    Err(error) => view! { <LoadError error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Dashboard(d: DashboardView) -> impl IntoView {
    let average = d
        .average_days
        .map(|a| format!("{a:.1}天"))
        .unwrap_or_else(|| "本月暂无".to_owned());
    view! {
        <h1>{format!("{} 工作看板", d.scope_name)}</h1>
        <p><a href="/staff/dashboard.xlsx" download rel="external">"导出看板表格（Excel）"</a></p>
        <section class="card">
            <h2>"各环节事项（按时限）"</h2>
            <StepChart steps=d.by_step.clone() />
            <p class="legend">
                <span class="key on-time">"按时"</span>
                <span class="key due-soon">"即将到期"</span>
                <span class="key overdue">"已逾期"</span>
            </p>
        </section>
        <section class="card">
            <h2>"逾期事项分布"</h2>
            <BarChart bars=d.overdue_by_place.clone() />
        </section>
        <section class="card">
            <h2>{format!("{} 认定用时", d.month)}</h2>
            <p>{format!("本月完成认定 {} 户，平均用时 {}（时限 {} 天），超时 {} 户。",
                d.identified_this_month, average, d.limit_days, d.over_limit)}</p>
            <LimitGauge average=d.average_days limit=d.limit_days />
        </section>
        {d.can_start_campaign.then(|| view! { <super::campaign::CampaignForm /> })}
    }
}

#[component]
fn StepChart(steps: Vec<StepCount>) -> impl IntoView {
    if steps.is_empty() {
        return view! { <p class="empty">"暂无在办事项。"</p> }.into_any();
    }
    let max = steps
        .iter()
        .map(|s| s.on_time + s.due_soon + s.overdue)
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let scale = (WIDTH - LABEL - 40.0) / max;
    let height = ROW * steps.len() as f64 + 10.0;
    view! {
        <svg class="chart" viewBox=format!("0 0 {WIDTH} {height}") role="img" aria-label="各环节事项数量">
            {steps.into_iter().enumerate().map(|(i, s)| {
                let y = i as f64 * ROW + 5.0;
                let w1 = s.on_time as f64 * scale;
                let w2 = s.due_soon as f64 * scale;
                let w3 = s.overdue as f64 * scale;
                let total = s.on_time + s.due_soon + s.overdue;
                view! {
                    <g>
                        <text x="0" y=y + 17.0 class="chart-label">{s.step_zh}</text>
                        <rect x=LABEL y=y width=w1 height="20" class="bar on-time" />
                        <rect x=LABEL + w1 y=y width=w2 height="20" class="bar due-soon" />
                        <rect x=LABEL + w1 + w2 y=y width=w3 height="20" class="bar overdue" />
                        <text x=LABEL + w1 + w2 + w3 + 6.0 y=y + 15.0 class="chart-value">{total}</text>
                    </g>
                }
            }).collect_view()}
        </svg>
    }.into_any()
}

#[component]
fn BarChart(bars: Vec<(String, usize)>) -> impl IntoView {
    if bars.is_empty() {
        return view! { <p class="empty">"没有逾期事项。"</p> }.into_any();
    }
    let max = bars.iter().map(|b| b.1).max().unwrap_or(1).max(1) as f64;
    let scale = (WIDTH - LABEL - 40.0) / max;
    let height = ROW * bars.len() as f64 + 10.0;
    view! {
        <svg class="chart" viewBox=format!("0 0 {WIDTH} {height}") role="img" aria-label="逾期事项分布">
            {bars.into_iter().enumerate().map(|(i, (name, n))| {
                let y = i as f64 * ROW + 5.0;
                let w = n as f64 * scale;
                view! {
                    <g>
                        <text x="0" y=y + 17.0 class="chart-label">{name}</text>
                        <rect x=LABEL y=y width=w height="20" class="bar overdue" />
                        <text x=LABEL + w + 6.0 y=y + 15.0 class="chart-value">{n}</text>
                    </g>
                }
            }).collect_view()}
        </svg>
    }.into_any()
}

#[component]
fn LimitGauge(average: Option<f64>, limit: u32) -> impl IntoView {
    let limit = f64::from(limit.max(1));
    let full = limit * 1.5;
    let usable = WIDTH - 20.0;
    let avg_w = average
        .map(|a| (a.min(full) / full) * usable)
        .unwrap_or(0.0);
    let limit_x = (limit / full) * usable;
    let class = if average.is_some_and(|a| a > limit) {
        "bar overdue"
    } else {
        "bar on-time"
    };
    view! {
        <svg class="chart" viewBox=format!("0 0 {WIDTH} 50") role="img" aria-label="平均认定用时与时限">
            <rect x="0" y="10" width=usable height="20" class="bar track" />
            <rect x="0" y="10" width=avg_w height="20" class=class />
            <line x1=limit_x y1="4" x2=limit_x y2="36" class="limit" />
            <text x=limit_x + 4.0 y="48" class="chart-value">{format!("时限 {limit:.0} 天")}</text>
        </svg>
    }
}
