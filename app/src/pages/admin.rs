//! 账号管理 for the county administrator. Plain forms: works without JavaScript.
use leptos::prelude::*;

use crate::components::not_allowed::NotAllowed;
use crate::components::notice::{first_failure, LoadError};
use crate::components::region_contacts::RegionContactsCard;

use crate::{
    api::{
        admin::{
            dead_letters, list_accounts, CreateAccount, ResetPassword, SetAccountActive,
            SetAccountDepartment,
        },
        regions::my_regions,
    },
    domain::role::Role,
    i18n::use_lang,
    tr,
    wire::{admin::AccountView, cases::StepTyped, AppError},
};

#[component]
pub fn AdminPage() -> impl IntoView {
    let t = use_lang();
    let create = ServerAction::<CreateAccount>::new();
    let reset = ServerAction::<ResetPassword>::new();
    let toggle = ServerAction::<SetAccountActive>::new();
    let department = ServerAction::<SetAccountDepartment>::new();
    // The phones' own refusal, said at the top too: without JavaScript the page comes back at
    // the top, thousands of pixels above the phones (officer tester).
    let phone = ServerAction::<crate::api::contacts::SetRegionContact>::new();
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
    let regions = Resource::new(|| (), |_| my_regions());
    let who = leptos_router::hooks::use_query_map()
        .read_untracked()
        .get("who")
        .unwrap_or_default();
    // Here only when this server signed the address for this sign-in (a made-up link said
    // a password was reset: attacker re-tester); the server leaves out any other.
    let done_key = crate::components::notice::done_mark();
    let dead = Resource::new(|| (), |_| dead_letters());
    // Refused without JavaScript: the page comes back with what was typed (not the password).
    let typed = use_context::<StepTyped>().filter(|t| t.kind == "create_account");
    let typed = move |name: &str| {
        typed
            .as_ref()
            .and_then(|t| t.value(&format!("account[{name}]")).map(str::to_owned))
            .unwrap_or_default()
    };
    // A refused reset posted from an account's row (`?reset`) is said at that row too.
    let reset_for = use_context::<StepTyped>()
        .filter(|t| t.kind == "reset_password")
        .and_then(|t| t.value("user_id").map(str::to_owned));
    let kept = [
        typed("username"),
        typed("display_name"),
        typed("role"),
        typed("region"),
        typed("department"),
    ];
    // Which form failed is said first: a refused reset read as the new-account form's (tester).
    let error = move || {
        [
            (
                create.value().get().and_then(Result::err),
                tr::admin::create_failed(t),
            ),
            (
                reset.value().get().and_then(Result::err),
                tr::admin::reset_failed(t),
            ),
            (
                toggle.value().get().and_then(Result::err),
                tr::admin::toggle_failed(t),
            ),
            (
                department.value().get().and_then(Result::err),
                tr::admin::department_failed(t),
            ),
            (
                phone.value().get().and_then(Result::err),
                tr::admin::phone_failed(t),
            ),
        ]
        .into_iter()
        .find_map(|(refused, what)| {
            let why = first_failure(t, [refused])?;
            Some(format!("{what}{why}"))
        })
    };
    view! {
        <Suspense fallback=move || view! { <p class="loading">{tr::common::loading(t)}</p> }>
            {move || {
                let [user, display, role_typed, region_typed, department_typed] = kept.clone();
                let (who, reset_for, done_key) = (who.clone(), reset_for.clone(), done_key.clone());
                Suspend::new(async move {
                let mine = regions.await.unwrap_or_default();
                let townships = mine.townships;
                match accounts.await {
                    Ok(list) => {
                    // Said at the account's row when the address names one that is listed.
                    let at_row = list.iter().any(|a| a.id == who);
                    let done = (!at_row).then(|| done_text(t, &done_key, None)).flatten();
                    view! {
                        <crate::components::back_to_queue::BackToQueue />
                        <h1>{tr::admin::title(t)}</h1>
                        <p><a href="/staff/settings">{tr::admin::settings(t)}</a>" · "<a href="/staff/audit">{tr::audit::title(t)}</a>" · "<a href="/staff/keys">{tr::keys::department_api_keys(t)}</a></p>
                        {move || error().map(|e| view! { <p class="banner error" role="alert">{e}</p> })}
                        // Not beside a later refusal: the address keeps `done` when another
                        // form on the page fails after it (tester).
                        {move || error().is_none().then_some(done.clone()).flatten().map(|text| view! {
                            <p class="banner ok" role="status">{text}</p>
                        })}
                        <section class="card">
                            <h2>{tr::admin::new_account(t)}</h2>
                            <ActionForm action=create attr:class="admin-form">
                                <div class="field"><label for="a-user">{tr::login::username(t)}</label><input id="a-user" name="account[username]" type="text" autocomplete="off" value=user /></div>
                                <div class="field"><label for="a-name">{tr::admin::display_name(t)}</label><input id="a-name" name="account[display_name]" type="text" value=display /></div>
                                <div class="field"><label for="a-role">{tr::admin::role(t)}</label>
                                    <select id="a-role" name="account[role]">
                                        {Role::ALL.iter().filter(|r| **r != Role::Household).map(|r| view! {
                                            <option value=r.code() selected=role_typed == r.code()>{r.label(t)}</option>
                                        }).collect_view()}
                                    </select>
                                </div>
                                <div class="field"><label for="a-region">{tr::admin::region(t)}</label>
                                    <select id="a-region" name="account[region]">
                                        <option value=mine.code.clone() selected=region_typed == mine.code>{tr::keys::whole_county(t)}</option>
                                        {townships.into_iter().map(|t| view! {
                                            <option value=t.code.clone() lang="zh-CN" selected=region_typed == t.code>{t.name.clone()}</option>
                                            {t.villages.into_iter().map(|v| view! {
                                                <option value=v.code.clone() lang="zh-CN" selected=region_typed == v.code>{format!("{} · {}", t.name, v.name)}</option>
                                            }).collect_view()}
                                        }).collect_view()}
                                    </select>
                                </div>
                                <div class="field"><label for="a-dept">{tr::admin::department(t)}</label>
                                    <select id="a-dept" name="account[department]" aria-describedby="a-dept-hint">
                                        <option value="">{tr::admin::no_department(t)}</option>
                                        {department_options(&department_typed)}
                                    </select>
                                    <p class="hint" id="a-dept-hint">{tr::admin::department_hint(t)}</p>
                                </div>
                                <div class="field"><label for="a-pass">{tr::admin::password(t)}</label><input id="a-pass" name="account[password]" type="password" autocomplete="new-password" /></div>
                                // Without JavaScript the form posts to this page (its address stays).
                                <button type="submit" class="button primary" formaction="/staff/admin">{tr::admin::create(t)}</button>
                            </ActionForm>
                        </section>
                        <DeadLetters rows=dead.await.unwrap_or_default() />
                        <section class="card">
                            <h2>{tr::admin::accounts(t)}</h2>
                            <ul class="accounts">
                                {list.into_iter().map(|a| {
                                    let named = format!("{}（{}）", a.display_name, a.username);
                                    // Only what the row shows is so: another admin may have
                                    // changed the account since (a made-up link once said an
                                    // account in use was turned off: attacker re-tester).
                                    let true_now = match done_key.as_str() {
                                        "turned_off" => !a.active,
                                        "turned_on" => a.active,
                                        _ => true,
                                    };
                                    let said = (a.id == who && true_now)
                                        .then(|| done_text(t, &done_key, Some((&named, a.active))))
                                        .flatten();
                                    let refused = (reset_for.as_deref() == Some(a.id.as_str()))
                                        .then(|| first_failure(t, [reset.value().get_untracked().and_then(Result::err)]))
                                        .flatten()
                                        .map(|why| tr::admin::reset_not_done_named(t, &named, &why));
                                    view! { <AccountRow a said refused reset toggle department /> }
                                }).collect_view()}
                            </ul>
                        </section>
                        <RegionContactsCard done=done_key.clone() who=who.clone() />
                    }.into_any()},
                    // Another role: a plain refusal, not the page with its links and two errors.
                    Err(AppError::Forbidden) => view! { <NotAllowed /> }.into_any(),
                    Err(error) => view! { <LoadError error /> }.into_any(),
                }
            })}}
        </Suspense>
    }
}

