//! 联系电话 on the admin page: one small form per township and village, plain POST so it
//! works without JavaScript.
use leptos::prelude::*;

use crate::{
    api::contacts::{region_contacts, SetRegionContact},
    components::notice::LoadError,
    i18n::use_lang,
    tr,
    wire::AppError,
};

#[component]
pub fn RegionContactsCard() -> impl IntoView {
    let t = use_lang();
    let save = ServerAction::<SetRegionContact>::new();
    let list = Resource::new(move || save.version().get(), |_| region_contacts());
    let done = crate::components::notice::done_mark();
    let done = match done.as_str() {
        "phone_saved" => Some(tr::region_contacts::saved(t)),
        "phone_removed" => Some(tr::region_contacts::removed(t)),
        _ => None,
    };
    let error = move || {
        save.value().get().and_then(Result::err).map(|e| {
            let text = match e {
                AppError::Validation(errors) => errors
                    .into_iter()
                    .map(|f| f.message)
                    .collect::<Vec<_>>()
                    .join(tr::common::field_separator(t)),
                other => other.text(t).to_owned(),
            };
            view! { <p class="banner error" role="alert">{text}</p> }
        })
    };
    view! {
        <section class="card" id="contacts">
            <h2>{tr::region_contacts::title(t)}</h2>
            <p class="hint">{tr::region_contacts::hint(t)}</p>
            {error}
            {move || save.value().get().is_none().then_some(done).flatten().map(|text| view! {
                <p class="banner ok" role="status">{text}</p>
            })}
            <Suspense fallback=move || view! { <p class="loading">{tr::common::loading(t)}</p> }>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(rows) => view! {
                            <table class="contacts-table">
                                <tbody>
                                    {rows.into_iter().map(|r| {
                                        let input_id = format!("c-{}", r.code);
                                        view! {
                                            <tr>
                                                <td><label for=input_id.clone()><span lang="zh-CN">{r.name}</span>{tr::region_contacts::level(t, r.level)}</label></td>
                                                <td>
                                                    <ActionForm action=save attr:class="inline-form">
                                                        <input type="hidden" name="region" value=r.code />
                                                        <input id=input_id name="phone" type="tel" value=r.phone />
                                                        <button type="submit" class="button">{tr::common::save(t)}</button>
                                                    </ActionForm>
                                                </td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any(),
                        Err(e) => view! { <LoadError error=e /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
