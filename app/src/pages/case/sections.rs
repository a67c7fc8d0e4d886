use leptos::either::Either;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use super::words::{clock_words, known, message, word, zh_text, Vocab};
use crate::{
    api::cases::{reveal_id_number, RevealIdNumber},
    components::{
        form_post::Posted,
        hydrated::mark_hydrated,
        island_props::{island_props, IslandProps},
        worded::parts,
    },
    domain::{
        case::elimination::continues_after_exit,
        lang::Lang,
        vocab::MeasureType,
        wording::audit::REVEAL_REASONS,
        wording::case_words::consent_words,
        wording::clock_due::due_line,
        wording::iso_day::day_words,
        wording::timeline_words::{actor_words, event_words},
    },
    i18n::use_lang,
    tr,
    wire::cases::{CaseView, ClockView, MemberView, RevealAnswer, TimelineEntry},
    wire::AppError,
};

/// 关系 · 姓名 · 身份证(masked) · 劳动能力 · 状况 · 年收入; the ID part only when recorded.
fn member_line(m: &MemberView, t: Lang) -> impl IntoView {
    let id = (!m.id_masked.is_empty()).then(|| tr::case_page::id_part(t, &m.id_masked));
    view! {
        {word(Vocab::Relation, &m.relation_zh, t)} " · " {zh_text(m.name.clone())} {id} " · "
        {word(Vocab::Labour, &m.labour_zh, t)} " · " {word(Vocab::MemberStatus, &m.status_zh, t)}
        " · " {tr::case_page::yearly_income(t, &m.income)}
    }
}

/// A measure's period ("2026-11-09 至 2027-05-08", as the service words it) in `lang`, its
/// days written as every other date on the page.
pub(super) fn period(text: &str, lang: Lang) -> String {
    match text.split_once(" 至 ") {
        // A one-off (临时救助 paid on a day) read "12月10日 至 12月10日" (tester).
        Some((from, until)) if from == until => day_words(from, lang),
        Some((from, until)) => {
            tr::case_page::from_until(lang, day_words(from, lang), day_words(until, lang))
        }
        None => text.to_owned(),
    }
}

/// The ids of the elements holding each reveal island's values (one case per page).
const REVEAL_PROPS: &str = "reveal-id-props";
const REVEAL_MOBILE_PROPS: &str = "reveal-mobile-props";

/// A reveal island's body: the full ID number or mobile (`what`) shown in place (the server
/// logs each reveal). Without JavaScript the form's post answers with this page, rendered
/// with the reveal's outcome: `full` (the number, in that one response) or `error` (the
/// reason's error). Its values come from `IslandProps` (Leptos props would put serde_json
/// in the WASM).
fn reveal_in_place(props_id: &'static str, what: &'static str) -> impl IntoView {
    let mut props = island_props(props_id);
    let (case_id, masked) = (props.text(), props.text());
    let (full, error) = (props.optional(), props.optional());
    let t = Lang::from_code(&props.text());
    // A refused post without JavaScript: the reason chosen and the words typed, kept.
    let (reason, reason_text) = (props.text(), props.text());
    mark_hydrated();
    let reveal = Posted::<String>::new();
    let form = NodeRef::<leptos::html::Form>::new();
    let _ = reveal_id_number;
    let shown = full.is_some();
    let shown_id = move || match reveal.value.get() {
        Some(Ok(full)) => full,
        _ => full.clone().unwrap_or_else(|| masked.clone()),
    };
    // Once the number is shown, the reason and the button have done their work.
    let revealed = move || shown || matches!(reveal.value.get(), Some(Ok(_)));
    let reveal_error = move || match reveal.value.get() {
        Some(Err(AppError::Validation(errors))) => errors.first().map(|e| message(e, t)),
        Some(Err(_)) => Some(tr::case_page::cannot_view(t).to_owned()),
        Some(Ok(_)) => None,
        None => error.clone(),
    };
    // A mobile shown in full is a number to call: one tap on the officer's phone.
    let number = move || {
        let text = shown_id();
        if what == "mobile" && revealed() {
            Either::Left(view! { <a href=format!("tel:{text}")>{grouped(&text)}</a> })
        } else {
            Either::Right(grouped(&text))
        }
    };
    let testid = if what == "mobile" {
        "mobile-number"
    } else {
        "id-number"
    };
    // Without JavaScript the reveal posts to the case page itself (see step_form.rs).
    let page = format!("/staff/cases/{case_id}?reveal");
    view! {
        <span data-testid=testid>{number}</span>
        <form method="post" action=RevealIdNumber::PATH class="reveal-form" node_ref=form
            on:submit=reveal.on_submit(form) hidden=revealed>
            <input type="hidden" name="case_id" value=case_id />
            <input type="hidden" name="what" value=what />
            <select name="reason" aria-label=tr::case_page::reveal_reason(t)>
                <option value="">{tr::case_page::choose_reason(t)}</option>
                {REVEAL_REASONS.iter().map(|(code, label)| view! {
                    <option value=*code selected=reason == *code>{tr::case_page::reveal_reasons::lookup(t, code).unwrap_or(label)}</option>
                }).collect_view()}
            </select>
            <input type="text" name="reason_text" maxlength="100" value=reason_text aria-label=tr::case_page::other_reason(t) placeholder=tr::case_page::other_reason(t) />
            <button type="submit" class="button small" formaction=page title=tr::case_page::reveal_logged(t)>{tr::case_page::reveal(t)}</button>
        </form>
        {move || reveal_error().map(|e| view! { <span class="field-error" role="alert">{e}</span> })}
    }
}

