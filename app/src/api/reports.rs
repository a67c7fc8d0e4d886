//! A household's own filing and look-up, and staff filing for someone else (代为申报).
use leptos::prelude::*;

use crate::{
    domain::report::ReportForm,
    wire::{
        cases::{Choice, DuplicateView},
        reports::{ReportDraft, SubmissionInfo, TrackResult},
        AppError,
    },
};

/// Files a self-report. Answers with the tracking number and sends the browser to the
/// confirmation page; a plain form post with problems comes back to a saved draft.
#[server(endpoint = "reports/submit")]
pub async fn submit_report(form: ReportForm) -> Result<String, AppError> {
    use crate::ssr::{context::RequestContext, services::reports};
    RequestContext::public_call(|ctx| async move {
        let filed = reports::submit(&ctx.state, &form, &ctx.client_address(), ctx.now()).await;
        let tracking = ctx.keep_draft_if_invalid(&form, filed, "/report?").await?;
        crate::ssr::filed_recently::mark(&ctx);
        crate::ssr::known_number::mark_typed(&ctx, tracking.as_str(), &form.mobile).await?;
        leptos_axum::redirect(&reports::confirmation_link(&ctx.state, &tracking, ctx.now()).await?);
        Ok(tracking.as_str().to_owned())
    })
    .await
}

#[server(endpoint = "reports/draft")]
pub async fn load_report_draft(token: String) -> Result<Option<ReportDraft>, AppError> {
    use crate::ssr::{context::RequestContext, services::reports};
    RequestContext::public_call(|ctx| async move {
        let owner = ctx.draft_owner();
        reports::load_draft(&ctx.state, &token, owner.as_deref(), ctx.now()).await
    })
    .await
}

/// The confirmation of a filing, for whoever has its token (`t`, made at filing) or its
/// mobile number; to anyone else it looks like a number that does not exist.
#[server(endpoint = "reports/submitted")]
pub async fn get_submission_info(
    tracking: String,
    #[server(default)] t: String,
    #[server(default)] mobile: String,
) -> Result<SubmissionInfo, AppError> {
    use crate::ssr::{context::RequestContext, services::reports};
    RequestContext::public_call(|ctx| async move {
        let address = ctx.client_address();
        let proof = reports::Proof::new(&t, &mobile, &address);
        reports::submission_info(&ctx.state, &tracking, proof, ctx.now(), ctx.lang()).await
    })
    .await
}

/// The home page's "after you report" steps, worded from the county's policy.
#[server(endpoint = "reports/promises")]
pub async fn household_promises() -> Result<Vec<String>, AppError> {
    use crate::{domain::wording::progress::promises, ssr::context::RequestContext};
    RequestContext::public_call(|ctx| async move {
        Ok::<_, crate::ssr::error::ServiceError>(promises(&ctx.state.policy, ctx.lang()))
    })
    .await
}

/// Finds a report by tracking number and the mobile number given when filing.
/// Posted (the mobile never goes into an address); without JavaScript the browser is sent on
/// to the page with a short-lived token good only in this browser, or back with what went wrong.
#[server(endpoint = "reports/track")]
pub async fn track_report(
    tracking: String,
    mobile: String,
    #[server(default)] id_number: String,
) -> Result<TrackResult, AppError> {
    use crate::ssr::{context::RequestContext, known_number, services::track, track_owner};
    RequestContext::public_call(|ctx| async move {
        let (address, now) = (ctx.client_address(), ctx.now());
        let known = known_number::sent_for_typed(&ctx, &tracking, &mobile).await?;
        let asked = track::LookUp {
            tracking: &tracking,
            mobile: &mobile,
            id_number: &id_number,
            address: &address,
            known,
        };
        let found = track::track(&ctx.state, &asked, now, ctx.lang()).await;
        if found.is_ok() {
            known_number::mark_typed(&ctx, &tracking, &mobile).await?;
        }
        let owner = (found.is_ok() && ctx.is_plain_form_post()).then(|| track_owner::issue(&ctx));
        let kept = match found {
            Ok(_) => None,
            Err(_) => ctx.keep_typed_mobile(&mobile, &id_number).await?,
        };
        let back = track::track_redirect(&ctx.state, &asked, &found, owner.as_deref(), now);
        let back = back.await? + &kept.map(|t| format!("&draft={t}")).unwrap_or_default();
        crate::ssr::context::redirect_plain_form(&back);
        found
    })
    .await
}

