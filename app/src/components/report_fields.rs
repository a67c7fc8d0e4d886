//! The fields of a report, shared by the household's own form and staff filing for someone
//! (代为申报). Plain HTML inputs named `form[...]`; once hydrated each one is checked with the
//! same parsers the server uses.
use leptos::{either::Either, prelude::*};
use leptos_router::hooks::use_query_map;

use crate::{
    api::reports::{load_report_draft, new_report_key},
    components::{
        field_errors::{FieldErrors, FieldMessage},
        textarea_text::textarea_text,
    },
    domain::{
        id_number::IdNumber,
        message::UserMessage,
        mobile::MobileNumber,
        report::{
            parse_description, parse_group, parse_household_size, parse_name, parse_village,
            ReportForm, FORM_FIELD,
        },
        vocab::RiskType,
    },
    i18n::{use_lang, Lang},
    tr,
    wire::{reports::ReportDraft, AppError},
};

/// How the pledge and authorisation (承诺授权) is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Consent {
    /// The household ticks it itself.
    SelfTicked,
    /// A proxy read it aloud and the applicant agreed.
    ReadAloud,
    /// A department alert: the household signs at the home check, nobody ticks it now.
    AtHomeCheck,
}

impl Consent {
    /// (title, text) in the page's language.
    fn words(self, lang: Lang) -> (&'static str, &'static str) {
        match self {
            Consent::SelfTicked => (tr::consent::self_title(lang), tr::consent::self_text(lang)),
            Consent::ReadAloud => (tr::consent::read_title(lang), tr::consent::read_text(lang)),
            Consent::AtHomeCheck => (tr::consent::home_title(lang), tr::consent::home_text(lang)),
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

/// Puts a failed submission's field errors beside the fields; returns the banner's error:
/// `Validation` (empty) when fields are in error, nothing for a refusal about the whole form
/// (it shows its own words), otherwise the error itself.
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
                AppError::Validation(fields) if has_field_errors(&fields) => {
                    Some(AppError::Validation(Vec::new()))
                }
                AppError::Validation(_) => None,
                other => Some(other),
            });
        }
    });
    general_error
}

/// Whether any error belongs to a field (not to the whole form, like the daily limit).
fn has_field_errors(errors: &[crate::wire::FieldError]) -> bool {
    errors.iter().any(|e| e.field != FORM_FIELD)
}

/// The banners above a report form: "fix the fields" when fields are in error, a refusal about
/// the whole form in its own words (e.g. the daily limit names 12317), any other error. The
/// same with and without JavaScript. Focus moves here after a failed submission (`autofocus`
/// on a page that came back with problems), so a screen reader reads it first.
#[component]
pub fn SubmitBanners(
    error: RwSignal<Option<AppError>>,
    draft_has_errors: bool,
    errors: FieldErrors,
) -> impl IntoView {
    let t = use_lang();
    let refusal = errors.get(FORM_FIELD);
    if draft_has_errors && errors.has_other_than(FORM_FIELD) {
        error.set(Some(AppError::Validation(Vec::new())));
    }
    let summary = NodeRef::<leptos::html::Div>::new();
    // Every failed submission sets `error` (to None for a refusal about the whole form): each
    // run after the first is one.
    Effect::new(move |before: Option<()>| {
        error.track();
        if before.is_some() {
            if let Some(summary) = summary.get_untracked() {
                let _ = summary.focus();
            }
        }
    });
    view! {
        <div id="form-summary" class="form-summary" tabindex="-1" node_ref=summary
            autofocus=draft_has_errors>
            {move || error.get().and_then(|e| {
                let text = match e {
                    // The kept draft's own line says it was not sent and will be sent when the
                    // network is back; a second, red line said to check the network.
                    AppError::Transport => return None,
                    AppError::Validation(_) => fields_to_fix(errors, t),
                    // A refusal about the whole request (a form too large) carries its own
                    // words, in the page's language: what to shorten, whom to call.
                    AppError::Refused(reason) if !reason.message.is_empty() => reason.message,
                    other => other.text(t).to_owned(),
                };
                Some(view! { <p class="banner error" role="alert">{text}</p> })
            })}
            {move || refusal().map(|text| view! { <p class="banner error" role="alert">{text}</p> })}
        </div>
    }
}

