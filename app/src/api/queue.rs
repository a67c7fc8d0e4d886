//! The one queue of staff work.
use leptos::prelude::*;

use crate::wire::{
    queue::{QueueFilter, QueueView},
    AppError,
};

/// The signed-in officer's work, soonest deadline first, 50 a page. `tab`: todo (default) |
/// due_soon | overdue | all. `q`: exact name, tracking number, mobile or ID number.
/// `filter`: posted as `filter[village]=…` etc. `after`: the previous page's `next`.
#[server(endpoint = "queue/mine")]
pub async fn my_queue(
    tab: Option<String>,
    q: Option<String>,
    #[server(default)] filter: QueueFilter,
    #[server(default)] after: Option<String>,
) -> Result<QueueView, AppError> {
    use crate::ssr::{context::RequestContext, services::queue};
    let tab = tab.unwrap_or_else(|| "todo".to_owned());
    let after = after.filter(|a| !a.is_empty());
    RequestContext::staff_call(|ctx, staff| async move {
        let (q, filter) = (q.as_deref(), filter.normalised());
        queue::list_for(
            &ctx.state,
            &staff,
            &tab,
            q,
            &filter,
            after.as_deref(),
            ctx.now(),
        )
        .await
    })
    .await
}
