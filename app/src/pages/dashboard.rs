//! 工作看板: SVG charts drawn on the server, readable without JavaScript.
use leptos::prelude::*;

use crate::components::notice::LoadError;

use crate::{
    api::dashboard::my_dashboard,
    i18n::use_lang,
    tr,
    wire::dashboard::{DashboardView, PlaceCount, StepCount},
};

/// A bar's drawing width: the bars are stretched to their row (`preserveAspectRatio="none"`),
/// so this is a scale, not a size. Words are page text, at the page's size on any screen.
const WIDTH: f64 = 100.0;

#[component]
pub fn DashboardPage() -> impl IntoView {
    let t = use_lang();
    let data = Resource::new(|| (), |_| my_dashboard());
    view! {
        <crate::components::back_to_queue::BackToQueue />
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
    let (yes, no) = (d.identified_this_month, d.not_identified_this_month);
    let summary =
        tr::dashboard::month_summary(t, yes + no, yes, no, average, d.limit_days, d.over_limit);
    view! {
        <h1><span lang="zh-CN">{d.scope_name}</span>{" "}{tr::dashboard::title(t)}</h1>
        {(!d.can_start_campaign).then(|| view! { <super::campaign::CampaignRefused /> })}
        {chrono::NaiveDate::parse_from_str(&d.as_of, "%Y-%m-%d").ok().map(|day| view! {
            <p class="muted">{tr::dashboard::as_of(t, t.date(day))}</p>
        })}
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
            <BarChart bars=d.overdue_by_place.clone() filter=d.place_filter.clone() />
        </section>
        <section class="card">
            <h2>{month}{" "}{tr::dashboard::identification_time(t)}</h2>
            <p>{summary}</p>
            <LimitGauge average=d.average_days limit=d.limit_days />
        </section>
        {d.objects.clone().map(|objects| view! { <super::dashboard_objects::ObjectsCard objects /> })}
        <super::campaign::CampaignProgressList campaigns=d.campaigns.clone() />
        {d.can_start_campaign.then(|| {
            let folded = d.campaigns.iter().any(|c| c.running);
            view! { <super::campaign::CampaignForm folded /> }
        })}
    }
}

/// One row of a bar chart: the label and the number as page text, then the bar, its parts
/// (width, class) drawn left to right; the bar repeats the text, so readers skip it.
fn bar_row(
    label: AnyView,
    total: usize,
    after: AnyView,
    parts: Vec<(f64, &'static str)>,
) -> impl IntoView {
    let mut x = 0.0;
    let rects = parts
        .into_iter()
        .map(|(width, class)| {
            let at = x;
            x += width;
            view! { <rect x=at y="0" width=width height="20" class=format!("bar {class}") /> }
        })
        .collect_view();
    view! {
        <li>
            <span class="chart-label">{label}</span>" "<span class="chart-value">{total}</span>{after}
            <svg class="chart-bar" viewBox=format!("0 0 {WIDTH} 20") preserveAspectRatio="none" aria-hidden="true">
                {rects}
            </svg>
        </li>
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
    let scale = WIDTH / max;
    view! {
        <ul class="chart" aria-label=tr::dashboard::steps_label(t)>
            {steps.into_iter().map(|s| {
                // Each row opens the queue's list it counts.
                let href = format!("/staff?tab=all&state={}", s.step);
                let name = crate::domain::wording::by_lang::state(&s.step, t);
                let label = view! { <a href=href>{name}</a> }.into_any();
                let parts = vec![
                    (s.on_time as f64 * scale, "on-time"),
                    (s.due_soon as f64 * scale, "due-soon"),
                    (s.overdue as f64 * scale, "overdue"),
                ];
                // The bar's colours as numbers, each opening its tab (they were in the
                // workbook only, and the bar is hidden from screen readers: officer tester).
                let late = [
                    (s.overdue, "overdue", tr::dashboard::overdue_n(t, s.overdue)),
                    (s.due_soon, "due_soon", tr::dashboard::due_soon_n(t, s.due_soon)),
                ]
                .into_iter()
                .filter(|(n, _, _)| *n > 0)
                .map(|(_, tab, words)| {
                    view! { " " <a href=format!("/staff?tab={tab}&state={}", s.step)>{words}</a> }
                })
                .collect_view()
                .into_any();
                bar_row(label, s.on_time + s.due_soon + s.overdue, late, parts)
            }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn BarChart(bars: Vec<PlaceCount>, filter: String) -> impl IntoView {
    let t = use_lang();
    if bars.is_empty() {
        return view! { <p class="empty">{tr::dashboard::none_overdue(t)}</p> }.into_any();
    }
    let max = bars.iter().map(|b| b.overdue).max().unwrap_or(1).max(1) as f64;
    let scale = WIDTH / max;
    view! {
        <ul class="chart" aria-label=tr::dashboard::overdue_by_place(t)>
            {bars.into_iter().map(|place| {
                let href = format!("/staff?tab=overdue&{filter}={}", place.code);
                let label = view! { <a href=href lang="zh-CN">{place.name}</a> }.into_any();
                let n = place.overdue;
                bar_row(label, n, ().into_any(), vec![(n as f64 * scale, "overdue")])
            }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn LimitGauge(average: Option<f64>, limit: u32) -> impl IntoView {
    let t = use_lang();
    let limit = f64::from(limit.max(1));
    let full = limit * 1.5;
    let avg_w = average.map(|a| (a.min(full) / full) * WIDTH).unwrap_or(0.0);
    let limit_x = (limit / full) * WIDTH;
    let class = if average.is_some_and(|a| a > limit) {
        "bar overdue"
    } else {
        "bar on-time"
    };
    view! {
        <svg class="chart-bar gauge" viewBox=format!("0 0 {WIDTH} 32") preserveAspectRatio="none" role="img" aria-label=tr::dashboard::gauge_label(t)>
            <rect x="0" y="6" width=WIDTH height="20" class="bar track" vector-effect="non-scaling-stroke" />
            <rect x="0" y="6" width=avg_w height="20" class=class />
            <line x1=limit_x y1="0" x2=limit_x y2="32" class="limit" vector-effect="non-scaling-stroke" />
        </svg>
        <p class="legend"><span class="key limit">{tr::dashboard::limit(t, format!("{limit:.0}"))}</span></p>
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
