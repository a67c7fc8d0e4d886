//! 我要申报: the self-report form. Works as a plain HTML form; once hydrated it checks each
//! field with the same parsers the server uses.
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::{
    api::{
        regions::{region_tree, TownshipOption},
        reports::{load_report_draft, ReportDraft, SubmitReport},
        AppError,
    },
    components::{
        field_errors::{FieldErrors, FieldMessage},
        notice::ErrorBanner,
    },
    domain::{
        id_number::IdNumber,
        message::UserMessage,
        mobile::MobileNumber,
        report::{
            parse_description, parse_group, parse_household_size, parse_name, parse_village,
            ReportForm,
        },
        vocab::RiskType,
    },
};

#[component]
pub fn ReportPage() -> impl IntoView {
    let query = use_query_map();
    let draft = Resource::new(
        move || query.read().get("draft"),
        |token| async move {
            match token {
                Some(token) => load_report_draft(token).await.ok().flatten(),
                None => None,
            }
        },
    );
    let regions = Resource::new(|| (), |_| region_tree());
    view! {
        <h1>"我要申报"</h1>
        <p class="hint">"带 * 的为必填。请如实填写，我们会上门核实。"</p>
        <Suspense fallback=|| view! { <p class="loading">"正在加载…"</p> }>
            {move || Suspend::new(async move {
                let draft = draft.await.unwrap_or_default();
                match regions.await {
                    Ok(townships) => view! { <ReportFormView draft townships /> }.into_any(),
                    Err(e) => view! { <p class="banner error">{e.zh()}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn message<T, E: UserMessage>(result: Result<T, E>) -> Option<&'static str> {
    result.err().map(|e| e.zh())
}

#[component]
fn ReportFormView(draft: ReportDraft, townships: Vec<TownshipOption>) -> impl IntoView {
    let submit = ServerAction::<SubmitReport>::new();
    let errors = FieldErrors::new(&draft.errors);
    let general_error = RwSignal::new(None::<AppError>);
    Effect::new(move |_| {
        if let Some(Err(e)) = submit.value().get() {
            errors.replace_all(e.field_errors());
            general_error.set(match e {
                AppError::Validation(_) => Some(AppError::Validation(Vec::new())),
                other => Some(other),
            });
        }
    });
    let ReportForm {
        name,
        mobile,
        id_number,
        village,
        group,
        household_size,
        risk_types,
        description,
        consent,
    } = draft.form;
    let pending = submit.pending();

    view! {
        <ActionForm action=submit attr:class="report-form" attr:novalidate=true>
            <ErrorBanner error=general_error />
            {(!draft.errors.is_empty())
                .then(|| view! { <p class="banner error" role="alert">"请检查标红的内容"</p> })}

            <div class="field" class:invalid=move || errors.get("name")().is_some()>
                <label for="f-name">"申请人姓名 *"</label>
                <input id="f-name" name="form[name]" type="text" autocomplete="name" value=name
                    aria-describedby="e-name"
                    on:input=move |ev| errors.on_input("name", message(parse_name(&event_target_value(&ev))))
                    on:change=move |ev| errors.set("name", message(parse_name(&event_target_value(&ev)))) />
                <FieldMessage id="e-name" message=errors.get("name") />
            </div>

            <div class="field" class:invalid=move || errors.get("mobile")().is_some()>
                <label for="f-mobile">"手机号码 *"</label>
                <input id="f-mobile" name="form[mobile]" type="tel" inputmode="numeric"
                    autocomplete="tel" value=mobile aria-describedby="e-mobile"
                    on:input=move |ev| errors.on_input("mobile", message(MobileNumber::parse(&event_target_value(&ev))))
                    on:change=move |ev| errors.set("mobile", message(MobileNumber::parse(&event_target_value(&ev)))) />
                <FieldMessage id="e-mobile" message=errors.get("mobile") />
            </div>

            <div class="field" class:invalid=move || errors.get("id_number")().is_some()>
                <label for="f-id">"身份证号码（18位）*"</label>
                <input id="f-id" name="form[id_number]" type="text" autocomplete="off"
                    maxlength="22" value=id_number aria-describedby="e-id_number"
                    on:input=move |ev| errors.on_input("id_number", message(IdNumber::parse(&event_target_value(&ev))))
                    on:change=move |ev| errors.set("id_number", message(IdNumber::parse(&event_target_value(&ev)))) />
                <FieldMessage id="e-id_number" message=errors.get("id_number") />
            </div>

            <div class="field" class:invalid=move || errors.get("village")().is_some()>
                <label for="f-village">"所在乡镇和村 *"</label>
                <select id="f-village" name="form[village]" aria-describedby="e-village"
                    on:change=move |ev| errors.set("village", message(parse_village(&event_target_value(&ev))))>
                    <option value="">"请选择乡镇和村"</option>
                    {townships
                        .into_iter()
                        .map(|t| {
                            let selected_village = village.clone();
                            view! {
                                <optgroup label=t.name.clone()>
                                    {t.villages
                                        .into_iter()
                                        .map(|v| {
                                            let selected = v.code == selected_village;
                                            let label = format!("{} · {}", t.name, v.name);
                                            view! { <option value=v.code selected=selected>{label}</option> }
                                        })
                                        .collect_view()}
                                </optgroup>
                            }
                        })
                        .collect_view()}
                </select>
                <FieldMessage id="e-village" message=errors.get("village") />
            </div>

            <div class="field" class:invalid=move || errors.get("group")().is_some()>
                <label for="f-group">"村民小组（选填）"</label>
                <input id="f-group" name="form[group]" type="text" value=group placeholder="如：3组"
                    aria-describedby="e-group"
                    on:input=move |ev| errors.on_input("group", message(parse_group(&event_target_value(&ev))))
                    on:change=move |ev| errors.set("group", message(parse_group(&event_target_value(&ev)))) />
                <FieldMessage id="e-group" message=errors.get("group") />
            </div>

            <div class="field" class:invalid=move || errors.get("household_size")().is_some()>
                <label for="f-size">"家庭人口数 *"</label>
                <input id="f-size" name="form[household_size]" type="number" inputmode="numeric"
                    min="1" max="30" value=household_size aria-describedby="e-household_size"
                    on:input=move |ev| errors.on_input("household_size", message(parse_household_size(&event_target_value(&ev))))
                    on:change=move |ev| errors.set("household_size", message(parse_household_size(&event_target_value(&ev)))) />
                <FieldMessage id="e-household_size" message=errors.get("household_size") />
            </div>

            <fieldset class="field" class:invalid=move || errors.get("risk_types")().is_some()
                aria-describedby="e-risk_types">
                <legend>"遇到了哪些困难（可多选）*"</legend>
                <div class="checks">
                    {RiskType::ALL
                        .iter()
                        .enumerate()
                        .map(|(i, risk)| {
                            let checked = risk_types.iter().any(|c| c == risk.code());
                            view! {
                                <label class="check">
                                    <input type="checkbox" name=format!("form[risk_types][{i}]")
                                        value=risk.code() checked=checked
                                        on:change=move |_| errors.set("risk_types", None) />
                                    <span>{risk.label_zh()}</span>
                                </label>
                            }
                        })
                        .collect_view()}
                </div>
                <FieldMessage id="e-risk_types" message=errors.get("risk_types") />
            </fieldset>

            <div class="field" class:invalid=move || errors.get("description")().is_some()>
                <label for="f-desc">"简单说说情况 *"</label>
                <textarea id="f-desc" name="form[description]" rows="4" maxlength="500"
                    aria-describedby="e-description"
                    on:input=move |ev| errors.on_input("description", message(parse_description(&event_target_value(&ev))))
                    on:change=move |ev| errors.set("description", message(parse_description(&event_target_value(&ev))))>
                    {description}
                </textarea>
                <FieldMessage id="e-description" message=errors.get("description") />
            </div>

            <div class="field consent" class:invalid=move || errors.get("consent")().is_some()>
                <label class="check">
                    <input type="checkbox" name="form[consent]" value="on" checked=!consent.is_empty()
                        aria-describedby="e-consent"
                        on:change=move |_| errors.set("consent", None) />
                    <span>
                        <strong>"承诺授权："</strong>
                        "我承诺所填信息真实；同意有关部门依法核查我家的收入、财产等信息。"
                    </span>
                </label>
                <FieldMessage id="e-consent" message=errors.get("consent") />
            </div>

            <button type="submit" class="button primary big" disabled=move || pending.get()>
                {move || if pending.get() { "正在提交…" } else { "提交申报" }}
            </button>
        </ActionForm>
    }
}
