//! The in-app inbox: deadline notifications from the clock sweep.
use leptos::prelude::*;

use crate::wire::{inbox::NotificationView, AppError};

/// The signed-in officer's notifications, newest first.
#[server(endpoint = "inbox/mine")]
pub async fn my_notifications() -> Result<Vec<NotificationView>, AppError> {
    use crate::ssr::{context::RequestContext, services::inbox};
    RequestContext::staff_call(|ctx, staff| async move {
        inbox::list(&ctx.state, &staff, ctx.lang()).await
    })
    .await
}

/// Marks one of the officer's notifications read. Plain form posts land back on the inbox.
#[server(endpoint = "inbox/read")]
pub async fn mark_read(id: String) -> Result<(), AppError> {
    use crate::ssr::{context::RequestContext, services::inbox};
    RequestContext::staff_call(|ctx, staff| async move {
        inbox::mark_read(&ctx.state, &staff, &id, ctx.now()).await
    })
    .await?;
    leptos_axum::redirect("/staff/inbox");
    Ok(())
}
