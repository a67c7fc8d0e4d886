//! County administrators manage accounts: create, reset passwords, deactivate.
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::AppError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountView {
    pub id: String,
    pub username: String,
    pub display_name: String,
    pub role_zh: String,
    pub region: String,
    pub active: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NewAccountForm {
    pub username: String,
    pub display_name: String,
    pub role: String,
    pub region: String,
    pub password: String,
}

#[server(endpoint = "admin/accounts")]
pub async fn list_accounts() -> Result<Vec<AccountView>, AppError> {
    use crate::ssr::context::{reply_error, RequestContext};
    let ctx = RequestContext::load()?;
    let staff = ctx.staff().await.map_err(reply_error)?;
    crate::ssr::services::admin::list(&ctx.state, &staff)
        .await
        .map_err(reply_error)
}

#[server(endpoint = "admin/create")]
pub async fn create_account(account: NewAccountForm) -> Result<String, AppError> {
    use crate::ssr::context::{reply_error, RequestContext};
    let ctx = RequestContext::load()?;
    let staff = ctx.staff().await.map_err(reply_error)?;
    let id = crate::ssr::services::admin::create(&ctx.state, &staff, &account, ctx.now())
        .await
        .map_err(reply_error)?;
    leptos_axum::redirect("/staff/admin");
    Ok(id)
}

#[server(endpoint = "admin/reset")]
pub async fn reset_password(user_id: String, password: String) -> Result<(), AppError> {
    use crate::ssr::context::{reply_error, RequestContext};
    let ctx = RequestContext::load()?;
    let staff = ctx.staff().await.map_err(reply_error)?;
    crate::ssr::services::admin::reset_password(&ctx.state, &staff, &user_id, &password, ctx.now())
        .await
        .map_err(reply_error)?;
    leptos_axum::redirect("/staff/admin");
    Ok(())
}

#[server(endpoint = "admin/active")]
pub async fn set_account_active(user_id: String, active: bool) -> Result<(), AppError> {
    use crate::ssr::context::{reply_error, RequestContext};
    let ctx = RequestContext::load()?;
    let staff = ctx.staff().await.map_err(reply_error)?;
    crate::ssr::services::admin::set_active(&ctx.state, &staff, &user_id, active, ctx.now())
        .await
        .map_err(reply_error)?;
    leptos_axum::redirect("/staff/admin");
    Ok(())
}

/// Messages the outbox gave up on after every retry (shown to the administrator).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeadLetterView {
    pub channel: String,
    pub recipient: String,
    pub subject: String,
    pub attempts: i64,
    pub last_error: String,
}

#[server(endpoint = "admin/dead_letters")]
pub async fn dead_letters() -> Result<Vec<DeadLetterView>, AppError> {
    use crate::ssr::context::{reply_error, RequestContext};
    let ctx = RequestContext::load()?;
    let staff = ctx.staff().await.map_err(reply_error)?;
    let rows = crate::ssr::services::outbox::dead_letters(&ctx.state, &staff, 100)
        .await
        .map_err(reply_error)?;
    Ok(rows
        .into_iter()
        .map(|r| DeadLetterView {
            channel: r.channel,
            recipient: r.recipient,
            subject: r.subject,
            attempts: r.attempts,
            last_error: r.last_error.unwrap_or_default(),
        })
        .collect())
}
