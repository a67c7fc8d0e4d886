//! Department API keys (county administrator) and the 结果反馈 a department reads with its key.
use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, Json};

use crate::wire::{
    department_keys::{AlertFeedback, IssuedKey, KeysPage, NewKeyForm},
    AppError,
};

#[server(endpoint = "admin/keys")]
pub async fn list_keys() -> Result<KeysPage, AppError> {
    use crate::ssr::{context::RequestContext, key_once, services::department_keys};
    RequestContext::staff_call(|ctx, staff| async move {
        let fresh = key_once::take(&ctx);
        department_keys::page(&ctx.state, &staff, fresh).await
    })
    .await
}

#[server(endpoint = "admin/keys/issue")]
pub async fn issue_key(key: NewKeyForm) -> Result<IssuedKey, AppError> {
    use crate::ssr::{context::RequestContext, key_once, services::department_keys};
    RequestContext::staff_call(|ctx, staff| async move {
        let (address, now) = (ctx.client_address(), ctx.now());
        let issued = department_keys::issue(&ctx.state, &staff, &key, &address, now).await?;
        key_once::show_once(&ctx, &issued);
        Ok(issued)
    })
    .await
}

#[server(endpoint = "admin/keys/revoke")]
pub async fn revoke_key(key_id: String) -> Result<(), AppError> {
    use crate::ssr::{context::RequestContext, services::department_keys};
    RequestContext::staff_call(|ctx, staff| async move {
        let (address, now) = (ctx.client_address(), ctx.now());
        department_keys::revoke(&ctx.state, &staff, &key_id, &address, now).await
    })
    .await?;
    crate::ssr::context::redirect_plain_form("/staff/keys");
    Ok(())
}

/// 结果反馈: what became of the alerts this department pushed whose case changed at or
/// after `since` (RFC 3339; absent: all). `Authorization: Bearer <key>` or a liaison session.
#[server(endpoint = "alerts/outcomes", input = GetUrl, output = Json)]
pub async fn alert_outcomes(since: Option<String>) -> Result<Vec<AlertFeedback>, AppError> {
    use crate::ssr::{context::RequestContext, services::alert_feedback};
    RequestContext::department_call(|ctx, staff| async move {
        let (address, key) = (ctx.client_address(), ctx.department_key_id());
        let reader = alert_feedback::reader(&staff, &address, ctx.now());
        alert_feedback::outcomes(&ctx.state, &reader, key.as_deref(), since.as_deref()).await
    })
    .await
}
