//! The county's yearly 集中排查 campaign.
use leptos::prelude::*;

use crate::wire::{campaigns::CampaignReport, AppError};

/// Gives every monitored or eliminated household of the county a visit due by `until`.
#[server(endpoint = "campaigns/start")]
pub async fn start_campaign(name: String, until: String) -> Result<CampaignReport, AppError> {
    use crate::ssr::{context::RequestContext, services::campaigns};
    RequestContext::staff_call(|ctx, staff| async move {
        campaigns::start(&ctx.state, &staff, &name, &until, ctx.now()).await
    })
    .await
}