/// The fields in error, by their labels in the form's order: the summary said only "follow
/// the note under each one", and a long form hid which (household tester). Said in the
/// summary's one line: a list of links cost the household's WASM 2.9 KB.
fn fields_to_fix(errors: FieldErrors, t: Lang) -> String {
    const FIELDS: [&str; 9] = [
        "name",
        "mobile",
        "id_number",
        "village",
        "group",
        "household_size",
        "risk_types",
        "description",
        "consent",
    ];
    // Pushed one by one, labels cut with single-character patterns: `join` and a trim by a
    // set of characters each added to the WASM. A label's own hint ("（18位）") is left out:
    // brackets inside the summary's brackets read badly (household tester).
    let mut named = String::new();
    for field in FIELDS
        .into_iter()
        .filter(|field| errors.get(field)().is_some())
    {
        if !named.is_empty() {
            named.push_str(tr::common::list_separator(t));
        }
        let label = field_label(field, t);
        let label = label.split('（').next().unwrap_or(label);
        let label = label.split('(').next().unwrap_or(label);
        let label = label.trim_end_matches('*').trim_end();
        let cut = label.strip_suffix('：').or(label.strip_suffix(':'));
        named.push_str(cut.unwrap_or(label));
    }
    if named.is_empty() {
        return tr::report_form::all_fixed(t).to_owned();
    }
    tr::report_form::fix_these(t, named)
}

fn field_label(field: &str, t: Lang) -> &'static str {
    match field {
        "name" => tr::report_form::name(t),
        "mobile" => tr::report_form::mobile(t),
        "id_number" => tr::report_form::id_number(t),
        "village" => tr::report_form::village(t),
        "group" => tr::report_form::group(t),
        "household_size" => tr::report_form::size(t),
        "risk_types" => tr::report_form::hardship(t),
        "description" => tr::report_form::description(t),
        _ => tr::consent::self_title(t),
    }
}

/// `aria-invalid="true"` while `field` has a message (no attribute otherwise).
fn invalid(
    errors: FieldErrors,
    field: &'static str,
) -> impl Fn() -> Option<&'static str> + Copy + Send + Sync + 'static {
    let message = errors.get(field);
    move || message().map(|_| "true")
}

/// A field's problem in the page's language, if any.
fn message<T, E: UserMessage>(lang: Lang, result: Result<T, E>) -> Option<&'static str> {
    // The error's own text (not `text_in`'s table of every field error: the WASM stays small).
    result.err().map(|e| e.text(lang))
}

