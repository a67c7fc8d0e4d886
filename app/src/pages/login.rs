use leptos::prelude::*;

use crate::{api::auth::Login, i18n::use_lang, i18n::Lang, tr};

/// What a failed sign-in came back with (`e=` in the address, see `ssr::login_form`).
fn problem_text(code: &str, t: Lang) -> Option<&'static str> {
    match code {
        "bad_credentials" => Some(tr::login_form::bad_credentials(t)),
        "turned_off" => Some(tr::login_form::turned_off(t)),
        "locked" => Some(tr::login_form::locked(t)),
        "failed" => Some(tr::login_form::failed(t)),
        _ => None,
    }
}

/// The user name the failed sign-in typed (rendered on the server only: no island here).
fn kept_name() -> String {
    #[cfg(feature = "ssr")]
    {
        crate::ssr::login_form::kept_name().unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        String::new()
    }
}

/// This address's query parameter `name`, decoded once: the router's query map decodes its
/// values a second time, which turned an encoded `%26` in `next`'s own query into a new
/// parameter.
fn query_param(name: &str) -> Option<String> {
    #[cfg(feature = "ssr")]
    {
        let parts = use_context::<http::request::Parts>()?;
        let axum::extract::Query(mut query) = axum::extract::Query::<
            std::collections::HashMap<String, String>,
        >::try_from_uri(&parts.uri)
        .ok()?;
        query.remove(name)
    }
    // The sign-in page is rendered on the server only.
    #[cfg(not(feature = "ssr"))]
    {
        let _ = name;
        None
    }
}

#[component]
pub fn LoginPage() -> impl IntoView {
    let t = use_lang();
    let login = ServerAction::<Login>::new();
    let code = query_param("e").unwrap_or_default();
    // The page that asked for a sign-in, where a successful one goes (checked by the server).
    let next = query_param("next").filter(|n| crate::domain::return_path::staff_page(n).is_some());
    let problem = problem_text(&code, t);
    let failed = problem.is_some();
    let name = if failed { kept_name() } else { String::new() };
    // After a failure the message describes both fields; with the name kept, the password is
    // what is left to type.
    let described = failed.then_some("l-error");
    let invalid = (code == "bad_credentials").then_some("true");
    let name_kept = !name.is_empty();
    view! {
        <h1>{tr::login::title(t)}</h1>
        // Refusals come from the server in the page's language, not the browser's bubbles.
        <ActionForm action=login attr:class="login-form" attr:novalidate=true>
            {problem.map(|text| view! {
                <p class="banner error" role="alert" id="l-error" data-testid="login-error">{text}</p>
            })}
            <div class="field">
                <label for="l-user">{tr::login::username(t)}</label>
                <input id="l-user" name="username" type="text" autocomplete="username" required
                    value=name aria-describedby=described aria-invalid=invalid
                    autofocus=failed && !name_kept />
            </div>
            <div class="field">
                <label for="l-pass">{tr::login::password(t)}</label>
                <input id="l-pass" name="password" type="password" autocomplete="current-password" required
                    aria-describedby=described aria-invalid=invalid autofocus=name_kept />
            </div>
            {next.map(|next| view! { <input type="hidden" name="next" value=next /> })}
            <button type="submit" class="button primary">{tr::login::submit(t)}</button>
        </ActionForm>
    }
}
