//! The county administrator's policy and calendar.
use leptos::prelude::*;

use crate::{
    domain::case::policy_form::PolicyForm,
    wire::{settings::SettingsView, AppError},
};

#[server(endpoint = "settings/current")]
pub async fn current_settings() -> Result<SettingsView, AppError> {
    use crate::ssr::{context::RequestContext, services::settings};
    RequestContext::staff_call(|ctx, staff| async move {
        settings::current(&ctx.state, &staff, ctx.now()).await
    })
    .await
}

#[server(endpoint = "settings/policy")]
pub async fn save_policy(
    policy: PolicyForm,
    /// Ticked: every field is saved as the form has it, none kept from a scheduled version.
    #[server(default)]
    as_shown: String,
) -> Result<(), AppError> {
    use crate::ssr::{context::RequestContext, services::settings};
    RequestContext::staff_call(|ctx, staff| async move {
        let address = ctx.client_address();
        let carry = as_shown.is_empty();
        settings::set_policy(&ctx.state, &staff, &policy, carry, &address, ctx.now()).await
    })
    .await?;
    // The page says it was saved (without JavaScript nothing else would: officer tester).
    leptos_axum::redirect("/staff/settings?done=saved");
    Ok(())
}

#[server(endpoint = "settings/day")]
pub async fn save_calendar_day(day: String, kind: String, name: String) -> Result<(), AppError> {
    use crate::ssr::{context::RequestContext, services::settings};
    RequestContext::staff_call(|ctx, staff| async move {
        let address = ctx.client_address();
        settings::set_day(&ctx.state, &staff, &day, &kind, &name, &address, ctx.now()).await
    })
    .await?;
    leptos_axum::redirect("/staff/settings?done=day_saved");
    Ok(())
}

#[server(endpoint = "settings/day_remove")]
pub async fn remove_calendar_day(day: String) -> Result<(), AppError> {
    use crate::ssr::{context::RequestContext, services::settings};
    RequestContext::staff_call(|ctx, staff| async move {
        let address = ctx.client_address();
        settings::remove_day(&ctx.state, &staff, &day, &address, ctx.now()).await
    })
    .await?;
    leptos_axum::redirect("/staff/settings?done=day_removed");
    Ok(())
}

/// Marks a year's holiday schedule entered whole (`complete` = "on"), or withdraws the mark.
#[server(endpoint = "settings/year")]
pub async fn mark_calendar_year(year: String, complete: String) -> Result<(), AppError> {
    use crate::ssr::{context::RequestContext, services::settings};
    RequestContext::staff_call(|ctx, staff| async move {
        let address = ctx.client_address();
        let complete = complete == "on";
        settings::mark_year(&ctx.state, &staff, &year, complete, &address, ctx.now()).await
    })
    .await?;
    leptos_axum::redirect("/staff/settings?done=year_saved");
    Ok(())
}

/// Withdraws a policy version that has not taken effect yet.
#[server(endpoint = "settings/policy_withdraw")]
pub async fn withdraw_policy(effective_from: String) -> Result<(), AppError> {
    use crate::ssr::{context::RequestContext, services::settings};
    RequestContext::staff_call(|ctx, staff| async move {
        let address = ctx.client_address();
        settings::withdraw_policy(&ctx.state, &staff, &effective_from, &address, ctx.now()).await
    })
    .await?;
    leptos_axum::redirect("/staff/settings?done=policy_withdrawn");
    Ok(())
}
