//! The monthly monitoring ledger (台账): one row per monitored household, with the columns
//! the county reports — 基础信息, 风险类型, 监测责任人, 帮扶措施, 风险消除情况 — as CSV that
//! opens in Excel / WPS without re-typing anything.

use chrono::NaiveDate;

use super::{
    case::{labels, Case, CaseState},
    lang::Lang,
    money::Fen,
};

/// One ledger cell, typed so a spreadsheet gets dates as dates and amounts as numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LedgerCell {
    Text(String),
    Count(i64),
    Date(NaiveDate),
    /// Blank when the household has no such date.
    NoDate,
    Yuan(Fen),
}

impl LedgerCell {
    /// The cell as CSV text (dates ISO, amounts in plain yuan).
    pub fn text(&self) -> String {
        match self {
            LedgerCell::Text(text) => text.clone(),
            LedgerCell::Count(n) => n.to_string(),
            LedgerCell::Date(date) => date.to_string(),
            LedgerCell::NoDate => String::new(),
            LedgerCell::Yuan(amount) => amount.plain_yuan(),
        }
    }
}

/// What a ledger row shows besides the case itself (kept beside the case, not in its events).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerFacts<'a> {
    pub tracking: &'a str,
    pub township: &'a str,
    pub village: &'a str,
    pub group: &'a str,
    pub applicant: &'a str,
    /// Masked: the ledger leaves the system as a file.
    pub id_masked: &'a str,
    pub household_size: i64,
    pub channel_zh: &'a str,
}

/// The ledger's columns in `lang` (`export_words.ledger`).
pub fn header(lang: Lang) -> [&'static str; 18] {
    use crate::tr::export_words::ledger as h;
    [
        h::tracking(lang),
        h::township(lang),
        h::village(lang),
        h::group(lang),
        h::applicant(lang),
        h::id_masked(lang),
        h::household_size(lang),
        h::channel(lang),
        h::found_on(lang),
        h::category(lang),
        h::tier(lang),
        h::risk_types(lang),
        h::responsible(lang),
        h::measures(lang),
        h::assistance_total(lang),
        h::elimination(lang),
        h::last_visit(lang),
        h::step(lang),
    ]
}

/// Whether the case belongs in the ledger: the household has been identified.
pub fn is_listed(case: &Case) -> bool {
    case.category.is_some()
}

/// The total cell when the measures' amounts add up past any real sum.
pub const TOTAL_TOO_LARGE: &str = "金额过大，请核对各项措施";

/// One ledger row, in [`header`] order.
pub fn row(case: &Case, facts: &LedgerFacts<'_>) -> Vec<LedgerCell> {
    use LedgerCell::{Count, Date, NoDate, Text, Yuan};
    // A withdrawn measure was never help given: not listed, not summed.
    let measures = case
        .plan_measures()
        .map(|m| {
            format!(
                "{}（{}，{}，{}）",
                m.measure_type.label_zh(),
                m.lead_department,
                m.amount,
                labels::measure_status_zh(m.status)
            )
        })
        .collect::<Vec<_>>()
        .join("；");
    // A sum past what a number holds (amounts kept before their cap) is said, never 0.00.
    let total = Fen::checked_sum(case.plan_measures().map(|m| m.amount))
        .map_or_else(|| Text(TOTAL_TOO_LARGE.to_owned()), Yuan);
    let last_visit = case.visits.iter().map(|v| v.date).max();
    vec![
        Text(facts.tracking.to_owned()),
        Text(facts.township.to_owned()),
        Text(facts.village.to_owned()),
        Text(facts.group.to_owned()),
        Text(facts.applicant.to_owned()),
        Text(facts.id_masked.to_owned()),
        Count(facts.household_size),
        Text(facts.channel_zh.to_owned()),
        Date(case.discovered_on),
        Text(
            case.category
                .map(|c| c.label_zh().to_owned())
                .unwrap_or_default(),
        ),
        Text(
            case.tier
                .map(|t| t.label_zh().to_owned())
                .unwrap_or_default(),
        ),
        Text(
            case.risks
                .iter()
                .map(|r| r.label_zh())
                .collect::<Vec<_>>()
                .join("、"),
        ),
        Text(case.responsible.clone().unwrap_or_default()),
        Text(measures),
        total,
        Text(elimination_zh(case)),
        last_visit.map_or(NoDate, Date),
        Text(labels::state_zh(&case.state).to_owned()),
    ]
}

