//! 政策与节假日 for the county administrator: the monitoring line and deadlines (with the date
//! they take effect), and the working-day calendar (holidays and makeup workdays).
use leptos::prelude::*;

use crate::{
    api::settings::{current_settings, RemoveCalendarDay, SaveCalendarDay, SavePolicy},
    components::notice::{first_failure, LoadError},
    wire::settings::SettingsView,
};

#[component]
pub fn SettingsPage() -> impl IntoView {
    let save_policy = ServerAction::<SavePolicy>::new();
    let save_day = ServerAction::<SaveCalendarDay>::new();
    let remove_day = ServerAction::<RemoveCalendarDay>::new();
    let data = Resource::new(
        move || {
            (
                save_policy.version().get(),
                save_day.version().get(),
                remove_day.version().get(),
            )
        },
        |_| current_settings(),
    );
    let error = move || {
        first_failure([
            save_policy.value().get().and_then(Result::err),
            save_day.value().get().and_then(Result::err),
            remove_day.value().get().and_then(Result::err),
        ])
    };
    view! {
        <p><a href="/staff/admin">"← 账号管理"</a></p>
        <h1>"政策与节假日"</h1>
        {move || error().map(|e| view! { <p class="banner error" role="alert">{e}</p> })}
        <Suspense fallback=|| view! { <p class="loading">"正在加载…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(view) => view! { <SettingsForms view save_policy save_day remove_day /> }.into_any(),
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
) -> impl IntoView {
    let p = view.policy;
    let number = |name: &'static str, label: &'static str, value: String| {
        view! {
            <div class="field"><label for=name>{label}</label><input id=name name=format!("policy[{name}]") type="text" inputmode="numeric" value=value /></div>
        }
    };
    let years = view
        .known_years
        .iter()
        .map(|y| y.to_string())
        .collect::<Vec<_>>()
        .join("、");
    view! {
        <section class="card">
            <h2>"监测政策"</h2>
            <ActionForm action=save_policy>
                <div class="field"><label for="effective_from">"生效日期"</label><input id="effective_from" name="policy[effective_from]" type="date" value=p.effective_from /></div>
                {number("income_line", "监测收入标准（元/人·年）", p.income_line)}
                {number("township_acceptance_days", "乡镇受理时限（工作日）", p.township_acceptance_days)}
                {number("home_check_days", "入户核查时限（工作日）", p.home_check_days)}
                {number("identification_days", "发现到认定时限（天）", p.identification_days)}
                {number("notice_min_days", "公示不少于（天，至少5）", p.notice_min_days)}
                {number("due_soon_days", "提前提醒（工作日）", p.due_soon_days)}
                {number("refusal_notice_days", "不予纳入告知农户（工作日）", p.refusal_notice_days)}
                {number("responsible_days", "认定后明确帮扶责任人（天）", p.responsible_days)}
                {number("assistance_months", "认定后落实帮扶措施（月）", p.assistance_months)}
                {number("visit_red_days", "红色风险户走访间隔（天）", p.visit_red_days)}
                {number("visit_yellow_months", "黄色风险户走访间隔（月）", p.visit_yellow_months)}
                {number("visit_blue_months", "蓝色风险户走访间隔（月）", p.visit_blue_months)}
                {number("elimination_review_days", "风险消除提出到县级审定（天）", p.elimination_review_days)}
                {number("recheck_months", "风险消除户回访间隔（月）", p.recheck_months)}
                {number("rigid_spending_warning", "突发严重困难户预警标准（扣除刚性支出后，元/人·年）", p.rigid_spending_warning)}
                {number("sharp_fall_percent", "收入大幅缩减（比上年减少百分之几以上）", p.sharp_fall_percent)}
                {number("elimination_min_months", "纳入监测满几个月方可提出风险消除（0为不限）", p.elimination_min_months)}
                {number("elimination_min_visits", "提出风险消除前至少走访次数", p.elimination_min_visits)}
                <div class="field"><label for="period_rule">"期限末日为法定休假日的顺延至下一个工作日（按日、按月计算的期限）"</label>
                    <select id="period_rule" name="policy[period_rule]">
                        <option value="on" selected=p.period_rule == "on">"顺延（默认）"</option>
                        <option value="off" selected=p.period_rule == "off">"不顺延"</option>
                    </select>
                </div>
                <label class="check"><input type="checkbox" name="policy[green_channel]" value="on" checked=!p.green_channel.is_empty() /><span>"开通绿色通道（突发严重困难先帮扶后公示）"</span></label>
                <label class="check"><input type="checkbox" name="policy[notice_parallel_township]" value="on" checked=!p.notice_parallel_township.is_empty() /><span>"村级公示期间乡镇可同步初审（河北做法）"</span></label>
                <label class="check"><input type="checkbox" name="policy[comparison_skippable]" value="on" checked=!p.comparison_skippable.is_empty() /><span>"风险明确且公示无异议的，县级可免于数据比对（须写明理由）"</span></label>
                <fieldset>
                    <legend>"个人信息保留期限"</legend>
                    {number("retention_delivered_days", "已发短信、邮件的号码和内容保留（天，7至180）", p.retention_delivered_days)}
                    {number("retention_refused_days", "不予纳入的申报资料保留（天，185至1095；须长于6个月起诉期限）", p.retention_refused_days)}
                </fieldset>
                <button type="submit" class="button primary">"保存政策"</button>
            </ActionForm>
        </section>
        <section class="card">
            <h2>"节假日与调休"</h2>
            <p class="muted">{format!("已录入完整安排的年份：{years}。其他年份按周一至周五计算工作日。")}</p>
            <ActionForm action=save_day attr:class="inline-form">
                <input type="date" name="day" aria-label="日期" />
                <select name="kind" aria-label="类型"><option value="holiday">"放假"</option><option value="workday">"调休上班"</option></select>
                <input type="text" name="name" aria-label="名称" placeholder="如：春节" />
                <button type="submit" class="button small">"添加"</button>
            </ActionForm>
            <ul class="plain calendar-days">
                {view.days.into_iter().map(|(day, kind, name)| view! {
                    <li>
                        {format!("{day} {kind} {name}")}
                        <ActionForm action=remove_day attr:class="inline">
                            <input type="hidden" name="day" value=day />
                            <button type="submit" class="button small">"删除"</button>
                        </ActionForm>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}
