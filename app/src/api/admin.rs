//! County administrators manage accounts: create, reset passwords, deactivate.
use leptos::prelude::*;

use crate::{
    domain::account::NewAccountForm,
    wire::{
        admin::{AccountView, DeadLetterView},
        AppError,
    },
};

#[server(endpoint = "admin/accounts")]
pub async fn list_accounts() -> Result<Vec<AccountView>, AppError> {
    use crate::ssr::{context::RequestContext, services::admin};
    RequestContext::staff_call(|ctx, staff| async move {
        admin::list(&ctx.state, &staff, ctx.now()).await
    })
    .await
}

#[server(endpoint = "admin/create")]
pub async fn create_account(account: NewAccountForm) -> Result<String, AppError> {
    use crate::ssr::{context::RequestContext, services::admin};
    let (id, done) = RequestContext::staff_call(|ctx, staff| async move {
        let address = ctx.client_address();
        let id = admin::create(&ctx.state, &staff, &account, &address, ctx.now()).await?;
        Ok((id, done_at("created", "", "")))
    })
    .await?;
    // The page says it was done (without JavaScript nothing else would).
    leptos_axum::redirect(&done);
    Ok(id)
}

#[server(endpoint = "admin/reset")]
pub async fn reset_password(user_id: String, password: String) -> Result<(), AppError> {
    use crate::ssr::{context::RequestContext, services::admin};
    let done = RequestContext::staff_call(|ctx, staff| async move {
        let address = ctx.client_address();
        let id = &user_id;
        admin::reset_password(&ctx.state, &staff, id, &password, &address, ctx.now()).await?;
        Ok(done_at("reset", id, "account-"))
    })
    .await?;
    // The page says it was done (without JavaScript nothing else would), at the account.
    leptos_axum::redirect(&done);
    Ok(())
}

/// A liaison's line department, from its row on the admin page.
#[server(endpoint = "admin/department")]
pub async fn set_account_department(user_id: String, department: String) -> Result<(), AppError> {
    use crate::ssr::{context::RequestContext, services::admin};
    let done = RequestContext::staff_call(|ctx, staff| async move {
        let address = ctx.client_address();
        admin::set_department(
            &ctx.state,
            &staff,
            &user_id,
            &department,
            &address,
            ctx.now(),
        )
        .await?;
        Ok(done_at("department_set", &user_id, "account-"))
    })
    .await?;
    leptos_axum::redirect(&done);
    Ok(())
}

#[server(endpoint = "admin/active")]
pub async fn set_account_active(user_id: String, active: bool) -> Result<(), AppError> {
    use crate::ssr::{context::RequestContext, services::admin};
    let done = RequestContext::staff_call(|ctx, staff| async move {
        let address = ctx.client_address();
        admin::set_active(&ctx.state, &staff, &user_id, active, &address, ctx.now()).await?;
        let done = if active { "turned_on" } else { "turned_off" };
        Ok(done_at(done, &user_id, "account-"))
    })
    .await?;
    // The page says it was done (without JavaScript nothing else would).
    leptos_axum::redirect(&done);
    Ok(())
}

/// The admin page, saying `done` at the account's row and scrolled to it: a banner at the top
/// named no account, thousands of pixels from the row (officer tester). The id is one the
/// service just found; anything else is left out of the address. The server signs the address
/// for this sign-in on its way out (`ssr::error_marks`), so the page says only what this
/// server did for it. `anchor`: the prefix of the row's id (`account-`, or a phone's `c-`).
#[cfg(feature = "ssr")]
pub(super) fn done_at(done: &str, user_id: &str, anchor: &str) -> String {
    let plain = user_id
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-');
    let who = if plain { user_id } else { "" };
    if who.is_empty() {
        format!("/staff/admin?done={done}")
    } else {
        format!("/staff/admin?done={done}&who={who}#{anchor}{who}")
    }
}

#[server(endpoint = "admin/dead_letters")]
pub async fn dead_letters() -> Result<Vec<DeadLetterView>, AppError> {
    use crate::ssr::{context::RequestContext, services::outbox};
    RequestContext::staff_call(|ctx, staff| async move {
        outbox::dead_letters(&ctx.state, &staff, 100).await
    })
    .await
}
