//! 部门预警导入: a line department chooses its screening list as an Excel (.xlsx, .xls) or CSV
//! file, or pastes it (copied from Excel / WPS), and gets an answer per row.
//!
//! The server reads the list (`calamine`; the browser never carries a spreadsheet reader).
//! Without JavaScript the form posts the whole list at once and the page comes back with every
//! row's outcome. Once hydrated, the browser sends the form to be read, then pushes the rows in
//! batches, so a long list shows real progress and a dropped connection loses one batch, not
//! the list (re-sending is safe: each record id files once).
use leptos::{html, prelude::*, task::spawn_local};
use leptos_router::hooks::use_query_map;

use crate::{
    components::{
        hydrated::mark_hydrated,
        island_props::{island_props, IslandProps},
    },
    domain::{
        alert_csv, alert_file::MAX_ALERT_FILE_BYTES, tracking::TrackingNumber, vocab::RiskType,
    },
    i18n::{use_lang, Lang},
    tr,
    wire::{
        alerts::{AlertImportAnswer, AlertOutcome, MAX_ALERTS_PER_PUSH},
        FieldError,
    },
};

const EXAMPLE: &str =
    "记录编号\t姓名\t手机号码\t身份证号码\t村代码\t村民小组\t家庭人口\t困难类型\t情况说明";

#[component]
pub fn AlertsPage() -> impl IntoView {
    // A plain form post that could not be read comes back here with `?failed=1`; a plain
    // import post is answered on this page (see `server::alert_form`).
    let t = use_lang();
    let failed = use_query_map().read_untracked().get("failed").is_some();
    let answer = use_context::<AlertImportAnswer>();
    let problem = match &answer {
        Some(AlertImportAnswer(Err(e))) => Some(tr::alerts::nothing_imported(t, &e.message)),
        _ => failed.then(|| tr::alerts::unreadable(t).to_owned()),
    };
    let outcomes = match answer {
        Some(AlertImportAnswer(Ok(outcomes))) => Some(outcomes),
        _ => None,
    };
    view! {
        <crate::components::back_to_queue::BackToQueue />
        <h1>{tr::alerts::title(t)}</h1>
        <p class="hint">
            {tr::alerts::hint(t, MAX_ALERT_FILE_BYTES / 1024, MAX_ALERTS_PER_PUSH)}
            <code lang="zh-CN">{EXAMPLE.replace('\t', "、")}</code>
            {tr::alerts::hint_after(t)}
            {tr::alerts::hardship_names(t)}
            <span lang="zh-CN">{RiskType::ALL.iter().map(|r| r.label_zh()).collect::<Vec<_>>().join("、")}</span>
        </p>
        {outcomes.map(|outcomes| view! { <Outcomes outcomes /> })}
        <IslandProps id=PROPS values=vec![t.code().to_owned(), problem.unwrap_or_default()]>
            <AlertImport />
        </IslandProps>
        <super::alert_feedback::AlertFeedbackList />
    }
}

/// The id of the element holding the island's values.
const PROPS: &str = "alert-import-props";

