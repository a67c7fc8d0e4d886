//! The dashboard's tables as an Excel workbook: one sheet per table, the same figures the page
//! draws. Counts are numbers, the as-of day a date. The tables are aggregates by step and by
//! place: no name, phone or ID number is in them, so there is nothing to mask.
use chrono::{DateTime, Utc};

use super::{
    auth::Staff,
    dashboard,
    ledger::LedgerFile,
    ledger_xlsx::{workbook_of, XlsxCell, XlsxSheet},
};
use crate::{
    domain::time::beijing_date,
    ssr::{error::ServiceError, state::AppState},
    wire::dashboard::DashboardView,
};

const STEPS: [&str; 5] = ["环节", "按时", "即将到期", "已逾期", "合计"];
const OVERDUE: [&str; 2] = ["地区", "逾期事项"];
const IDENTIFICATION: [&str; 6] = [
    "统计日期",
    "月份",
    "本月完成认定（户）",
    "平均用时（天）",
    "时限（天）",
    "超时（户）",
];

pub async fn export(
    state: &AppState,
    staff: &Staff,
    now: DateTime<Utc>,
) -> Result<LedgerFile, ServiceError> {
    let view = dashboard::for_staff(state, staff, now).await?;
    let today = beijing_date(now);
    let body = workbook_of(&sheets(&view, today))
        .map_err(|e| ServiceError::Corrupt(format!("dashboard workbook: {e}")))?;
    Ok(LedgerFile {
        file_name: format!("{}工作看板{}.xlsx", view.scope_name, today.format("%Y%m%d")),
        content_type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        body,
    })
}

fn count(n: usize) -> XlsxCell {
    XlsxCell::Count(n as i64)
}

fn sheets(view: &DashboardView, today: chrono::NaiveDate) -> Vec<XlsxSheet<'static>> {
    let steps = view
        .by_step
        .iter()
        .map(|s| {
            vec![
                XlsxCell::Text(s.step_zh.clone()),
                count(s.on_time),
                count(s.due_soon),
                count(s.overdue),
                count(s.on_time + s.due_soon + s.overdue),
            ]
        })
        .collect();
    let overdue = view
        .overdue_by_place
        .iter()
        .map(|(place, n)| vec![XlsxCell::Text(place.clone()), count(*n)])
        .collect();
    let identification = vec![vec![
        XlsxCell::Date(today),
        XlsxCell::Text(view.month.clone()),
        count(view.identified_this_month),
        view.average_days.map_or(XlsxCell::Blank, |a| {
            XlsxCell::Decimal((a * 10.0).round() / 10.0)
        }),
        XlsxCell::Count(i64::from(view.limit_days)),
        count(view.over_limit),
    ]];
    vec![
        XlsxSheet {
            name: "各环节事项",
            header: &STEPS,
            rows: steps,
        },
        XlsxSheet {
            name: "逾期事项分布",
            header: &OVERDUE,
            rows: overdue,
        },
        XlsxSheet {
            name: "认定用时",
            header: &IDENTIFICATION,
            rows: identification,
        },
    ]
}
