//! The one queue of staff work.
use leptos::prelude::*;

use crate::{
    domain::queue_query::QueueFilter,
    wire::{queue::QueueView, AppError},
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
    use crate::{
        domain::queue_query::QueueQuery,
        ssr::{context::RequestContext, error::ServiceError, services::queue},
    };
    RequestContext::staff_call(|ctx, staff| async move {
        let query = QueueQuery::parse(tab.as_deref(), q.as_deref(), filter, after.as_deref())
            .map_err(ServiceError::invalid)?;
        queue::list_in(&ctx.state, &staff, &query, ctx.now(), ctx.lang()).await
    })
    .await
}
