use leptos::prelude::*;

use crate::{api::auth::Login, i18n::use_lang, tr};

#[component]
pub fn LoginPage() -> impl IntoView {
    let t = use_lang();
    let login = ServerAction::<Login>::new();
    let failed = move || matches!(login.value().get(), Some(Err(_)));
    let error_text = move || match login.value().get() {
        Some(Err(crate::wire::AppError::Unauthorized)) => Some(tr::login::wrong(t).to_owned()),
        Some(Err(e)) => Some(e.text(t).to_owned()),
        _ => None,
    };
    view! {
        <h1>{tr::login::title(t)}</h1>
        <ActionForm action=login attr:class="login-form">
            {move || failed().then(|| view! { <p class="banner error" role="alert">{error_text}</p> })}
            <div class="field">
                <label for="l-user">{tr::login::username(t)}</label>
                <input id="l-user" name="username" type="text" autocomplete="username" required />
            </div>
            <div class="field">
                <label for="l-pass">{tr::login::password(t)}</label>
                <input id="l-pass" name="password" type="password" autocomplete="current-password" required />
            </div>
            <button type="submit" class="button primary">{tr::login::submit(t)}</button>
        </ActionForm>
    }
}
