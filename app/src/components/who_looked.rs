//! 谁查看过我的信息: on the household's progress page, every staff read of its filing —
//! when, which office and role, what and why. Never a name.
use crate::tr;
use leptos::prelude::*;

use crate::{i18n::use_lang, wire::audit::LookedView};

#[component]
pub fn WhoLooked(looked: Vec<LookedView>) -> impl IntoView {
    let t = use_lang();
    view! {
        <section class="card" data-testid="who-looked">
            <h3>{tr::who_looked::who_looked_my_information(t)}</h3>
            {if looked.is_empty() {
                view! { <p>{tr::who_looked::staff_member_looked_yet(t)}</p> }.into_any()
            } else {
                view! {
                    <ul class="plain">
                        {looked.into_iter().map(|l| view! {
                            <li>
                                {format!("{} · ", l.at)}
                                <span lang="zh-CN">{l.place}</span>
                                {format!(" · {} · {} · {}", l.role, l.what, l.why)}
                                {l.note.map(|n| view! { {tr::common::colon(t)} <span lang="zh-CN">{n}</span> })}
                            </li>
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>
    }
}
