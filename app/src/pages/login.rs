use leptos::prelude::*;

use crate::api::auth::Login;

#[component]
pub fn LoginPage() -> impl IntoView {
    let login = ServerAction::<Login>::new();
    let failed = move || matches!(login.value().get(), Some(Err(_)));
    let error_text = move || match login.value().get() {
        Some(Err(crate::wire::AppError::Unauthorized)) => Some("用户名或密码不正确".to_owned()),
        Some(Err(e)) => Some(e.zh().to_owned()),
        _ => None,
    };
    view! {
        <h1>"工作人员登录"</h1>
        <ActionForm action=login attr:class="login-form">
            {move || failed().then(|| view! { <p class="banner error" role="alert">{error_text}</p> })}
            <div class="field">
                <label for="l-user">"用户名"</label>
                <input id="l-user" name="username" type="text" autocomplete="username" required />
            </div>
            <div class="field">
                <label for="l-pass">"密码"</label>
                <input id="l-pass" name="password" type="password" autocomplete="current-password" required />
            </div>
            <button type="submit" class="button primary">"登录"</button>
        </ActionForm>
    }
}
