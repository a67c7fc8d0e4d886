use chrono::NaiveDate;

use crate::domain::lang::Lang;
use crate::{
    domain::{
        audit::{AuditAction, Outcome},
        case::{
            eligibility::{suggest_category, Lines},
            household::listed_as,
            plan_review::PlanReview,
            Case, CaseState, Procedure, ReviewStep,
        },
        clock::ClockKind,
        notice_name,
        region::{RegionCode, RegionLevel},
    },
    ssr::{
        error::ServiceError,
        repo::{cases, regions},
        services::audit::{Read, Reader},
        state::AppState,
    },
    wire::notice::{NoticeEntry, NoticeView},
};

const NOTICE_STATES: &[&str] = &["notice_running", "elimination_notice_running"];
/// The notice of an assistance plan (落实帮扶措施).
const PLAN: &str = "plan";

/// The notice of one village. It is public by design; when a signed-in officer opens it (to
/// print it), each household listed gets an audit row.
pub async fn for_village(
    state: &AppState,
    village: &str,
    reader: Option<Reader<'_>>,
    today: NaiveDate,
    lang: Lang,
) -> Result<NoticeView, ServiceError> {
    let code = RegionCode::parse(village)
        .ok()
        .filter(|c| c.level() == RegionLevel::Village)
        .ok_or(ServiceError::NotFound)?;
    let village_row = regions::find(&state.db.pool, code.as_str())
        .await?
        .ok_or(ServiceError::NotFound)?;
    let township = match &village_row.parent_code {
        Some(t) => regions::find(&state.db.pool, t).await?,
        None => None,
    };
    let county = match township.as_ref().and_then(|t| t.parent_code.clone()) {
        Some(c) => regions::find(&state.db.pool, &c).await?,
        None => None,
    };
    // The board copy (full names, measures) is for staff of this village's own area who may
    // print notices: another township's officer, and county-wide roles that never print one
    // (hotline, department, administrator), read the open web's copy (testers).
    let reader = reader.filter(|r| {
        r.staff
            .reach(crate::domain::access::Action::PrintNotice)
            .allowed()
            && r.staff.scope.contains(&code)
    });
    let masked = reader.is_none();
    let pool = &state.db.pool;
    let in_procedure = cases::in_village_states(pool, &state.vault, code.as_str(), NOTICE_STATES);
    // 落实帮扶措施 is reviewed and posted too (seed 004): its notice runs on a monitored case.
    let plans = cases::in_village_with_open_clock(
        pool,
        &state.vault,
        code.as_str(),
        ClockKind::PlanNotice.code(),
    );
    let (mut noticed, mut seen) = (Vec::new(), std::collections::HashSet::new());
    for (row, snapshot) in in_procedure.await?.into_iter().chain(plans.await?) {
        let Some(case) = snapshot.and_then(|s| serde_json::from_str::<Case>(&s).ok()) else {
            continue;
        };
        if !seen.insert(row.id.clone()) {
            continue;
        }
        if let Some((matter, from, until)) = in_notice(&case) {
            noticed.push((row, case, matter, from, until));
        }
    }
    noticed.sort_by_key(|(_, _, _, from, _)| *from);
    let mut entries = Vec::new();
    let mut listed: Vec<String> = Vec::new();
    for (row, case, matter, from, until) in noticed {
        listed.push(row.id.clone());
        let (name, household_size) = listed_as(
            case.household.as_ref(),
            &row.applicant_name,
            row.household_size,
        );
        entries.push(NoticeEntry {
            // Full names for the officer printing the board copy; partly hidden on the open
            // web (the confirmation page tells the household so).
            name: if masked {
                notice_name::masked(name)
            } else {
                name.to_owned()
            },
            group: row.village_group.clone(),
            household_size,
            procedure: matter.to_owned(),
            // Decided by the county only after the notice: until then the notice shows the
            // category the home check supports (拟纳入类别), as the board copy does.
            category: case
                .category
                .or_else(|| suggest_category(case.household.as_ref(), Lines::of(&state.policy)))
                .map(|c| c.code().to_owned()),
            // The measures go on the board copy only: on the open web, 医疗救助 or 残疾人
            // 补贴 beside a name would tell a health matter.
            measures: if masked || matter != PLAN {
                Vec::new()
            } else {
                case.plan_measures()
                    .map(|m| m.measure_type.code().to_owned())
                    .collect()
            },
            from,
            until,
            period_over: until < today,
        });
    }
    if let Some(reader) = reader {
        let rows: Vec<_> = listed
            .iter()
            .map(|case_id| {
                let read = Read {
                    case_id: Some(case_id),
                    detail: format!("village={}", code.as_str()),
                    ..Read::default()
                };
                reader.entry(AuditAction::NoticePrinted, Outcome::Allowed, &read)
            })
            .collect();
        super::audit::append(&state.db, &rows).await?;
    }
    Ok(NoticeView {
        village: village_row.name,
        township: township.map(|t| t.name).unwrap_or_default(),
        county: county.map(|c| c.name).unwrap_or_default(),
        entries,
        masked,
        contacts: super::household::region_lines(state, &code, lang)
            .await?
            .into_iter()
            .map(|(_, line)| line)
            .collect(),
    })
}

/// The matter whose notice a case's household is under now, with the notice's first and
/// earliest last day.
fn in_notice(case: &Case) -> Option<(&'static str, NaiveDate, NaiveDate)> {
    if let CaseState::Reviewing {
        procedure,
        step: ReviewStep::NoticeRunning {
            from, min_until, ..
        },
    } = case.state
    {
        let matter = match procedure {
            Procedure::Identification => "identification",
            Procedure::Elimination => "elimination",
        };
        return Some((matter, from, min_until));
    }
    match case.plan_review {
        Some(PlanReview::NoticeRunning { from, min_until }) => Some((PLAN, from, min_until)),
        _ => None,
    }
}
