use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use crate::{
    api::cases::{reveal_id_number, RevealIdNumber},
    components::{form_post::Posted, hydrated::mark_hydrated},
    domain::{lang::Lang, wording::audit::REVEAL_REASONS, wording::clock_due::due_line},
    wire::cases::{CaseView, ClockView, MemberView, RevealAnswer, TimelineEntry},
    wire::AppError,
};

/// 关系 · 姓名 · 身份证(masked) · 劳动能力 · 状况 · 年收入; the ID part only when recorded.
fn member_line(m: &MemberView) -> String {
    let id = if m.id_masked.is_empty() {
        String::new()
    } else {
        format!(" · 身份证{}", m.id_masked)
    };
    format!(
        "{} · {}{} · {} · {} · 年收入{}",
        m.relation_zh, m.name, id, m.labour_zh, m.status_zh, m.income
    )
}

/// The island: the full ID number shown in place (the server logs each reveal).
/// Without JavaScript the form's post answers with this page, rendered with the reveal's
/// outcome: `full` (the ID number, in that one response) or `error` (the reason's error).
#[island]
fn RevealId(
    case_id: String,
    masked: String,
    full: Option<String>,
    error: Option<String>,
) -> impl IntoView {
    mark_hydrated();
    let reveal = Posted::<String>::new();
    let form = NodeRef::<leptos::html::Form>::new();
    let _ = reveal_id_number;
    let shown_id = move || match reveal.value.get() {
        Some(Ok(full)) => full,
        _ => full.clone().unwrap_or_else(|| masked.clone()),
    };
    let reveal_error = move || match reveal.value.get() {
        Some(Err(AppError::Validation(errors))) => errors.first().map(|e| e.zh.clone()),
        Some(Err(_)) => Some("无法查看".to_owned()),
        Some(Ok(_)) => None,
        None => error.clone(),
    };
    // Without JavaScript the reveal posts to the case page itself (see step_form.rs).
    let page = format!("/staff/cases/{case_id}?reveal");
    view! {
        <span data-testid="id-number">{shown_id}</span>
        <form method="post" action=RevealIdNumber::PATH class="inline" node_ref=form
            on:submit=reveal.on_submit(form)>
            <input type="hidden" name="case_id" value=case_id />
            <select name="reason" aria-label="查看原因">
                <option value="">"选择原因"</option>
                {REVEAL_REASONS.iter().map(|(code, label)| view! {
                    <option value=*code>{*label}</option>
                }).collect_view()}
            </select>
            <input type="text" name="reason_text" maxlength="100" aria-label="其他原因" placeholder="其他原因" />
            <button type="submit" class="button small" formaction=page title="查看完整号码会被记录">"查看"</button>
        </form>
        {move || reveal_error().map(|e| view! { <span class="field-error" role="alert">{e}</span> })}
    }
}

#[component]
pub fn HouseholdSummary(case: CaseView) -> impl IntoView {
    // A reveal posted without JavaScript: its outcome, for this case only.
    let answer = use_context::<RevealAnswer>().filter(|a| a.case_id == case.id);
    let (full, error) = answer.map(|a| (a.full, a.error_zh)).unwrap_or_default();
    view! {
        <section class="card" aria-label="家庭情况">
            <h2>"家庭情况"</h2>
            <dl>
                <dt>"申请人"</dt><dd>{case.applicant.clone()}</dd>
                <dt>"身份证号"</dt>
                <dd><RevealId case_id=case.id.clone() masked=case.id_masked.clone() full error /></dd>
                {case.group.clone().map(|g| view! { <dt>"村民小组"</dt><dd>{g}</dd> })}
                <dt>"手机"</dt><dd>{case.mobile_masked.clone()}</dd>
                <dt>"家庭人口"</dt><dd>{case.household_size}</dd>
                <dt>"困难类型"</dt><dd>{case.risk_types_zh.join("、")}</dd>
                <dt>"发现渠道"</dt><dd>{case.channel_zh.clone()}</dd>
                <dt>"承诺授权"</dt><dd>{case.consent_zh.clone()}</dd>
                <dt>"发现日期"</dt><dd>{case.discovered_on.clone()}</dd>
                <dt>"情况说明"</dt><dd>{case.description.clone()}</dd>
                {case.category_zh.clone().map(|c| view! { <dt>"监测类别"</dt><dd>{c}</dd> })}
                {case.tier_zh.clone().map(|t| view! { <dt>"风险等级"</dt><dd>{t}</dd> })}
                {case.responsible.clone().map(|r| view! { <dt>"帮扶责任人"</dt><dd>{r}</dd> })}
                {case.formerly_poor.map(|f| view! { <dt>"建档立卡脱贫户"</dt><dd>{if f { "是" } else { "否" }}</dd> })}
                {case.per_capita_income.clone().map(|i| view! { <dt>"人均纯收入"</dt><dd>{i}</dd> })}
                {case.previous_income.clone().map(|i| view! { <dt>"上一年度家庭纯收入"</dt><dd>{i}</dd> })}
                {case.rigid_expenditure.clone().map(|r| view! { <dt>"大额刚性支出"</dt><dd>{r}</dd> })}
                {case.per_capita_net_income.clone().map(|i| view! { <dt>"扣除刚性支出后人均纯收入"</dt><dd>{i}</dd> })}
                {case.green_channel.then(|| view! { <dt>"绿色通道"</dt><dd>"已开通（先帮扶后公示）"</dd> })}
            </dl>
            {(!case.members.is_empty()).then(|| view! {
                <h3>"家庭成员"</h3>
                <ul class="plain">
                    {case.members.iter().map(|m| view! {
                        <li>{member_line(m)}</li>
                    }).collect_view()}
                </ul>
            })}
            {(!case.guarantees_zh.is_empty()).then(|| view! {
                <h3>"两不愁三保障及饮水安全"</h3>
                <ul class="guarantees">
                    {case.guarantees_zh.iter().map(|(label, ok)| view! {
                        <li class:bad=!*ok>{format!("{}：{}", label, if *ok { "有保障" } else { "有风险" })}</li>
                    }).collect_view()}
                </ul>
            })}
            {(!case.measures.is_empty()).then(|| view! {
                <h3>"帮扶措施"</h3>
                <ol>
                    {case.measures.iter().map(|m| view! {
                        <li>{format!("{}（{}）{} · {} · {}", m.type_zh, m.department, m.amount, m.period, m.status_zh)}</li>
                    }).collect_view()}
                </ol>
            })}
        </section>
    }
}

#[component]
pub fn ClockList(clocks: Vec<ClockView>) -> impl IntoView {
    view! {
        <section class="card" aria-label="时限">
            <h2>"办理时限"</h2>
            <ul class="clocks">
                {clocks.into_iter().map(|c| {
                    let class = format!("clock {}", c.urgency.code().replace('_', "-"));
                    let due = due_line(c.is_minimum, &c.due_on, Lang::Zh);
                    view! {
                        <li class=class>
                            <strong>{c.kind_zh}</strong>
                            <span class="muted">{format!(" · {} · {due}", c.owner_zh)}</span>
                            <span class="due">{c.time_left_zh}</span>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
pub fn Timeline(entries: Vec<TimelineEntry>) -> impl IntoView {
    view! {
        <section class="card" aria-label="办理记录">
            <h2>"办理记录"</h2>
            <ol class="timeline">
                {entries.into_iter().map(|e| view! {
                    <li>
                        <span class="muted">{e.at} " · " {e.who}</span>
                        <div>{e.what_zh}</div>
                    </li>
                }).collect_view()}
            </ol>
        </section>
    }
}
