//! The region tree for pickers.
use leptos::prelude::*;

use crate::wire::{regions::TownshipOption, AppError};

/// The county's townships and villages, for pickers (never typed by hand).
#[server(endpoint = "regions/tree")]
pub async fn region_tree() -> Result<Vec<TownshipOption>, AppError> {
    use crate::ssr::{context::RequestContext, services::regions};
    RequestContext::public_call(|ctx| async move { regions::tree(&ctx.state).await }).await
}
