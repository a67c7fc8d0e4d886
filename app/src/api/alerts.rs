//! Line departments push screening alerts (部门筛查预警: new serious illness, 低保/特困, severe
//! disability, large medical bills, disaster victims) as JSON, many at a time.
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

use super::{AppError, FieldError};
use crate::domain::report::ReportForm;

/// One household a department's data flags. `reference` is the department's own record id:
/// pushing the same reference again returns the first filing instead of filing twice.
/// The household fields are those of the report form (`consent` and `key` are ignored).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AlertRow {
    pub reference: String,
    #[serde(flatten)]
    pub household: ReportForm,
}

/// What became of one pushed row, in the order pushed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlertOutcome {
    pub reference: String,
    /// The tracking number when filed (or filed before under this reference).
    pub tracking: Option<String>,
    /// The household already has another filing: the township will see the pair.
    pub possible_duplicate: bool,
    /// Why the row was not filed (field problems, a village outside the department's area).
    pub errors: Vec<FieldError>,
}

/// At most this many rows per push (split larger lists).
pub const MAX_ALERTS_PER_PUSH: usize = 500;

#[server(endpoint = "alerts/push", input = Json)]
pub async fn push_alerts(alerts: Vec<AlertRow>) -> Result<Vec<AlertOutcome>, AppError> {
    use crate::ssr::context::{reply_error, RequestContext};
    let ctx = RequestContext::load()?;
    let staff = ctx.staff().await.map_err(reply_error)?;
    crate::ssr::services::alerts::push(&ctx.state, &staff, &alerts, ctx.now())
        .await
        .map_err(reply_error)
}

/// A department's list pasted from Excel / WPS or a CSV file (see `domain::alert_csv`), filed
/// row by row like [`push_alerts`]. Without JavaScript the officer lands on the queue, where the
/// filed alerts are listed.
#[server(endpoint = "alerts/upload")]
pub async fn upload_alerts(csv: String) -> Result<Vec<AlertOutcome>, AppError> {
    use crate::ssr::context::{reply_error, RequestContext};
    let ctx = RequestContext::load()?;
    let staff = ctx.staff().await.map_err(reply_error)?;
    let outcomes = crate::ssr::services::alerts::upload(&ctx.state, &staff, &csv, ctx.now())
        .await
        .map_err(reply_error);
    if ctx.is_plain_form_post() {
        leptos_axum::redirect(match &outcomes {
            Ok(_) => "/staff?tab=all",
            Err(_) => "/staff/alerts?failed=1",
        });
    }
    outcomes
}