/// An ID number (6-8-4: place, birth date, serial) or a mobile (3-4-4) that may break only
/// between its groups on a narrow screen, never mid-group; copied, it has no spaces.
fn grouped(number: &str) -> impl IntoView {
    let cuts: &[usize] = match number.chars().count() {
        18 => &[6, 14],
        11 => &[3, 7],
        _ => &[],
    };
    let chars: Vec<char> = number.chars().collect();
    let mut from = 0;
    let mut parts = Vec::new();
    for &cut in cuts.iter().chain(std::iter::once(&chars.len())) {
        parts.push(chars[from..cut].iter().collect::<String>());
        from = cut;
    }
    let last = parts.len() - 1;
    parts
        .into_iter()
        .enumerate()
        .map(|(i, part)| view! { {part} {(i < last).then(|| view! { <wbr /> })} })
        .collect_view()
}

/// The island revealing the full ID number.
// Staff islands: only the staff bundle (`staff-islands`) hydrates them (island_scripts.rs).
#[cfg_attr(any(feature = "ssr", feature = "staff-islands"), island)]
#[cfg_attr(not(any(feature = "ssr", feature = "staff-islands")), component)]
fn RevealId() -> impl IntoView {
    reveal_in_place(REVEAL_PROPS, "id_number")
}

/// The island revealing the full mobile number, as a number to call.
#[cfg_attr(any(feature = "ssr", feature = "staff-islands"), island)]
#[cfg_attr(not(any(feature = "ssr", feature = "staff-islands")), component)]
fn RevealMobile() -> impl IntoView {
    reveal_in_place(REVEAL_MOBILE_PROPS, "mobile")
}

/// A reveal island's values for this case: its outcome when a post without JavaScript asked
/// for `what`, else the masked number alone.
fn reveal_values(
    case_id: &str,
    masked: &str,
    answer: Option<&RevealAnswer>,
    what: &str,
    t: Lang,
) -> Vec<String> {
    let asked = |a: &&RevealAnswer| a.what == what || (a.what.is_empty() && what == "id_number");
    let answer = answer.filter(asked).cloned().unwrap_or_default();
    vec![
        case_id.to_owned(),
        masked.to_owned(),
        answer.full.unwrap_or_default(),
        answer.error.unwrap_or_default(),
        t.code().to_owned(),
        answer.reason,
        answer.reason_text,
    ]
}

