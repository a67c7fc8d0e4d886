//! The case page: what staff see of one case, and the steps they may take on it.
use leptos::prelude::*;

use crate::{
    domain::case::CommandForm,
    wire::{cases::CaseView, AppError},
};

/// `done`: the `?done=` mark of the address a step went on to; the view names that step
/// (`done_step`) only if the server made the mark.
#[server(endpoint = "cases/detail")]
pub async fn case_detail(
    case_id: String,
    #[server(default)] done: Option<String>,
) -> Result<CaseView, AppError> {
    use crate::ssr::{context::RequestContext, services::case_view};
    RequestContext::staff_call(|ctx, staff| async move {
        let (address, now) = (ctx.client_address(), ctx.now());
        let view = case_view::view(&ctx.state, &staff, &case_id, &address, now).await?;
        let session = ctx.session_token().unwrap_or_default();
        case_view::with_done(&ctx.state, view, done.as_deref(), &session).await
    })
    .await
}

/// Shows one applicant's full ID number, or with `what=mobile` the mobile, for a reason from
/// the list (free text for 其他); every reveal, and every refused one, is a row in the audit
/// log.
#[server(endpoint = "cases/reveal")]
pub async fn reveal_id_number(
    case_id: String,
    #[server(default)] what: String,
    #[server(default)] reason: String,
    #[server(default)] reason_text: String,
) -> Result<String, AppError> {
    use crate::ssr::{
        context::RequestContext,
        services::{audit::Reader, reveal},
    };
    RequestContext::staff_call(|ctx, staff| async move {
        let (address, now) = (ctx.client_address(), ctx.now());
        let reader = Reader {
            staff: &staff,
            address: &address,
            now,
        };
        reveal::personal(&ctx.state, reader, &case_id, &what, &reason, &reason_text).await
    })
    .await
}

/// Takes one step on a case. Plain form posts land back on the case page.
#[server(endpoint = "cases/command")]
pub async fn run_case_command(
    case_id: String,
    version: i64,
    form: CommandForm,
) -> Result<i64, AppError> {
    use crate::ssr::{context::RequestContext, services::cases};
    let case = RequestContext::staff_call(|ctx, staff| async move {
        cases::run_form(&ctx.state, &staff, &case_id, version, &form, ctx.now()).await
    })
    .await?;
    leptos_axum::redirect(&format!("/staff/cases/{}", case.id));
    Ok(case.version)
}
