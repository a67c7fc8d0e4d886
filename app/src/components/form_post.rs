//! Islands send their forms with `fetch`, exactly as the browser posts them without JavaScript
//! (the form's own fields, URL-encoded), and read the server function's JSON answer
//! (`json_answer`: the browser's JSON.parse, no serde_json in the WASM). Leptos's
//! `ActionForm` would do the same through serde_qs and a type-erased view: both weigh on the
//! WASM a household downloads (see docs/performance.md).
use super::json_answer::FromJson;
use crate::wire::AppError;
use leptos::{ev::SubmitEvent, html::Form, prelude::*};

/// The answer of a posted form: Ok, Err, or nothing yet; and whether a post is under way.
pub struct Posted<T: Send + Sync + 'static> {
    pub value: RwSignal<Option<Result<T, AppError>>>,
    pub pending: RwSignal<bool>,
}

impl<T: Send + Sync + 'static> Clone for Posted<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: Send + Sync + 'static> Copy for Posted<T> {}

impl<T> Default for Posted<T>
where
    T: FromJson + Clone + Send + Sync + 'static,
{
    fn default() -> Self {
        Self::new()
    }
}

impl<T> Posted<T>
where
    T: FromJson + Clone + Send + Sync + 'static,
{
    pub fn new() -> Self {
        Posted {
            value: RwSignal::new(None),
            pending: RwSignal::new(false),
        }
    }

    /// The `on:submit` handler of `form`: posts it to its `action` and, when the server
    /// answers with a `Location`, follows it.
    pub fn on_submit(self, form: NodeRef<Form>) -> impl Fn(SubmitEvent) + Clone + 'static {
        move |ev: SubmitEvent| {
            ev.prevent_default();
            if self.pending.get_untracked() {
                return;
            }
            #[cfg(feature = "hydrate")]
            if let Some(form) = form.get_untracked() {
                let Some(body) = browser::encode(&form) else {
                    return;
                };
                self.pending.set(true);
                leptos::task::spawn_local(async move {
                    let answer =
                        post::<T>(&form.action(), "application/x-www-form-urlencoded", body).await;
                    self.pending.set(false);
                    let location = answer.as_ref().ok().and_then(|(_, l)| l.clone());
                    self.value.set(Some(answer.map(|(value, _)| value)));
                    if let Some(location) = location {
                        let _ = window().location().set_href(&location);
                    }
                });
            }
            #[cfg(not(feature = "hydrate"))]
            let _ = form;
        }
    }
}

/// Posts `body` to `url` and reads the JSON answer, with the `Location` the server named.
/// A request that never got an answer is `AppError::Transport`.
pub async fn post<T: FromJson>(
    url: &str,
    content_type: &str,
    body: String,
) -> Result<(T, Option<String>), AppError> {
    #[cfg(feature = "hydrate")]
    {
        browser::post(url, content_type, body).await
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (url, content_type, body);
        Err(AppError::Transport)
    }
}

#[cfg(feature = "hydrate")]
pub(crate) mod browser {
    use crate::components::json_answer::{read, FromJson};
    use crate::wire::AppError;
    use leptos::prelude::window;
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{FormData, Headers, HtmlFormElement, RequestInit, Response, UrlSearchParams};

    /// The form's fields as a plain form post sends them.
    pub fn encode(form: &HtmlFormElement) -> Option<String> {
        let data = FormData::new_with_form(form).ok()?;
        let params = UrlSearchParams::new_with_str_sequence_sequence(&data).ok()?;
        Some(params.to_string().into())
    }

    pub async fn post<T: FromJson>(
        url: &str,
        content_type: &str,
        body: String,
    ) -> Result<(T, Option<String>), AppError> {
        let answer = send(url, Some(content_type), &JsValue::from_str(&body)).await?;
        if answer.ok {
            let value = read(&answer.text).ok_or(AppError::Transport)?;
            Ok((value, answer.location))
        } else {
            Err(read(&answer.text).unwrap_or(AppError::Internal))
        }
    }

    /// What came back from a POST: status, body text and `Location`.
    pub struct Answer {
        pub ok: bool,
        pub status: u16,
        pub text: String,
        pub location: Option<String>,
    }

    /// POSTs `body` (a string, or `FormData` with `content_type` None so the browser sets the
    /// multipart boundary) asking for JSON. `Transport` when no answer could be read.
    pub async fn send(
        url: &str,
        content_type: Option<&str>,
        body: &JsValue,
    ) -> Result<Answer, AppError> {
        let headers = Headers::new().map_err(|_| AppError::Transport)?;
        if let Some(content_type) = content_type {
            let _ = headers.set("content-type", content_type);
        }
        let _ = headers.set("accept", "application/json");
        let init = RequestInit::new();
        init.set_method("POST");
        init.set_headers(&headers);
        init.set_body(body);
        let response: Response = JsFuture::from(window().fetch_with_str_and_init(url, &init))
            .await
            .map_err(|_| AppError::Transport)?
            .unchecked_into();
        let text = JsFuture::from(response.text().map_err(|_| AppError::Transport)?)
            .await
            .ok()
            .and_then(|t| t.as_string())
            .ok_or(AppError::Transport)?;
        Ok(Answer {
            ok: response.ok(),
            status: response.status(),
            text,
            location: response.headers().get("location").ok().flatten(),
        })
    }
}

/// Posts `fields` URL-encoded, as a form with those fields would, and reads the JSON answer.
pub async fn post_fields<T: FromJson>(url: &str, fields: &[(&str, &str)]) -> Result<T, AppError> {
    #[cfg(feature = "hydrate")]
    {
        let params = web_sys::UrlSearchParams::new().map_err(|_| AppError::Transport)?;
        for (name, value) in fields {
            params.append(name, value);
        }
        let body: String = params.to_string().into();
        post(url, "application/x-www-form-urlencoded", body)
            .await
            .map(|(value, _)| value)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (url, fields);
        Err(AppError::Transport)
    }
}
