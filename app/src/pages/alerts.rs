//! 部门预警导入: a line department chooses its screening list as an Excel (.xlsx, .xls) or CSV
//! file, or pastes it (copied from Excel / WPS), and gets an answer per row. Staff pages are
//! Chinese only.
//!
//! The server reads the list (`calamine`; the browser never carries a spreadsheet reader).
//! Without JavaScript the form posts the whole list at once and the page comes back with every
//! row's outcome. Once hydrated, the browser sends the form to be read, then pushes the rows in
//! batches, so a long list shows real progress and a dropped connection loses one batch, not
//! the list (re-sending is safe: each record id files once).
use leptos::{html, prelude::*, task::spawn_local};
use leptos_router::hooks::use_query_map;

use crate::{
    components::hydrated::mark_hydrated,
    domain::alert_file::MAX_ALERT_FILE_BYTES,
    wire::alerts::{AlertImportAnswer, AlertOutcome, MAX_ALERTS_PER_PUSH},
};

const EXAMPLE: &str =
    "记录编号\t姓名\t手机号码\t身份证号码\t村代码\t村民小组\t家庭人口\t困难类型\t情况说明";
const UNREADABLE: &str = "名单无法读取或不符合要求：请检查表头和每行内容，一次最多500条。";

#[component]
pub fn AlertsPage() -> impl IntoView {
    // A plain form post that could not be read comes back here with `?failed=1`; a plain
    // import post is answered on this page (see `server::alert_form`).
    let failed = use_query_map().read_untracked().get("failed").is_some();
    let answer = use_context::<AlertImportAnswer>();
    let problem = match &answer {
        Some(AlertImportAnswer(Err(e))) => Some(format!("{}。没有导入任何内容。", e.zh)),
        _ => failed.then(|| UNREADABLE.to_owned()),
    };
    let outcomes = match answer {
        Some(AlertImportAnswer(Ok(outcomes))) => Some(outcomes),
        _ => None,
    };
    view! {
        <p><a href="/staff">"← 返回待办"</a></p>
        <h1>"部门预警导入"</h1>
        <p class="hint">
            {format!("选择Excel（.xlsx、.xls）或CSV文件（不超过{}KB），或从Excel、WPS表格中复制（含表头）粘贴到下面；一次最多{MAX_ALERTS_PER_PUSH}条。表头（列的顺序不限）：", MAX_ALERT_FILE_BYTES / 1024)}
            <code>{EXAMPLE.replace('\t', "、")}</code>
            "。困难类型可写“因病、因残”。同一记录编号再次导入不会重复登记。"
        </p>
        {outcomes.map(|outcomes| view! { <Outcomes outcomes /> })}
        <AlertImport problem />
    }
}

/// The island: has the server read the list, then sends it in batches behind a progress bar.
#[island]
fn AlertImport(problem: Option<String>) -> impl IntoView {
    mark_hydrated();
    let form = NodeRef::<html::Form>::new();
    let progress = RwSignal::new(None::<(usize, usize)>);
    let outcomes = RwSignal::new(Vec::<AlertOutcome>::new());
    let problem = RwSignal::new(problem);
    let reading = RwSignal::new(false);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(form) = form.get() else {
            return;
        };
        problem.set(None);
        outcomes.set(Vec::new());
        progress.set(None);
        reading.set(true);
        spawn_local(async move {
            let batches = read_on_server(form).await;
            reading.set(false);
            let (total, bodies) = match batches {
                Ok(batches) => batches,
                Err(p) => {
                    problem.set(Some(p));
                    return;
                }
            };
            progress.set(Some((0, total)));
            for body in bodies {
                match push_batch(body).await {
                    Some(done) => {
                        let n = done.len();
                        outcomes.update(|all| all.extend(done));
                        progress.update(|p| {
                            if let Some((sent, _)) = p {
                                *sent += n;
                            }
                        });
                    }
                    None => {
                        problem.set(Some(
                            "导入中断（网络或登录问题）。已处理的不会重复登记，可再次导入整份名单。"
                                .to_owned(),
                        ));
                        break;
                    }
                }
            }
        });
    };
    let busy = move || {
        reading.get()
            || progress.get().is_some_and(|(done, total)| done < total) && problem.get().is_none()
    };
    view! {
        <form method="post" action="/staff/alerts/import" enctype="multipart/form-data"
            class="report-form" on:submit=on_submit node_ref=form>
            {move || problem.get().map(|p| view! { <p class="banner error" role="alert">{p}</p> })}
            <div class="field">
                <label for="a-file">"选择名单文件（Excel或CSV）"</label>
                <input id="a-file" type="file" name="file"
                    accept=".xlsx,.xls,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel,text/csv" />
            </div>
            <div class="field">
                <label for="a-csv">"或粘贴预警名单"</label>
                <textarea id="a-csv" name="csv" rows="10" placeholder=EXAMPLE></textarea>
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

/// Sends the form (the chosen file, the pasted text) to be read by the server, which answers
/// with the row count and the `alerts/push` request bodies of the batches.
#[cfg(feature = "hydrate")]
async fn read_on_server(form: web_sys::HtmlFormElement) -> Result<(usize, Vec<String>), String> {
    use crate::{components::form_post::browser::send, wire::alerts::AlertFileAnswer};
    let data = web_sys::FormData::new_with_form(&form).map_err(|_| UNREADABLE.to_owned())?;
    let answer = send("/staff/alerts/parse", None, &data)
        .await
        .map_err(|_| "网络中断，没有导入任何内容，请重试".to_owned())?;
    match serde_json::from_str::<AlertFileAnswer>(&answer.text) {
        Ok(AlertFileAnswer::Batches { rows, bodies }) => Ok((rows, bodies)),
        Ok(AlertFileAnswer::Refused(e)) => Err(format!("{}。没有导入任何内容。", e.zh)),
        Err(_) if answer.status == 413 => Err(format!(
            "文件太大（超过{}KB），没有导入任何内容。请分批导入",
            MAX_ALERT_FILE_BYTES / 1024
        )),
        Err(_) => Err(UNREADABLE.to_owned()),
    }
}

/// Posts one batch to `alerts/push`; `None` when it was not filed (network, session).
#[cfg(feature = "hydrate")]
async fn push_batch(body: String) -> Option<Vec<AlertOutcome>> {
    use crate::components::form_post::browser::send;
    let body = wasm_bindgen::JsValue::from_str(&body);
    let answer = send("/api/alerts/push", Some("application/json"), &body)
        .await
        .ok()?;
    if !answer.ok {
        return None;
    }
    serde_json::from_str(&answer.text).ok()
}

#[cfg(not(feature = "hydrate"))]
async fn read_on_server(
    _: leptos::web_sys::HtmlFormElement,
) -> Result<(usize, Vec<String>), String> {
    Err(UNREADABLE.to_owned())
}

#[cfg(not(feature = "hydrate"))]
async fn push_batch(_: String) -> Option<Vec<AlertOutcome>> {
    None
}

#[component]
fn Outcomes(outcomes: Vec<AlertOutcome>) -> impl IntoView {
    let filed = outcomes.iter().filter(|o| o.tracking.is_some()).count();
    let flagged = outcomes.iter().filter(|o| o.possible_duplicate).count();
    let failed = outcomes.len() - filed;
    view! {
        <section class="card" data-testid="alert-outcomes" role="status">
            <h2>{format!("已登记{filed}条，未登记{failed}条，其中疑似重复{flagged}条")}</h2>
            // Scrolls sideways on a phone: focusable so a keyboard can scroll it too.
            <table class="pair" tabindex="0" aria-label="逐行结果">
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
