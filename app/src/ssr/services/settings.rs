//! The county's calendar and policy: seeded from the shipped State Council schedules and the
//! national defaults, editable by the county administrator, and reloaded by every server.
use chrono::{DateTime, Datelike, NaiveDate, Utc};

use super::millis;
use crate::domain::region::RegionLevel;
use crate::{
    domain::{
        calendar::Calendar,
        case::{
            policy_form::{parse_day, parse_year_mark, year_may_be_whole, DayKind, PolicyForm},
            work_rev, Policy,
        },
        holidays_cn::{CN_HOLIDAYS, CN_KNOWN_YEARS, CN_MAKEUP_WORKDAYS},
        time::beijing_date,
    },
    ssr::{
        db::Db,
        error::ServiceError,
        repo::{regions, settings},
        services::auth::Staff,
        state::AppState,
    },
    wire::{
        settings::{ScheduledPolicy, SettingsView},
        FieldError,
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
        settings::upsert_day(&mut *tx, day, DayKind::Holiday, name, now_ms).await?;
    }
    for day in CN_MAKEUP_WORKDAYS {
        settings::upsert_day(&mut *tx, day, DayKind::Workday, "调休上班", now_ms).await?;
    }
    for year in CN_KNOWN_YEARS {
        settings::add_year(&mut *tx, i64::from(*year), now_ms).await?;
    }
    tx.commit().await?;
    Ok(())
}

pub async fn load_calendar(db: &Db) -> Result<Calendar, ServiceError> {
    let days = settings::days(&db.pool).await?;
    let holidays = days
        .iter()
        .filter(|d| d.kind == DayKind::Holiday)
        .map(|d| (d.day, d.name.clone()));
    let makeup = days
        .iter()
        .filter(|d| d.kind == DayKind::Workday)
        .map(|d| d.day);
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
    let best = settings::policies(&db.pool)
        .await?
        .into_iter()
        .filter_map(|row| stored_day(&row.1).map(|day| (day, row)))
        .filter(|(day, (code, _, _))| county.starts_with(code.trim_end_matches('0')) && *day <= on)
        .max_by(|(a_day, a), (b_day, b)| {
            let specificity = |code: &str| code.trim_end_matches('0').len();
            specificity(&a.0)
                .cmp(&specificity(&b.0))
                .then(a_day.cmp(b_day))
        })
        .map(|(_, row)| row);
    match best {
        Some((code, from, body)) => serde_json::from_str(&body)
            .map_err(|e| ServiceError::Corrupt(format!("policy {code} from {from}: {e}"))),
        None => Ok(Policy::national_default()),
    }
}

/// The rules in force the day before `today`: the versions from today on are worked out
/// again from them.
async fn in_force_before(db: &Db, county: &str, today: NaiveDate) -> Result<Policy, ServiceError> {
    load_policy(db, county, today.pred_opt().unwrap_or(today)).await
}

