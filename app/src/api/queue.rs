//! The one queue of staff work.
use leptos::prelude::*;

use crate::{
    domain::queue_query::QueueFilter,
    wire::{queue::QueueView, AppError},
};

/// The signed-in officer's work, soonest deadline first, 50 a page. `tab`: todo (default) |
/// due_soon | overdue | all. `q`: exact name, tracking number, mobile or ID number; or `s`,
/// a search `search_queue` sealed for this sign-in (the view's `search` is then what it
/// holds, or nothing). `filter`: posted as `filter[village]=…` etc. `after`: the previous
/// page's `next`.
#[server(endpoint = "queue/mine")]
pub async fn my_queue(
    tab: Option<String>,
    q: Option<String>,
    #[server(default)] filter: QueueFilter,
    #[server(default)] after: Option<String>,
    #[server(default)] s: Option<String>,
) -> Result<QueueView, AppError> {
    use crate::{
        domain::queue_query::{queue_address, QueueQuery},
        ssr::{context::RequestContext, error::ServiceError, queue_search, services::queue},
    };
    RequestContext::staff_call(|ctx, staff| async move {
        let session = ctx.session_token().unwrap_or_default();
        let (q, came_sealed) = match s {
            Some(sealed) => (
                queue_search::open(&ctx.state.vault, &session, &sealed),
                Some(sealed),
            ),
            None => (q, None),
        };
        let query = QueueQuery::parse(tab.as_deref(), q.as_deref(), filter, after.as_deref())
            .map_err(ServiceError::invalid)?;
        let view = queue::list_in(&ctx.state, &staff, &query, ctx.now(), ctx.lang()).await?;
        // The links keep the token the search came with (one address per search).
        let sealed_search = q.as_deref().map(|q| {
            came_sealed.unwrap_or_else(|| queue_search::seal(&ctx.state.vault, &session, q))
        });
        let search = sealed_search.as_deref().map(|s| ("s", s));
        ctx.remember_queue(&queue_address(
            query.tab.code(),
            search,
            &query.filter,
            after.as_deref(),
        ));
        Ok(QueueView {
            search: q,
            sealed_search,
            ..view
        })
    })
    .await
}

/// The queue's search form, posted: a search in the address (`/staff?q=…`) stays in the
/// browser's history. Goes on to the queue with the search sealed for this sign-in (`s=`).
#[server(endpoint = "queue/search")]
pub async fn search_queue(
    #[server(default)] tab: String,
    #[server(default)] q: String,
    #[server(default)] filter: QueueFilter,
) -> Result<(), AppError> {
    use crate::{
        domain::queue_query::queue_address,
        ssr::{context::RequestContext, queue_search},
    };
    let address = RequestContext::staff_call(|ctx, _staff| async move {
        let session = ctx.session_token().unwrap_or_default();
        // No search is longer than a name or an ID number; the cap keeps the address short.
        let q: String = q.trim().chars().take(40).collect();
        let sealed = queue_search::seal(&ctx.state.vault, &session, &q);
        let search = (!q.is_empty()).then_some(("s", sealed.as_str()));
        Ok(queue_address(&tab, search, &filter.normalised(), None))
    })
    .await?;
    leptos_axum::redirect(&address);
    Ok(())
}
