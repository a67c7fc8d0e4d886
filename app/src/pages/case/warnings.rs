//! What staff must see before acting: a suspected duplicate beside this filing (the matched
//! pair), and the county data comparison with its negative-list hits.
use leptos::prelude::*;

use crate::wire::cases::{CaseView, ComparisonView, DuplicateView};

#[component]
pub fn Warnings(case: CaseView) -> impl IntoView {
    let duplicates = (!case.duplicates.is_empty()).then(|| {
        view! {
            <DuplicatePair
                case=case.clone()
                others=case.duplicates.clone()
                override_reason=case.duplicate_override.clone()
            />
        }
    });
    let comparison = case
        .comparison
        .clone()
        .map(|c| view! { <ComparisonCard comparison=c /> }.into_any())
        .or_else(|| {
            case.comparison_pending.then(|| {
                view! {
                    <section class="card notice-info" aria-label="县级数据比对">
                        <h2>"县级数据比对"</h2>
                        <p>"尚未完成。县级审定前须完成比对（财政供养、车辆、工商、房产等）。"</p>
                    </section>
                }
                .into_any()
            })
        });
    view! { {duplicates} {comparison} }
}

#[component]
fn DuplicatePair(
    case: CaseView,
    others: Vec<DuplicateView>,
    override_reason: Option<String>,
) -> impl IntoView {
    let (class, title) = match override_reason {
        Some(_) => ("card", "疑似重复申报（已确认另行受理）"),
        None => ("card alert", "疑似重复申报：受理前请核对"),
    };
    view! {
        <section class=class aria-label="疑似重复申报" data-testid="duplicates">
            <h2>{title}</h2>
            <table class="pair">
                <thead>
                    <tr><th>"查询码"</th><th>"申请人"</th><th>"村"</th><th>"状态"</th><th>"日期"</th><th>"相同之处"</th></tr>
                </thead>
                <tbody>
                    <tr class="this">
                        <td>{case.tracking.clone()} "（本申报）"</td>
                        <td>{case.applicant.clone()}</td>
                        <td>{case.village.clone()}</td>
                        <td>{case.state_zh.clone()}</td>
                        <td>{case.discovered_on.clone()}</td>
                        <td></td>
                    </tr>
                    {others.into_iter().map(|o| view! {
                        <tr>
                            <td>{match o.case_id {
                                Some(id) => view! { <a href=format!("/staff/cases/{id}")>{o.tracking}</a> }.into_any(),
                                None => view! { <span>{o.tracking}</span> }.into_any(),
                            }}</td>
                            <td>{if o.applicant.is_empty() { "（辖区外）".to_owned() } else { o.applicant }}</td>
                            <td>{o.village}</td>
                            <td>{o.state_zh}</td>
                            <td>{o.reported_on}</td>
                            <td><strong>{o.reasons_zh}</strong></td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            {match override_reason {
                Some(reason) => view! { <p>{format!("受理理由：{reason}")}</p> }.into_any(),
                None => view! {
                    <p class="muted">"确属重复的，请“不予受理”并注明原申报查询码；确有新的困难需另行办理的，在“受理”中填写理由（将留痕）。"</p>
                }
                .into_any(),
            }}
        </section>
    }
}

#[component]
fn ComparisonCard(comparison: ComparisonView) -> impl IntoView {
    let hit = !comparison.hits_zh.is_empty();
    view! {
        <section class=if hit { "card alert" } else { "card" } aria-label="县级数据比对" data-testid="comparison">
            <h2>{if hit { "县级数据比对：命中负面清单" } else { "县级数据比对：未发现异常" }}</h2>
            {hit.then(|| view! {
                <ul class="warnings">
                    {comparison.hits_zh.iter().map(|h| view! { <li>{h.clone()}</li> }).collect_view()}
                </ul>
                <p class="muted">"认定为监测对象须在县级审定中写明理由。"</p>
            })}
            <p class="muted">
                {format!("{} · {}", comparison.on, comparison.by)}
                {(!comparison.note.is_empty()).then(|| format!(" · {}", comparison.note))}
            </p>
        </section>
    }
}
