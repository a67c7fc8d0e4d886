//! 政策与节假日 for the county administrator: the monitoring line and deadlines (with the date
//! they take effect), and the working-day calendar (holidays and makeup workdays).
use leptos::prelude::*;

use crate::domain::case::policy_form::DayKind;
use crate::{
    api::settings::{
        current_settings, MarkCalendarYear, RemoveCalendarDay, SaveCalendarDay, SavePolicy,
    },
    components::notice::{first_failure, LoadError},
    i18n::use_lang,
    tr,
    wire::{
        cases::StepTyped,
        settings::{ScheduledPolicy, SettingsView},
        AppError,
    },
};

#[component]
pub fn SettingsPage() -> impl IntoView {
    let t = use_lang();
    let save_policy = ServerAction::<SavePolicy>::new();
    let save_day = ServerAction::<SaveCalendarDay>::new();
    let remove_day = ServerAction::<RemoveCalendarDay>::new();
    let mark_year = ServerAction::<MarkCalendarYear>::new();
    let data = Resource::new(
        move || {
            (
                save_policy.version().get(),
                save_day.version().get(),
                remove_day.version().get(),
                mark_year.version().get(),
            )
        },
        |_| current_settings(),
    );
    // Each refused policy field by its label: "请填写合理的天数" alone did not say which of
    // the twenty fields (officer tester).
    let named = move |error: Option<AppError>| match error {
        Some(AppError::Validation(fields)) => Some(AppError::Validation(
            fields
                .into_iter()
                .map(|mut f| {
                    if let Some(label) = tr::settings::lookup(t, &f.field) {
                        f.message = format!("{label}{}{}", tr::common::colon(t), f.message);
                    }
                    f
                })
                .collect(),
        )),
        other => other,
    };
    let error = move || {
        first_failure(
            t,
            [
                named(save_policy.value().get().and_then(Result::err)),
                save_day.value().get().and_then(Result::err),
                remove_day.value().get().and_then(Result::err),
                mark_year.value().get().and_then(Result::err),
            ],
        )
    };
    // What was done, said after the page comes back (a holiday added or removed without
    // JavaScript came back with no word: officer tester).
    let done = crate::components::notice::done_mark();
    let saved = move || {
        if matches!(save_policy.value().get(), Some(Ok(()))) {
            return Some(tr::settings::policy_saved(t));
        }
        match done.as_str() {
            "saved" => Some(tr::settings::policy_saved(t)),
            "day_saved" => Some(tr::settings::day_saved(t)),
            "day_removed" => Some(tr::settings::day_removed(t)),
            "year_saved" => Some(tr::settings::year_saved(t)),
            "policy_withdrawn" => Some(tr::settings::policy_withdrawn(t)),
            _ => None,
        }
    };
    view! {
        <p><a href="/staff/admin">{tr::staff::back_to_admin(t)}</a></p>
        <h1>{tr::admin::settings(t)}</h1>
        {move || error().map(|e| view! { <p class="banner error" role="alert">{e}</p> })}
        {move || saved().filter(|_| error().is_none()).map(|said| view! {
            <p class="banner ok" role="status">{said}</p>
        })}
        <Suspense fallback=move || view! { <p class="loading">{tr::common::loading(t)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(view) => view! { <SettingsForms view save_policy save_day remove_day mark_year /> }.into_any(),
                    Err(error) => view! { <LoadError error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn SettingsForms(
    view: SettingsView,
    save_policy: ServerAction<SavePolicy>,
    save_day: ServerAction<SaveCalendarDay>,
    remove_day: ServerAction<RemoveCalendarDay>,
    mark_year: ServerAction<MarkCalendarYear>,
) -> impl IntoView {
    let t = use_lang();
    let p = view.policy;
    // Refused without JavaScript, the form comes back as typed (server/src/typed_form.rs): it
    // was drawn from the stored policy and one slip lost every change (admin tester).
    let typed = use_context::<StepTyped>().filter(|t| t.kind == "save_policy");
    let typed_ticked = {
        let typed = typed.clone();
        move |name: &str| typed.as_ref().and_then(|t| t.value(name)).is_some()
    };
    let kept = move |name: &str, stored: String| match &typed {
        Some(t) => t
            .value(&format!("policy[{name}]"))
            .unwrap_or_default()
            .to_owned(),
        None => stored,
    };
    // Each refused field is marked where it is, not only in the banner ~700 px above
    // (officer tester).
    let refused = move |name: &str| match save_policy.value().get_untracked() {
        Some(Err(AppError::Validation(fields))) => fields
            .into_iter()
            .find(|f| f.field == name)
            .map(|f| f.message),
        _ => None,
    };
    let number = {
        let kept = kept.clone();
        move |name: &'static str, label: &'static str, value: String| {
            let value = kept(name, value);
            let problem = refused(name);
            let says = format!("{name}-says");
            let bad = problem.is_some().then_some("true");
            let described = problem.is_some().then(|| says.clone());
            view! {
                <div class="field"><label for=name>{label}</label><input id=name name=format!("policy[{name}]") type="text" inputmode="numeric" value=value aria-invalid=bad aria-describedby=described />
                    {problem.map(|p| view! { <p class="field-error" id=says>{p}</p> })}
                </div>
            }
        }
    };
    let period_rule = kept("period_rule", p.period_rule.clone());
    let effective_from = kept("effective_from", p.effective_from.clone());
    // A refused date was not marked, and a browser shows a date it cannot read as empty
    // (quick tester): the words under it name what was typed.
    let date_problem = refused("effective_from").map(|problem| match effective_from.trim() {
        "" => problem,
        typed => format!("{problem}{}{typed}", tr::common::colon(t)),
    });
    let date_bad = date_problem.is_some().then_some("true");
    let date_described = if date_problem.is_some() {
        "effective-says effective-carried"
    } else {
        "effective-carried"
    };
    let ticked = |name: &str, stored: &String| !kept(name, stored.clone()).is_empty();
    let green_channel = ticked("green_channel", &p.green_channel);
    let notice_parallel_township = ticked("notice_parallel_township", &p.notice_parallel_township);
    let comparison_skippable = ticked("comparison_skippable", &p.comparison_skippable);
    let as_shown = typed_ticked("as_shown");
    let any_scheduled = !view.scheduled.is_empty();
    let years = view
        .known_years
        .iter()
        .map(|y| y.to_string())
        .collect::<Vec<_>>()
        .join(tr::common::list_separator(t));
    view! {
        <section class="card">
            <h2>{tr::settings::policy(t)}</h2>
            <ActionForm action=save_policy>
                <div class="field"><label for="effective_from">{tr::settings::effective_from(t)}</label><input id="effective_from" name="policy[effective_from]" type="date" value=effective_from aria-invalid=date_bad aria-describedby=date_described />
                    {date_problem.map(|p| view! { <p class="field-error" id="effective-says">{p}</p> })}
                    <p class="hint" id="effective-carried">{tr::settings::carried(t)}</p>
                    {any_scheduled.then(|| view! {
                        <label class="check"><input type="checkbox" name="as_shown" value="on" checked=as_shown /><span>{tr::settings::as_shown(t)}</span></label>
                    })}</div>
                {number("income_line", tr::settings::income_line(t), p.income_line)}
                {number("township_acceptance_days", tr::settings::township_acceptance_days(t), p.township_acceptance_days)}
                {number("home_check_days", tr::settings::home_check_days(t), p.home_check_days)}
                {number("identification_days", tr::settings::identification_days(t), p.identification_days)}
                {number("notice_min_days", tr::settings::notice_min_days(t), p.notice_min_days)}
                {number("due_soon_days", tr::settings::due_soon_days(t), p.due_soon_days)}
                {number("refusal_notice_days", tr::settings::refusal_notice_days(t), p.refusal_notice_days)}
                {number("responsible_days", tr::settings::responsible_days(t), p.responsible_days)}
                {number("assistance_months", tr::settings::assistance_months(t), p.assistance_months)}
                {number("visit_red_days", tr::settings::visit_red_days(t), p.visit_red_days)}
                {number("visit_yellow_months", tr::settings::visit_yellow_months(t), p.visit_yellow_months)}
                {number("visit_blue_months", tr::settings::visit_blue_months(t), p.visit_blue_months)}
                {number("elimination_review_days", tr::settings::elimination_review_days(t), p.elimination_review_days)}
                {number("recheck_months", tr::settings::recheck_months(t), p.recheck_months)}
                {number("rigid_spending_warning", tr::settings::rigid_spending_warning(t), p.rigid_spending_warning)}
                {number("sharp_fall_percent", tr::settings::sharp_fall_percent(t), p.sharp_fall_percent)}
                {number("elimination_min_months", tr::settings::elimination_min_months(t), p.elimination_min_months)}
                {number("elimination_min_visits", tr::settings::elimination_min_visits(t), p.elimination_min_visits)}
                <div class="field"><label for="period_rule">{tr::settings::period_rule(t)}</label>
                    <select id="period_rule" name="policy[period_rule]">
                        <option value="on" selected=period_rule == "on">{tr::settings::period_on(t)}</option>
                        <option value="off" selected=period_rule == "off">{tr::settings::period_off(t)}</option>
                    </select>
                </div>
                <label class="check"><input type="checkbox" name="policy[green_channel]" value="on" checked=green_channel /><span>{tr::settings::green_channel(t)}</span></label>
                <label class="check"><input type="checkbox" name="policy[notice_parallel_township]" value="on" checked=notice_parallel_township /><span>{tr::settings::notice_parallel_township(t)}</span></label>
                <label class="check"><input type="checkbox" name="policy[comparison_skippable]" value="on" checked=comparison_skippable /><span>{tr::settings::comparison_skippable(t)}</span></label>
                <fieldset>
                    <legend>{tr::settings::retention(t)}</legend>
                    {number("retention_delivered_days", tr::settings::retention_delivered_days(t), p.retention_delivered_days)}
                    {number("retention_refused_days", tr::settings::retention_refused_days(t), p.retention_refused_days)}
                </fieldset>
                <button type="submit" class="button primary" formaction="/staff/settings">{tr::settings::save_policy(t)}</button>
            </ActionForm>
            <Scheduled versions=view.scheduled.clone() />
        </section>
        <section class="card">
            <h2>{tr::settings::calendar(t)}</h2>
            <p class="muted">{tr::settings::known_years(t, years)}</p>
            <YearMarks known=view.known_years.clone() open=view.open_years.clone() mark_year />
            <ActionForm action=save_day attr:class="inline-form">
                <input type="date" name="day" aria-label=tr::settings::day(t) />
                <select name="kind" aria-label=tr::settings::kind(t)><option value="holiday">{tr::settings::holiday(t)}</option><option value="workday">{tr::settings::workday(t)}</option></select>
                <input type="text" name="name" aria-label=tr::settings::name(t) placeholder=tr::settings::name_example(t) />
                <button type="submit" class="button small">{tr::settings::add(t)}</button>
            </ActionForm>
            <ul class="plain calendar-days">
                {view.days.into_iter().map(|(day, kind, name)| view! {
                    <li>
                        {day.clone()} " "
                        {if kind == DayKind::Holiday.label_zh() { tr::settings::holiday(t) } else { tr::settings::workday(t) }}
                        " " <span lang="zh-CN">{name}</span>
                        <SecondTap label=tr::settings::remove(t).to_owned() note=tr::settings::calendar_change_note(t)>
                            <ActionForm action=remove_day>
                                <input type="hidden" name="day" value=day />
                                <button type="submit" class="button small">{tr::settings::remove_confirm(t)}</button>
                            </ActionForm>
                        </SecondTap>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}

/// A form per year: mark a year with days off listed as entered whole, or withdraw a mark.
#[component]
fn YearMarks(
    known: Vec<i32>,
    open: Vec<(i32, usize)>,
    mark_year: ServerAction<MarkCalendarYear>,
) -> impl IntoView {
    let t = use_lang();
    let form = move |year: i32, complete: bool, label: String| {
        view! {
            <ActionForm action=mark_year attr:class="inline">
                <input type="hidden" name="year" value=year />
                <input type="hidden" name="complete" value=if complete { "on" } else { "" } />
                <button type="submit" class="button small">{label}</button>
            </ActionForm>
        }
    };
    // Withdrawing a mark recounts every deadline of that year: a second tap, saying so
    // (it took one tap: officer tester).
    let unmark = move |year: i32| {
        view! {
            <SecondTap label=tr::settings::unmark_year(t, year) note=tr::settings::calendar_change_note(t)>
                {form(year, false, tr::settings::unmark_confirm(t).to_owned())}
            </SecondTap>
        }
    };
    view! {
        {open.into_iter().map(|(year, count)| view! {
            <p data-testid="open-year">
                {tr::settings::year_open(t, year, count)} " "
                {form(year, true, tr::settings::mark_year(t, year))}
            </p>
        }).collect_view()}
        <div>
            {known.into_iter().map(unmark).collect_view()}
        </div>
    }
}

/// Versions saved for a later date with what each changes, and a plain form that withdraws
/// it behind a second tap (they were listed nowhere and could not be taken back: admin
/// tester; 撤回 took one tap and said nothing of what it undid: quick tester).
#[component]
fn Scheduled(versions: Vec<ScheduledPolicy>) -> impl IntoView {
    use leptos::server_fn::ServerFn;
    let t = use_lang();
    let withdraw_path = crate::api::settings::WithdrawPolicy::PATH;
    (!versions.is_empty()).then(|| {
        view! {
            <div data-testid="scheduled-policies">
                <p>{tr::settings::scheduled(t)}</p>
                <ul class="plain">
                    {versions.into_iter().map(|v| {
                        let date = v.effective_from;
                        let shown = chrono::NaiveDate::parse_from_str(&date, "%Y-%m-%d")
                            .map_or_else(|_| date.clone(), |d| t.date(d));
                        let changes = if v.changes.is_empty() {
                            view! { {tr::settings::scheduled_same(t)} }.into_any()
                        } else {
                            // The county's record, in Chinese like the audit log.
                            view! { <span lang="zh-CN">{v.changes}</span> }.into_any()
                        };
                        view! {
                            <li>
                                {tr::settings::scheduled_from(t, shown)}{tr::common::colon(t)}{changes}
                                <SecondTap label=tr::settings::withdraw(t).to_owned() note=tr::settings::withdraw_note(t)>
                                    <form method="post" action=withdraw_path>
                                        <input type="hidden" name="effective_from" value=date />
                                        <button type="submit" class="button small">{tr::settings::withdraw_confirm(t)}</button>
                                    </form>
                                </SecondTap>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </div>
        }
    })
}

/// A change that recounts or undoes something, behind a second tap: `label` opens it, `note`
/// says what it does, the form in `children` does it (without JavaScript too).
#[component]
fn SecondTap(label: String, note: &'static str, children: Children) -> impl IntoView {
    view! {
        <details class="withdraw">
            <summary>{label}</summary>
            <p class="muted">{note}</p>
            {children()}
        </details>
    }
}
