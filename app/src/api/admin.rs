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
    let id = RequestContext::staff_call(|ctx, staff| async move {
        let address = ctx.client_address();
        admin::create(&ctx.state, &staff, &account, &address, ctx.now()).await
    })
    .await?;
    // The page says it was done (without JavaScript nothing else would).
    leptos_axum::redirect("/staff/admin?done=created");
    Ok(id)
}

#[server(endpoint = "admin/reset")]
pub async fn reset_password(user_id: String, password: String) -> Result<(), AppError> {
    use crate::ssr::{context::RequestContext, services::admin};
    let id = user_id.clone();
    RequestContext::staff_call(|ctx, staff| async move {
        let address = ctx.client_address();
        admin::reset_password(&ctx.state, &staff, &id, &password, &address, ctx.now()).await
    })
    .await?;
    // The page says it was done (without JavaScript nothing else would), at the account.
    leptos_axum::redirect(&done_at("reset", &user_id));
    Ok(())
}

#[server(endpoint = "admin/active")]
pub async fn set_account_active(user_id: String, active: bool) -> Result<(), AppError> {
    use crate::ssr::{context::RequestContext, services::admin};
    let id = user_id.clone();
    RequestContext::staff_call(|ctx, staff| async move {
        let address = ctx.client_address();
        admin::set_active(&ctx.state, &staff, &id, active, &address, ctx.now()).await
    })
    .await?;
    // The page says it was done (without JavaScript nothing else would).
    let done = if active { "turned_on" } else { "turned_off" };
    leptos_axum::redirect(&done_at(done, &user_id));
    Ok(())
}

/// The admin page, saying `done` at the account's row and scrolled to it: a banner at the top
/// named no account, thousands of pixels from the row (officer tester). The id is one the
/// service just found; anything else is left out of the address.
#[cfg(feature = "ssr")]
fn done_at(done: &str, user_id: &str) -> String {
    let plain = user_id
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-');
    if plain && !user_id.is_empty() {
        format!("/staff/admin?done={done}&who={user_id}#account-{user_id}")
    } else {
        format!("/staff/admin?done={done}")
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
