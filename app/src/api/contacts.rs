//! 联系电话: the phones households are given, set by the county admin.
use leptos::prelude::*;

use crate::wire::{contacts::RegionContactView, AppError};

#[server(endpoint = "contacts/list")]
pub async fn region_contacts() -> Result<Vec<RegionContactView>, AppError> {
    use crate::ssr::{context::RequestContext, services::contacts};
    RequestContext::staff_call(|ctx, staff| async move {
        contacts::list(&ctx.state, &staff, ctx.lang()).await
    })
    .await
}

#[server(endpoint = "contacts/set")]
pub async fn set_region_contact(region: String, phone: String) -> Result<(), AppError> {
    use crate::ssr::{context::RequestContext, services::contacts};
    let removed = phone.trim().is_empty();
    let done = RequestContext::staff_call(|ctx, staff| async move {
        let address = ctx.client_address();
        contacts::set(&ctx.state, &staff, &region, &phone, &address, ctx.now()).await?;
        // Said in the office's row, where the page lands (without JavaScript nothing else
        // would say it was done; at the top of the phones it named no office: officer tester).
        let done = if removed {
            "phone_removed"
        } else {
            "phone_saved"
        };
        Ok(super::admin::done_at(done, &region, "c-"))
    })
    .await?;
    leptos_axum::redirect(&done);
    Ok(())
}
