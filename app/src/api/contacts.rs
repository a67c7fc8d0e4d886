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
    RequestContext::staff_call(|ctx, staff| async move {
        let address = ctx.client_address();
        contacts::set(&ctx.state, &staff, &region, &phone, &address, ctx.now()).await
    })
    .await?;
    leptos_axum::redirect("/staff/admin#contacts");
    Ok(())
}
