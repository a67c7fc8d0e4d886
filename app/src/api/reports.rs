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

/// Where a household's report stands, worded in the visitor's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrackResult {
    pub tracking: String,
    pub status: String,
    pub status_detail: String,
    pub submitted_on: String,
    pub village: String,
    pub risk_types: Vec<String>,
    /// 帮扶责任人, once assigned.
    pub responsible: Option<String>,
    /// Assistance measures with their lead department and progress.
    pub measures: Vec<String>,
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
    crate::ssr::services::reports::submission_info(&ctx.state, &tracking, ctx.lang())
        .await
        .map_err(crate::ssr::context::reply_error)
}

/// Finds a report by tracking number and the mobile number given when filing.
#[server(endpoint = "reports/track")]
pub async fn track_report(tracking: String, mobile: String) -> Result<TrackResult, AppError> {
    let ctx = crate::ssr::context::RequestContext::load()?;
    let address = ctx.client_address();
    crate::ssr::services::reports::track(
        &ctx.state,
        &tracking,
        &mobile,
        &address,
        ctx.now(),
        ctx.lang(),
    )
    .await
    .map_err(crate::ssr::context::reply_error)
}

/// 代为申报: a member of staff files for a caller or a household they found, having read the
/// consent aloud. Answers with the case id and sends the browser to the case page.
#[server(endpoint = "reports/proxy")]
pub async fn submit_proxy_report(form: ReportForm, channel: String) -> Result<String, AppError> {
    use crate::ssr::{
        context::{reply_error, RequestContext},
        error::ServiceError,
        services::reports,
    };
    let ctx = RequestContext::load()?;
    let staff = ctx.staff().await.map_err(reply_error)?;
    match reports::submit_proxy(&ctx.state, &staff, &form, &channel, ctx.now()).await {
        Ok(filed) => {
            leptos_axum::redirect(&format!("/staff/cases/{}", filed.case_id));
            Ok(filed.case_id)
        }
        Err(ServiceError::Validation(errors)) if ctx.is_plain_form_post() => {
            let token = reports::save_draft(&ctx.state, &form, &errors, ctx.now()).await?;
            let channel =
                crate::domain::vocab::Channel::from_code(&channel).map_or("", |c| c.code());
            leptos_axum::redirect(&format!("/staff/report?draft={token}&channel={channel}"));
            Err(AppError::Validation(errors))
        }
        Err(e) => Err(reply_error(e)),
    }
}

/// Earlier filings with this ID number or mobile (shown while a proxy types them in).
#[server(endpoint = "reports/duplicates")]
pub async fn check_duplicates(
    id_number: String,
    mobile: String,
) -> Result<Vec<super::cases::DuplicateView>, AppError> {
    use crate::ssr::context::{reply_error, RequestContext};
    let ctx = RequestContext::load()?;
    let staff = ctx.staff().await.map_err(reply_error)?;
    if crate::domain::case::proxy_channels(staff.role).is_empty() {
        return Err(reply_error(AppError::Forbidden));
    }
    crate::ssr::services::case_view::duplicates_for(
        &ctx.state,
        &staff,
        &id_number,
        &mobile,
        ctx.now(),
    )
    .await
    .map_err(reply_error)
}

/// The channels the signed-in member of staff may file under for someone else.
#[server(endpoint = "reports/proxy_channels")]
pub async fn my_proxy_channels() -> Result<Vec<super::cases::Choice>, AppError> {
    use crate::ssr::context::{reply_error, RequestContext};
    let ctx = RequestContext::load()?;
    let staff = ctx.staff().await.map_err(reply_error)?;
    let channels = crate::domain::case::proxy_channels(staff.role);
    if channels.is_empty() {
        return Err(reply_error(AppError::Forbidden));
    }
    Ok(channels
        .iter()
        .map(|c| super::cases::Choice {
            code: c.code().to_owned(),
            label_zh: c.label_zh().to_owned(),
        })
        .collect())
}

/// A fresh idempotency key for a report form (one per page load).
#[server(endpoint = "reports/new_key")]
pub async fn new_report_key() -> Result<String, AppError> {
    use crate::ssr::{context::RequestContext, form_keys::FormScope};
    let ctx = RequestContext::load()?;
    // Bound to the account of a signed-in member of staff, otherwise to the public form.
    let scope = match ctx.staff().await {
        Ok(staff) => FormScope::Staff(staff.id),
        Err(_) => FormScope::Public,
    };
    crate::ssr::services::reports::new_form_key(&ctx.state, &scope)
        .await
        .map_err(crate::ssr::context::reply_error)
}

/// Texts the tracking numbers filed under this mobile number to that phone. The answer is the
/// same whether or not there are filings, so it reveals nothing.
#[server(endpoint = "reports/resend")]
pub async fn resend_tracking(mobile: String) -> Result<(), AppError> {
    use crate::ssr::context::{reply_error, RequestContext};
    let ctx = RequestContext::load()?;
    let address = ctx.client_address();
    let sent = crate::ssr::services::lookup::send_tracking_numbers(
        &ctx.state,
        &mobile,
        &address,
        ctx.now(),
    )
    .await
    .map_err(reply_error);
    if ctx.is_plain_form_post() {
        // Without JavaScript the answer is shown on the look-up page itself.
        let outcome = match &sent {
            Ok(()) => "ok",
            Err(AppError::RateLimited) => "limited",
            Err(_) => "bad",
        };
        leptos_axum::redirect(&format!("/track?sent={outcome}"));
    }
    sent
}
