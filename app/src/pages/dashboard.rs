//! 工作看板: SVG charts drawn on the server, readable without JavaScript.
use leptos::prelude::*;

use crate::components::notice::LoadError;

use crate::{
    api::dashboard::my_dashboard,
    i18n::use_lang,
    tr,
    wire::dashboard::{DashboardView, StepCount},
};

/// The charts' drawing width: about a phone's, so their 14 px words stay about 14 px at 360 px.
const WIDTH: f64 = 360.0;
/// Room at a bar's end for its number.
const VALUE: f64 = 40.0;
/// One row: its label on a line of its own (a long English step name never runs into the
/// bar), then the bar.
const ROW: f64 = 46.0;

#[component]
pub fn DashboardPage() -> impl IntoView {
    let t = use_lang();
    let data = Resource::new(|| (), |_| my_dashboard());
    view! {
        <p><a href="/staff">{tr::staff::back_to_queue(t)}</a></p>
        <Suspense fallback=move || view! { <p class="loading">{tr::common::loading(t)}</p> }>
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
    let t = use_lang();
    let average = d
        .average_days
        .map(|a| tr::dashboard::days(t, format!("{a:.1}")))
        .unwrap_or_else(|| tr::dashboard::none_this_month(t).to_owned());
    let month = month_words(&d, t);
    view! {
        <h1><span lang="zh-CN">{d.scope_name}</span>{" "}{tr::dashboard::title(t)}</h1>
        <p><a href="/staff/dashboard.xlsx" download rel="external">{tr::dashboard::xlsx(t)}</a></p>
        <section class="card">
            <h2>{tr::dashboard::by_step(t)}</h2>
            <StepChart steps=d.by_step.clone() />
            <p class="legend">
                <span class="key on-time">{tr::dashboard::on_time(t)}</span>
                <span class="key due-soon">{tr::inbox::kind::due_soon(t)}</span>
                <span class="key overdue">{tr::inbox::kind::overdue(t)}</span>
            </p>
        </section>
        <section class="card">
            <h2>{tr::dashboard::overdue_by_place(t)}</h2>
            <BarChart bars=d.overdue_by_place.clone() />
        </section>
        <section class="card">
            <h2>{month}{" "}{tr::dashboard::identification_time(t)}</h2>
            <p>{tr::dashboard::month_summary(t, d.identified_this_month, average, d.limit_days, d.over_limit)}</p>
            <LimitGauge average=d.average_days limit=d.limit_days />
        </section>
        {d.can_start_campaign.then(|| view! { <super::campaign::CampaignForm /> })}
    }
}

#[component]
fn StepChart(steps: Vec<StepCount>) -> impl IntoView {
    let t = use_lang();
    if steps.is_empty() {
        return view! { <p class="empty">{tr::dashboard::none_open(t)}</p> }.into_any();
    }
    let max = steps
        .iter()
        .map(|s| s.on_time + s.due_soon + s.overdue)
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let scale = (WIDTH - VALUE) / max;
    let height = ROW * steps.len() as f64 + 4.0;
    view! {
        <svg class="chart" viewBox=format!("0 0 {WIDTH} {height}") role="img" aria-label=tr::dashboard::steps_label(t)>
            {steps.into_iter().enumerate().map(|(i, s)| {
                let y = i as f64 * ROW;
                let w1 = s.on_time as f64 * scale;
                let w2 = s.due_soon as f64 * scale;
                let w3 = s.overdue as f64 * scale;
                let total = s.on_time + s.due_soon + s.overdue;
                view! {
                    <g>
                        <text x="0" y=y + 15.0 class="chart-label">{crate::domain::wording::by_lang::state(&s.step, t)}</text>
                        <rect x="0" y=y + 20.0 width=w1 height="20" class="bar on-time" />
                        <rect x=w1 y=y + 20.0 width=w2 height="20" class="bar due-soon" />
                        <rect x=w1 + w2 y=y + 20.0 width=w3 height="20" class="bar overdue" />
                        <text x=w1 + w2 + w3 + 6.0 y=y + 35.0 class="chart-value">{total}</text>
                    </g>
                }
            }).collect_view()}
        </svg>
    }.into_any()
}

#[component]
fn BarChart(bars: Vec<(String, usize)>) -> impl IntoView {
    let t = use_lang();
    if bars.is_empty() {
        return view! { <p class="empty">{tr::dashboard::none_overdue(t)}</p> }.into_any();
    }
    let max = bars.iter().map(|b| b.1).max().unwrap_or(1).max(1) as f64;
    let scale = (WIDTH - VALUE) / max;
    let height = ROW * bars.len() as f64 + 4.0;
    view! {
        <svg class="chart" viewBox=format!("0 0 {WIDTH} {height}") role="img" aria-label=tr::dashboard::overdue_by_place(t)>
            {bars.into_iter().enumerate().map(|(i, (name, n))| {
                let y = i as f64 * ROW;
                let w = n as f64 * scale;
                view! {
                    <g>
                        <text x="0" y=y + 15.0 class="chart-label" lang="zh-CN">{name}</text>
                        <rect x="0" y=y + 20.0 width=w height="20" class="bar overdue" />
                        <text x=w + 6.0 y=y + 35.0 class="chart-value">{n}</text>
                    </g>
                }
            }).collect_view()}
        </svg>
    }.into_any()
}

#[component]
fn LimitGauge(average: Option<f64>, limit: u32) -> impl IntoView {
    let t = use_lang();
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
        <svg class="chart" viewBox=format!("0 0 {WIDTH} 50") role="img" aria-label=tr::dashboard::gauge_label(t)>
            <rect x="0" y="10" width=usable height="20" class="bar track" />
            <rect x="0" y="10" width=avg_w height="20" class=class />
            <line x1=limit_x y1="4" x2=limit_x y2="36" class="limit" />
            <text x=limit_x + 4.0 y="48" class="chart-value">{tr::dashboard::limit(t, format!("{limit:.0}"))}</text>
        </svg>
    }
}

/// "2026年11月" / "November 2026"; a view without the numbers (an older server) shows its
/// Chinese words, marked.
fn month_words(d: &DashboardView, t: crate::domain::lang::Lang) -> AnyView {
    match tr::dashboard_words::month_name::lookup(t, &format!("m{}", d.month_number)) {
        Some(name) => tr::dashboard_words::month(t, d.year, name).into_any(),
        None => view! { <span lang="zh-CN">{d.month.clone()}</span> }.into_any(),
    }
}
