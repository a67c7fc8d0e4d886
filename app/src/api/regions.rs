use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::AppError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VillageOption {
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TownshipOption {
    pub code: String,
    pub name: String,
    pub villages: Vec<VillageOption>,
}

/// The county's townships and villages, for pickers (never typed by hand).
#[server(endpoint = "regions/tree")]
pub async fn region_tree() -> Result<Vec<TownshipOption>, AppError> {
    let ctx = crate::ssr::context::RequestContext::load()?;
    crate::ssr::services::regions::tree(&ctx.state)
        .await
        .map_err(crate::ssr::context::reply_error)
}
