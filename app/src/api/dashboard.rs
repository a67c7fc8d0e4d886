//! Figures for each level: work by step and urgency, overdue by place, and how fast
//! identification is against the 15-day limit.
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::AppError;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepCount {
    pub step_zh: String,
    pub on_time: usize,
    pub due_soon: usize,
    pub overdue: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DashboardView {
    pub scope_name: String,
    pub by_step: Vec<StepCount>,
    pub overdue_by_place: Vec<(String, usize)>,
    pub month: String,
    pub identified_this_month: usize,
    /// Average calendar days from discovery to the county decision, this month.
    pub average_days: Option<f64>,
    pub limit_days: u32,
    pub over_limit: usize,
}

#[server(endpoint = "dashboard/mine")]
pub async fn my_dashboard() -> Result<DashboardView, AppError> {
    use crate::ssr::context::{reply_error, RequestContext};
    let ctx = RequestContext::load()?;
    let staff = ctx.staff().await.map_err(reply_error)?;
    crate::ssr::services::dashboard::for_staff(&ctx.state, &staff, ctx.now())
        .await
        .map_err(reply_error)
}