/// The island: has the server read the list, then sends it in batches behind a progress bar.
/// Its values (language, the problem to show) come from `IslandProps`, not Leptos props.
// A staff island: only the staff bundle (`staff-islands`) hydrates it (island_scripts.rs).
#[cfg_attr(any(feature = "ssr", feature = "staff-islands"), island)]
#[cfg_attr(not(any(feature = "ssr", feature = "staff-islands")), component)]
fn AlertImport() -> impl IntoView {
    let mut props = island_props(PROPS);
    let lang = Lang::from_code(&props.text());
    let problem = props.optional();
    provide_context(lang);
    let t = lang;
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
            let batches = read_on_server(form, t).await;
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
                        problem.set(Some(tr::alerts::interrupted(t).to_owned()));
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
        // Without JavaScript the list is posted to this page (the address stays the page).
        <form method="post" action="/staff/alerts" enctype="multipart/form-data"
            class="report-form" on:submit=on_submit node_ref=form>
            {move || problem.get().map(|p| view! { <p class="banner error" role="alert">{p}</p> })}
            <div class="field">
                <label for="a-file">{tr::alerts::file(t)}</label>
                <input id="a-file" type="file" name="file"
                    accept=".xlsx,.xls,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel,text/csv" />
            </div>
            <div class="field">
                <label for="a-csv">{tr::alerts::paste(t)}</label>
                <textarea id="a-csv" name="csv" rows="10" placeholder=EXAMPLE lang="zh-CN"></textarea>
            </div>
            <button type="submit" class="button primary" disabled=busy>
                {move || if busy() { tr::alerts::importing(t) } else { tr::alerts::import(t) }}
            </button>
            {move || progress.get().map(|(done, total)| view! {
                <p role="status">
                    <progress max=total value=done aria-label=tr::alerts::progress(t)></progress>
                    {tr::alerts::done_of(t, done, total)}
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
async fn read_on_server(
    form: web_sys::HtmlFormElement,
    t: Lang,
) -> Result<(usize, Vec<String>), String> {
    use crate::{
        components::{form_post::browser::send, json_answer::read},
        wire::alerts::AlertFileAnswer,
    };
    let unreadable = || tr::alerts::unreadable(t).to_owned();
    let data = web_sys::FormData::new_with_form(&form).map_err(|_| unreadable())?;
    let answer = send("/staff/alerts/parse", None, &data)
        .await
        .map_err(|_| tr::alerts::network(t).to_owned())?;
    match read::<AlertFileAnswer>(&answer.text) {
        Some(AlertFileAnswer::Batches { rows, bodies }) => Ok((rows, bodies)),
        Some(AlertFileAnswer::Refused(e)) => Err(tr::alerts::nothing_imported(t, &e.message)),
        None if answer.status == 413 => Err(tr::alerts::too_big(t, MAX_ALERT_FILE_BYTES / 1024)),
        None => Err(unreadable()),
    }
}

/// Posts one batch to `alerts/push`; `None` when it was not filed (network, session).
#[cfg(feature = "hydrate")]
async fn push_batch(body: String) -> Option<Vec<AlertOutcome>> {
    use crate::components::{form_post::browser::send, json_answer::read};
    let body = wasm_bindgen::JsValue::from_str(&body);
    let answer = send("/api/alerts/push", Some("application/json"), &body)
        .await
        .ok()?;
    if !answer.ok {
        return None;
    }
    read(&answer.text)
}

#[cfg(not(feature = "hydrate"))]
async fn read_on_server(
    _: leptos::web_sys::HtmlFormElement,
    t: Lang,
) -> Result<(usize, Vec<String>), String> {
    Err(tr::alerts::unreadable(t).to_owned())
}

#[cfg(not(feature = "hydrate"))]
async fn push_batch(_: String) -> Option<Vec<AlertOutcome>> {
    None
}

#[component]
fn Outcomes(outcomes: Vec<AlertOutcome>) -> impl IntoView {
    let t = use_lang();
    let filed = outcomes.iter().filter(|o| o.tracking.is_some()).count();
    let before = outcomes.iter().filter(|o| o.filed_before).count();
    let flagged = outcomes.iter().filter(|o| o.possible_duplicate).count();
    let failed = outcomes.len() - filed;
    let summary = match before {
        0 => tr::alerts::summary(t, filed, failed, flagged),
        _ => tr::alerts::summary_with_before(t, filed - before, before, failed, flagged),
    };
    view! {
        <section class="card" data-testid="alert-outcomes" role="status">
            <h2>{summary}</h2>
            // Scrolls sideways on a phone: focusable so a keyboard can scroll it too.
            <table class="pair" tabindex="0" aria-label=tr::alerts::rows_label(t)>
                <thead><tr><th>{tr::alerts::reference(t)}</th><th>{tr::alerts::result(t)}</th></tr></thead>
                <tbody>
                    {outcomes.into_iter().map(|o| {
                        // Grouped as everywhere else (it read 2M83NE9KBJ), and a way to the case.
                        let code = o.tracking.as_deref().map(TrackingNumber::shown_back);
                        let result = match (code, o.possible_duplicate, o.filed_before) {
                            (Some(code), _, true) => tr::alerts::filed_before(t, code),
                            (Some(code), true, false) => tr::alerts::filed_duplicate(t, code),
                            (Some(code), false, false) => tr::alerts::filed(t, code),
                            (None, _, _) => row_problems(&o.errors, t),
                        };
                        let result = match o.case_id {
                            Some(id) => view! { <a href=format!("/staff/cases/{id}")>{result}</a> }.into_any(),
                            None => result.into_any(),
                        };
                        view! { <tr><td lang="zh-CN">{o.reference}</td><td>{result}</td></tr> }
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

/// A refused row's problems on one line, each as "column: message". A message is a sentence
/// with its own full stop; the separator ends it instead (not "…again.; mobile: …").
fn row_problems(errors: &[FieldError], t: Lang) -> String {
    errors
        .iter()
        .map(|e| {
            format!(
                "{}{}{}",
                alert_csv::column_header(&e.field, t),
                tr::common::colon(t),
                e.message.trim_end().trim_end_matches(['.', '。'])
            )
        })
        .collect::<Vec<_>>()
        .join(tr::common::field_separator(t))
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    fn error(field: &str, message: &str) -> FieldError {
        FieldError {
            field: field.to_owned(),
            key: String::new(),
            args: Default::default(),
            message: message.to_owned(),
        }
    }

    #[test]
    fn a_rows_problems_read_as_one_line_without_doubled_stops() {
        let errors = [
            error("mobile", "Enter an 11-digit mobile number."),
            error("village", "Choose again."),
        ];
        assert_eq!(
            row_problems(&errors, Lang::En),
            "mobile: Enter an 11-digit mobile number; village: Choose again"
        );
        let errors = [
            error("mobile", "请填写11位手机号码。"),
            error("village", "请重新选择。"),
        ];
        assert_eq!(
            row_problems(&errors, Lang::Zh),
            "手机号码：请填写11位手机号码；村代码：请重新选择"
        );
    }
}
