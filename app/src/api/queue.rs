use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::AppError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueItem {
    pub tracking: String,
    pub applicant: String,
    pub id_masked: String,
    pub village: String,
    pub township: String,
    pub risk_types_zh: Vec<String>,
    pub channel_zh: String,
    pub state_zh: String,
    pub submitted_on: String,
}

/// The work items in the signed-in officer's region, oldest first.
#[server(endpoint = "queue/mine")]
pub async fn my_queue() -> Result<Vec<QueueItem>, AppError> {
    let ctx = crate::ssr::context::RequestContext::load()?;
    let staff = ctx.staff().await.map_err(crate::ssr::context::reply_error)?;
    crate::ssr::services::queue::list_for(&ctx.state, &staff)
        .await
        .map_err(crate::ssr::context::reply_error)
}
