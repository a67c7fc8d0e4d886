//! Inputs for each field a step form can have, named as `CommandForm` expects.
use leptos::prelude::*;

use crate::{
    domain::{
        case::form::{CHECKLIST_ITEMS, GUARANTEE_ITEMS, MEASURE_STATUS_ITEMS},
        case::reversal::RemovalKind,
        case::screening::NegativeItem,
        case::state::{MemberStatus, Relation},
        case::CommandKind,
        vocab::{Category, LabourCapacity, MeasureType, RiskTier},
    },
    wire::cases::{CaseView, StepTyped},
};

/// What was typed into this step's refused form (rendered again without JavaScript), if so.
type Typed = Option<StepTyped>;

/// The value to show in `name`: what was typed when the form comes back, else `default`.
fn typed_or(typed: &Typed, name: &str, default: impl Into<String>) -> String {
    match typed {
        Some(t) => t.value(name).unwrap_or_default().to_owned(),
        None => default.into(),
    }
}

/// Whether a checkbox or radio `name` = `value` is ticked: as typed, else `default`.
fn ticked(typed: &Typed, name: &str, value: &str, default: bool) -> bool {
    match typed {
        Some(t) => t.value(name) == Some(value),
        None => default,
    }
}

const MEMBER_ROWS: usize = 4;
const MEASURE_ROWS: usize = 3;

fn label_of(field: &str, kind: &str) -> &'static str {
    match (field, kind) {
        ("date", "record_home_check") => "核查日期",
        ("date", "hold_village_review") => "评议日期",
        ("date", "start_notice") => "公示开始日期",
        ("date", "notify_refusal") => "告知日期",
        ("date", "log_visit") => "走访日期",
        ("date", "open_green_channel") => "村“两委”研究日期",
        ("date", "review_plan") => "帮扶措施评议日期",
        ("date", "start_plan_notice") => "帮扶措施公示开始日期",
        ("date", "start_campaign") => "集中排查走访截止日期",
        ("text", "start_campaign") => "排查活动名称（如：2026年度集中排查）",
        ("note", "review_relief") => "评估结论（是否转为低保及理由）",
        ("note", "feed_back_alert") => "反馈内容（认定结果、帮扶措施）",
        ("approval_date", _) => "乡镇审核同意日期",
        ("date", _) => "日期",
        ("reason", "reject_out_of_scope") => "不予受理的原因（将告知农户）",
        ("reason", "county_decide") => "不予认定的原因（将告知农户）",
        ("reason", "pause_clock") => "暂停原因（如农户外出、住院无法入户）",
        ("reason", "remove") => "回退/清退原因（记入审计，识别错误和清退将告知农户）",
        ("reason", "defer_elimination") => "说明（如：无劳动能力，已纳入低保，继续监测）",
        ("removal_kind", _) => "退出监测的情形",
        ("previous_income", _) => "上一年度家庭纯收入（元，用于判断收入大幅缩减；不清楚可不填）",
        ("reason", _) => "原因",
        ("note", "log_visit") => "走访情况",
        ("note", "county_decide") => "认定说明（比对命中负面清单或免于比对时必填）",
        ("note", "record_comparison") => "比对说明（数据来源、核实情况）",
        ("hits", _) => "负面清单命中项（未命中则不勾选）",
        ("duplicate_override", _) => "受理理由（疑似重复申报，确需另行受理时填写）",
        ("note", _) => "审核意见",
        ("text", _) => "异议内容",
        ("person", _) => "帮扶责任人姓名",
        ("mobile", _) => "帮扶责任人手机号码（农户会拨打这个号码）",
        ("approve", "approve_extension") => "是否批准延期",
        ("approve", _) => "审核结果",
        ("outcome", _) => "评议结果",
        ("decision", _) => "审定结果",
        ("category", _) => "监测对象类别",
        ("tier", "log_visit") => "风险等级（如需调整）",
        ("tier", _) => "风险等级",
        ("visitors", _) => "核查人员（用顿号分隔）",
        ("members", _) => "家庭成员",
        ("rigid_expenditure", _) => "大额刚性支出（元/年，如医疗、上学）",
        ("guarantees", _) => "两不愁三保障及饮水安全（勾选有保障的项）",
        ("consent_signed", _) => "农户已签署承诺授权书",
        ("formerly_poor", _) => "建档立卡脱贫户",
        ("measures", _) => "帮扶措施（缺什么补什么）",
        ("index", _) => "哪项措施",
        ("status", _) => "措施进度",
        ("checklist", _) => "风险消除条件（逐项确认）",
        ("clock", "pause_clock") => "暂停计时的时限",
        ("clock", "resume_clock") => "恢复计时的时限",
        ("clock", _) => "延期的时限",
        ("days", _) => "延期天数（工作日）",
        _ => "",
    }
}

