//! 消息: deadline notifications from the clock sweep, newest first, unread in bold.
use leptos::prelude::*;

use crate::components::notice::LoadError;

use crate::{
    api::inbox::{my_notifications, MarkRead},
    wire::inbox::NotificationView,
};

#[component]
pub fn InboxPage() -> impl IntoView {
    let mark = ServerAction::<MarkRead>::new();
    let inbox = Resource::new(move || mark.version().get(), |_| my_notifications());
    view! {
        <p><a href="/staff">"← 返回待办"</a></p>
        <h1>"消息"</h1>
        <Suspense fallback=|| view! { <p class="loading">"正在加载…"</p> }>
            {move || Suspend::new(async move {
                match inbox.await {
                    Ok(items) if items.is_empty() => {
                        view! { <p class="empty">"暂无消息。"</p> }.into_any()
                    }
                    Ok(items) => {
                        let unread = items.iter().filter(|n| !n.read).count();
                        view! {
                            <p class="muted">{format!("共{}条，未读{}条", items.len(), unread)}</p>
                            <ul class="inbox" aria-label="消息列表">
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
    let class = format!(
        "inbox-item {} {}",
        item.kind.replace('_', "-"),
        if item.read { "read" } else { "unread" }
    );
    let title = if item.read {
        view! { <span class="inbox-title">{item.title}</span> }.into_any()
    } else {
        view! { <strong class="inbox-title">{item.title}</strong> }.into_any()
    };
    view! {
        <li class=class data-kind=item.kind.clone()>
            <a href=format!("/staff/cases/{}", item.case_id) class="inbox-link">
                {title}
                <div class="muted">{item.kind_zh} " · " {item.clock_zh} " · " {item.created_at}</div>
                <div>{item.body}</div>
            </a>
            {(!item.read).then(|| view! {
                <ActionForm action=mark attr:class="inline">
                    <input type="hidden" name="id" value=item.id />
                    <button type="submit" class="button small">"标为已读"</button>
                </ActionForm>
            })}
        </li>
    }
}