/// 风险消除情况: eliminated (when), under review, or not yet; with any reopenings.
fn elimination_zh(case: &Case) -> String {
    let status = match &case.state {
        CaseState::Eliminated { on } => format!("已消除（{on}）"),
        CaseState::Removed { kind, on } => format!("{}（{on}）", kind.label_zh()),
        CaseState::Monitored if case.elimination_deferred.is_some() => {
            "暂不标注风险消除，兜底保障，持续监测".to_owned()
        }
        CaseState::Reviewing { .. } if case.state.is_monitored() => "风险消除审核中".to_owned(),
        CaseState::Monitored if case.no_member_can_work() => {
            "无劳动能力，兜底保障，持续监测".to_owned()
        }
        CaseState::Reported
        | CaseState::Reviewing { .. }
        | CaseState::RejectedOutOfScope { .. }
        | CaseState::NotIdentified { .. }
        | CaseState::Monitored => "未消除".to_owned(),
    };
    match case.reopenings.len() {
        0 => status,
        n => format!("{status}；回退{n}次"),
    }
}

/// One CSV line (RFC 4180 quoting, CRLF). A cell that a spreadsheet would run as a formula
/// (starting with = + - @) is prefixed with an apostrophe.
pub fn csv_line<S: AsRef<str>>(cells: &[S]) -> String {
    let mut line = cells
        .iter()
        .map(|cell| csv_cell(cell.as_ref()))
        .collect::<Vec<_>>()
        .join(",");
    line.push_str("\r\n");
    line
}

fn csv_cell(cell: &str) -> String {
    let guarded = match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_owned(),
    };
    if guarded.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_cells_are_joined_with_commas_and_end_with_crlf() {
        assert_eq!(csv_line(&["张三", "3", "因病"]), "张三,3,因病\r\n");
    }

    #[test]
    fn commas_quotes_and_newlines_are_quoted() {
        assert_eq!(
            csv_line(&["医疗保障（医保局，2,000.00元）", "说\"明\"", "两\n行"]),
            "\"医疗保障（医保局，2,000.00元）\",\"说\"\"明\"\"\",\"两\n行\"\r\n"
        );
    }

    #[test]
    fn a_cell_a_spreadsheet_would_run_as_a_formula_is_defused() {
        assert_eq!(
            csv_line(&["=HYPERLINK(\"x\")", "+1", "-2", "@SUM(A1)"]),
            "\"'=HYPERLINK(\"\"x\"\")\",'+1,'-2,'@SUM(A1)\r\n"
        );
    }

    #[test]
    fn the_header_has_the_columns_the_county_reports() {
        for column in ["风险类型", "监测（帮扶）责任人", "帮扶措施", "风险消除情况"]
        {
            assert!(header(Lang::Zh).contains(&column), "{column}");
        }
        let before =
            "查询码,乡镇,村,村民小组,户主（申请人）,身份证号（脱敏）,家庭人口,发现渠道,发现日期,\
                      监测类别,风险等级,风险类型,监测（帮扶）责任人,帮扶措施,帮扶金额合计（元）,\
                      风险消除情况,最近走访,当前环节";
        assert_eq!(header(Lang::Zh).join(","), before);
    }
}

#[cfg(test)]
mod total_tests {
    use super::*;
    use crate::domain::case::tests::setups::with_plan;

    fn facts() -> LedgerFacts<'static> {
        LedgerFacts {
            tracking: "T",
            township: "青石镇",
            village: "青石村",
            group: "",
            applicant: "张*",
            id_masked: "",
            household_size: 3,
            channel_zh: "农户自主申报",
        }
    }

    /// A total past what a number holds is said, not written 0.00 (attacker: a ¥92
    /// quadrillion measure made the ledger's total 0).
    #[test]
    fn a_total_too_large_to_add_up_is_said_never_zero() {
        let mut case = with_plan().case;
        let total_at = header(Lang::Zh)
            .iter()
            .position(|h| h.starts_with("帮扶金额合计"))
            .expect("total column");
        let shown = |case: &Case| format!("{:?}", row(case, &facts())[total_at]);
        assert!(shown(&case).contains("Yuan"), "{}", shown(&case));
        let mut second = case.measures[0].clone();
        second.amount = Fen::from_fen(i64::MAX);
        case.measures.push(second);
        assert!(shown(&case).contains(TOTAL_TOO_LARGE), "{}", shown(&case));
    }
}
