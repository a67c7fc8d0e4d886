//! 村级公示: the printable public notice for one village. Public by design (it is posted on
//! the village board), so it never carries ID numbers, phones, bank or health details.
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::AppError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeEntry {
    pub name: String,
    pub group: Option<String>,
    pub household_size: i64,
    pub procedure_zh: String,
    pub category_zh: Option<String>,
    pub from: String,
    pub until: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeView {
    pub village: String,
    pub township: String,
    pub county: String,
    pub entries: Vec<NoticeEntry>,
}

#[server(endpoint = "notice/village")]
pub async fn village_notice(village: String) -> Result<NoticeView, AppError> {
    use crate::ssr::context::{reply_error, RequestContext};
    let ctx = RequestContext::load()?;
    crate::ssr::services::notice::for_village(&ctx.state, &village)
        .await
        .map_err(reply_error)
}