#[component]
pub fn ReportFields(
    form: ReportForm,
    errors: FieldErrors,
    /// The `<option>`s of the village choice, as HTML written by the server
    /// (`components::village_options`).
    village_options: String,
    consent: Consent,
    /// Called with (ID number, mobile) as they change, e.g. to look for earlier filings.
    #[prop(optional)]
    on_keys: Option<Callback<(String, String)>>,
) -> impl IntoView {
    let ReportForm {
        name,
        mobile,
        id_number,
        // Marked `selected` in `village_options`.
        village: _,
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
                <label for="f-name">{tr::report_form::name(t)}</label>
                <input id="f-name" name="form[name]" type="text" autocomplete="name" value=name
                    aria-describedby="e-name" aria-invalid=invalid(errors, "name")
                    on:input=move |ev| errors.on_input("name", message(t, parse_name(&event_target_value(&ev))))
                    on:change=move |ev| errors.set("name", message(t, parse_name(&event_target_value(&ev)))) />
                <FieldMessage id="e-name" message=errors.get("name") />
            </div>

            <div class="field" class:invalid=move || errors.get("mobile")().is_some()>
                <label for="f-mobile">{tr::report_form::mobile(t)}</label>
                <input id="f-mobile" name="form[mobile]" type="tel" inputmode="numeric"
                    autocomplete="tel" value=mobile aria-describedby="e-mobile" aria-invalid=invalid(errors, "mobile")
                    on:input=move |ev| errors.on_input("mobile", message(t, MobileNumber::parse(&event_target_value(&ev))))
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        errors.set("mobile", message(t, MobileNumber::parse(&value)));
                        changed(None, Some(value));
                    } />
                <FieldMessage id="e-mobile" message=errors.get("mobile") />
            </div>

            <div class="field" class:invalid=move || errors.get("id_number")().is_some()>
                <label for="f-id">{tr::report_form::id_number(t)}</label>
                <input id="f-id" name="form[id_number]" type="text" autocomplete="off"
                    maxlength="22" value=id_number aria-describedby="e-id_number" aria-invalid=invalid(errors, "id_number")
                    on:input=move |ev| errors.on_input("id_number", message(t, IdNumber::parse(&event_target_value(&ev))))
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        errors.set("id_number", message(t, IdNumber::parse(&value)));
                        changed(Some(value), None);
                    } />
                <FieldMessage id="e-id_number" message=errors.get("id_number") />
            </div>

            <div class="field" class:invalid=move || errors.get("village")().is_some()>
                <label for="f-village">{tr::report_form::village(t)}</label>
                <select id="f-village" name="form[village]" aria-describedby="e-village" aria-invalid=invalid(errors, "village")
                    inner_html=village_options
                    on:change=move |ev| errors.set("village", message(t, parse_village(&event_target_value(&ev))))>
                </select>
                <FieldMessage id="e-village" message=errors.get("village") />
            </div>

            <div class="field" class:invalid=move || errors.get("group")().is_some()>
                <label for="f-group">{tr::report_form::group(t)}</label>
                <input id="f-group" name="form[group]" type="text" value=group placeholder=tr::report_form::group_example(t)
                    aria-describedby="e-group" aria-invalid=invalid(errors, "group")
                    on:input=move |ev| errors.on_input("group", message(t, parse_group(&event_target_value(&ev))))
                    on:change=move |ev| errors.set("group", message(t, parse_group(&event_target_value(&ev)))) />
                <FieldMessage id="e-group" message=errors.get("group") />
            </div>

            <div class="field" class:invalid=move || errors.get("household_size")().is_some()>
                <label for="f-size">{tr::report_form::size(t)}</label>
                <input id="f-size" name="form[household_size]" type="number" inputmode="numeric"
                    min="1" max="30" value=household_size aria-describedby="e-household_size" aria-invalid=invalid(errors, "household_size")
                    on:input=move |ev| errors.on_input("household_size", message(t, parse_household_size(&event_target_value(&ev))))
                    on:change=move |ev| errors.set("household_size", message(t, parse_household_size(&event_target_value(&ev)))) />
                <FieldMessage id="e-household_size" message=errors.get("household_size") />
            </div>

            <fieldset class="field" class:invalid=move || errors.get("risk_types")().is_some()
                aria-describedby="e-risk_types">
                <legend>{tr::report_form::hardship(t)}</legend>
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
                                        aria-invalid=invalid(errors, "risk_types")
                                        on:change=move |_| errors.set("risk_types", None) />
                                    <span>{crate::domain::wording::risks::plain(*risk, t)}
                                        " "<small class="official">{risk.label(t)}</small></span>
                                </label>
                            }
                        })
                        .collect_view()}
                </div>
                <FieldMessage id="e-risk_types" message=errors.get("risk_types") />
            </fieldset>

            <div class="field" class:invalid=move || errors.get("description")().is_some()>
                <label for="f-desc">{tr::report_form::description(t)}</label>
                <textarea id="f-desc" name="form[description]" rows="4" maxlength="500"
                    aria-describedby="e-description" aria-invalid=invalid(errors, "description")
                    on:input=move |ev| errors.on_input("description", message(t, parse_description(&event_target_value(&ev))))
                    on:change=move |ev| errors.set("description", message(t, parse_description(&event_target_value(&ev))))>
                    {textarea_text(&description)}
                </textarea>
                <FieldMessage id="e-description" message=errors.get("description") />
            </div>

            // `Either`, not `into_any()`: a type-erased view brings its async-hydration code
            // into the WASM.
            {match consent {
                Consent::AtHomeCheck => Either::Left(view! {
                    <div class="field consent">
                        <input type="hidden" name="form[consent]" value="on" />
                        <p class="hint"><strong>{consent_title}</strong>{consent_text}</p>
                    </div>
                }),
                Consent::SelfTicked | Consent::ReadAloud => Either::Right(view! {
                    <div class="field consent" class:invalid=move || errors.get("consent")().is_some()>
                        <label class="check">
                            <input type="checkbox" name="form[consent]" value="on" checked=!consent_ticked.is_empty()
                                aria-describedby="e-consent" aria-invalid=invalid(errors, "consent")
                                on:change=move |_| errors.set("consent", None) />
                            <span>
                                <strong>{consent_title}</strong>
                                {consent_text}
                            </span>
                        </label>
                        <FieldMessage id="e-consent" message=errors.get("consent") />
                    </div>
                }),
            }}

    }
}
