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
