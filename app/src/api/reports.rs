use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::{AppError, FieldError};
use crate::domain::report::ReportForm;

/// What the confirmation page shows: no personal data, only dates and the number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubmissionInfo {
    pub tracking: String,
    pub submitted_on: String,
    pub accept_by: String,
    pub decide_by: String,
}

/// A form that came back with problems, kept so nothing typed is lost without JavaScript.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportDraft {
    pub form: ReportForm,
    pub errors: Vec<FieldError>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrackResult {
    pub tracking: String,
    pub status_zh: String,
    pub status_detail_zh: String,
    pub submitted_on: String,
    pub village: String,
    pub risk_types_zh: Vec<String>,
    /// 帮扶责任人, once assigned.
    pub responsible: Option<String>,
    /// Assistance measures with their lead department and progress.
    pub measures_zh: Vec<String>,
}

/// Files a self-report. Answers with the tracking number and sends the browser to the
/// confirmation page; a plain form post with problems comes back to a saved draft.
#[server(endpoint = "reports/submit")]
pub async fn submit_report(form: ReportForm) -> Result<String, AppError> {
    use crate::ssr::{context::RequestContext, error::ServiceError, services::reports};
    let ctx = RequestContext::load()?;
    match reports::submit(&ctx.state, &form, ctx.now()).await {
        Ok(tracking) => {
            leptos_axum::redirect(&format!("/report/submitted/{}", tracking.as_str()));
            Ok(tracking.as_str().to_owned())
        }
        Err(ServiceError::Validation(errors)) if ctx.is_plain_form_post() => {
            let token = reports::save_draft(&ctx.state, &form, &errors, ctx.now()).await?;
            leptos_axum::redirect(&format!("/report?draft={token}"));
            Err(AppError::Validation(errors))
        }
        Err(e) => Err(crate::ssr::context::reply_error(e)),
    }
}

#[server(endpoint = "reports/draft")]
pub async fn load_report_draft(token: String) -> Result<Option<ReportDraft>, AppError> {
    let ctx = crate::ssr::context::RequestContext::load()?;
    crate::ssr::services::reports::load_draft(&ctx.state, &token, ctx.now())
        .await
        .map_err(crate::ssr::context::reply_error)
}

#[server(endpoint = "reports/submitted")]
pub async fn get_submission_info(tracking: String) -> Result<SubmissionInfo, AppError> {
    let ctx = crate::ssr::context::RequestContext::load()?;
    crate::ssr::services::reports::submission_info(&ctx.state, &tracking)
        .await
        .map_err(crate::ssr::context::reply_error)
}

/// Finds a report by tracking number and the mobile number given when filing.
#[server(endpoint = "reports/track")]
pub async fn track_report(tracking: String, mobile: String) -> Result<TrackResult, AppError> {
    let ctx = crate::ssr::context::RequestContext::load()?;
    crate::ssr::services::reports::track(&ctx.state, &tracking, &mobile)
        .await
        .map_err(crate::ssr::context::reply_error)
}
