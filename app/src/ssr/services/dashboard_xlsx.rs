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
    domain::{lang::Lang, time::beijing_date},
    ssr::{error::ServiceError, state::AppState},
    wire::dashboard::DashboardView,
};

/// The workbook's words: the county's record, in the default language like its step and
/// place names (`export_words`).
const LANG: Lang = Lang::Zh;

fn headers() -> [Vec<&'static str>; 3] {
    use crate::tr::export_words::{identification as i, overdue as o, steps as s};
    [
        vec![
            s::step(LANG),
            s::on_time(LANG),
            s::due_soon(LANG),
            s::overdue(LANG),
            s::total(LANG),
        ],
        vec![o::place(LANG), o::count(LANG)],
        vec![
            i::as_of(LANG),
            i::month(LANG),
            i::decided(LANG),
            i::identified(LANG),
            i::not_identified(LANG),
            i::average_days(LANG),
            i::limit_days(LANG),
            i::over_limit(LANG),
        ],
    ]
}

pub async fn export(
    state: &AppState,
    staff: &Staff,
    now: DateTime<Utc>,
) -> Result<LedgerFile, ServiceError> {
    let view = dashboard::for_staff(state, staff, now).await?;
    let today = beijing_date(now);
    let headers = headers();
    let body = workbook_of(&sheets(&view, today, &headers))
        .map_err(|e| ServiceError::Corrupt(format!("dashboard workbook: {e}")))?;
    Ok(LedgerFile {
        file_name: crate::tr::export_words::dashboard_file(
            LANG,
            &view.scope_name,
            today.format("%Y%m%d"),
        ),
        content_type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        body,
    })
}

fn count(n: usize) -> XlsxCell {
    XlsxCell::Count(n as i64)
}

fn sheets<'a>(
    view: &DashboardView,
    today: chrono::NaiveDate,
    headers: &'a [Vec<&'static str>; 3],
) -> Vec<XlsxSheet<'a>> {
    use crate::tr::export_words::sheet;
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
        .map(|place| vec![XlsxCell::Text(place.name.clone()), count(place.overdue)])
        .collect();
    let identification = vec![vec![
        XlsxCell::Date(today),
        XlsxCell::Text(view.month.clone()),
        count(view.identified_this_month + view.not_identified_this_month),
        count(view.identified_this_month),
        count(view.not_identified_this_month),
        view.average_days.map_or(XlsxCell::Blank, |a| {
            XlsxCell::Decimal((a * 10.0).round() / 10.0)
        }),
        XlsxCell::Count(i64::from(view.limit_days)),
        count(view.over_limit),
    ]];
    vec![
        XlsxSheet {
            name: sheet::steps(LANG),
            header: &headers[0],
            rows: steps,
        },
        XlsxSheet {
            name: sheet::overdue(LANG),
            header: &headers[1],
            rows: overdue,
        },
        XlsxSheet {
            name: sheet::identification(LANG),
            header: &headers[2],
            rows: identification,
        },
    ]
}
