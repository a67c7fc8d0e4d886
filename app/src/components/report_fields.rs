//! The fields of a report, shared by the household's own form and staff filing for someone
//! (代为申报). Plain HTML inputs named `form[...]`; once hydrated each one is checked with the
//! same parsers the server uses.
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::{
    api::reports::{load_report_draft, new_report_key},
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
    i18n::{use_lang, Lang},
    wire::{regions::TownshipOption, reports::ReportDraft, AppError},
};

/// How the pledge and authorisation (承诺授权) is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Consent {
    /// The household ticks it itself.
    SelfTicked,
    /// A proxy read it aloud and the applicant agreed (staff pages are Chinese only).
    ReadAloud,
    /// A department alert: the household signs at the home check, nobody ticks it now.
    AtHomeCheck,
}

impl Consent {
    /// (title, text) in the page's language.
    fn words(self, lang: Lang) -> (&'static str, &'static str) {
        match self {
            Consent::SelfTicked => lang.pick(
                (
                    "承诺授权：",
                    "我承诺所填信息真实；同意有关部门依法核查我家的收入、财产等信息。",
                ),
                (
                    "Pledge and authorisation: ",
                    "I promise the information is true, and I agree that the authorities may check my family's income and property as the law allows.",
                ),
            ),
            Consent::ReadAloud => (
                "已宣读承诺授权：",
                "已向申请人逐句宣读“所填信息真实；同意有关部门依法核查家庭收入、财产等信息”，申请人表示同意（来电录音留存）。",
            ),
            Consent::AtHomeCheck => (
                "承诺授权：",
                "部门预警无需申请人勾选，入户核查时由农户签署承诺授权书。",
            ),
        }
    }
}

/// The draft named by `?draft=` (a plain form post that came back with problems), or an
/// empty form, with the idempotency key its submission will carry.
pub fn report_draft() -> Resource<ReportDraft> {
    let query = use_query_map();
    Resource::new(
        move || query.read().get("draft"),
        |token| async move {
            let mut draft = match token {
                Some(token) => load_report_draft(token).await.ok().flatten(),
                None => None,
            }
            .unwrap_or_default();
            if draft.form.key.is_empty() {
                draft.form.key = new_report_key().await.unwrap_or_default();
            }
            draft
        },
    )
}

/// Puts a failed submission's field errors beside the fields; returns the banner's error.
pub fn show_submit_errors<T, S>(value: S, errors: FieldErrors) -> RwSignal<Option<AppError>>
where
    T: Clone + Send + Sync + 'static,
    S: Get<Value = Option<Result<T, AppError>>> + Send + Sync + 'static,
{
    let general_error = RwSignal::new(None::<AppError>);
    Effect::new(move |_| {
        if let Some(Err(e)) = value.get() {
            errors.replace_all(e.field_errors());
            general_error.set(match e {
                AppError::Validation(_) => Some(AppError::Validation(Vec::new())),
                other => Some(other),
            });
        }
    });
    general_error
}

/// The banners above a report form: the last submission's error, and the reminder when a
/// plain form post came back with problems.
#[component]
pub fn SubmitBanners(
    error: RwSignal<Option<AppError>>,
    draft_has_errors: bool,
    errors: FieldErrors,
) -> impl IntoView {
    // A refusal about the whole form (e.g. the daily filing limit) says what to do instead.
    let refusal = errors.get(crate::domain::report::FORM_FIELD);
    view! {
        <ErrorBanner error=error />
        {move || refusal().map(|text| view! { <p class="banner error" role="alert">{text}</p> })}
        {draft_has_errors.then(|| view! {
            <p class="banner error" role="alert">{use_lang().pick("有几项没有填好，请按每一项下面的提示改好，再提交。", "Some answers need fixing: follow the note under each one, then send again.")}</p>
        })}
    }
}

/// A field's problem in the page's language, if any.
fn message<T, E: UserMessage>(lang: Lang, result: Result<T, E>) -> Option<&'static str> {
    result.err().map(|e| lang.pick(e.zh(), e.en()))
}

