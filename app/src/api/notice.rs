//! 村级公示: the printable public notice for one village. Public by design (it is posted on
//! the village board), so it never carries ID numbers, phones, bank or health details.
use leptos::prelude::*;

use crate::wire::{notice::NoticeView, AppError};

#[server(endpoint = "notice/village")]
pub async fn village_notice(village: String) -> Result<NoticeView, AppError> {
    use crate::ssr::{
        context::RequestContext,
        services::{audit::Reader, notice},
    };
    RequestContext::public_call(|ctx| async move {
        let (staff, address, now) = (ctx.staff().await.ok(), ctx.client_address(), ctx.now());
        let reader = staff.as_ref().map(|staff| Reader {
            staff,
            address: &address,
            now,
        });
        let today = crate::domain::time::beijing_date(now);
        notice::for_village(&ctx.state, &village, reader, today, ctx.lang()).await
    })
    .await
}
