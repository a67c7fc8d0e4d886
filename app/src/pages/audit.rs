//! 审计日志 for the county administrator: whether the hash chain holds, and who read which
//! household's data, when, why and from where. A plain GET form: works without JavaScript.
use leptos::prelude::*;
use leptos_router::{components::Form, hooks::use_query_map};

use crate::{
    api::audit::audit_page,
    components::notice::LoadError,
    domain::{
        audit::{AuditAction, Outcome},
        role::Role,
        wording::audit_words,
    },
    i18n::use_lang,
    tr,
    wire::audit::{AuditFilterForm, AuditPageView, AuditRowView},
};

#[component]
pub fn AuditPage() -> impl IntoView {
    let t = use_lang();
    let query = use_query_map();
    let filter = move || {
        query.with(|q| {
            let get = |k: &str| q.get(&format!("filter[{k}]")).unwrap_or_default();
            AuditFilterForm {
                person: get("person"),
                tracking: get("tracking"),
                action: get("action"),
                from: get("from"),
                until: get("until"),
            }
        })
    };
    let data = Resource::new(filter, audit_page);
    view! {
        <p><a href="/staff/admin">{tr::staff::back_to_admin(t)}</a></p>
        <h1>{tr::audit::title(t)}</h1>
        <Suspense fallback=move || view! { <p class="loading">{tr::common::loading(t)}</p> }>
            {move || Suspend::new(async move {
                let f = filter();
                match data.await {
                    Ok(page) => view! { <AuditBody page filter=f /> }.into_any(),
                    Err(e) => view! { <LoadError error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn csv_link(f: &AuditFilterForm) -> String {
    let enc = |s: &str| -> String {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' => {
                    (b as char).to_string()
                }
                other => format!("%{other:02X}"),
            })
            .collect()
    };
    format!(
        "/staff/audit.csv?person={}&tracking={}&action={}&from={}&until={}",
        enc(&f.person),
        enc(&f.tracking),
        enc(&f.action),
        enc(&f.from),
        enc(&f.until)
    )
}

#[component]
fn AuditBody(page: AuditPageView, filter: AuditFilterForm) -> impl IntoView {
    let t = use_lang();
    let href = csv_link(&filter);
    let chosen = filter.action.clone();
    // On a phone each row is stacked, every value after its column's name (style/main.css).
    let label = move |column: &str| crate::components::stacked::cell_label(column, t);
    view! {
        <p class=if page.intact { "banner ok" } else { "banner error" } role="status" data-testid="audit-verification">
            {page.verification.clone()}
        </p>
        <section class="card">
            <Form method="GET" action="/staff/audit">
                <div class="field"><label for="f-person">{tr::audit::person(t)}</label>
                    <input id="f-person" name="filter[person]" type="text" value=filter.person.clone() /></div>
                <div class="field"><label for="f-tracking">{tr::audit::tracking(t)}</label>
                    <input id="f-tracking" name="filter[tracking]" type="text" value=filter.tracking.clone() /></div>
                <div class="field"><label for="f-action">{tr::audit::action(t)}</label>
                    <select id="f-action" name="filter[action]">
                        <option value="">{tr::audit::all(t)}</option>
                        {page.actions.iter().map(|(code, label)| {
                            let label = AuditAction::from_code(code).map_or(label.clone(), |a| a.label(t).to_owned());
                            view! { <option value=code.clone() selected=*code == chosen>{label}</option> }
                        }).collect_view()}
                    </select></div>
                <div class="field"><label for="f-from">{tr::audit::from(t)}</label>
                    <input id="f-from" name="filter[from]" type="date" value=filter.from.clone() /></div>
                <div class="field"><label for="f-until">{tr::audit::until(t)}</label>
                    <input id="f-until" name="filter[until]" type="date" value=filter.until.clone() /></div>
                <button type="submit" class="button primary">{tr::audit::filter(t)}</button>
            </Form>
            <p><a href=href rel="external">{tr::audit::csv(t)}</a></p>
        </section>
        <table class="audit">
            <thead><tr>
                <th>{tr::audit::col_seq(t)}</th><th>{tr::audit::col_at(t)}</th><th>{tr::audit::col_who(t)}</th><th>{tr::audit::col_role(t)}</th><th>{tr::audit::action(t)}</th>
                <th>{tr::audit::col_outcome(t)}</th><th>{tr::audit::col_tracking(t)}</th><th>{tr::audit::col_reason(t)}</th><th>{tr::audit::col_address(t)}</th>
            </tr></thead>
            <tbody>
                {page.rows.into_iter().map(|r| {
                    let words = RowWords::of(&r, t);
                    view! {
                    <tr>
                        <td data-label=label(tr::audit::col_seq(t))>{r.seq}</td><td data-label=label(tr::audit::col_at(t))>{r.at}</td>
                        <td data-label=label(tr::audit::col_who(t)) lang="zh-CN">{r.who}</td><td data-label=label(tr::audit::col_role(t))>{words.role}</td>
                        <td data-label=label(tr::audit::action(t))>{words.action}</td><td data-label=label(tr::audit::col_outcome(t))>{words.outcome}</td>
                        <td data-label=label(tr::audit::col_tracking(t))>{r.tracking}</td>
                        <td data-label=label(tr::audit::col_reason(t))>{words.reason}{words.note.map(|n| view! { <span lang="zh-CN">{n}</span> })}{detail(&r.detail)}</td><td data-label=label(tr::audit::col_address(t))>{r.client_address}</td>
                    </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// A row's role, action, outcome and reason in the reader's language, from the codes; the
/// officer's own words for "other" (`note`) are Chinese data, as is the stored reason of an
/// action this build does not know (its code is shown as the action).
struct RowWords {
    role: String,
    action: String,
    outcome: String,
    reason: String,
    note: Option<String>,
}

impl RowWords {
    fn of(r: &AuditRowView, t: crate::domain::lang::Lang) -> RowWords {
        let known = AuditAction::from_code(&r.action);
        let (action, (reason, note)) = match known {
            Some(a) => (
                a.label(t).to_owned(),
                audit_words::reason(a, &r.reason, &r.reason_text, t),
            ),
            None => (
                r.action.clone(),
                (
                    String::new(),
                    Some(r.reason_zh.clone()).filter(|s| !s.is_empty()),
                ),
            ),
        };
        RowWords {
            role: Role::from_code(&r.role)
                .map_or("", |x| x.label(t))
                .to_owned(),
            action,
            outcome: Outcome::of_code(&r.outcome).label(known, t).to_owned(),
            reason,
            note,
        }
    }
}

/// The row's detail, as the CSV has it: what an administrator's change changed (which
/// account, office, day); 停用 and 启用 rows read alike without it (officer tester).
fn detail(text: &str) -> Option<impl IntoView> {
    (!text.is_empty()).then(|| view! { <br /><span class="muted">{text.to_owned()}</span> })
}
