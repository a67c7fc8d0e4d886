//! The county's calendar and policy: seeded from the shipped State Council schedules and the
//! national defaults, editable by the county administrator, and reloaded by every server.
use chrono::{DateTime, Datelike, NaiveDate, Utc};

use super::millis;
use crate::{
    api::{settings::PolicyForm, FieldError},
    domain::{
        calendar::Calendar,
        case::{work_rev, Policy},
        clock::Span,
        holidays_cn::{CN_HOLIDAYS, CN_KNOWN_YEARS, CN_MAKEUP_WORKDAYS},
        message::Message,
        money::Fen,
        role::Role,
        time::beijing_date,
    },
    ssr::{
        db::Db,
        error::ServiceError,
        repo::{regions, settings},
        services::auth::Staff,
        state::AppState,
    },
};

/// First start: the shipped schedules go into the database, where the administrator can edit
/// them (e.g. add next year's once the State Council publishes it).
pub async fn seed_calendar(db: &Db, now: DateTime<Utc>) -> Result<(), ServiceError> {
    if !settings::years(&db.pool).await?.is_empty() {
        return Ok(());
    }
    let now_ms = millis(now);
    let mut tx = db.pool.begin().await?;
    for (day, name) in CN_HOLIDAYS {
        settings::upsert_day(&mut *tx, day, "holiday", name, now_ms).await?;
    }
    for day in CN_MAKEUP_WORKDAYS {
        settings::upsert_day(&mut *tx, day, "workday", "调休上班", now_ms).await?;
    }
    for year in CN_KNOWN_YEARS {
        settings::add_year(&mut *tx, i64::from(*year), now_ms).await?;
    }
    tx.commit().await?;
    Ok(())
}

pub async fn load_calendar(db: &Db) -> Result<Calendar, ServiceError> {
    let days = settings::days(&db.pool).await?;
    let parse = |d: &str| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok();
    let holidays = days
        .iter()
        .filter(|(_, kind, _)| kind == "holiday")
        .filter_map(|(day, _, name)| parse(day).map(|d| (d, name.clone())));
    let makeup = days
        .iter()
        .filter(|(_, kind, _)| kind == "workday")
        .filter_map(|(day, _, _)| parse(day));
    let years = settings::years(&db.pool).await?;
    Ok(Calendar::new(
        holidays,
        makeup,
        years.into_iter().filter_map(|y| i32::try_from(y).ok()),
    ))
}

/// The policy in force on `on` for `county`: the most specific jurisdiction whose code is a
/// prefix of the county's (county over province), latest effective date first; national
/// defaults when none is set.
pub async fn load_policy(db: &Db, county: &str, on: NaiveDate) -> Result<Policy, ServiceError> {
    let on = on.to_string();
    let best = settings::policies(&db.pool)
        .await?
        .into_iter()
        .filter(|(code, from, _)| county.starts_with(code.trim_end_matches('0')) && *from <= on)
        .max_by(|a, b| {
            let specificity = |code: &str| code.trim_end_matches('0').len();
            specificity(&a.0)
                .cmp(&specificity(&b.0))
                .then(a.1.cmp(&b.1))
        });
    match best {
        Some((code, from, body)) => serde_json::from_str(&body)
            .map_err(|e| ServiceError::Corrupt(format!("policy {code} from {from}: {e}"))),
        None => Ok(Policy::national_default()),
    }
}

async fn deployment_county(db: &Db) -> Result<Option<String>, ServiceError> {
    Ok(regions::all(&db.pool)
        .await?
        .into_iter()
        .find(|r| r.level == "county")
        .map(|r| r.code))
}

/// Reads calendar and policy from the database into the live settings.
pub async fn reload(state: &AppState, now: DateTime<Utc>) -> Result<(), ServiceError> {
    let calendar = load_calendar(&state.db).await?;
    let policy = match deployment_county(&state.db).await? {
        Some(county) => load_policy(&state.db, &county, beijing_date(now)).await?,
        None => Policy::national_default(),
    };
    let changed = work_rev(&state.settings.snapshot().1) != work_rev(&policy);
    state.settings.set(calendar, policy.clone());
    if changed {
        // Who has a step on a case may depend on the policy: the stored queue columns follow.
        super::queue::refresh_queue_columns(&state.db, &policy).await?;
    }
    Ok(())
}

fn require_admin(staff: &Staff) -> Result<(), ServiceError> {
    if staff.role == Role::CountyAdmin {
        Ok(())
    } else {
        Err(ServiceError::Forbidden)
    }
}

fn invalid(field: &str, zh: &'static str, en: &'static str) -> ServiceError {
    ServiceError::Validation(vec![FieldError::new(
        field,
        &Message {
            key: "settings.invalid",
            zh,
            en,
        },
    )])
}

fn days(raw: &str, field: &str, max: u32) -> Result<u32, ServiceError> {
    raw.trim()
        .parse::<u32>()
        .ok()
        .filter(|n| (1..=max).contains(n))
        .ok_or_else(|| invalid(field, "请填写合理的天数", "Enter a sensible number of days"))
}

