//! 消息: deadline notifications from the clock sweep, newest first, unread in bold.
use leptos::prelude::*;

use crate::components::{notice::LoadError, worded::parts};

use crate::{
    api::inbox::{my_notifications, MarkRead},
    domain::wording::notice_words,
    i18n::use_lang,
    tr,
    wire::inbox::NotificationView,
};

#[component]
pub fn InboxPage() -> impl IntoView {
    let t = use_lang();
    let mark = ServerAction::<MarkRead>::new();
    let inbox = Resource::new(move || mark.version().get(), |_| my_notifications());
    view! {
        <crate::components::back_to_queue::BackToQueue />
        <h1>{tr::inbox::title(t)}</h1>
        <Suspense fallback=move || view! { <p class="loading">{tr::common::loading(t)}</p> }>
            {move || Suspend::new(async move {
                match inbox.await {
                    Ok(items) if items.is_empty() => {
                        view! { <p class="empty">{tr::inbox::empty(t)}</p> }.into_any()
                    }
                    Ok(items) => {
                        let unread = items.iter().filter(|n| !n.read).count();
                        view! {
                            <p class="muted">{tr::inbox::count(t, items.len(), unread)}</p>
                            <ul class="inbox" aria-label=tr::inbox::list_label(t)>
                                {items
                                    .into_iter()
                                    .map(|item| view! { <InboxItem item mark /> })
                                    .collect_view()}
                            </ul>
                        }
                        .into_any()
                    }
                    Err(error) => view! { <LoadError error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn InboxItem(item: NotificationView, mark: ServerAction<MarkRead>) -> impl IntoView {
    let t = use_lang();
    let class = format!(
        "inbox-item {} {}",
        item.kind.replace('_', "-"),
        if item.read { "read" } else { "unread" }
    );
    // A title the sweep wrote is worded in the reader's language; any other stays Chinese.
    let words = match item.title_words {
        Some(words) => words.into_any(),
        None => view! { <span lang="zh-CN">{item.title}</span> }.into_any(),
    };
    // So is the body, its village name marked Chinese.
    let body = match item
        .body_phrase
        .as_ref()
        .and_then(|p| notice_words::body_words(p, t))
    {
        Some(words) => view! { <div>{parts(words)}</div> }.into_any(),
        None => view! { <div lang="zh-CN">{item.body}</div> }.into_any(),
    };
    let title = if item.read {
        view! { <span class="inbox-title">{words}</span> }.into_any()
    } else {
        view! { <strong class="inbox-title">{words}</strong> }.into_any()
    };
    view! {
        <li class=class data-kind=item.kind.clone()>
            <a href=format!("/staff/cases/{}", item.case_id) class="inbox-link">
                {title}
                <div class="muted">{item.kind_label} " · " {item.clock_label} " · " {item.created_at}</div>
                {body}
            </a>
            {(!item.read).then(|| view! {
                <ActionForm action=mark attr:class="inline">
                    <input type="hidden" name="id" value=item.id />
                    <button type="submit" class="button small">{tr::inbox::mark_read(t)}</button>
                </ActionForm>
            })}
        </li>
    }
}