#[component]
pub fn HouseholdSummary(case: CaseView) -> impl IntoView {
    // A reveal posted without JavaScript: its outcome, for this case only.
    let answer = use_context::<RevealAnswer>().filter(|a| a.case_id == case.id);
    let t = use_lang();
    let id_values = reveal_values(&case.id, &case.id_masked, answer.as_ref(), "id_number", t);
    let mobile_values = reveal_values(&case.id, &case.mobile_masked, answer.as_ref(), "mobile", t);
    let words = |vocab, list: &[String]| {
        let known: Option<Vec<&str>> = list.iter().map(|w| known(vocab, w, t)).collect();
        match known {
            Some(words) => words.join(tr::common::list_separator(t)).into_any(),
            None => zh_text(list.join("、")),
        }
    };
    let zh = |text: &String| zh_text(text.clone());
    view! {
        <section class="card" aria-label=tr::case_page::household(t)>
            <h2>{tr::case_page::household(t)}</h2>
            <dl>
                <dt>{tr::case_page::applicant(t)}</dt><dd lang="zh-CN">{case.applicant.clone()}</dd>
                <dt>{tr::case_page::id_number(t)}</dt>
                <dd>
                    {if case.may_reveal {
                        view! { <IslandProps id=REVEAL_PROPS values=id_values><RevealId /></IslandProps> }.into_any()
                    } else {
                        view! { <span data-testid="id-number">{case.id_masked.clone()}</span> }.into_any()
                    }}
                </dd>
                {case.group.clone().map(|g| view! { <dt>{tr::case_page::village_group(t)}</dt><dd lang="zh-CN">{g}</dd> })}
                <dt>{tr::case_page::mobile(t)}</dt>
                <dd>
                    {if case.may_reveal {
                        view! { <IslandProps id=REVEAL_MOBILE_PROPS values=mobile_values><RevealMobile /></IslandProps> }.into_any()
                    } else {
                        view! { <span data-testid="mobile-number">{case.mobile_masked.clone()}</span> }.into_any()
                    }}
                </dd>
                <dt>{tr::case_page::household_size(t)}</dt><dd>{case.household_size}</dd>
                <dt>{tr::case_page::risk_types(t)}</dt><dd>{words(Vocab::Risk, &case.risk_types_zh)}</dd>
                <dt>{tr::case_page::channel(t)}</dt><dd>{word(Vocab::Channel, &case.channel_zh, t)}</dd>
                <dt>{tr::case_page::consent(t)}</dt><dd>{consent_words(&case.consent, t).map_or_else(|| zh(&case.consent_zh), parts)}</dd>
                <dt>{tr::case_page::discovered_on(t)}</dt><dd>{day_words(&case.discovered_on, t)}</dd>
                <dt>{tr::case_page::description(t)}</dt><dd lang="zh-CN">{case.description.clone()}</dd>
                {case.category_zh.clone().map(|c| view! { <dt>{tr::case_page::category(t)}</dt><dd>{word(Vocab::Category, &c, t)}</dd> })}
                {case.tier_zh.clone().map(|tier| view! { <dt>{tr::case_page::tier(t)}</dt><dd>{word(Vocab::Tier, &tier, t)}</dd> })}
                {case.responsible.clone().map(|r| view! { <dt>{tr::case_page::responsible(t)}</dt><dd lang="zh-CN">{r}</dd> })}
                {case.formerly_poor.map(|f| view! { <dt>{tr::case_page::formerly_poor(t)}</dt><dd>{if f { tr::case_page::yes(t) } else { tr::case_page::no(t) }}</dd> })}
                {case.per_capita_income.clone().map(|i| view! { <dt>{tr::case_page::per_capita_income(t)}</dt><dd>{i}</dd> })}
                {case.previous_income.clone().map(|i| view! { <dt>{tr::case_page::previous_income(t)}</dt><dd>{i}</dd> })}
                {case.rigid_expenditure.clone().map(|r| view! { <dt>{tr::case_page::rigid_expenditure(t)}</dt><dd>{r}</dd> })}
                {case.per_capita_net_income.clone().map(|i| view! { <dt>{tr::case_page::per_capita_net_income(t)}</dt><dd>{i}</dd> })}
                {case.green_channel.then(|| view! { <dt>{tr::case_page::green_channel(t)}</dt><dd>{tr::case_page::green_channel_open(t)}</dd> })}
            </dl>
            {(!case.members.is_empty()).then(|| view! {
                <h3>{tr::case_page::members(t)}</h3>
                <ul class="plain">
                    {case.members.iter().map(|m| view! {
                        <li>{member_line(m, t)}</li>
                    }).collect_view()}
                </ul>
            })}
            {(!case.guarantees_zh.is_empty()).then(|| view! {
                <h3>{tr::case_page::guarantees(t)}</h3>
                <ul class="guarantees">
                    {case.guarantees_zh.iter().map(|(label, ok)| view! {
                        <li class:bad=!*ok>
                            {word(Vocab::Guarantee, label, t)} {tr::common::colon(t)}
                            {if *ok { tr::case_page::secured(t) } else { tr::case_page::at_risk(t) }}
                        </li>
                    }).collect_view()}
                </ul>
            })}
            {(!case.measures.is_empty()).then(|| view! {
                <h3 id="measures">{tr::case_page::measures(t)}</h3>
                <ol>
                    {case.measures.iter().map(|m| view! {
                        <li>
                            {word(Vocab::Measure, &m.type_zh, t)} {tr::case_page::paren_open(t)}
                            <span lang="zh-CN">{m.department.clone()}</span> {tr::case_page::paren_close(t)}
                            {(!m.amount.is_empty()).then(|| format!("{} · ", m.amount))}
                            {format!("{} · ", period(&m.period, t))} {word(Vocab::MeasureStatus, &m.status_zh, t)}
                            {m.started_on.as_deref().map(|day| view! {
                                <span data-testid="started-on">{tr::case_page::started_on(t, day_words(day, t))}</span>
                            })}
                            {m.holds_back_elimination.then(|| view! {
                                <strong class="bad" data-testid="holds-back">{if m.may_run_on {
                                    tr::case_page::holds_back_until_started(t)
                                } else {
                                    tr::case_page::holds_back_elimination(t)
                                }}</strong>
                            })}
                            {m.update_due_on.as_deref().map(|day| {
                                // Past, it says so in words, not only in red (a lapsed date
                                // read as any other: officer tester); the first due says in
                                // full what to do, the others only their day.
                                let late = case.today.as_str() > day;
                                let words = day_words(day, t);
                                let text = if late {
                                    tr::case_page::update_due_passed(t, words)
                                } else if m.update_due_first {
                                    tr::case_page::update_due(t, words)
                                } else {
                                    tr::case_page::update_due_short(t, words)
                                };
                                view! {
                                    <strong class:bad=late || case.today.as_str() == day data-testid="update-due">{text}</strong>
                                }
                            })}
                            {(!m.overlaps.is_empty()).then(|| {
                                let earlier = m.overlaps.iter().map(usize::to_string).collect::<Vec<_>>().join(tr::common::list_separator(t));
                                let text = if m.overlap_withdrawable {
                                    tr::case_page::measure_overlaps(t, earlier)
                                } else {
                                    tr::case_page::measure_overlaps_started(t, earlier)
                                };
                                view! { <strong class="bad" data-testid="overlaps">{text}</strong> }
                            })}
                        </li>
                    }).collect_view()}
                </ol>
                // Why one measure under way is marked and another not (tester).
                {case.measures.iter().any(|m| m.holds_back_elimination).then(|| {
                    let run_on: Vec<String> = MeasureType::ALL
                        .iter()
                        .filter(|m| continues_after_exit(**m))
                        .map(|m| m.label_zh().to_owned())
                        .collect();
                    view! {
                        <p class="hint" data-testid="may-run-on">
                            {tr::case_page::may_run_on(t)}{words(Vocab::Measure, &run_on)}
                        </p>
                    }
                })}
            })}
            // Which risk still has no measure: the elimination would be refused for it.
            {(!case.risks_unanswered_zh.is_empty()).then(|| view! {
                <p class="bad" data-testid="risks-unanswered">
                    {tr::case_page::risks_unanswered(t)}{words(Vocab::Risk, &case.risks_unanswered_zh)}
                </p>
            })}
            {(!case.guarantees_unanswered_zh.is_empty()).then(|| view! {
                <p class="bad" data-testid="guarantees-unanswered">
                    {tr::case_page::guarantees_unanswered(t)}{words(Vocab::Guarantee, &case.guarantees_unanswered_zh)}
                </p>
            })}
        </section>
    }
}

