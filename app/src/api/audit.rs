//! The county admin's audit page: the chain's verification and the filtered rows.
use leptos::prelude::*;

use crate::wire::{
    audit::{AuditFilterForm, AuditPageView},
    AppError,
};

#[server(endpoint = "audit/page")]
pub async fn audit_page(
    #[server(default)] filter: AuditFilterForm,
) -> Result<AuditPageView, AppError> {
    use crate::ssr::{context::RequestContext, services::audit_views};
    RequestContext::staff_call(|ctx, staff| async move {
        audit_views::page(&ctx.state, &staff, &filter, ctx.lang()).await
    })
    .await
}
