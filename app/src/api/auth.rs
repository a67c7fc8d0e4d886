//! Staff sign-in and sign-out, and who is signed in.
use leptos::prelude::*;

use crate::wire::{auth::StaffInfo, AppError};

/// Signs in; `next`: the staff page to go to afterwards (the one that asked for a sign-in).
#[server(endpoint = "auth/login")]
pub async fn login(
    username: String,
    password: String,
    #[server(default)] next: Option<String>,
) -> Result<(), AppError> {
    use crate::ssr::{context::RequestContext, known_device, login_form, services::auth};
    let next = next.as_deref();
    RequestContext::public_call(|ctx| async move {
        let address = ctx.client_address();
        let known = known_device::sent_for(&ctx, &username).await?;
        let (state, now) = (&ctx.state, ctx.now());
        let signed_in = auth::login(state, &username, &password, &address, known, now).await;
        let ok = signed_in.is_ok();
        let answered = login_form::answer(&ctx, &username, next, signed_in);
        if ok {
            known_device::mark(&ctx, &username).await?;
        }
        answered
    })
    .await?;
    leptos_axum::redirect(crate::domain::return_path::after_sign_in(next));
    Ok(())
}

#[server(endpoint = "auth/logout")]
pub async fn logout() -> Result<(), AppError> {
    use crate::ssr::{context::RequestContext, services::auth};
    RequestContext::public_call(|ctx| async move {
        auth::logout(&ctx.state, ctx.session_token().as_deref(), ctx.now()).await?;
        ctx.clear_session_cookie();
        Ok(())
    })
    .await?;
    leptos_axum::redirect("/staff/login");
    Ok(())
}

/// The signed-in officer, or `None` for a visitor.
#[server(endpoint = "auth/me")]
pub async fn current_staff() -> Result<Option<StaffInfo>, AppError> {
    match crate::ssr::context::RequestContext::staff_call(|_, s| async move { Ok(s.info()) }).await
    {
        Ok(info) => Ok(Some(info)),
        Err(AppError::Unauthorized) => Ok(None),
        Err(e) => Err(e),
    }
}
