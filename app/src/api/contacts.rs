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
    RequestContext::staff_call(|ctx, staff| async move {
        let address = ctx.client_address();
        contacts::set(&ctx.state, &staff, &region, &phone, &address, ctx.now()).await
    })
    .await?;
    // Said beside the phones, where the page is scrolled to (without JavaScript nothing
    // else would say it was done).
    let done = if removed {
        "phone_removed"
    } else {
        "phone_saved"
    };
    leptos_axum::redirect(&format!("/staff/admin?done={done}#contacts"));
    Ok(())
}
