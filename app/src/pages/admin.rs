//! 账号管理 for the county administrator. Plain forms: works without JavaScript.
use leptos::prelude::*;

use crate::components::notice::{first_failure, LoadError};
use crate::components::region_contacts::RegionContactsCard;

use crate::{
    api::{
        admin::{dead_letters, list_accounts, CreateAccount, ResetPassword, SetAccountActive},
        regions::region_tree,
    },
    domain::role::Role,
    wire::admin::AccountView,
};

#[component]
pub fn AdminPage() -> impl IntoView {
    let create = ServerAction::<CreateAccount>::new();
    let reset = ServerAction::<ResetPassword>::new();
    let toggle = ServerAction::<SetAccountActive>::new();
    let accounts = Resource::new(
        move || {
            (
                create.version().get(),
                reset.version().get(),
                toggle.version().get(),
            )
        },
        |_| list_accounts(),
    );
    let regions = Resource::new(|| (), |_| region_tree());
    let dead = Resource::new(|| (), |_| dead_letters());
    let error = move || {
        first_failure([
            create.value().get().and_then(Result::err),
            reset.value().get().and_then(Result::err),
            toggle.value().get().and_then(Result::err),
        ])
    };
    view! {
        <p><a href="/staff">"← 返回待办"</a></p>
        <h1>"账号管理"</h1>
        <p><a href="/staff/settings">"政策与节假日设置"</a>" · "<a href="/staff/audit">"审计日志"</a>" · "<a href="/staff/keys">"部门接口密钥"</a></p>
        {move || error().map(|e| view! { <p class="banner error" role="alert">{e}</p> })}
        <Suspense fallback=|| view! { <p class="loading">"正在加载…"</p> }>
            {move || Suspend::new(async move {
                let townships = regions.await.unwrap_or_default();
                match accounts.await {
                    Ok(list) => view! {
                        <section class="card">
                            <h2>"新建账号"</h2>
                            <ActionForm action=create attr:class="admin-form">
                                <div class="field"><label for="a-user">"用户名"</label><input id="a-user" name="account[username]" type="text" autocomplete="off" /></div>
                                <div class="field"><label for="a-name">"姓名"</label><input id="a-name" name="account[display_name]" type="text" /></div>
                                <div class="field"><label for="a-role">"角色"</label>
                                    <select id="a-role" name="account[role]">
                                        {Role::ALL.iter().filter(|r| **r != Role::Household).map(|r| view! {
                                            <option value=r.code()>{r.label_zh()}</option>
                                        }).collect_view()}
                                    </select>
                                </div>
                                <div class="field"><label for="a-region">"负责区域"</label>
                                    <select id="a-region" name="account[region]">
                                        <option value="522799000000">"全县"</option>
                                        {townships.into_iter().map(|t| view! {
                                            <option value=t.code.clone()>{t.name.clone()}</option>
                                            {t.villages.into_iter().map(|v| view! {
                                                <option value=v.code>{format!("{} · {}", t.name, v.name)}</option>
                                            }).collect_view()}
                                        }).collect_view()}
                                    </select>
                                </div>
                                <div class="field"><label for="a-pass">"初始密码（至少8位）"</label><input id="a-pass" name="account[password]" type="password" autocomplete="new-password" /></div>
                                <button type="submit" class="button primary">"创建账号"</button>
                            </ActionForm>
                        </section>
                        <DeadLetters rows=dead.await.unwrap_or_default() />
                        <section class="card">
                            <h2>"现有账号"</h2>
                            <ul class="accounts">
                                {list.into_iter().map(|a| view! { <AccountRow a reset toggle /> }).collect_view()}
                            </ul>
                        </section>
                    }.into_any(),
                    Err(error) => view! { <LoadError error /> }.into_any(),
                }
            })}
        </Suspense>
        <RegionContactsCard />
    }
}

#[component]
fn AccountRow(
    a: AccountView,
    reset: ServerAction<ResetPassword>,
    toggle: ServerAction<SetAccountActive>,
) -> impl IntoView {
    let status = if a.active { "在用" } else { "已停用" };
    let summary = format!(
        " {} · {} · {} · {}",
        a.username, a.role_zh, a.region, status
    );
    let (id_reset, id_toggle) = (a.id.clone(), a.id.clone());
    let label = format!("{}的新密码", a.username);
    let active = a.active;
    view! {
        <li class="account" class:inactive=!active>
            <div><strong>{a.display_name}</strong> {summary}</div>
            <div class="account-actions">
                <ActionForm action=reset attr:class="inline-form">
                    <input type="hidden" name="user_id" value=id_reset />
                    <input type="password" name="password" aria-label=label placeholder="新密码" autocomplete="new-password" />
                    <button type="submit" class="button small">"重置密码"</button>
                </ActionForm>
                <ActionForm action=toggle attr:class="inline-form">
                    <input type="hidden" name="user_id" value=id_toggle />
                    <input type="hidden" name="active" value=(!active).to_string() />
                    <button type="submit" class="button small">{if active { "停用" } else { "启用" }}</button>
                </ActionForm>
            </div>
        </li>
    }
}

#[component]
fn DeadLetters(rows: Vec<crate::wire::admin::DeadLetterView>) -> impl IntoView {
    (!rows.is_empty()).then(|| view! {
        <section class="card">
            <h2>"发送失败的消息"</h2>
            <p class="muted">"以下短信或邮件多次重试仍未发出，请核对号码、邮箱或网关设置。"</p>
            <ul class="plain">
                {rows.into_iter().map(|r| view! {
                    <li>{format!("{} → {}：{}（{}次，{}）", r.channel, r.recipient, r.subject, r.attempts, r.last_error)}</li>
                }).collect_view()}
            </ul>
        </section>
    })
}
