use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::AppError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffInfo {
    pub username: String,
    pub display_name: String,
    pub role_zh: String,
    pub region_name: String,
    pub is_admin: bool,
    /// May download the ledger (台账) of their region.
    pub keeps_ledger: bool,
    /// May file for someone else (代为申报).
    pub files_for_others: bool,
    /// A line department that imports screening lists (部门预警导入).
    pub pushes_alerts: bool,
}

#[server(endpoint = "auth/login")]
pub async fn login(username: String, password: String) -> Result<(), AppError> {
    use crate::ssr::{context::RequestContext, services::auth};
    let ctx = RequestContext::load()?;
    let address = ctx.client_address();
    let token = auth::login(&ctx.state, &username, &password, &address, ctx.now())
        .await
        .map_err(crate::ssr::context::reply_error)?;
    ctx.set_session_cookie(&token);
    leptos_axum::redirect("/staff");
    Ok(())
}

#[server(endpoint = "auth/logout")]
pub async fn logout() -> Result<(), AppError> {
    use crate::ssr::{context::RequestContext, services::auth};
    let ctx = RequestContext::load()?;
    if let Some(token) = ctx.session_token() {
        auth::logout(&ctx.state, &token, ctx.now())
            .await
            .map_err(crate::ssr::context::reply_error)?;
    }
    ctx.clear_session_cookie();
    leptos_axum::redirect("/staff/login");
    Ok(())
}

#[server(endpoint = "auth/me")]
pub async fn current_staff() -> Result<Option<StaffInfo>, AppError> {
    let ctx = crate::ssr::context::RequestContext::load()?;
    match ctx.staff().await {
        Ok(staff) => Ok(Some(staff.info())),
        Err(AppError::Unauthorized) => Ok(None),
        Err(e) => Err(e),
    }
}
