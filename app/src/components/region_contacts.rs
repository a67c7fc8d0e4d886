//! 联系电话 on the admin page: one small form per township and village, plain POST so it
//! works without JavaScript.
use leptos::prelude::*;

use crate::{
    api::contacts::{region_contacts, SetRegionContact},
    components::notice::LoadError,
    i18n::Lang,
    wire::AppError,
};

#[component]
pub fn RegionContactsCard() -> impl IntoView {
    let save = ServerAction::<SetRegionContact>::new();
    let list = Resource::new(move || save.version().get(), |_| region_contacts());
    let error = move || {
        save.value().get().and_then(Result::err).map(|e| {
            let text = match e {
                AppError::Validation(errors) => errors
                    .into_iter()
                    .map(|f| f.zh)
                    .collect::<Vec<_>>()
                    .join("；"),
                other => other.text(Lang::Zh).to_owned(),
            };
            view! { <p class="banner error" role="alert">{text}</p> }
        })
    };
    view! {
        <section class="card" id="contacts">
            <h2>"联系电话（显示在农户查询页上）"</h2>
            <p class="hint">"填写村委会和乡镇的电话，农户在查询页上可以一点就拨。留空保存即删除。"</p>
            {error}
            <Suspense fallback=|| view! { <p class="loading">"正在加载…"</p> }>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(rows) => view! {
                            <table class="contacts-table">
                                <tbody>
                                    {rows.into_iter().map(|r| {
                                        let label = format!("{}（{}）", r.name, r.level_zh);
                                        let input_id = format!("c-{}", r.code);
                                        view! {
                                            <tr>
                                                <td><label for=input_id.clone()>{label}</label></td>
                                                <td>
                                                    <ActionForm action=save attr:class="inline-form">
                                                        <input type="hidden" name="region" value=r.code />
                                                        <input id=input_id name="phone" type="tel" value=r.phone />
                                                        <button type="submit" class="button">"保存"</button>
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