#[component]
pub fn ClockList(
    clocks: Vec<ClockView>,
    /// Extension requests awaiting approval: each shown under its clock.
    pending: Vec<crate::wire::cases::PendingExtension>,
) -> impl IntoView {
    let t = use_lang();
    // Settled clocks apart: a met 监测回访 beside the next one, both with the same date, read
    // as a duplicate (tester).
    let (done, mut running): (Vec<_>, Vec<_>) = clocks
        .into_iter()
        .partition(|c| c.time_left.is_some_and(|left| left.is_settled()));
    // The next deadline first (a 130-day one sat above a 5-day one, tester); ISO dates sort.
    running.sort_by(|a, b| a.due_on.cmp(&b.due_on));
    let item = move |c: ClockView| {
        let class = format!("clock {}", c.urgency.code().replace('_', "-"));
        let due = due_line(c.is_minimum, &day_words(&c.due_on, t), t);
        let words = clock_words(&c, t);
        let ended = c.ended_on.as_deref().map(|on| {
            let (open, close) = (tr::case_page::paren_open(t), tr::case_page::paren_close(t));
            format!("{open}{}{close}", day_words(on, t))
        });
        let late = c.after_limit.as_deref().map(|limit| {
            let line = tr::case_page::after_limit(t, day_words(limit, t));
            view! { <br /><span class="due" data-testid="after-limit">{line}</span> }
        });
        let cannot = c.cannot_meet.then(|| view! {
            <br /><span class="due" data-testid="cannot-meet">{tr::case_page::cannot_meet(t)}</span>
        });
        let asked = pending.iter().find(|r| r.clock == c.kind).map(|r| {
            let line = tr::case_page::extension_pending_line(t, r.days, t.date(r.new_due));
            view! { <br /><span class="muted">{line}</span> }
        });
        view! {
            <li class=class>
                <strong>{words.kind}</strong>
                <span class="muted">" · " {words.owner} " · " <span class="nowrap">{due}</span> " · "</span>
                <span class="due">{words.time_left}{ended}</span>
                {late}
                {cannot}
                {asked}
            </li>
        }
    };
    let settled = (!done.is_empty()).then(|| {
        let summary = tr::case_page::clocks_settled(t, done.len());
        let items = done.into_iter().map(item.clone()).collect_view();
        view! {
            <details class="clocks-settled" data-testid="clocks-settled">
                <summary>{summary}</summary>
                <ul class="clocks">{items}</ul>
            </details>
        }
    });
    view! {
        <section class="card" aria-label=tr::case_page::clocks_label(t)>
            <h2>{tr::case_page::clocks(t)}</h2>
            <ul class="clocks" data-testid="clocks-running">{running.into_iter().map(item).collect_view()}</ul>
            {settled}
        </section>
    }
}

#[component]
pub fn Timeline(entries: Vec<TimelineEntry>) -> impl IntoView {
    let t = use_lang();
    view! {
        <section class="card" aria-label=tr::case_page::timeline_label(t)>
            <h2>{tr::case_page::timeline_label(t)}</h2>
            <ol class="timeline">
                {entries.into_iter().map(|e| {
                    // Worded from codes; a code this page does not know shows the stored Chinese.
                    let who = actor_words(&e.by_role, e.by_name.as_deref(), t)
                        .map_or_else(|| zh_text(e.who), parts);
                    let what = match event_words(&e.what, t) {
                        Some(words) => view! { <div>{parts(words)}</div> }.into_any(),
                        None => view! { <div lang="zh-CN">{e.what_zh}</div> }.into_any(),
                    };
                    let of_elimination = e.of_elimination
                        .then(|| view! { " · " <span class="tag">{tr::case_page::of_elimination(t)}</span> });
                    view! {
                        <li>
                            <span class="muted">{day_words(&e.at, t)} " · " {who}</span>
                            {of_elimination}
                            {what}
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
}
