//! The in-app inbox: deadline notifications from the clock sweep.
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::AppError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationView {
    pub id: String,
    pub case_id: String,
    /// due_soon | overdue
    pub kind: String,
    pub kind_zh: String,
    /// The deadline concerned, e.g. 乡镇受理.
    pub clock_zh: String,
    pub title: String,
    pub body: String,
    /// Beijing time, "2026-11-24 10:00".
    pub created_at: String,
    pub read: bool,
}

/// The signed-in officer's notifications, newest first.
#[server(endpoint = "inbox/mine")]
pub async fn my_notifications() -> Result<Vec<NotificationView>, AppError> {
    use crate::ssr::context::{reply_error, RequestContext};
    let ctx = RequestContext::load()?;
    let staff = ctx.staff().await.map_err(reply_error)?;
    crate::ssr::services::escalation::inbox(&ctx.state, &staff)
        .await
        .map_err(reply_error)
}

/// Marks one of the officer's notifications read. Plain form posts land back on the inbox.
#[server(endpoint = "inbox/read")]
pub async fn mark_read(id: String) -> Result<(), AppError> {
    use crate::ssr::context::{reply_error, RequestContext};
    let ctx = RequestContext::load()?;
    let staff = ctx.staff().await.map_err(reply_error)?;
    crate::ssr::services::escalation::mark_read(&ctx.state, &staff, &id, ctx.now())
        .await
        .map_err(reply_error)?;
    leptos_axum::redirect("/staff/inbox");
    Ok(())
}
