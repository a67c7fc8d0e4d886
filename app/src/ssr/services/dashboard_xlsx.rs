//! The dashboard's tables as an Excel workbook: one sheet per table, the same figures the page
//! draws. Counts are numbers, the as-of day a date. The tables are aggregates (by step, place,
//! category, risk and campaign): no name, phone or ID number is in them, nothing to mask.
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
    wire::dashboard::{CodeCount, DashboardView, ObjectCounts},
};

/// The workbook's words: the county's record, in the default language like its step and
/// place names (`export_words`).
const LANG: Lang = Lang::Zh;

/// The sheets' header rows, in the order of [`sheets`].
fn headers() -> [Vec<&'static str>; 7] {
    use crate::tr::export_words::{
        campaigns as c, identification as i, month_changes as m, object_risks as r, objects as b,
        overdue as o, steps as s,
    };
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
        vec![
            b::category(LANG),
            b::at_risk(LANG),
            b::eliminated(LANG),
            b::total(LANG),
        ],
        vec![r::group(LANG), r::item(LANG), r::households(LANG)],
        vec![
            i::as_of(LANG),
            i::month(LANG),
            m::identified(LANG),
            m::eliminated(LANG),
            m::reopened(LANG),
            m::removed(LANG),
        ],
        vec![
            c::name(LANG),
            c::until(LANG),
            c::visits(LANG),
            c::done(LANG),
            c::overdue(LANG),
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
    headers: &'a [Vec<&'static str>; 7],
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
    let mut sheets = vec![
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
    ];
    // Only a reader of its region's figures has these (a liaison's and the hotline's
    // workbook had an empty campaign sheet: officer tester).
    let Some(objects) = &view.objects else {
        return sheets;
    };
    sheets.extend(object_sheets(view, objects, today, headers));
    sheets.push(XlsxSheet {
        name: sheet::campaigns(LANG),
        header: &headers[6],
        rows: view
            .campaigns
            .iter()
            .map(|c| {
                let until = chrono::NaiveDate::parse_from_str(&c.until, "%Y-%m-%d")
                    .map_or_else(|_| XlsxCell::Text(c.until.clone()), XlsxCell::Date);
                let n = |n: u32| XlsxCell::Count(i64::from(n));
                vec![
                    XlsxCell::Text(c.name.clone()),
                    until,
                    n(c.visits),
                    n(c.done),
                    n(c.overdue),
                ]
            })
            .collect(),
    });
    sheets
}

/// 监测对象 by category (with a total row), by tier and risk type, and the month's changes.
fn object_sheets<'a>(
    view: &DashboardView,
    objects: &ObjectCounts,
    today: chrono::NaiveDate,
    headers: &'a [Vec<&'static str>; 7],
) -> [XlsxSheet<'a>; 3] {
    use crate::tr::export_words::{object_risks as r, objects as b, sheet};
    let mut by_category: Vec<Vec<XlsxCell>> = objects
        .by_category
        .iter()
        .map(|c| {
            let name = crate::tr::vocab::category::lookup(LANG, &c.category).unwrap_or("");
            vec![
                XlsxCell::Text(name.to_owned()),
                count(c.at_risk),
                count(c.eliminated),
                count(c.at_risk + c.eliminated),
            ]
        })
        .collect();
    let (at_risk, eliminated) = objects.totals();
    by_category.push(vec![
        XlsxCell::Text(b::all(LANG).to_owned()),
        count(at_risk),
        count(eliminated),
        count(at_risk + eliminated),
    ]);
    let group = |name: &str, counts: &[CodeCount], label: &dyn Fn(&str) -> &'static str| {
        counts
            .iter()
            .map(|c| {
                vec![
                    XlsxCell::Text(name.to_owned()),
                    XlsxCell::Text(label(&c.code).to_owned()),
                    count(c.households),
                ]
            })
            .collect::<Vec<_>>()
    };
    use crate::tr::vocab::{risk_tier, risk_type};
    let tier = |code: &str| risk_tier::lookup(LANG, code).unwrap_or("");
    let risk = |code: &str| risk_type::lookup(LANG, code).unwrap_or("");
    let mut risks = group(r::tier(LANG), &objects.by_tier, &tier);
    risks.extend(group(r::risk(LANG), &objects.by_risk, &risk));
    let changes = vec![vec![
        XlsxCell::Date(today),
        XlsxCell::Text(view.month.clone()),
        count(view.identified_this_month),
        count(objects.eliminated_this_month),
        count(objects.reopened_this_month),
        count(objects.removed_this_month),
    ]];
    [
        XlsxSheet {
            name: sheet::objects(LANG),
            header: &headers[3],
            rows: by_category,
        },
        XlsxSheet {
            name: sheet::object_risks(LANG),
            header: &headers[4],
            rows: risks,
        },
        XlsxSheet {
            name: sheet::month_changes(LANG),
            header: &headers[5],
            rows: changes,
        },
    ]
}
