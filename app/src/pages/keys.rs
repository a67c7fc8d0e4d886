//! 部门接口密钥 for the county administrator: issue a key per department (shown once),
//! list and revoke keys. Plain forms: works without JavaScript.
use leptos::prelude::*;

use crate::{
    api::{
        department_keys::{list_keys, IssueKey, RevokeKey},
        regions::my_regions,
    },
    components::notice::{first_failure, LoadError},
    domain::department_key::DEFAULT_REQUESTS_PER_MINUTE,
    i18n::{use_lang, Lang},
    tr,
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
    let regions = Resource::new(|| (), |_| my_regions());
    let error = move || {
        first_failure(
            t,
            [
                issue.value().get().and_then(Result::err),
                revoke.value().get().and_then(Result::err),
            ],
        )
    };
    view! {
        <p><a href="/staff/admin">{tr::keys::back_to_accounts(t)}</a></p>
        <h1>{tr::keys::department_api_keys(t)}</h1>
        <p class="hint">{tr::keys::intro(t)}</p>
        {move || error().map(|e| view! { <p class="banner error" role="alert">{e}</p> })}
        <Suspense fallback=move || view! { <p class="loading">{tr::common::loading(t)}</p> }>
            {move || Suspend::new(async move {
                let mine = regions.await.unwrap_or_default();
                let townships = mine.townships;
                match page.await {
                    Ok(page) => view! {
                        {page.fresh.map(|k| view! { <FreshKey k t /> })}
                        <section class="card">
                            <h2>{tr::keys::issue_title(t)}</h2>
                            <ActionForm action=issue attr:class="admin-form">
                                <div class="field"><label for="k-dept">{tr::keys::department(t)}</label>
                                    <select id="k-dept" name="key[user_id]">
                                        {page.departments.into_iter().map(|d| view! {
                                            <option value=d.user_id lang="zh-CN">{d.name}</option>
                                        }).collect_view()}
                                    </select>
                                </div>
                                <div class="field"><label for="k-region">{tr::keys::region(t)}</label>
                                    <select id="k-region" name="key[region]">
                                        <option value=mine.code>{tr::keys::whole_county(t)}</option>
                                        {townships.into_iter().map(|w| view! {
                                            <option value=w.code.clone() lang="zh-CN">{w.name.clone()}</option>
                                        }).collect_view()}
                                    </select>
                                </div>
                                <div class="field"><label for="k-rate">{tr::keys::per_minute(t)}</label>
                                    <input id="k-rate" name="key[requests_per_minute]" type="number" min="1" max="600" value=DEFAULT_REQUESTS_PER_MINUTE.to_string() />
                                </div>
                                <button type="submit" class="button primary">{tr::keys::issue(t)}</button>
                            </ActionForm>
                        </section>
                        <section class="card">
                            <h2>{tr::keys::keys_issued(t)}</h2>
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
            <h2>{tr::keys::new_key(t)}</h2>
            <p>{tr::keys::copy_now(t)}</p>
            <p><code class="api-key">{k.key}</code></p>
        </section>
    }
}

#[component]
fn KeyRow(k: DepartmentKeyView, revoke: ServerAction<RevokeKey>, t: Lang) -> impl IntoView {
    let used = k
        .last_used_at
        .clone()
        .unwrap_or_else(|| tr::keys::never(t).to_owned());
    let summary = format!(
        " · {}{} · {}{} · {}/{}",
        tr::keys::issued(t),
        k.created_at,
        tr::keys::last_used(t),
        used,
        k.requests_per_minute,
        tr::keys::min(t),
    );
    let revoked = k.revoked_at.clone();
    let inactive = revoked.is_some();
    view! {
        <li class="account" class:inactive=inactive>
            <div><code>{format!("{}…", k.shown)}</code> " "
                <span lang="zh-CN">{k.department}</span> " · " <span lang="zh-CN">{k.region}</span>
                " · " <span lang="zh-CN">{k.channel}</span> {summary}</div>
            {match revoked {
                Some(at) => view! { <div>{format!("{}{at}", tr::keys::revoked(t))}</div> }.into_any(),
                None => view! {
                    <div class="account-actions">
                        <ActionForm action=revoke attr:class="inline-form">
                            <input type="hidden" name="key_id" value=k.id />
                            <button type="submit" class="button small">{tr::keys::revoke(t)}</button>
                        </ActionForm>
                    </div>
                }.into_any(),
            }}
        </li>
    }
}
