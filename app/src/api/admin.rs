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
    RequestContext::staff_call(|ctx, staff| async move {
        let address = ctx.client_address();
        admin::reset_password(&ctx.state, &staff, &user_id, &password, &address, ctx.now()).await
    })
    .await?;
    // The page says it was done (without JavaScript nothing else would).
    leptos_axum::redirect("/staff/admin?done=reset");
    Ok(())
}

#[server(endpoint = "admin/active")]
pub async fn set_account_active(user_id: String, active: bool) -> Result<(), AppError> {
    use crate::ssr::{context::RequestContext, services::admin};
    RequestContext::staff_call(|ctx, staff| async move {
        let address = ctx.client_address();
        admin::set_active(&ctx.state, &staff, &user_id, active, &address, ctx.now()).await
    })
    .await?;
    // The page says it was done (without JavaScript nothing else would).
    let done = if active { "turned_on" } else { "turned_off" };
    leptos_axum::redirect(&format!("/staff/admin?done={done}"));
    Ok(())
}

#[server(endpoint = "admin/dead_letters")]
pub async fn dead_letters() -> Result<Vec<DeadLetterView>, AppError> {
    use crate::ssr::{context::RequestContext, services::outbox};
    RequestContext::staff_call(|ctx, staff| async move {
        outbox::dead_letters(&ctx.state, &staff, 100).await
    })
    .await
}
