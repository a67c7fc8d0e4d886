//! 部门预警导入: a line department pastes its screening list (copied from Excel / WPS, or a CSV
//! file opened in a text editor) and gets an answer per row. Staff pages are Chinese only.
//!
//! Without JavaScript the form posts the whole list at once. Once hydrated, the browser reads
//! the list with the server's own parser and sends it in batches, so a long list shows real
//! progress and a dropped connection loses one batch, not the list (re-sending is safe: each
//! record id files once).
use leptos::server_fn::ServerFn;
use leptos::{html, prelude::*, task::spawn_local};
use leptos_router::hooks::use_query_map;

use crate::{
    api::alerts::PushAlerts,
    components::{form_post::post, hydrated::mark_hydrated},
    domain::alert_csv,
    wire::alerts::{AlertOutcome, AlertRow, MAX_ALERTS_PER_PUSH},
};

const EXAMPLE: &str =
    "记录编号\t姓名\t手机号码\t身份证号码\t村代码\t村民小组\t家庭人口\t困难类型\t情况说明";
/// Rows per request once hydrated.
const BATCH: usize = 25;

#[component]
pub fn AlertsPage() -> impl IntoView {
    // A plain form post that could not be read comes back here with `?failed=1`.
    let failed = use_query_map().read_untracked().get("failed").is_some();
    view! {
        <p><a href="/staff">"← 返回待办"</a></p>
        <h1>"部门预警导入"</h1>
        <p class="hint">
            {format!("从Excel或WPS表格中复制（含表头），粘贴到下面；一次最多{MAX_ALERTS_PER_PUSH}条。表头：")}
            <code>{EXAMPLE.replace('\t', "、")}</code>
            "。困难类型可写“因病、因残”。同一记录编号再次导入不会重复登记。"
        </p>
        <AlertImport failed />
    }
}

/// The island: reads the list in the browser and sends it in batches behind a progress bar.
#[island]
fn AlertImport(failed: bool) -> impl IntoView {
    mark_hydrated();
    let list = NodeRef::<html::Textarea>::new();
    let progress = RwSignal::new(None::<(usize, usize)>);
    let outcomes = RwSignal::new(Vec::<AlertOutcome>::new());
    let problem = RwSignal::new(
        failed
            .then(|| "名单无法读取或不符合要求：请检查表头和每行内容，一次最多500条。".to_owned()),
    );
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(text) = list.get().map(|t| t.value()) else {
            return;
        };
        let rows = match alert_csv::parse(&text) {
            Ok(rows) if rows.len() > MAX_ALERTS_PER_PUSH => {
                problem.set(Some(format!(
                    "一次最多导入{MAX_ALERTS_PER_PUSH}条，请分批导入"
                )));
                return;
            }
            Ok(rows) => rows,
            Err(e) => {
                problem.set(Some(e.zh()));
                return;
            }
        };
        problem.set(None);
        outcomes.set(Vec::new());
        let rows: Vec<AlertRow> = rows
            .into_iter()
            .map(|r| AlertRow {
                reference: r.reference,
                household: r.household,
            })
            .collect();
        let total = rows.len();
        progress.set(Some((0, total)));
        spawn_local(async move {
            for batch in rows.chunks(BATCH) {
                let body = serde_json::to_string(&PushAlerts {
                    alerts: batch.to_vec(),
                })
                .unwrap_or_default();
                match post::<Vec<AlertOutcome>>(PushAlerts::PATH, "application/json", body).await {
                    Ok((done, _)) => outcomes.update(|all| all.extend(done)),
                    Err(e) => {
                        problem.set(Some(format!(
                            "导入中断：{}。已处理的不会重复登记，可再次导入整份名单。",
                            e.zh()
                        )));
                        break;
                    }
                }
                progress.update(|p| {
                    if let Some((done, _)) = p {
                        *done += batch.len();
                    }
                });
            }
        });
    };
    let busy =
        move || progress.get().is_some_and(|(done, total)| done < total) && problem.get().is_none();
    view! {
        <form method="post" action="/api/alerts/upload" class="report-form" on:submit=on_submit>
            {move || problem.get().map(|p| view! { <p class="banner error" role="alert">{p}</p> })}
            <div class="field">
                <label for="a-csv">"预警名单"</label>
                <textarea id="a-csv" name="csv" rows="10" placeholder=EXAMPLE node_ref=list></textarea>
            </div>
            <button type="submit" class="button primary" disabled=busy>
                {move || if busy() { "正在导入…" } else { "导入" }}
            </button>
            {move || progress.get().map(|(done, total)| view! {
                <p role="status">
                    <progress max=total value=done aria-label="导入进度"></progress>
                    {format!(" 已处理 {done} / {total} 条")}
                </p>
            })}
        </form>
        {move || {
            let all = outcomes.get();
            (!all.is_empty() && !busy()).then(|| view! { <Outcomes outcomes=all /> })
        }}
    }
}

#[component]
fn Outcomes(outcomes: Vec<AlertOutcome>) -> impl IntoView {
    let filed = outcomes.iter().filter(|o| o.tracking.is_some()).count();
    let flagged = outcomes.iter().filter(|o| o.possible_duplicate).count();
    let failed = outcomes.len() - filed;
    view! {
        <section class="card" data-testid="alert-outcomes" role="status">
            <h2>{format!("已登记{filed}条，未登记{failed}条，其中疑似重复{flagged}条")}</h2>
            <table class="pair">
                <thead><tr><th>"记录编号"</th><th>"结果"</th></tr></thead>
                <tbody>
                    {outcomes.into_iter().map(|o| {
                        let result = match (&o.tracking, o.possible_duplicate) {
                            (Some(t), true) => format!("已登记 {t}（疑似重复，乡镇受理时核对）"),
                            (Some(t), false) => format!("已登记 {t}"),
                            (None, _) => o.errors.iter().map(|e| format!("{}：{}", e.field, e.zh)).collect::<Vec<_>>().join("；"),
                        };
                        view! { <tr><td>{o.reference}</td><td>{result}</td></tr> }
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}