/// An optional number field: blank keeps `current`, otherwise 1..=max wrapped by `span`.
fn optional_span(
    raw: &str,
    field: &str,
    max: u32,
    current: Span,
    span: fn(u32) -> Span,
) -> Result<Span, ServiceError> {
    if raw.trim().is_empty() {
        Ok(current)
    } else {
        days(raw, field, max).map(span)
    }
}

/// A new policy for the administrator's county from a date on (past versions are kept).
pub async fn set_policy(
    state: &AppState,
    staff: &Staff,
    form: &PolicyForm,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    require_admin(staff)?;
    let effective =
        NaiveDate::parse_from_str(form.effective_from.trim(), "%Y-%m-%d").map_err(|_| {
            invalid(
                "effective_from",
                "请填写生效日期",
                "Enter the date it takes effect",
            )
        })?;
    let income_line = Fen::parse_yuan(&form.income_line)
        .ok()
        .filter(|f| f.fen() > 0)
        .ok_or_else(|| {
            invalid(
                "income_line",
                "请填写监测收入标准（元）",
                "Enter the income line in yuan",
            )
        })?;
    let current = state.policy.as_ref();
    let policy = Policy {
        income_line,
        township_acceptance: Span::WorkingDays(days(
            &form.township_acceptance_days,
            "township_acceptance_days",
            30,
        )?),
        home_check: Span::WorkingDays(days(&form.home_check_days, "home_check_days", 30)?),
        identification_overall: Span::CalendarDays(days(
            &form.identification_days,
            "identification_days",
            90,
        )?),
        notice_min: Span::CalendarDays(days(&form.notice_min_days, "notice_min_days", 30)?.max(5)),
        green_channel_open: !form.green_channel.trim().is_empty(),
        notice_parallel_township: !form.notice_parallel_township.trim().is_empty(),
        comparison_skippable: !form.comparison_skippable.trim().is_empty(),
        due_soon_working_days: days(&form.due_soon_days, "due_soon_days", 10)?,
        refusal_notice: optional_span(
            &form.refusal_notice_days,
            "refusal_notice_days",
            30,
            current.refusal_notice,
            Span::WorkingDays,
        )?,
        responsible_assigned: optional_span(
            &form.responsible_days,
            "responsible_days",
            30,
            current.responsible_assigned,
            Span::CalendarDays,
        )?,
        assistance_started: optional_span(
            &form.assistance_months,
            "assistance_months",
            12,
            current.assistance_started,
            Span::Months,
        )?,
        visit_red: optional_span(
            &form.visit_red_days,
            "visit_red_days",
            90,
            current.visit_red,
            Span::CalendarDays,
        )?,
        visit_yellow: optional_span(
            &form.visit_yellow_months,
            "visit_yellow_months",
            12,
            current.visit_yellow,
            Span::Months,
        )?,
        visit_blue: optional_span(
            &form.visit_blue_months,
            "visit_blue_months",
            12,
            current.visit_blue,
            Span::Months,
        )?,
        elimination_review: optional_span(
            &form.elimination_review_days,
            "elimination_review_days",
            90,
            current.elimination_review,
            Span::CalendarDays,
        )?,
        recheck_eliminated: optional_span(
            &form.recheck_months,
            "recheck_months",
            12,
            current.recheck_eliminated,
            Span::Months,
        )?,
        ..current.clone()
    };
    let body = serde_json::to_string(&policy).map_err(|e| ServiceError::Corrupt(e.to_string()))?;
    settings::upsert_policy(
        &state.db.pool,
        staff.scope.as_str(),
        &effective.to_string(),
        &body,
        &staff.id,
        millis(now),
    )
    .await?;
    tracing::info!(target: "audit", admin = %staff.id, effective = %effective, "policy set");
    reload(state, now).await
}

/// Adds or changes one day of the calendar; a listed year becomes "known".
pub async fn set_day(
    state: &AppState,
    staff: &Staff,
    day: &str,
    kind: &str,
    name: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    require_admin(staff)?;
    let date = NaiveDate::parse_from_str(day.trim(), "%Y-%m-%d")
        .map_err(|_| invalid("day", "请填写日期", "Enter a date"))?;
    let kind = match kind {
        "holiday" | "workday" => kind,
        _ => {
            return Err(invalid(
                "kind",
                "请选择放假或调休上班",
                "Choose holiday or makeup workday",
            ))
        }
    };
    let name = if name.trim().is_empty() {
        if kind == "holiday" {
            "节假日"
        } else {
            "调休上班"
        }
    } else {
        name.trim()
    };
    let mut tx = state.db.pool.begin().await?;
    settings::upsert_day(&mut *tx, &date.to_string(), kind, name, millis(now)).await?;
    settings::add_year(&mut *tx, i64::from(date.year()), millis(now)).await?;
    tx.commit().await?;
    tracing::info!(target: "audit", admin = %staff.id, day = %date, kind, "calendar day set");
    reload(state, now).await
}

pub async fn remove_day(
    state: &AppState,
    staff: &Staff,
    day: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    require_admin(staff)?;
    if !settings::delete_day(&state.db.pool, day.trim()).await? {
        return Err(ServiceError::NotFound);
    }
    tracing::info!(target: "audit", admin = %staff.id, day, "calendar day removed");
    reload(state, now).await
}
