//! The county's yearly 集中排查 campaign.
use leptos::prelude::*;

use crate::wire::{campaigns::CampaignReport, AppError};

/// Gives every monitored or eliminated household of the county a visit due by `until`.
#[server(endpoint = "campaigns/start")]
pub async fn start_campaign(name: String, until: String) -> Result<CampaignReport, AppError> {
    use crate::ssr::{context::RequestContext, services::campaigns};
    let report = RequestContext::staff_call(|ctx, staff| async move {
        campaigns::start(&ctx.state, &staff, &name, &until, ctx.now()).await
    })
    .await?;
    // Said on the dashboard a plain form returns to (it came back without a word: officer
    // tester).
    leptos_axum::redirect(&format!(
        "/staff/dashboard?done=campaign&started={}&skipped={}#campaign",
        report.started, report.skipped
    ));
    Ok(report)
}
