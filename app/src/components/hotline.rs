//! The 12317 hotline line shown on every household page, tap to call.
use crate::tr;
use leptos::prelude::*;

use crate::i18n::use_lang;

#[component]
pub fn HotlineNote() -> impl IntoView {
    let t = use_lang();
    view! {
        <p class="hint hotline">
            {tr::hotline::unsure_how_fill_questions(t)}
            <a href="tel:12317">"12317"</a>
            {tr::hotline::go_village_committee(t)}
        </p>
    }
}
