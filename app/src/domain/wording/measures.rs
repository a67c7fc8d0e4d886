//! Measures as a household reads them: what the help is in plain words, who gives it, how
//! much, and how far it has got.
use crate::domain::{
    case::{Measure, MeasureStatus},
    lang::Lang,
    money::Fen,
    vocab::MeasureType,
};
use crate::tr;

use super::labels;

/// What a measure is, in words an elderly applicant understands.
pub fn plain(kind: MeasureType, lang: Lang) -> &'static str {
    match kind {
        MeasureType::Industry => tr::measures::help_grow_crops_raise(lang),
        MeasureType::Employment => tr::measures::help_finding_work_skills(lang),
        MeasureType::PublicWelfareJob => tr::measures::public_service_job_village(lang),
        MeasureType::MinimumLiving => tr::measures::monthly_living_allowance_dibao(lang),
        MeasureType::ExtremePovertySupport => tr::measures::basic_living_support_those(lang),
        MeasureType::TemporaryRelief => tr::measures::one_off_payment_emergency(lang),
        MeasureType::Medical => tr::measures::health_insurance_larger_refunds(lang),
        MeasureType::Education => tr::measures::school_grants_fee_waivers(lang),
        MeasureType::Housing => tr::measures::repairs_rebuilding_unsafe_house(lang),
        MeasureType::DrinkingWater => tr::measures::safe_drinking_water_home(lang),
        MeasureType::Insurance => tr::measures::insurance_paid_government_that(lang),
        MeasureType::Microcredit => tr::measures::small_low_interest_loan(lang),
        MeasureType::Consumption => tr::measures::help_selling_farm_produce(lang),
        MeasureType::Social => tr::measures::help_from_companies_charities(lang),
        MeasureType::Motivation => tr::measures::training_encouragement_build_skills(lang),
    }
}

/// One line: "医疗保障：帮您参加医保…（负责单位：医保局，2026年3月2日至2026年12月31日，
/// 帮扶资金一共 2,000 元，落实中）".
pub fn line(measure: &Measure, lang: Lang) -> String {
    let status = labels::measure_status(measure.status, lang);
    render(measure, lang, &measure.lead_department, status)
}

/// The line split around the lead department, a Chinese proper name in every language, so
/// the page can mark it `lang="zh-CN"`: (before, department, after). `late`: its update day
/// has passed (`work::measure_update_day`; see [`status_on`]).
pub fn line_parts(measure: &Measure, lang: Lang, late: bool) -> (String, String, String) {
    const MARK: &str = "\u{1}";
    let whole = render(measure, lang, MARK, status_on(measure, lang, late));
    let gloss = crate::domain::department_names::gloss(&measure.lead_department, lang)
        .map(|words| format!(" ({words})"))
        .unwrap_or_default();
    match whole.split_once(MARK) {
        Some((before, after)) => (
            before.to_owned(),
            measure.lead_department.clone(),
            format!("{gloss}{after}"),
        ),
        None => (whole, String::new(), String::new()),
    }
}

/// The status a household reads: a measure whose start (or end) has passed without the step
/// says it is late and whom to ask ("计划中" beside a date gone by read as nothing wrong:
/// household tester).
fn status_on(measure: &Measure, lang: Lang, late: bool) -> &'static str {
    match (measure.status, late) {
        // A payment's day gone by is said as a payment not made ("已过原定开始日期" beside
        // "计划…发放": household tester).
        (MeasureStatus::Planned, true) if measure.measure_type.is_one_off() => {
            tr::measures::late_payment(lang)
        }
        (MeasureStatus::Planned, true) => tr::measures::late_start(lang),
        (MeasureStatus::InProgress, true) => tr::measures::late_end(lang),
        (status, _) => labels::measure_status(status, lang),
    }
}

/// About a month's share of a measure paid monthly (低保, 特困供养, 公益岗位) over two months
/// or more, in whole yuan.
fn monthly(measure: &Measure) -> Option<Fen> {
    let paid_monthly = matches!(
        measure.measure_type,
        MeasureType::MinimumLiving
            | MeasureType::ExtremePovertySupport
            | MeasureType::PublicWelfareJob
    );
    use crate::domain::money::div_round_half_away;
    let days = i128::from((measure.end - measure.start).num_days() + 1);
    // A month is 30.44 days on average.
    let months = div_round_half_away(days * 100, 3044);
    (paid_monthly && months >= 2).then(|| {
        let yuan = div_round_half_away(i128::from(measure.amount.fen()), months * 100);
        Fen::from_fen(i64::try_from(yuan * 100).unwrap_or(i64::MAX))
    })
}