/// The look-up result for the token a plain-form look-up was given.
#[server(endpoint = "reports/tracked")]
pub async fn tracked_report(n: String, t: String) -> Result<TrackResult, AppError> {
    use crate::ssr::{context::RequestContext, services::track, track_owner};
    RequestContext::public_call(|ctx| async move {
        let owner = track_owner::sent(&ctx);
        track::track_by_token(&ctx.state, &n, &t, owner.as_deref(), ctx.now(), ctx.lang()).await
    })
    .await
}

/// 代为申报: a member of staff files for a caller or a household they found, having read the
/// consent aloud. Answers with the case id and sends the browser to the case page.
#[server(endpoint = "reports/proxy")]
pub async fn submit_proxy_report(form: ReportForm, channel: String) -> Result<String, AppError> {
    use crate::ssr::{context::RequestContext, services::reports};
    RequestContext::staff_call(|ctx, staff| async move {
        let filed = reports::submit_proxy(&ctx.state, &staff, &form, &channel, ctx.now()).await;
        let back = reports::proxy_form_path(&channel);
        let filed = ctx.keep_draft_if_invalid(&form, filed, &back).await?;
        // `filed`: the page shows what to read back to the caller (a mark, signed on its way
        // out: server/src/signed_errors.rs).
        leptos_axum::redirect(&format!("/staff/cases/{}?filed=1", filed.case_id));
        Ok(filed.case_id)
    })
    .await
}

/// Earlier filings with this ID number or mobile (shown while a proxy types them in).
#[server(endpoint = "reports/duplicates")]
pub async fn check_duplicates(
    id_number: String,
    mobile: String,
) -> Result<Vec<DuplicateView>, AppError> {
    use crate::ssr::{
        context::RequestContext,
        services::{audit::Reader, duplicates},
    };
    RequestContext::staff_call(|ctx, staff| async move {
        let (address, now) = (ctx.client_address(), ctx.now());
        let reader = Reader {
            staff: &staff,
            address: &address,
            now,
        };
        duplicates::for_proxy(&ctx.state, reader, &id_number, &mobile, ctx.lang()).await
    })
    .await
}

/// The channels the signed-in member of staff may file under for someone else.
#[server(endpoint = "reports/proxy_channels")]
pub async fn my_proxy_channels() -> Result<Vec<Choice>, AppError> {
    use crate::ssr::{context::RequestContext, services::reports};
    RequestContext::staff_call(|_, staff| async move { reports::proxy_choices(&staff) }).await
}

/// A fresh idempotency key for a report form (one per page load).
#[server(endpoint = "reports/new_key")]
pub async fn new_report_key() -> Result<String, AppError> {
    use crate::ssr::{context::RequestContext, services::reports};
    RequestContext::public_call(|ctx| async move {
        let scope = ctx.form_scope().await;
        reports::new_form_key(&ctx.state, &scope).await
    })
    .await
}

/// Texts the tracking numbers filed under this mobile number to that phone. The answer is the
/// same whether or not there are filings, so it reveals nothing.
#[server(endpoint = "reports/resend")]
pub async fn resend_tracking(mobile: String) -> Result<(), AppError> {
    use crate::ssr::{context::RequestContext, services::lookup};
    RequestContext::public_call(|ctx| async move {
        let address = ctx.client_address();
        let sent = lookup::send_tracking_numbers(&ctx.state, &mobile, &address, ctx.now()).await;
        // A number that is not a mobile comes back in its box, from a sealed draft (never in
        // the address): the box came back empty and the household could not see which digit
        // was missing (household tester).
        let kept = match &sent {
            Err(crate::ssr::error::ServiceError::Validation(_)) => {
                ctx.keep_typed_mobile(&mobile, "").await?
            }
            _ => None,
        };
        // Without JavaScript the answer is shown on the look-up page itself, scrolled to (it
        // is below the look-up form, out of sight on a phone).
        let draft = kept.map(|t| format!("&draft={t}")).unwrap_or_default();
        let outcome = lookup::outcome(&sent);
        crate::ssr::context::redirect_plain_form(&format!("/track?sent={outcome}{draft}#forgot"));
        sent
    })
    .await
}
