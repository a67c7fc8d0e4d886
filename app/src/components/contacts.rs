//! Whom a household can call, with tap-to-call links: its responsible person, village
//! committee, township and the 12317 hotline; and what to do if nobody comes.
use leptos::prelude::*;

use crate::{i18n::use_lang, wire::reports::ContactLine};

/// A `tel:` link keeps only what a dialler understands.
fn tel_href(phone: &str) -> String {
    let digits: String = phone
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    format!("tel:{digits}")
}

#[component]
pub fn ContactList(contacts: Vec<ContactLine>) -> impl IntoView {
    let t = use_lang();
    view! {
        <section class="card contacts" data-testid="contacts">
            <h2>{t.pick("有事找谁", "Whom to call")}</h2>
            <ul class="plain">
                {contacts
                    .into_iter()
                    .map(|c| {
                        // Names of places and people are Chinese on every page.
                        let name = c.name.map(|n| view! { " " <span lang="zh-CN">{n}</span> });
                        view! {
                            <li>
                                <span>{c.who}{name}</span>{"："}
                                {match c.phone {
                                    Some(phone) => {
                                        let href = tel_href(&phone);
                                        view! { <a href=href>{phone}</a> }.into_any()
                                    }
                                    None => view! { <span class="muted">{t.pick("电话暂未公布", "no phone listed yet")}</span> }.into_any(),
                                }}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <p>{t.pick(
                "如果到了上面写的日期还没有人来找您，请先打电话给村委会；没人接或没有答复，就打乡镇电话或12317热线。",
                "If nobody has come by the date above, call the village committee first; if nobody answers or nothing happens, call the township or the 12317 hotline.",
            )}</p>
        </section>
    }
}
