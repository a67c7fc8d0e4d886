//! The staff pages' "← 返回待办": the queue with the tab, search, filters and page it was
//! left with (a plain `/staff` link dropped them: officer tester).
use crate::tr;
use leptos::prelude::*;

use crate::i18n::use_lang;

#[component]
pub fn BackToQueue() -> impl IntoView {
    let t = use_lang();
    view! { <p><a href=queue_left()>{tr::staff::back_to_queue(t)}</a></p> }
}

/// The address the queue last remembered for this browser (server-rendered pages only).
fn queue_left() -> String {
    #[cfg(feature = "ssr")]
    let remembered = crate::ssr::cookies::in_request(crate::ssr::context::QUEUE_COOKIE);
    #[cfg(not(feature = "ssr"))]
    let remembered: Option<String> = None;
    crate::domain::return_path::back_to_queue(remembered.as_deref())
}
