//! The printable 公示 for a village board.
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::not_found::NotFound;
use crate::{
    api::notice::village_notice,
    components::{contacts::ContactLines, whole_dates::whole_dates},
    i18n::{use_lang, Lang},
    tr,
    wire::AppError,
};

#[component]
pub fn NoticePage() -> impl IntoView {
    let t = use_lang();
    let params = use_params_map();
    let notice = Resource::new(
        move || params.read().get("village").unwrap_or_default(),
        village_notice,
    );
    let label = move |column: &str| crate::components::stacked::cell_label(column, t);
    view! {
        <Suspense fallback=move || view! { <p class="loading">{tr::common::loading(t)}</p> }>
            {move || Suspend::new(async move {
                match notice.await {
                    Ok(n) => view! {
                        <article class="notice">
                            <h1><span lang="zh-CN">{format!("{}{}{}", n.county, n.township, n.village)}</span>{tr::village_notice::title(t)}</h1>
                            <p>{tr::village_notice::intro(t)}</p>
                            {if n.entries.is_empty() {
                                view! { <p class="empty">{tr::village_notice::empty(t)}</p> }.into_any()
                            } else {
                                view! {
                                    // On a phone each household is a card of "column: value" lines
                                    // (table.stacked); printed, it is the board's table.
                                    <table class="notice-table stacked">
                                        <thead><tr><th>{tr::village_notice::head_name(t)}</th><th>{tr::village_notice::group(t)}</th><th>{tr::village_notice::size(t)}</th><th>{tr::village_notice::matter(t)}</th><th>{tr::village_notice::category(t)}</th><th>{tr::village_notice::period(t)}</th></tr></thead>
                                        <tbody>
                                            {n.entries.into_iter().map(|e| view! {
                                                <tr>
                                                    <td data-label=label(tr::village_notice::head_name(t)) lang="zh-CN">{e.name}</td>
                                                    <td data-label=label(tr::village_notice::group(t)) lang="zh-CN">{e.group.unwrap_or_else(|| "—".to_owned())}</td>
                                                    <td data-label=label(tr::village_notice::size(t))>{e.household_size}</td>
                                                    <td data-label=label(tr::village_notice::matter(t))>{matter(&e.procedure, &e.measures, t)}</td>
                                                    <td data-label=label(tr::village_notice::category(t))>{e.category.as_deref().and_then(|c| tr::vocab::category::lookup(t, c)).unwrap_or("—")}</td>
                                                    <td data-label=label(tr::village_notice::period(t))>
                                                        // Past its minimum, the minimum's last day read as the end, long
                                                        // gone, as if too late to object (household tester).
                                                        {whole_dates(if e.period_over {
                                                            tr::village_notice::from_since(t, t.date(e.from))
                                                        } else {
                                                            tr::village_notice::from_until(t, t.date(e.from), t.date(e.until))
                                                        })}
                                                        {e.period_over.then(|| tr::village_notice::period_over(t))}
                                                    </td>
                                                </tr>
                                            }).collect_view()}
                                        </tbody>
                                    </table>
                                }.into_any()
                            }}
                            {n.masked.then(|| view! {
                                <p data-testid="masked-note">{tr::village_notice::masked_note(t)}</p>
                            })}
                            <p>{tr::village_notice::objection(t)}</p>
                            <ContactLines contacts=n.contacts />
                            <p class="signature"><span lang="zh-CN">{n.village}</span>{tr::village_notice::committee(t)}</p>
                            <p><a class="button small" href="/notice">{tr::notice_index::other_villages(t)}</a></p>
                        </article>
                    }.into_any(),
                    // An unknown village: the not-found page's way home and whom to call.
                    Err(AppError::NotFound) => view! { <NotFound /> }.into_any(),
                    Err(e) => {
                        crate::components::page_status::main_content_failed(&e);
                        view! { <p class="banner error">{e.text(t)}</p> }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// 事项: what the household is posted for; a plan's measures on the board copy.
fn matter(procedure: &str, measures: &[String], t: Lang) -> String {
    let what = tr::public_notice::procedure::lookup(t, procedure).unwrap_or_default();
    if measures.is_empty() {
        return what.to_owned();
    }
    let names: Vec<&str> = measures
        .iter()
        .filter_map(|m| tr::vocab::measure_type::lookup(t, m))
        .collect();
    format!(
        "{what}{}{}",
        tr::common::colon(t),
        names.join(tr::common::list_separator(t))
    )
}