fn radio(
    name: &'static str,
    options: Vec<(&'static str, &'static str)>,
    typed: &Typed,
) -> impl IntoView {
    let typed = typed.clone();
    view! {
        <div class="radios">
            {options.into_iter().enumerate().map(|(i, (value, text))| view! {
                <label class="check">
                    <input type="radio" name=name value=value checked=ticked(&typed, name, value, i == 0) />
                    <span>{text}</span>
                </label>
            }).collect_view()}
        </div>
    }
}

/// How a control is named for assistive technology: (id for the field's `<label for>`, its
/// own `aria-label` inside a row, the id of its error message).
type Named = (Option<String>, Option<String>, Option<String>);

fn select(
    name: String,
    options: Vec<(String, String)>,
    selected: Option<String>,
    named: Named,
) -> impl IntoView {
    let (id, aria_label, described_by) = named;
    view! {
        <select name=name id=id aria-label=aria_label aria-describedby=described_by>
            {options.into_iter().map(|(value, text)| {
                let is = selected.as_deref() == Some(value.as_str());
                view! { <option value=value selected=is>{text}</option> }
            }).collect_view()}
        </select>
    }
}

fn choices<T: Copy>(
    all: &[T],
    code: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Vec<(String, String)> {
    all.iter()
        .map(|t| (code(*t).to_owned(), label(*t).to_owned()))
        .collect()
}

#[component]
pub fn FieldInput<E>(field: &'static str, kind: String, case: CaseView, error: E) -> impl IntoView
where
    E: Fn() -> Option<String> + Send + Sync + Copy + 'static,
{
    let label = label_of(field, &kind);
    let step = CommandKind::from_code(&kind);
    let typed: Typed = use_context::<StepTyped>().filter(|t| t.kind == kind);
    let t = &typed;
    let hint = (field == "category")
        .then(|| case.category_hint_zh.clone())
        .flatten();
    let name = format!("form[{field}]");
    // One control gets the field's <label for>; a group of radios or checkboxes is a group
    // named by it. Either way the error below is tied to the field.
    let (id, label_id, error_id) = (
        format!("f-{kind}-{field}"),
        format!("l-{kind}-{field}"),
        format!("e-{kind}-{field}"),
    );
    let single = !matches!(
        field,
        "hits"
            | "approve"
            | "outcome"
            | "decision"
            | "consent_signed"
            | "formerly_poor"
            | "guarantees"
            | "checklist"
            | "members"
            | "measures"
    );
    let named: Named = (Some(id.clone()), None, Some(error_id.clone()));
    let (fid, eid) = (id.clone(), error_id.clone());
    let input = match field {
        "date" | "approval_date" => {
            let value = typed_or(t, &name, case.today.clone());
            view! { <input type="date" name=name value=value id=fid aria-describedby=eid /> }
                .into_any()
        }
        "reason" | "note" | "text" => {
            let value = typed_or(t, &name, "");
            view! { <textarea name=name rows="2" id=fid aria-describedby=eid>{value}</textarea> }
                .into_any()
        }
        "duplicate_override" if case.duplicates.is_empty() || case.duplicate_override.is_some() => {
            return ().into_any();
        }
        "duplicate_override" => {
            let value = typed_or(t, &name, "");
            view! { <textarea name=name rows="2" id=fid aria-describedby=eid>{value}</textarea> }
                .into_any()
        }
        "hits" => checkboxes(
            "form[hits]",
            NegativeItem::ALL
                .iter()
                .map(|i| (i.code(), i.label_zh()))
                .collect(),
            t,
        )
        .into_any(),
        "person" | "visitors" => {
            let value = typed_or(t, &name, "");
            view! { <input type="text" name=name value=value id=fid aria-describedby=eid /> }
                .into_any()
        }
        "mobile" => {
            let value = typed_or(t, &name, "");
            view! {
                <input type="tel" inputmode="numeric" autocomplete="off" maxlength="20" name=name value=value placeholder="如：13800138000" id=fid aria-describedby=eid />
            }
            .into_any()
        }
        "rigid_expenditure" => {
            let value = typed_or(t, &name, "0");
            view! {
                <input type="text" inputmode="decimal" name=name value=value placeholder="元/年" id=fid aria-describedby=eid />
            }
            .into_any()
        }
        "days" => {
            let value = typed_or(t, &name, "3");
            view! { <input type="number" name=name min="1" max="30" value=value id=fid aria-describedby=eid /> }.into_any()
        }
        "previous_income" => {
            let value = typed_or(t, &name, "");
            view! {
                <input type="text" inputmode="decimal" name=name value=value placeholder="元/年" id=fid aria-describedby=eid />
            }
            .into_any()
        }
        "removal_kind" => {
            let selected = typed.as_ref().map(|_| typed_or(t, &name, ""));
            select(
                name,
                choices(RemovalKind::ALL, RemovalKind::code, RemovalKind::label_zh),
                selected,
                named,
            )
            .into_any()
        }
        "approve" if step == Some(CommandKind::ApproveExtension) => {
            radio("form[approve]", vec![("yes", "批准"), ("no", "不批准")], t).into_any()
        }
        "approve" => radio("form[approve]", vec![("yes", "通过"), ("no", "不通过")], t).into_any(),
        "outcome" => radio(
            "form[outcome]",
            vec![("pass", "通过"), ("fail", "不通过")],
            t,
        )
        .into_any(),
        "decision" if step == Some(CommandKind::CountyDecideElimination) => radio(
            "form[decision]",
            vec![("eliminate", "风险消除"), ("keep_monitoring", "继续监测")],
            t,
        )
        .into_any(),
        "decision" => radio(
            "form[decision]",
            vec![("identify", "认定为监测对象"), ("not_identify", "不予认定")],
            t,
        )
        .into_any(),
        "category" => {
            let selected = match &typed {
                Some(_) => Some(typed_or(t, &name, "")),
                None => case.suggested_category.clone(),
            };
            select(
                name,
                choices(Category::ALL, Category::code, Category::label_zh),
                selected,
                named,
            )
            .into_any()
        }
        "tier" => {
            let mut options = choices(RiskTier::ALL, RiskTier::code, RiskTier::label_zh);
            if step == Some(CommandKind::LogVisit) {
                options.insert(0, (String::new(), "不调整".to_owned()));
            }
            let selected = typed.as_ref().map(|_| typed_or(t, &name, ""));
            select(name, options, selected, named).into_any()
        }
        // Only the clocks this step may name now (the server refuses any other).
        "clock" => {
            let selected = typed.as_ref().map(|_| typed_or(t, &name, ""));
            select(
                name,
                case.clock_choices
                    .iter()
                    .find(|(step, _)| *step == kind)
                    .map(|(_, clocks)| {
                        clocks
                            .iter()
                            .map(|c| (c.code.clone(), c.label_zh.clone()))
                            .collect()
                    })
                    .unwrap_or_default(),
                selected,
                named,
            )
            .into_any()
        }
        "consent_signed" => {
            let checked = ticked(t, &name, "on", false);
            view! {
                <label class="check"><input type="checkbox" name=name value="on" checked=checked /><span>"已签署"</span></label>
            }
            .into_any()
        }
        "formerly_poor" => {
            let checked = ticked(t, &name, "on", false);
            view! {
                <label class="check"><input type="checkbox" name=name value="on" checked=checked /><span>"是（2020年底前建档立卡的脱贫户）"</span></label>
            }
            .into_any()
        }
        "guarantees" => checkboxes(
            "form[guarantees]",
            GUARANTEE_ITEMS.iter().map(|(c, zh, _)| (*c, *zh)).collect(),
            t,
        )
        .into_any(),
        "checklist" => checkboxes(
            "form[checklist]",
            CHECKLIST_ITEMS.iter().map(|(c, zh, _)| (*c, *zh)).collect(),
            t,
        )
        .into_any(),
        "status" => {
            let selected = typed_or(t, &name, "in_progress");
            select(
                name,
                MEASURE_STATUS_ITEMS
                    .iter()
                    .map(|(c, zh, _)| ((*c).to_owned(), (*zh).to_owned()))
                    .collect(),
                Some(selected),
                named,
            )
            .into_any()
        }
        "index" => {
            let selected = typed.as_ref().map(|_| typed_or(t, &name, ""));
            select(
                name,
                case.measures
                    .iter()
                    .enumerate()
                    .map(|(i, m)| (i.to_string(), format!("{}（{}）", m.type_zh, m.status_zh)))
                    .collect(),
                selected,
                named,
            )
            .into_any()
        }
        "members" => member_rows(&case, t).into_any(),
        "measures" => measure_rows(&case, t).into_any(),
        _ => ().into_any(),
    };
    let group_label = (!single).then(|| label_id.clone());
    let group_error = (!single).then(|| error_id.clone());
    view! {
        <div class="field" class:invalid=move || error().is_some()
            role=(!single).then_some("group") aria-labelledby=group_label
            aria-describedby=group_error>
            {if single {
                view! { <label class="label" for=id>{label}</label> }.into_any()
            } else {
                view! { <span class="label" id=label_id>{label}</span> }.into_any()
            }}
            {hint.map(|h| view! { <p class="hint">{h}</p> })}
            {input}
            <p class="field-error" id=error_id role="alert">{error}</p>
        </div>
    }
    .into_any()
}

fn checkboxes(
    prefix: &'static str,
    items: Vec<(&'static str, &'static str)>,
    typed: &Typed,
) -> impl IntoView {
    let typed = typed.clone();
    view! {
        <div class="checks">
            {items.into_iter().enumerate().map(|(i, (code, zh))| view! {
                <label class="check">
                    <input type="checkbox" name=format!("{prefix}[{i}]") value=code
                        checked=ticked(&typed, &format!("{prefix}[{i}]"), code, false) />
                    <span>{zh}</span>
                </label>
            }).collect_view()}
        </div>
    }
}

fn member_rows(case: &CaseView, typed: &Typed) -> impl IntoView {
    let rows = usize::try_from(case.household_size)
        .unwrap_or(1)
        .clamp(1, MEMBER_ROWS * 2);
    let first = case.applicant.clone();
    view! {
        <div class="rows">
            {(0..rows.max(MEMBER_ROWS.min(rows))).map(|i| {
                let row = |part: &str, default: &str| {
                    typed_or(typed, &format!("form[members][{i}][{part}]"), default)
                };
                let name = row("name", if i == 0 { first.as_str() } else { "" });
                // Only the first member is 户主 by default; the others choose (the server
                // refuses a later named member without a relation).
                let relation = if i == 0 { Relation::Head.code() } else { "" };
                let mut relations = choices(Relation::ALL, Relation::code, Relation::label_zh);
                if i > 0 {
                    relations.insert(0, (String::new(), "与户主关系（请选择）".to_owned()));
                }
                view! {
                    <div class="row">
                        {select(
                            format!("form[members][{i}][relation]"),
                            relations,
                            Some(row("relation", relation)),
                            (None, Some(format!("成员{}与户主关系", i + 1)), None),
                        )}
                        <input type="text" name=format!("form[members][{i}][name]") value=name
                            aria-label=format!("成员{}姓名", i + 1) placeholder="姓名" />
                        <input type="text" name=format!("form[members][{i}][id_number]") value=row("id_number", "")
                            aria-label=format!("成员{}身份证号（可不填）", i + 1) placeholder="身份证号（可不填）"
                            autocomplete="off" />
                        // No answer is pre-filled: labour capacity decides eligibility and
                        // measures, so the officer must choose it for each named member.
                        {select(
                            format!("form[members][{i}][labour]"),
                            std::iter::once((String::new(), "劳动能力（请选择）".to_owned()))
                                .chain(choices(LabourCapacity::ALL, LabourCapacity::code, LabourCapacity::label_zh))
                                .collect(),
                            Some(row("labour", "")),
                            (None, Some(format!("成员{}劳动能力", i + 1)), None),
                        )}
                        {select(
                            format!("form[members][{i}][status]"),
                            choices(MemberStatus::ALL, MemberStatus::code, MemberStatus::label_zh),
                            Some(row("status", MemberStatus::Other.code())),
                            (None, Some(format!("成员{}身份状况", i + 1)), None),
                        )}
                        <input type="text" inputmode="decimal" name=format!("form[members][{i}][income]") value=row("income", "")
                            aria-label=format!("成员{}年收入（元）", i + 1) placeholder="年收入（元）" />
                    </div>
                }
            }).collect_view()}
        </div>
    }
}

fn measure_rows(case: &CaseView, typed: &Typed) -> impl IntoView {
    let today = case.today.clone();
    let mut suggested: Vec<String> = case
        .suggested_measures
        .iter()
        .map(|c| c.code.clone())
        .collect();
    suggested.resize(MEASURE_ROWS.max(suggested.len()), String::new());
    let mut options = choices(MeasureType::ALL, MeasureType::code, MeasureType::label_zh);
    options.insert(0, (String::new(), "（不填）".to_owned()));
    view! {
        <div class="rows">
            {suggested.into_iter().enumerate().map(|(i, code)| {
                let row = |part: &str, default: &str| {
                    typed_or(typed, &format!("form[measures][{i}][{part}]"), default)
                };
                view! {
                <div class="row">
                    {select(format!("form[measures][{i}][measure_type]"), options.clone(), Some(row("measure_type", &code)), (None, Some(format!("措施{}类型", i + 1)), None))}
                    <input type="text" inputmode="decimal" name=format!("form[measures][{i}][amount]")
                        aria-label=format!("措施{}金额（元）", i + 1) placeholder="金额（元）" value=row("amount", "0") />
                    <input type="date" name=format!("form[measures][{i}][start]") value=row("start", &today)
                        aria-label=format!("措施{}开始日期", i + 1) />
                    <input type="date" name=format!("form[measures][{i}][end]") value=row("end", "")
                        aria-label=format!("措施{}结束日期", i + 1) />
                </div>
                }
            }).collect_view()}
        </div>
    }
}