/// A stored version's day, compared as a date, never as text: a row saved as "+10000-01-01"
/// (before the form refused five-digit years) sorted before every real date, so it was in
/// force at once and could not be withdrawn (attacker tester).
pub(crate) fn stored_day(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

pub(crate) async fn deployment_county(db: &Db) -> Result<Option<String>, ServiceError> {
    Ok(regions::all(&db.pool)
        .await?
        .into_iter()
        .find(|r| r.level == RegionLevel::County)
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
        super::queue::refresh_queue_columns(&state.db, &state.vault, &policy).await?;
    }
    Ok(())
}

/// A new policy for the administrator's county from a date on (past versions are kept). A
/// change to the retention periods is written to the audit log in the same transaction.
pub async fn set_policy(
    state: &AppState,
    staff: &Staff,
    form: &PolicyForm,
    carry: bool,
    address: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    staff.require_admin()?;
    // A version from a day gone by would recount deadlines already run (officer tester: a
    // 2025 date went through silently); said with the form's other problems, not after them.
    let past = crate::domain::time::parse_iso_date(form.effective_from.trim())
        .is_some_and(|day| day < beijing_date(now));
    let past_problem = || {
        FieldError::new(
            "effective_from",
            &crate::domain::case::policy_form::PolicyFieldError::EffectivePast,
        )
    };
    let (effective, policy) = match form.parse(state.policy.as_ref()) {
        Ok(parsed) if !past => parsed,
        Ok(_) => return Err(ServiceError::Validation(vec![past_problem()])),
        Err(problems) => {
            let mut all = FieldError::from_problems(&problems);
            if past {
                all.insert(0, past_problem());
            }
            return Err(ServiceError::Validation(all));
        }
    };
    // The version keeps only the fields changed from what the form showed (today's rules),
    // or every field when the administrator asks for all as typed (to set one back to
    // today's value on purpose: quick tester); its rules, and every later version's, are
    // then worked out from the versions before them. The audit says what it changes from
    // the rules that were to be in force on its day.
    use crate::domain::case::policy_changes;
    let changes = policy_changes::changed(&state.policy, &policy, effective, !carry);
    if changes.is_empty() {
        let same = crate::domain::case::policy_form::PolicyFieldError::NoChange;
        return Err(ServiceError::Validation(vec![FieldError::new(
            "effective_from",
            &same,
        )]));
    }
    let county = staff.scope.county();
    let on_day = load_policy(&state.db, county.as_str(), effective).await?;
    let (today, jurisdiction) = (beijing_date(now), staff.scope.as_str());
    let before = in_force_before(&state.db, county.as_str(), today).await?;
    let body = serde_json::to_string(&policy).map_err(|e| ServiceError::Corrupt(e.to_string()))?;
    let mut tx = state.db.pool.begin().await?;
    // Saved again for the same day: what it changed before stays changed.
    let earlier = super::policy_versions::changes_of(&mut tx, jurisdiction, effective).await?;
    let changes = policy_changes::merged(earlier, changes);
    let changes =
        serde_json::to_string(&changes).map_err(|e| ServiceError::Corrupt(e.to_string()))?;
    settings::upsert_policy(
        &mut *tx,
        jurisdiction,
        &effective.to_string(),
        &body,
        &changes,
        &staff.id,
        millis(now),
    )
    .await?;
    let folded = super::policy_versions::refold(&mut tx, jurisdiction, &before, today).await?;
    let policy = folded
        .into_iter()
        .find_map(|(day, rules)| (day == effective).then_some(rules))
        .unwrap_or(policy);
    use crate::domain::wording::admin_changes::{policy_change, policy_detail};
    let change = policy_change(&on_day, &policy, |key| key.starts_with("retention_"));
    if !change.is_empty() {
        let reader = super::audit::Reader {
            staff,
            address,
            now,
        };
        let read = super::audit::Read {
            detail: policy_detail(&change, effective),
            ..Default::default()
        };
        let entry = reader.entry(
            crate::domain::audit::AuditAction::RetentionChanged,
            crate::domain::audit::Outcome::Allowed,
            &read,
        );
        super::audit::append_in(&mut tx, &[entry]).await?;
    }
    let detail = policy_detail(&policy_change(&on_day, &policy, |_| true), effective);
    let entry = policy_changed(staff, address, now, detail);
    super::audit::append_in(&mut tx, &[entry]).await?;
    tx.commit().await?;
    tracing::info!(target: "audit", admin = %staff.id, effective = %effective, "policy set");
    reload(state, now).await
}

/// The audit row of a policy version saved or withdrawn.
fn policy_changed(
    staff: &Staff,
    address: &str,
    now: DateTime<Utc>,
    detail: String,
) -> crate::domain::audit::AuditEntry {
    super::audit::Reader {
        staff,
        address,
        now,
    }
    .entry(
        crate::domain::audit::AuditAction::PolicyChanged,
        crate::domain::audit::Outcome::Allowed,
        &super::audit::Read {
            detail,
            ..Default::default()
        },
    )
}

/// The administrator's policy versions that take effect after `today`, soonest first: saved
/// for a later date, they were listed nowhere and could not be taken back (admin tester).
/// Each says what it changes from the version before it (the one in force for the first).
async fn scheduled(
    state: &AppState,
    staff: &Staff,
    today: NaiveDate,
) -> Result<Vec<ScheduledPolicy>, ServiceError> {
    use crate::domain::wording::admin_changes::policy_change;
    let mut before: Policy = (*state.policy).clone();
    let mut rows: Vec<(NaiveDate, settings::PolicyRow)> = settings::policies(&state.db.pool)
        .await?
        .into_iter()
        .filter_map(|row| stored_day(&row.1).map(|day| (day, row)))
        .filter(|(day, (code, _, _))| code == staff.scope.as_str() && *day > today)
        .collect();
    rows.sort_by_key(|(day, _)| *day);
    let mut out = Vec::new();
    for (_, (code, from, body)) in rows {
        let after: Policy = serde_json::from_str(&body)
            .map_err(|e| ServiceError::Corrupt(format!("policy {code} from {from}: {e}")))?;
        out.push(ScheduledPolicy {
            changes: policy_change(&before, &after, |_| true),
            effective_from: from,
        });
        before = after;
    }
    Ok(out)
}

/// Withdraws a policy version not yet in force; audited. One in force (or gone) is refused:
/// the days it governed were counted by it.
pub async fn withdraw_policy(
    state: &AppState,
    staff: &Staff,
    effective_from: &str,
    address: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    staff.require_admin()?;
    let not_scheduled = || {
        ServiceError::Validation(vec![FieldError::from_locale(
            "effective_from",
            "policy.not_scheduled",
            "policy.not_scheduled",
            [],
        )])
    };
    // Compared as a date: a version in force is never deleted.
    if stored_day(effective_from).is_none_or(|day| day <= beijing_date(now)) {
        return Err(not_scheduled());
    }
    // The versions after it are worked out again without its changes: a withdrawn change
    // came back with a later version that had copied it (officer tester).
    let today = beijing_date(now);
    let county = staff.scope.county();
    let before = in_force_before(&state.db, county.as_str(), today).await?;
    let mut tx = state.db.pool.begin().await?;
    if !settings::delete_policy(&mut *tx, staff.scope.as_str(), effective_from).await? {
        return Err(not_scheduled());
    }
    super::policy_versions::refold(&mut tx, staff.scope.as_str(), &before, today).await?;
    let detail = format!("撤回{effective_from}起生效的政策版本");
    let entry = policy_changed(staff, address, now, detail);
    super::audit::append_in(&mut tx, &[entry]).await?;
    tx.commit().await?;
    tracing::info!(target: "audit", admin = %staff.id, effective = %effective_from, "policy version withdrawn");
    reload(state, now).await
}

/// Marks `year` entered whole (its deadlines then count its holidays: until then Monday to
/// Friday, and staff are told), or withdraws the mark. A year is never marked by one of its
/// days: one 元旦 marked 2027 whole (admin tester).
pub async fn mark_year(
    state: &AppState,
    staff: &Staff,
    year: &str,
    complete: bool,
    address: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    staff.require_admin()?;
    let mut tx = state.db.pool.begin().await?;
    // Counted in the database, not this server's copy of the calendar: a day just added on
    // another app server reaches it only at its next reload.
    let listed = match year.trim().parse::<i32>() {
        Ok(y) if complete => settings::holidays_in(&mut *tx, y).await?,
        _ => 0,
    };
    let year = parse_year_mark(year, complete, |_| listed)
        .map_err(|problems| ServiceError::Validation(FieldError::from_problems(&problems)))?;
    match complete {
        true => settings::add_year(&mut *tx, i64::from(year), millis(now)).await?,
        false => settings::remove_year(&mut *tx, i64::from(year)).await?,
    }
    tx.commit().await?;
    tracing::info!(target: "audit", admin = %staff.id, year, complete, "calendar year marked");
    let lang = crate::domain::lang::Lang::Zh;
    let detail = match complete {
        true => crate::tr::settings::mark_year(lang, year),
        false => crate::tr::settings::unmark_year(lang, year),
    };
    let action = crate::domain::audit::AuditAction::CalendarChanged;
    super::admin::changed(state, staff, address, now, action, detail).await?;
    reload(state, now).await
}

/// Adds or changes one day of the calendar (its year is marked whole apart: [`mark_year`]).
pub async fn set_day(
    state: &AppState,
    staff: &Staff,
    day: &str,
    kind: &str,
    name: &str,
    address: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    staff.require_admin()?;
    let (date, kind, name) = parse_day(day, kind, name)
        .map_err(|problems| ServiceError::Validation(FieldError::from_problems(&problems)))?;
    let mut tx = state.db.pool.begin().await?;
    settings::upsert_day(&mut *tx, &date.to_string(), kind, &name, millis(now)).await?;
    tx.commit().await?;
    tracing::info!(target: "audit", admin = %staff.id, day = %date, kind = kind.code(), "calendar day set");
    let kind_zh = match kind {
        DayKind::Holiday => crate::tr::settings::holiday(crate::domain::lang::Lang::Zh),
        DayKind::Workday => crate::tr::settings::workday(crate::domain::lang::Lang::Zh),
    };
    let detail = format!("{date} {kind_zh} {name}");
    let action = crate::domain::audit::AuditAction::CalendarChanged;
    super::admin::changed(state, staff, address, now, action, detail).await?;
    reload(state, now).await
}

pub async fn remove_day(
    state: &AppState,
    staff: &Staff,
    day: &str,
    address: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    staff.require_admin()?;
    let day = day.trim();
    let mut tx = state.db.pool.begin().await?;
    if !settings::delete_day(&mut *tx, day).await? {
        return Err(ServiceError::NotFound);
    }
    // A year left with fewer holidays than festivals is no longer entered whole.
    if let Some(year) = day.get(..4).and_then(|y| y.parse::<i32>().ok()) {
        if !year_may_be_whole(settings::holidays_in(&mut *tx, year).await?) {
            settings::remove_year(&mut *tx, i64::from(year)).await?;
        }
    }
    tx.commit().await?;
    tracing::info!(target: "audit", admin = %staff.id, day, "calendar day removed");
    let detail = crate::tr::admin_changes::removed(crate::domain::lang::Lang::Zh, day.trim());
    let action = crate::domain::audit::AuditAction::CalendarChanged;
    super::admin::changed(state, staff, address, now, action, detail).await?;
    reload(state, now).await
}

/// The policy in force and the calendar, as the settings form shows them.
pub async fn current(
    state: &AppState,
    staff: &Staff,
    now: DateTime<Utc>,
) -> Result<SettingsView, ServiceError> {
    staff.require_admin()?;
    let scheduled = scheduled(state, staff, beijing_date(now)).await?;
    let cal = &state.calendar;
    let mut days: Vec<(String, String, String)> = cal
        .holidays()
        .map(|(d, name)| {
            (
                d.to_string(),
                DayKind::Holiday.label_zh().to_owned(),
                name.to_owned(),
            )
        })
        .chain(cal.makeup_workdays().map(|d| {
            (
                d.to_string(),
                DayKind::Workday.label_zh().to_owned(),
                String::new(),
            )
        }))
        .collect();
    days.sort();
    Ok(SettingsView {
        policy: PolicyForm::of(&state.policy, beijing_date(now)),
        days,
        known_years: cal.known_years().collect(),
        open_years: open_years(cal),
        scheduled,
    })
}

/// Years with holidays listed but not marked whole, each with its number of days off.
fn open_years(cal: &crate::domain::calendar::Calendar) -> Vec<(i32, usize)> {
    let mut years: Vec<i32> = cal.holidays().map(|(d, _)| d.year()).collect();
    years.dedup();
    years
        .into_iter()
        .filter(|y| !cal.is_known_year(*y))
        .map(|y| (y, cal.holidays_in(y)))
        .collect()
}
