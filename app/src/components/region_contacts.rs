//! 联系电话 on the admin page: one small form per township and village, plain POST so it
//! works without JavaScript.
use leptos::prelude::*;

use crate::{
    api::contacts::{region_contacts, SetRegionContact},
    components::notice::{first_failure, LoadError},
    i18n::use_lang,
    tr,
    wire::cases::StepTyped,
};

/// `done`: the page's mark, as the server signed it (`ssr::error_marks`); `who`: the
/// region it names.
#[component]
pub fn RegionContactsCard(done: String, who: String) -> impl IntoView {
    let t = use_lang();
    let save = ServerAction::<SetRegionContact>::new();
    let list = Resource::new(move || save.version().get(), |_| region_contacts());

    // Refused without JavaScript: the page comes back with the phone as typed, in its row.
    let typed = use_context::<StepTyped>()
        .filter(|t| t.kind == "set_contact")
        .map(|t| {
            let value = |name| t.value(name).unwrap_or_default().to_owned();
            (value("region"), value("phone"))
        });
    let reason = move || first_failure(t, [save.value().get().and_then(Result::err)]);
    view! {
        <section class="card" id="contacts">
            <h2>{tr::region_contacts::title(t)}</h2>
            <p class="hint">{tr::region_contacts::hint(t)}</p>
            <Suspense fallback=move || view! { <p class="loading">{tr::common::loading(t)}</p> }>
                {move || {
                let (typed, done, who) = (typed.clone(), done.clone(), who.clone());
                Suspend::new(async move {
                    match list.await {
                        Ok(rows) => {
                            // The refusal is said in its row, naming the office (at the top it
                            // named none), with what was typed and the focus; at the top only
                            // when no row is the one refused.
                            let refused = reason().zip(typed.clone());
                            let in_a_row = refused.as_ref().is_some_and(|(_, (region, _))| rows.iter().any(|r| &r.code == region));
                            let top = (!in_a_row).then(reason).flatten();
                            view! {
                            {top.map(|text| view! { <p class="banner error" role="alert" data-testid="phone-refused">{text}</p> })}
                            <table class="contacts-table">
                                <tbody>
                                    {rows.into_iter().map(|r| {
                                        let input_id = format!("c-{}", r.code);
                                        // (why it was refused, what was typed), in the refused row.
                                        let here = refused.clone().filter(|(_, (region, _))| *region == r.code).map(|(why, (_, phone))| (why, phone));
                                        let (value, why) = match here {
                                            Some((why, phone)) => (phone, Some(tr::region_contacts::not_saved(t, &r.name, &why))),
                                            None => (r.phone, None),
                                        };
                                        let error_id = format!("e-c-{}", r.code);
                                        let ok = (r.code == who && refused.is_none())
                                            .then(|| said(t, &done, &r.name))
                                            .flatten();
                                        let (refused_here, described) = (why.is_some(), why.as_ref().map(|_| error_id.clone()));
                                        view! {
                                            <tr>
                                                <td><label for=input_id.clone()><span lang="zh-CN">{r.name}</span>{tr::region_contacts::level(t, r.level)}</label></td>
                                                <td>
                                                    <ActionForm action=save attr:class="inline-form">
                                                        <input type="hidden" name="region" value=r.code />
                                                        <input id=input_id name="phone" type="tel" value=value
                                                            autofocus=refused_here aria-invalid=refused_here.then_some("true")
                                                            aria-describedby=described />
                                                        <button type="submit" class="button" formaction="/staff/admin?phone">{tr::common::save(t)}</button>
                                                    </ActionForm>
                                                    {why.map(|why| view! { <p class="field-error" id=error_id role="alert">{why}</p> })}
                                                    {ok.map(|text| view! { <p class="banner ok" role="status" data-testid="phone-done">{text}</p> })}
                                                </td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                            }.into_any()
                        }
                        Err(e) => view! { <LoadError error=e /> }.into_any(),
                    }
                })
                }}
            </Suspense>
        </section>
    }
}

/// What was done to the phone of `name`, by the page's (signed) mark.
fn said(t: crate::i18n::Lang, done: &str, name: &str) -> Option<String> {
    match done {
        "phone_saved" => Some(tr::region_contacts::saved_named(t, name)),
        "phone_removed" => Some(tr::region_contacts::removed_named(t, name)),
        _ => None,
    }
}
