use leptos::prelude::*;

use crate::i18n::use_lang;

#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    {
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            response.set_status(http::StatusCode::NOT_FOUND);
        }
    }
    let t = use_lang();
    view! {
        <section class="card">
            <h1>{t.pick("没有找到这个页面", "Page not found")}</h1>
            <p>{t.pick(
                "网址可能输错了，或者这个页面已经没有了。请回到首页重新点；要办事或有疑问，可以拨打12317热线。",
                "The address may be mistyped, or the page is gone. Go back to the home page and try again; for help, call the 12317 hotline.",
            )}</p>
            <a href="/" class="button">{t.pick("返回首页", "Back to the home page")}</a>
        </section>
    }
}
