//! The staff pages' "← 返回待办": the queue with the tab, search, filters and page it was
//! left with (a plain `/staff` link dropped them: officer tester).
use crate::tr;
use leptos::prelude::*;

use crate::i18n::use_lang;

#[component]
pub fn BackToQueue() -> impl IntoView {
    let t = use_lang();
    let href = queue_left();
    // Named by the tab it goes back to (返回待办 led to 全部: officer tester).
    let tab = crate::domain::return_path::tab_of(&href)
        .filter(|code| *code != "todo")
        .and_then(|code| tr::queue::tab::lookup(t, code));
    let words = match tab {
        Some(tab) => tr::staff::back_to_tab(t, tab),
        None => tr::staff::back_to_queue(t).to_owned(),
    };
    view! { <p><a href=href data-testid="back-to-queue">{words}</a></p> }
}

/// The address the queue last remembered for this browser (server-rendered pages only).
fn queue_left() -> String {
    #[cfg(feature = "ssr")]
    let remembered = crate::ssr::cookies::in_request(crate::ssr::context::QUEUE_COOKIE);
    #[cfg(not(feature = "ssr"))]
    let remembered: Option<String> = None;
    crate::domain::return_path::back_to_queue(remembered.as_deref())
}
