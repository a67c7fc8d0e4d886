//! The region tree for pickers.
use leptos::prelude::*;

use crate::wire::{
    regions::{ScopedRegions, TownshipOption},
    AppError,
};

/// The county's townships and villages, for pickers (never typed by hand).
#[server(endpoint = "regions/tree")]
pub async fn region_tree() -> Result<Vec<TownshipOption>, AppError> {
    use crate::ssr::{context::RequestContext, services::regions};
    RequestContext::public_call(|ctx| async move { regions::tree(&ctx.state).await }).await
}

/// The officer's own region and the townships and villages inside it.
#[server(endpoint = "regions/mine")]
pub async fn my_regions() -> Result<ScopedRegions, AppError> {
    use crate::ssr::{context::RequestContext, services::regions};
    RequestContext::staff_call(|ctx, staff| async move { regions::mine(&ctx.state, &staff).await })
        .await
}
