use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    {
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            response.set_status(http::StatusCode::NOT_FOUND);
        }
    }
    view! {
        <section class="card">
            <h1>"页面不存在"</h1>
            <p>"您要找的页面不存在或已移动。"</p>
            <a href="/" class="button">"返回首页"</a>
        </section>
    }
}
