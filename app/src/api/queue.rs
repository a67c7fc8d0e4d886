use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::AppError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueItem {
    pub case_id: String,
    pub tracking: String,
    pub applicant: String,
    pub id_masked: String,
    pub village: String,
    pub township: String,
    pub risk_types_zh: Vec<String>,
    pub channel_zh: String,
    pub category_zh: Option<String>,
    pub state_zh: String,
    /// The step this officer can take now, if any.
    pub next_step_zh: Option<String>,
    pub clock_zh: String,
    pub due_on: String,
    pub time_left_zh: String,
    /// overdue | due_soon | on_time
    pub urgency: String,
    pub submitted_on: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueCounts {
    pub todo: usize,
    pub due_soon: usize,
    pub overdue: usize,
    pub all: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueView {
    pub items: Vec<QueueItem>,
    pub counts: QueueCounts,
}

/// The signed-in officer's work, soonest deadline first. `tab`: todo (default) | due_soon |
/// overdue | all. `q`: exact name, tracking number, mobile or ID number.
#[server(endpoint = "queue/mine")]
pub async fn my_queue(tab: Option<String>, q: Option<String>) -> Result<QueueView, AppError> {
    use crate::ssr::context::{reply_error, RequestContext};
    let ctx = RequestContext::load()?;
    let staff = ctx.staff().await.map_err(reply_error)?;
    crate::ssr::services::queue::list_for(
        &ctx.state,
        &staff,
        tab.as_deref().unwrap_or("todo"),
        q.as_deref(),
        ctx.now(),
    )
    .await
    .map_err(reply_error)
}