/// What the page says was done (`done=` in its address), naming the account `who` (and
/// whether it is in use) when known.
fn done_text(t: crate::i18n::Lang, done: &str, who: Option<(&str, bool)>) -> Option<String> {
    Some(match (done, who) {
        // That a turned-off account must be turned on, only for one that is (it was said of
        // every account: officer tester).
        ("reset", Some((who, true))) => tr::admin::password_was_reset_named(t, who),
        ("reset", Some((who, false))) => tr::admin::password_was_reset_named_off(t, who),
        ("reset", None) => tr::admin::password_was_reset(t).to_owned(),
        ("created", _) => tr::admin::account_created(t).to_owned(),
        ("turned_off", Some((who, _))) => tr::admin::account_turned_off_named(t, who),
        ("turned_off", None) => tr::admin::account_turned_off(t).to_owned(),
        ("turned_on", Some((who, _))) => tr::admin::account_turned_on_named(t, who),
        ("turned_on", None) => tr::admin::account_turned_on(t).to_owned(),
        ("department_set", Some((who, _))) => tr::admin::department_set_named(t, who),
        ("department_set", None) => tr::admin::department_set(t).to_owned(),
        _ => return None,
    })
}

#[component]
fn AccountRow(
    a: AccountView,
    /// What was just done to this account, said in its row (the page is scrolled to it).
    said: Option<String>,
    /// Why its password reset was refused, said in its row, which takes the focus.
    refused: Option<String>,
    reset: ServerAction<ResetPassword>,
    toggle: ServerAction<SetAccountActive>,
    department: ServerAction<SetAccountDepartment>,
) -> impl IntoView {
    let t = use_lang();
    let status = match (a.active, a.locked) {
        (true, true) => tr::admin::locked(t),
        (true, false) => tr::admin::active(t),
        (false, _) => tr::admin::inactive(t),
    };
    let role = Role::from_code(&a.role).map_or(a.role_zh, |r| r.label(t).to_owned());
    let (id_reset, id_toggle) = (a.id.clone(), a.id.clone());
    let label = tr::admin::new_password_for(t, &a.username);
    let (active, is_you) = (a.active, a.is_you);
    let liaison = a.role == Role::DepartmentLiaison.code();
    let (id_department, of) = (a.id.clone(), tr::admin::department_of(t, &a.username));
    let current = a.department.clone().unwrap_or_default();
    // A liaison works on its department's measures: its department is set here.
    let department_form = liaison.then(|| {
        view! {
            <ActionForm action=department attr:class="inline-form">
                <input type="hidden" name="user_id" value=id_department />
                <select name="department" aria-label=of>
                    {department_options(&current)}
                </select>
                <button type="submit" class="button small">{tr::admin::set_department(t)}</button>
            </ActionForm>
        }
    });
    let refused_here = refused.is_some();
    let error_id = format!("e-reset-{}", a.id);
    let described = refused_here.then(|| error_id.clone());
    view! {
        <li class="account" class:inactive=!active id=format!("account-{}", a.id)>
            {said.map(|text| view! { <p class="banner ok" role="status">{text}</p> })}
            <div><strong lang="zh-CN">{a.display_name}</strong> " " {a.username} " · " {role} " · "
                <span lang="zh-CN">{a.region}</span>
                {a.department.clone().map(|d| view! { " · " <span lang="zh-CN">{d}</span> })}
                {(liaison && a.department.is_none()).then(|| view! { " · " <strong>{tr::admin::no_department_yet(t)}</strong> })}
                " · " {status}</div>
            <div class="account-actions">
                <ActionForm action=reset attr:class="inline-form">
                    <input type="hidden" name="user_id" value=id_reset />
                    <input type="password" name="password" aria-label=label placeholder=tr::admin::new_password(t) autocomplete="new-password"
                        autofocus=refused_here aria-invalid=refused_here.then_some("true") aria-describedby=described />
                    <button type="submit" class="button small" formaction="/staff/admin?reset">{tr::admin::reset(t)}</button>
                </ActionForm>
                {department_form}
                // Turning oneself off is refused, so one's own row offers no such button.
                {if is_you {
                    view! { <span class="muted">{tr::admin::your_account(t)}</span> }.into_any()
                } else {
                    view! {
                        <ActionForm action=toggle attr:class="inline-form">
                            <input type="hidden" name="user_id" value=id_toggle />
                            <input type="hidden" name="active" value=(!active).to_string() />
                            <button type="submit" class="button small">{if active { tr::admin::turn_off(t) } else { tr::admin::turn_on(t) }}</button>
                        </ActionForm>
                    }.into_any()
                }}
            </div>
            {refused.map(|why| view! { <p class="field-error" id=error_id role="alert">{why}</p> })}
        </li>
    }
}

#[component]
fn DeadLetters(rows: Vec<crate::wire::admin::DeadLetterView>) -> impl IntoView {
    let t = use_lang();
    (!rows.is_empty()).then(|| {
        view! {
            <section class="card">
                <h2>{tr::admin::dead_title(t)}</h2>
                <p class="muted">{tr::admin::dead_hint(t)}</p>
                <ul class="plain">
                    {rows.into_iter().map(|r| view! {
                        <li>{format!("{} → {}", r.channel, r.recipient)} {tr::common::colon(t)}
                            <span lang="zh-CN">{r.subject}</span>
                            {tr::admin::dead_tries(t, r.attempts, r.last_error)}</li>
                    }).collect_view()}
                </ul>
            </section>
        }
    })
}

/// The line departments a liaison may belong to, `chosen` selected.
fn department_options(chosen: &str) -> impl IntoView {
    crate::domain::vocab::lead_departments()
        .into_iter()
        .map(|d| view! { <option value=d lang="zh-CN" selected=chosen == d>{d}</option> })
        .collect_view()
}
