//! 部门接口密钥 for the county administrator: issue a key per department (shown once),
//! list and revoke keys. Plain forms: works without JavaScript.
use leptos::prelude::*;

use crate::{
    api::{
        department_keys::{list_keys, IssueKey, RevokeKey},
        regions::region_tree,
    },
    components::notice::{first_failure, LoadError},
    domain::department_key::DEFAULT_REQUESTS_PER_MINUTE,
    i18n::{use_lang, Lang},
    wire::department_keys::{DepartmentKeyView, IssuedKey},
};

#[component]
pub fn KeysPage() -> impl IntoView {
    let t = use_lang();
    let issue = ServerAction::<IssueKey>::new();
    let revoke = ServerAction::<RevokeKey>::new();
    let page = Resource::new(
        move || (issue.version().get(), revoke.version().get()),
        |_| list_keys(),
    );
    let regions = Resource::new(|| (), |_| region_tree());
    let error = move || {
        first_failure([
            issue.value().get().and_then(Result::err),
            revoke.value().get().and_then(Result::err),
        ])
    };
    view! {
        <p><a href="/staff/admin">{t.pick("← 返回账号管理", "← Back to accounts")}</a></p>
        <h1>{t.pick("部门接口密钥", "Department API keys")}</h1>
        <p class="hint">{t.pick(
            "行业部门的系统用密钥推送筛查预警（POST /api/alerts/push，请求头 Authorization: Bearer 密钥），并查询结果反馈（GET /api/alerts/outcomes）。密钥只显示一次，系统只保存其摘要。接口说明：/api/openapi.json。",
            "A line department's system pushes screening alerts with a key (POST /api/alerts/push, header Authorization: Bearer <key>) and reads the outcomes back (GET /api/alerts/outcomes). A key is shown once; only its hash is stored. API description: /api/openapi.json.",
        )}</p>
        {move || error().map(|e| view! { <p class="banner error" role="alert">{e}</p> })}
        <Suspense fallback=move || view! { <p class="loading">{t.pick("正在加载…", "Loading…")}</p> }>
            {move || Suspend::new(async move {
                let townships = regions.await.unwrap_or_default();
                match page.await {
                    Ok(page) => view! {
                        {page.fresh.map(|k| view! { <FreshKey k t /> })}
                        <section class="card">
                            <h2>{t.pick("签发密钥", "Issue a key")}</h2>
                            <ActionForm action=issue attr:class="admin-form">
                                <div class="field"><label for="k-dept">{t.pick("部门（联络员账号）", "Department (liaison account)")}</label>
                                    <select id="k-dept" name="key[user_id]">
                                        {page.departments.into_iter().map(|d| view! {
                                            <option value=d.user_id>{d.name}</option>
                                        }).collect_view()}
                                    </select>
                                </div>
                                <div class="field"><label for="k-region">{t.pick("推送范围", "Region")}</label>
                                    <select id="k-region" name="key[region]">
                                        <option value="522799000000">{t.pick("全县", "Whole county")}</option>
                                        {townships.into_iter().map(|w| view! {
                                            <option value=w.code.clone()>{w.name.clone()}</option>
                                        }).collect_view()}
                                    </select>
                                </div>
                                <div class="field"><label for="k-rate">{t.pick("每分钟最多请求数", "Requests per minute (at most)")}</label>
                                    <input id="k-rate" name="key[requests_per_minute]" type="number" min="1" max="600" value=DEFAULT_REQUESTS_PER_MINUTE.to_string() />
                                </div>
                                <button type="submit" class="button primary">{t.pick("签发", "Issue")}</button>
                            </ActionForm>
                        </section>
                        <section class="card">
                            <h2>{t.pick("已签发的密钥", "Keys issued")}</h2>
                            <ul class="accounts">
                                {page.keys.into_iter().map(|k| view! { <KeyRow k revoke t /> }).collect_view()}
                            </ul>
                        </section>
                    }.into_any(),
                    Err(error) => view! { <LoadError error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn FreshKey(k: IssuedKey, t: Lang) -> impl IntoView {
    view! {
        <section class="card" role="status">
            <h2>{t.pick("新密钥（只显示这一次）", "New key (shown this once)")}</h2>
            <p>{t.pick(
                "请立即复制并交给部门的系统管理员；离开本页后无法再次查看，遗失只能吊销后重新签发。",
                "Copy it now and hand it to the department's system administrator: it cannot be shown again; if lost, revoke it and issue a new one.",
            )}</p>
            <p><code class="api-key">{k.key}</code></p>
        </section>
    }
}

#[component]
fn KeyRow(k: DepartmentKeyView, revoke: ServerAction<RevokeKey>, t: Lang) -> impl IntoView {
    let used = k
        .last_used_at
        .clone()
        .unwrap_or_else(|| t.pick("未使用", "never").to_owned());
    let summary = format!(
        " {} · {} · {} · {}{} · {}{} · {}/{}",
        k.department,
        k.region,
        k.channel,
        t.pick("签发于", "issued "),
        k.created_at,
        t.pick("最近使用", "last used "),
        used,
        k.requests_per_minute,
        t.pick("分钟", "min"),
    );
    let revoked = k.revoked_at.clone();
    let inactive = revoked.is_some();
    view! {
        <li class="account" class:inactive=inactive>
            <div><code>{format!("{}…", k.shown)}</code> {summary}</div>
            {match revoked {
                Some(at) => view! { <div>{format!("{}{at}", t.pick("已吊销：", "Revoked "))}</div> }.into_any(),
                None => view! {
                    <div class="account-actions">
                        <ActionForm action=revoke attr:class="inline-form">
                            <input type="hidden" name="key_id" value=k.id />
                            <button type="submit" class="button small">{t.pick("吊销", "Revoke")}</button>
                        </ActionForm>
                    </div>
                }.into_any(),
            }}
        </li>
    }
}
