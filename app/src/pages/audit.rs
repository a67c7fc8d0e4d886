//! 审计日志 for the county administrator: whether the hash chain holds, and who read which
//! household's data, when, why and from where. A plain GET form: works without JavaScript.
use leptos::prelude::*;
use leptos_router::{components::Form, hooks::use_query_map};

use crate::{
    api::audit::audit_page,
    components::notice::LoadError,
    wire::audit::{AuditFilterForm, AuditPageView},
};

#[component]
pub fn AuditPage() -> impl IntoView {
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
        <p><a href="/staff/admin">"← 账号管理"</a></p>
        <h1>"审计日志"</h1>
        <Suspense fallback=|| view! { <p class="loading">"正在加载…"</p> }>
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
    let href = csv_link(&filter);
    let chosen = filter.action.clone();
    view! {
        <p class=if page.intact { "banner ok" } else { "banner error" } role="status" data-testid="audit-verification">
            {page.verification_zh.clone()}
        </p>
        <section class="card">
            <Form method="GET" action="/staff/audit">
                <div class="field"><label for="f-person">"人员（用户名）"</label>
                    <input id="f-person" name="filter[person]" type="text" value=filter.person.clone() /></div>
                <div class="field"><label for="f-tracking">"农户查询码"</label>
                    <input id="f-tracking" name="filter[tracking]" type="text" value=filter.tracking.clone() /></div>
                <div class="field"><label for="f-action">"操作"</label>
                    <select id="f-action" name="filter[action]">
                        <option value="">"全部"</option>
                        {page.actions.iter().map(|(code, label)| view! {
                            <option value=code.clone() selected=*code == chosen>{label.clone()}</option>
                        }).collect_view()}
                    </select></div>
                <div class="field"><label for="f-from">"起始日期"</label>
                    <input id="f-from" name="filter[from]" type="date" value=filter.from.clone() /></div>
                <div class="field"><label for="f-until">"截止日期"</label>
                    <input id="f-until" name="filter[until]" type="date" value=filter.until.clone() /></div>
                <button type="submit" class="button primary">"筛选"</button>
            </Form>
            <p><a href=href rel="external">"导出 CSV（导出本身也会记录）"</a></p>
        </section>
        <table class="audit">
            <thead><tr>
                <th>"序号"</th><th>"时间"</th><th>"人员"</th><th>"角色"</th><th>"操作"</th>
                <th>"结果"</th><th>"查询码"</th><th>"原因"</th><th>"来源地址"</th>
            </tr></thead>
            <tbody>
                {page.rows.into_iter().map(|r| view! {
                    <tr>
                        <td>{r.seq}</td><td>{r.at}</td><td>{r.who}</td><td>{r.role_zh}</td>
                        <td>{r.action_zh}</td><td>{r.outcome_zh}</td><td>{r.tracking}</td>
                        <td>{r.reason_zh}</td><td>{r.client_address}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}