fn render(measure: &Measure, lang: Lang, dept: &str, status: &str) -> String {
    let name = measure.measure_type.label(lang);
    // The name leads the line: "低保：每月发给生活费（低保）" said it twice (household tester).
    let plain = plain(measure.measure_type, lang);
    let what = plain.strip_suffix(&format!("（{name}）")).unwrap_or(plain);
    let amount = if measure.amount == Fen::ZERO {
        String::new()
    } else {
        let shown = |fen: Fen| {
            // One currency mark: "¥3,000" in English, "3,000 元" in Chinese (and in a
            // language added later, whose `measures.amount` says where 元 goes); no ".00"
            // on whole yuan (household tester: hard to read).
            let text = match lang {
                Lang::En => fen.to_string(),
                _ => fen.grouped_yuan(),
            };
            match text.strip_suffix(".00") {
                Some(whole) => whole.to_owned(),
                None => text,
            }
        };
        // Until it starts, the sum is the plan's, not money promised: amounts shown while the
        // plan was still under the village's review read as promised (household tester).
        let planned = measure.status == MeasureStatus::Planned;
        match (monthly(measure), planned) {
            // Paid monthly: the total read as a month's (household tester).
            (Some(month), false) => {
                tr::measures::amount_monthly(lang, shown(measure.amount), shown(month))
            }
            (Some(month), true) => {
                tr::measures::amount_monthly_planned(lang, shown(measure.amount), shown(month))
            }
            (None, false) => tr::measures::amount(lang, shown(measure.amount)),
            (None, true) => tr::measures::amount_planned(lang, shown(measure.amount)),
        }
    };
    // When it runs: the household could not tell a job starting next week from one running
    // a year; a one-off (临时救助) has one day, not "from that day to that day" (household
    // tester).
    // Begun later than planned: the day it began, not the plan's (household re-tester).
    let started = measure.began_off_plan();
    let period = if measure.measure_type.is_one_off() {
        // Paid once: the day says what happens on it (a bare date read as nothing), and
        // until it is 已落实 that it is the day planned: "12月16日发放 1,500元" read as paid
        // to a household that got nothing (household tester).
        if measure.status == MeasureStatus::Delivered {
            tr::measures::paid_on(
                lang,
                lang.date(measure.delivered_on.unwrap_or(measure.start)),
            )
        } else {
            tr::measures::to_be_paid_on(lang, lang.date(measure.start))
        }
    } else if let Some(day) = started {
        tr::measures::started_period(lang, lang.date(day), lang.date(measure.end))
    } else if measure.start == measure.end {
        lang.date(measure.start)
    } else {
        tr::measures::period(lang, lang.date(measure.start), lang.date(measure.end))
    };
    // The amount after the period it covers, as a total: "每月发给生活费（低保），帮扶资金
    // 3,000 元" read as 3,000 a month (household tester).
    tr::measures::line(lang, name, what, dept, period, amount, status)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    /// A one-off whose day went by unpaid says so as a payment, a measure as a start.
    #[test]
    fn a_payment_day_gone_by_is_said_as_a_payment_not_made() {
        let day = NaiveDate::from_ymd_opt(2026, 3, 2).expect("date");
        let relief = Measure {
            measure_type: MeasureType::TemporaryRelief,
            lead_department: "民政局".into(),
            amount: Fen::from_fen(200_000),
            start: day,
            end: day,
            status: MeasureStatus::Planned,
            started_on: None,
            delivered_on: None,
            noticed_on: None,
        };
        let (_, _, after) = line_parts(&relief, Lang::Zh, true);
        assert!(after.contains("已过计划发放日期，还没有发放"), "{after}");
        let medical = Measure {
            measure_type: MeasureType::Medical,
            ..relief.clone()
        };
        let (_, _, after) = line_parts(&medical, Lang::Zh, true);
        assert!(after.contains("已过原定开始日期"), "{after}");
        let (_, _, on_its_day) = line_parts(&relief, Lang::Zh, false);
        assert!(!on_its_day.contains("已过"), "{on_its_day}");
    }

    #[test]
    fn a_measure_says_what_it_is_who_gives_it_how_much_and_how_far_it_got() {
        let day = NaiveDate::from_ymd_opt(2026, 3, 2).expect("date");
        let m = Measure {
            measure_type: MeasureType::Medical,
            lead_department: "医保局".into(),
            amount: Fen::from_fen(200_000),
            start: day,
            end: day,
            status: MeasureStatus::InProgress,
            started_on: None,
            delivered_on: None,
            noticed_on: None,
        };
        let zh = line(&m, Lang::Zh);
        assert!(
            zh.contains("看病报销")
                && zh.contains("医保局")
                && zh.contains("2,000")
                && zh.contains("落实中"),
            "{zh}"
        );
        assert!(
            zh.contains("帮扶资金一共 2,000 元") && !zh.contains('¥'),
            "{zh}"
        );
        assert!(
            zh.contains("，2026年3月2日，帮扶资金") && !zh.contains("至"),
            "a one-off: {zh}"
        );
        let en = line(&m, Lang::En);
        assert!(
            en.contains("medical bills") && en.contains("¥2,000"),
            "{en}"
        );
        assert!(!en.contains("yuan") && !en.contains('元'), "{en}");
        let (before, dept, after) = line_parts(&m, Lang::En, false);
        assert_eq!(dept, "医保局");
        assert!(before.ends_with("lead department: "), "{before}");
        let chinese = |t: &str| t.chars().any(|c| ('\u{3000}'..='\u{9fff}').contains(&c));
        assert!(!chinese(&before) && !chinese(&after), "{before}|{after}");
        // Glossed after the Chinese name (household tester: "医保局" alone said nothing).
        assert!(after.starts_with(" (Medical Insurance Bureau)"), "{after}");
        assert_eq!(
            format!("{before}{dept}{after}"),
            en.replacen("医保局", "医保局 (Medical Insurance Bureau)", 1)
        );
    }

    /// 低保 is paid monthly, but the amount is the whole period's: said as a total after the
    /// period (household tester: read as 3,600 a month).
    #[test]
    fn a_monthly_allowance_reads_as_the_total_for_its_period() {
        let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).expect("date");
        let m = Measure {
            measure_type: MeasureType::MinimumLiving,
            lead_department: "民政局".into(),
            amount: Fen::from_fen(360_000),
            start: day(1, 1),
            end: day(12, 31),
            status: MeasureStatus::InProgress,
            started_on: None,
            delivered_on: None,
            noticed_on: None,
        };
        let zh = line(&m, Lang::Zh);
        assert!(
            zh.starts_with("低保：每月发给生活费（负责单位")
                && zh.contains(
                    "2026年1月1日至2026年12月31日，帮扶资金一共 3,600 元（大约每月 300 元）"
                ),
            "{zh}"
        );
        // 临时救助 is paid on its day, and the day says so.
        let relief = Measure {
            measure_type: MeasureType::TemporaryRelief,
            start: day(3, 2),
            end: day(3, 2),
            ..m.clone()
        };
        let zh_relief = line(&relief, Lang::Zh);
        assert!(
            zh_relief.contains("，计划2026年3月2日发放，帮扶资金一共 3,600 元，"),
            "not paid until 已落实: {zh_relief}"
        );
        let paid = Measure {
            status: MeasureStatus::Delivered,
            ..relief.clone()
        };
        let zh_paid = line(&paid, Lang::Zh);
        assert!(
            zh_paid.contains("，2026年3月2日发放，帮扶资金一共 3,600 元，"),
            "{zh_paid}"
        );
        // Begun later than planned: the day it began (household re-tester).
        let late = Measure {
            started_on: Some(day(2, 10)),
            ..m.clone()
        };
        assert!(
            line(&late, Lang::Zh).contains("2026年2月10日开始落实，计划到2026年12月31日，"),
            "{}",
            line(&late, Lang::Zh)
        );
        let paid_late = Measure {
            started_on: Some(day(3, 5)),
            delivered_on: Some(day(3, 9)),
            ..paid.clone()
        };
        // Paid the day it was delivered, not the day it was started (household tester).
        assert!(line(&paid_late, Lang::Zh).contains("，2026年3月9日发放，"));
        let en = line(&m, Lang::En);
        assert!(
            en.contains("31 Dec 2026, support worth ¥3,600 in all (about ¥300 a month);"),
            "{en}"
        );
    }
}
