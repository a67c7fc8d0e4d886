//! Line departments push screening alerts (部门筛查预警: new serious illness, 低保/特困, severe
//! disability, large medical bills, disaster victims) as JSON, many at a time.
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use crate::wire::{
    alerts::{AlertOutcome, AlertRow},
    AppError,
};

/// A liaison's session, or `Authorization: Bearer <key>` for a department's system.
#[server(endpoint = "alerts/push", input = Json)]
pub async fn push_alerts(alerts: Vec<AlertRow>) -> Result<Vec<AlertOutcome>, AppError> {
    use crate::ssr::{context::RequestContext, services::alerts};
    RequestContext::department_call(|ctx, staff| async move {
        let lang = ctx.lang();
        let outcomes = alerts::push(&ctx.state, &staff, &alerts, ctx.now()).await?;
        Ok(outcomes.into_iter().map(|o| o.in_lang(lang)).collect())
    })
    .await
}

/// A department's list pasted from Excel / WPS or a CSV file (see `domain::alert_csv`), filed
/// row by row like [`push_alerts`]. Without JavaScript the officer lands on the queue, where the
/// filed alerts are listed.
#[server(endpoint = "alerts/upload")]
pub async fn upload_alerts(csv: String) -> Result<Vec<AlertOutcome>, AppError> {
    use crate::ssr::{context::RequestContext, services::alerts};
    let outcomes = RequestContext::staff_call(|ctx, staff| async move {
        let lang = ctx.lang();
        let outcomes = alerts::upload(&ctx.state, &staff, &csv, ctx.now()).await?;
        Ok(outcomes.into_iter().map(|o| o.in_lang(lang)).collect())
    })
    .await;
    crate::ssr::context::redirect_plain_form(alerts::landing_after_upload(outcomes.is_ok()));
    outcomes
}
