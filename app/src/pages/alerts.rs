//! 部门预警导入: a line department pastes its screening list (copied from Excel / WPS, or a CSV
//! file opened in a text editor) and gets an answer per row. Staff pages are Chinese only.
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::alerts::{AlertOutcome, UploadAlerts, MAX_ALERTS_PER_PUSH};
use crate::components::notice::ErrorBanner;

const EXAMPLE: &str =
    "记录编号\t姓名\t手机号码\t身份证号码\t村代码\t村民小组\t家庭人口\t困难类型\t情况说明";

#[component]
pub fn AlertsPage() -> impl IntoView {
    let upload = ServerAction::<UploadAlerts>::new();
    let pending = upload.pending();
    let error = Signal::derive(move || match upload.value().get() {
        Some(Err(e)) => Some(e),
        _ => None,
    });
    let detail = move || match upload.value().get() {
        Some(Err(e)) => e.field("csv").map(|f| f.zh.clone()),
        _ => None,
    };
    view! {
        <p><A href="/staff">"← 返回待办"</A></p>
        <h1>"部门预警导入"</h1>
        <p class="hint">
            {format!("从Excel或WPS表格中复制（含表头），粘贴到下面；一次最多{MAX_ALERTS_PER_PUSH}条。表头：")}
            <code>{EXAMPLE.replace('\t', "、")}</code>
            "。困难类型可写“因病、因残”。同一记录编号再次导入不会重复登记。"
        </p>
        <ActionForm action=upload attr:class="report-form">
            <ErrorBanner error />
            {move || detail().map(|d| view! { <p class="banner error" role="alert">{d}</p> })}
            <div class="field">
                <label for="a-csv">"预警名单"</label>
                <textarea id="a-csv" name="csv" rows="10" placeholder=EXAMPLE></textarea>
            </div>
            <button type="submit" class="button primary" disabled=move || pending.get()>
                {move || if pending.get() { "正在导入…" } else { "导入" }}
            </button>
            {move || pending.get().then(|| view! {
                <progress aria-label="正在导入"></progress>
            })}
        </ActionForm>
        {move || match upload.value().get() {
            Some(Ok(outcomes)) => view! { <Outcomes outcomes /> }.into_any(),
            _ => ().into_any(),
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
