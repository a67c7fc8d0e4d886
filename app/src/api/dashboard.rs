//! Figures for each level: work by step and urgency, overdue by place, and how fast
//! identification is against the 15-day limit.
use leptos::prelude::*;

use crate::wire::{dashboard::DashboardView, AppError};

#[server(endpoint = "dashboard/mine")]
pub async fn my_dashboard() -> Result<DashboardView, AppError> {
    use crate::ssr::{context::RequestContext, services::dashboard};
    RequestContext::staff_call(|ctx, staff| async move {
        dashboard::for_staff(&ctx.state, &staff, ctx.now()).await
    })
    .await
}
