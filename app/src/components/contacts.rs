//! Whom a household can call, with tap-to-call links: its responsible person, village
//! committee, township and the 12317 hotline; and what to do if nobody comes.
use crate::tr;
use leptos::prelude::*;

use crate::{i18n::use_lang, wire::reports::ContactLine};

/// A `tel:` link keeps only what a dialler understands; an extension (`转8`) follows a pause
/// (`,`), which phone diallers wait on before dialling it (run together, the digits dialled a
/// wrong number).
fn tel_href(phone: &str) -> String {
    let digits = |part: &str| -> String {
        part.chars()
            .filter(|c| c.is_ascii_digit() || *c == '+')
            .collect()
    };
    match phone.split_once('转') {
        Some((main, extension)) => format!("tel:{},{}", digits(main), digits(extension)),
        None => format!("tel:{}", digits(phone)),
    }
}

/// The numbers themselves, each a tap away (also under the village notice).
#[component]
pub fn ContactLines(contacts: Vec<ContactLine>) -> impl IntoView {
    let t = use_lang();
    view! {
        <ul class="plain">
                {contacts
                    .into_iter()
                    .map(|c| {
                        // Names of places and people are Chinese on every page.
                        let who = match c.name {
                            // The office's words carry their own space where the language
                            // wants one (" Village Committee"; 村委会 runs on).
                            Some(n) if c.name_first => view! { <span lang="zh-CN">{n}</span>{c.who} }.into_any(),
                            Some(n) => view! { {c.who}" "<span lang="zh-CN">{n}</span> }.into_any(),
                            None => view! { {c.who} }.into_any(),
                        };
                        view! {
                            <li>
                                <span>{who}</span>{tr::common::colon(t)}
                                {match c.phone {
                                    Some(phone) => {
                                        let href = tel_href(&phone);
                                        view! { <a href=href>{phone}</a> }.into_any()
                                    }
                                    None => view! { <span class="muted">{tr::contacts::phone_listed_yet(t)}</span> }.into_any(),
                                }}
                            </li>
                        }
                    })
                    .collect_view()}
        </ul>
    }
}

#[component]
pub fn ContactList(contacts: Vec<ContactLine>, advice: String) -> impl IntoView {
    let t = use_lang();
    view! {
        <section class="card contacts" id="contacts" data-testid="contacts">
            <h2>{tr::contacts::whom_call(t)}</h2>
            <ContactLines contacts />
            {(!advice.is_empty()).then(|| view! {
                <p data-testid="nobody-came">{super::dial::dialable(&advice)}</p>
            })}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::tel_href;

    #[test]
    fn an_extension_is_dialled_after_a_pause() {
        assert_eq!(tel_href("0854-7321203"), "tel:08547321203");
        assert_eq!(tel_href("0854-7321203转8"), "tel:08547321203,8");
        assert_eq!(tel_href("13800138000"), "tel:13800138000");
    }
}
