//! The 12317 hotline line shown on every household page, tap to call.
use leptos::prelude::*;

use crate::i18n::use_lang;

#[component]
pub fn HotlineNote() -> impl IntoView {
    let t = use_lang();
    view! {
        <p class="hint hotline">
            {t.pick(
                "不会填、有疑问，或者想让人代为申报，可以拨打防返贫监测帮扶热线 ",
                "Unsure how to fill this in, questions, or want someone to report for you? Call the assistance hotline ",
            )}
            <a href="tel:12317">"12317"</a>
            {t.pick("，也可以到村委会当面反映。", ", or go to your village committee.")}
        </p>
    }
}
