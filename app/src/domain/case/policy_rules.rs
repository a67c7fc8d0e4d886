//! Rules added from the seed texts (issue 10), kept in one nested part of [`super::Policy`] so a
//! stored policy without them loads with the national defaults.

use serde::{Deserialize, Serialize};

use crate::domain::clock::Span;
use crate::domain::money::Fen;

/// Engine rules that vary by province, each with the national default.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PolicyRules {
    /// 预警标准 for 突发严重困难户: per-capita income after the large rigid spending is
    /// compared with this, not with the monitoring line (seed 001). Default: 7 300 yuan.
    pub rigid_spending_warning: Fen,
    /// 收入大幅缩减: income fell by at least this share (percent) against the previous income
    /// window. Default 50 (provincial plans use "减少一半以上"; counties may set another).
    pub sharp_income_fall_percent: u32,
    /// Shortest time under monitoring before risk elimination may be proposed (收入持续稳定).
    /// National texts set no figure: default 0 months; many county plans set 6.
    pub elimination_min_monitoring: Span,
    /// Monitoring visits logged since identification before elimination may be proposed.
    pub elimination_min_visits: u32,
    /// Every monitored household is visited at least this often, whatever its tier (seeds
    /// 002, 003): the tier makes visits more frequent, never rarer.
    pub visit_floor: Span,
    /// Civil-code rule for periods: a deadline counted in calendar days or months whose last
    /// day is a statutory rest day (holiday or weekend) ends on the next working day. Applies
    /// to every deadline clock started with a `CalendarDays` or `Months` span (the 15-day
    /// identification limit, responsible person, first measure, monitoring visits, the
    /// elimination review, relief review, campaign visits); never to the notice minimum.
    pub calendar_deadlines_end_on_working_day: bool,
    /// 临时救助 → 低保 review: a household on temporary relief is reviewed for the minimum
    /// living allowance after this span (seed 000).
    pub relief_review: Span,
    /// Village democratic review and public notice of an assistance plan (落实帮扶措施,
    /// seed 004): the review is due this long after the plan was made.
    pub plan_review: Span,
    /// 部门筛查预警 result feedback (结果反馈) to the alerting department after the county's
    /// decision (seed 001).
    pub alert_feedback: Span,
}

impl Default for PolicyRules {
    fn default() -> Self {
        PolicyRules {
            rigid_spending_warning: Fen::from_fen(730_000),
            sharp_income_fall_percent: 50,
            elimination_min_monitoring: Span::Months(0),
            elimination_min_visits: 1,
            visit_floor: Span::Months(1),
            calendar_deadlines_end_on_working_day: true,
            relief_review: Span::Months(6),
            plan_review: Span::WorkingDays(5),
            alert_feedback: Span::WorkingDays(2),
        }
    }
}

/// A rough length in days, only to compare spans of different units (a working week is
/// 7 days for 5 working days; a month 31 days, so a month never counts as shorter).
pub fn approx_days(span: Span) -> u64 {
    match span {
        Span::WorkingDays(n) => u64::from(n) * 7 / 5,
        Span::CalendarDays(n) => u64::from(n),
        Span::Months(n) => u64::from(n) * 31,
    }
}