#[component]
pub fn ReportFields(
    form: ReportForm,
    errors: FieldErrors,
    townships: Vec<TownshipOption>,
    consent: Consent,
    /// Called with (ID number, mobile) as they change, e.g. to look for earlier filings.
    #[prop(optional)]
    on_keys: Option<Callback<(String, String)>>,
) -> impl IntoView {
    let ReportForm {
        name,
        mobile,
        id_number,
        village,
        group,
        household_size,
        risk_types,
        description,
        consent: consent_ticked,
        key,
    } = form;
    let keys = RwSignal::new((id_number.clone(), mobile.clone()));
    let changed = move |id: Option<String>, mobile: Option<String>| {
        keys.update(|k| {
            if let Some(id) = id {
                k.0 = id;
            }
            if let Some(mobile) = mobile {
                k.1 = mobile;
            }
        });
        if let Some(callback) = on_keys {
            callback.run(keys.get_untracked());
        }
    };
    let t = errors.lang();
    let (consent_title, consent_text) = consent.words(t);
    view! {
            // Sent again with a retry, so a lost answer or a double tap files once.
            <input type="hidden" name="form[key]" value=key />
            <div class="field" class:invalid=move || errors.get("name")().is_some()>
                <label for="f-name">{t.pick("申请人姓名 *", "Applicant's name *")}</label>
                <input id="f-name" name="form[name]" type="text" autocomplete="name" value=name
                    aria-describedby="e-name"
                    on:input=move |ev| errors.on_input("name", message(t, parse_name(&event_target_value(&ev))))
                    on:change=move |ev| errors.set("name", message(t, parse_name(&event_target_value(&ev)))) />
                <FieldMessage id="e-name" message=errors.get("name") />
            </div>

            <div class="field" class:invalid=move || errors.get("mobile")().is_some()>
                <label for="f-mobile">{t.pick("手机号码 *", "Mobile number *")}</label>
                <input id="f-mobile" name="form[mobile]" type="tel" inputmode="numeric"
                    autocomplete="tel" value=mobile aria-describedby="e-mobile"
                    on:input=move |ev| errors.on_input("mobile", message(t, MobileNumber::parse(&event_target_value(&ev))))
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        errors.set("mobile", message(t, MobileNumber::parse(&value)));
                        changed(None, Some(value));
                    } />
                <FieldMessage id="e-mobile" message=errors.get("mobile") />
            </div>

            <div class="field" class:invalid=move || errors.get("id_number")().is_some()>
                <label for="f-id">{t.pick("身份证号码（18位）*", "ID card number (18 characters) *")}</label>
                <input id="f-id" name="form[id_number]" type="text" autocomplete="off"
                    maxlength="22" value=id_number aria-describedby="e-id_number"
                    on:input=move |ev| errors.on_input("id_number", message(t, IdNumber::parse(&event_target_value(&ev))))
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        errors.set("id_number", message(t, IdNumber::parse(&value)));
                        changed(Some(value), None);
                    } />
                <FieldMessage id="e-id_number" message=errors.get("id_number") />
            </div>

            <div class="field" class:invalid=move || errors.get("village")().is_some()>
                <label for="f-village">{t.pick("所在乡镇和村 *", "Township and village *")}</label>
                <select id="f-village" name="form[village]" aria-describedby="e-village"
                    on:change=move |ev| errors.set("village", message(t, parse_village(&event_target_value(&ev))))>
                    <option value="">{t.pick("请选择乡镇和村", "Choose your township and village")}</option>
                    {townships
                        .into_iter()
                        .map(|township| {
                            let selected_village = village.clone();
                            view! {
                                // Place names are Chinese on every page (read out as such).
                                <optgroup label=township.name.clone() lang="zh-CN">
                                    {township.villages
                                        .into_iter()
                                        .map(|v| {
                                            let selected = v.code == selected_village;
                                            let label = format!("{} · {}", township.name, v.name);
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
                <label for="f-group">{t.pick("村民小组（选填）", "Village group (optional)")}</label>
                <input id="f-group" name="form[group]" type="text" value=group placeholder=t.pick("如：3组", "e.g. 3组")
                    aria-describedby="e-group"
                    on:input=move |ev| errors.on_input("group", message(t, parse_group(&event_target_value(&ev))))
                    on:change=move |ev| errors.set("group", message(t, parse_group(&event_target_value(&ev)))) />
                <FieldMessage id="e-group" message=errors.get("group") />
            </div>

            <div class="field" class:invalid=move || errors.get("household_size")().is_some()>
                <label for="f-size">{t.pick("家庭人口数 *", "People in the household *")}</label>
                <input id="f-size" name="form[household_size]" type="number" inputmode="numeric"
                    min="1" max="30" value=household_size aria-describedby="e-household_size"
                    on:input=move |ev| errors.on_input("household_size", message(t, parse_household_size(&event_target_value(&ev))))
                    on:change=move |ev| errors.set("household_size", message(t, parse_household_size(&event_target_value(&ev)))) />
                <FieldMessage id="e-household_size" message=errors.get("household_size") />
            </div>

            <fieldset class="field" class:invalid=move || errors.get("risk_types")().is_some()
                aria-describedby="e-risk_types">
                <legend>{t.pick("遇到了哪些困难（可多选）*", "What hardship? (choose all that apply) *")}</legend>
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
                                    <span>{crate::domain::wording::risks::plain(*risk, t)}
                                        " "<small class="official">{t.pick(risk.label_zh(), risk.label_en())}</small></span>
                                </label>
                            }
                        })
                        .collect_view()}
                </div>
                <FieldMessage id="e-risk_types" message=errors.get("risk_types") />
            </fieldset>

            <div class="field" class:invalid=move || errors.get("description")().is_some()>
                <label for="f-desc">{t.pick("简单说说情况 *", "Tell us briefly what happened *")}</label>
                <textarea id="f-desc" name="form[description]" rows="4" maxlength="500"
                    aria-describedby="e-description"
                    on:input=move |ev| errors.on_input("description", message(t, parse_description(&event_target_value(&ev))))
                    on:change=move |ev| errors.set("description", message(t, parse_description(&event_target_value(&ev))))>
                    {description}
                </textarea>
                <FieldMessage id="e-description" message=errors.get("description") />
            </div>

            {match consent {
                Consent::AtHomeCheck => view! {
                    <div class="field consent">
                        <input type="hidden" name="form[consent]" value="on" />
                        <p class="hint"><strong>{consent_title}</strong>{consent_text}</p>
                    </div>
                }
                .into_any(),
                Consent::SelfTicked | Consent::ReadAloud => view! {
                    <div class="field consent" class:invalid=move || errors.get("consent")().is_some()>
                        <label class="check">
                            <input type="checkbox" name="form[consent]" value="on" checked=!consent_ticked.is_empty()
                                aria-describedby="e-consent"
                                on:change=move |_| errors.set("consent", None) />
                            <span>
                                <strong>{consent_title}</strong>
                                {consent_text}
                            </span>
                        </label>
                        <FieldMessage id="e-consent" message=errors.get("consent") />
                    </div>
                }
                .into_any(),
            }}

    }
}
