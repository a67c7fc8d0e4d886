//! Reading the audit log: the county admin's page and CSV (the export itself audited), and
//! the household's "who has looked at my information" list.
use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};

use super::audit::{verify, Read, Reader};
use crate::{
    domain::{
        access::Action,
        audit::{AuditAction, Outcome},
        lang::Lang,
        ledger::csv_line,
        role::Role,
        time::to_beijing,
        wording::{
            audit::{reason_zh, verification_zh, BAD_DATE},
            audit_words,
            looked::{self, Look},
        },
    },
    ssr::{
        error::ServiceError,
        repo::{
            audit::{self as rows, AuditFilter, AuditRow},
            cases, regions, users,
        },
        staff::Staff,
        state::AppState,
    },
    wire::{
        audit::{AuditFilterForm, AuditPageView, AuditRowView, LookedView},
        FieldError,
    },
};

/// Rows shown on the page; the CSV holds more.
const PAGE_ROWS: i64 = 200;
const CSV_ROWS: i64 = 100_000;

fn at_zh(ms: i64) -> String {
    DateTime::<Utc>::from_timestamp_millis(ms)
        .map(|t| to_beijing(t).format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_default()
}

/// Midnight (Beijing) of a typed day, as Unix milliseconds.
fn day_start_ms(field: &str, text: &str) -> Result<Option<i64>, ServiceError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let day = NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
        ServiceError::Validation(vec![FieldError::from_locale(field, BAD_DATE, BAD_DATE, [])])
    })?;
    Ok(Some(crate::domain::time::beijing_day_start_ms(day)))
}

/// The typed filter as SQL sees it. An unknown person or tracking number matches nothing.
async fn filter_of(state: &AppState, form: &AuditFilterForm) -> Result<AuditFilter, ServiceError> {
    let pool = &state.db.pool;
    let person = form.person.trim();
    let actor_id = if person.is_empty() {
        None
    } else {
        Some(
            users::by_username(pool, person)
                .await?
                .map_or_else(|| "-".to_owned(), |u| u.id),
        )
    };
    let tracking = form.tracking.trim().to_uppercase().replace([' ', '-'], "");
    let case_id = if tracking.is_empty() {
        None
    } else {
        Some(
            cases::id_by_tracking(pool, &tracking)
                .await?
                .unwrap_or_else(|| "-".to_owned()),
        )
    };
    let action = AuditAction::from_code(form.action.trim()).map(|a| a.code().to_owned());
    Ok(AuditFilter {
        actor_id,
        case_id,
        action,
        from_ms: day_start_ms("from", &form.from)?,
        until_ms: day_start_ms("until", &form.until)?.map(|t| t + 86_400_000),
    })
}

/// The county's prefix of region codes (every office in the county starts with it).
fn county_prefix(staff: &Staff) -> String {
    staff.scope.county().as_str().chars().take(6).collect()
}

async fn found(
    state: &AppState,
    staff: &Staff,
    form: &AuditFilterForm,
    limit: i64,
) -> Result<Vec<AuditRowView>, ServiceError> {
    let filter = filter_of(state, form).await?;
    let found = rows::search(&state.db.pool, &county_prefix(staff), &filter, limit).await?;
    let people: HashMap<String, (String, String)> = users::all(&state.db.pool)
        .await?
        .into_iter()
        .map(|u| (u.id, (u.display_name, u.username)))
        .collect();
    let mut views = Vec::with_capacity(found.len());
    for row in found {
        let tracking = match &row.case_id {
            Some(id) => cases::by_id(&state.db.pool, &state.vault, id)
                .await?
                .map(|c| c.tracking_number)
                .unwrap_or_default(),
            None => String::new(),
        };
        let who = people
            .get(&row.actor_id)
            .map_or_else(|| row.actor_id.clone(), |(n, u)| format!("{n}（{u}）"));
        views.push(view_of(&row, who, tracking));
    }
    Ok(views)
}

fn view_of(row: &AuditRow, who: String, tracking: String) -> AuditRowView {
    let action = AuditAction::from_code(&row.action);
    AuditRowView {
        seq: row.seq,
        at: at_zh(row.at),
        who,
        role_zh: Role::from_code(&row.actor_role)
            .map_or("", |r| r.label_zh())
            .to_owned(),
        action_zh: action
            .map_or(row.action.as_str(), |a| a.label_zh())
            .to_owned(),
        outcome_zh: Outcome::of_code(&row.outcome).label_zh(action).to_owned(),
        tracking,
        reason_zh: action
            .map(|a| reason_zh(a, &row.reason, &row.reason_text))
            .unwrap_or_default(),
        detail: row.detail.clone(),
        client_address: row.client_address.clone(),
        role: row.actor_role.clone(),
        action: row.action.clone(),
        outcome: row.outcome.clone(),
        reason: row.reason.clone(),
        reason_text: row.reason_text.clone(),
    }
}

/// The county admin's audit page: the chain's verification and the filtered rows.
pub async fn page(
    state: &AppState,
    staff: &Staff,
    form: &AuditFilterForm,
    lang: Lang,
) -> Result<AuditPageView, ServiceError> {
    staff.require(Action::ReadAudit)?;
    let verification = verify(&state.db).await?;
    let verification_zh = verification_zh(
        verification.rows_checked,
        verification.first_broken.as_ref(),
    );
    Ok(AuditPageView {
        intact: verification.intact(),
        verification_zh,
        verification: audit_words::verification(
            verification.rows_checked,
            verification.first_broken.as_ref(),
            lang,
        ),
        rows: found(state, staff, form, PAGE_ROWS).await?,
        actions: AuditAction::ALL
            .iter()
            .map(|a| (a.code().to_owned(), a.label_zh().to_owned()))
            .collect(),
    })
}

/// The filtered rows as CSV (UTF-8 with a byte-order mark); the export is itself a row.
pub async fn csv(
    state: &AppState,
    reader: Reader<'_>,
    form: &AuditFilterForm,
) -> Result<String, ServiceError> {
    reader.staff.require(Action::ExportAudit)?;
    let found = found(state, reader.staff, form, CSV_ROWS).await?;
    let read = Read {
        detail: format!(
            "person={} tracking={} action={} from={} until={} rows={}",
            form.person,
            form.tracking,
            form.action,
            form.from,
            form.until,
            found.len()
        ),
        ..Read::default()
    };
    reader
        .record(state, AuditAction::AuditExported, Outcome::Allowed, &read)
        .await?;
    let mut body = String::from("\u{feff}");
    // The county's record, like its rows: in the default language (`audit_csv`).
    let header = [
        "seq",
        "at",
        "who",
        "role",
        "action",
        "outcome",
        "tracking",
        "reason",
        "detail",
        "client_address",
    ]
    .map(|column| crate::tr::audit_csv::lookup(Lang::default(), column).unwrap_or(column));
    body.push_str(&csv_line(&header));
    for r in &found {
        let seq = r.seq.to_string();
        body.push_str(&csv_line(&[
            seq.as_str(),
            r.at.as_str(),
            r.who.as_str(),
            r.role_zh.as_str(),
            r.action_zh.as_str(),
            r.outcome_zh.as_str(),
            r.tracking.as_str(),
            r.reason_zh.as_str(),
            r.detail.as_str(),
            r.client_address.as_str(),
        ]));
    }
    Ok(body)
}

/// Every staff read of one case, oldest first, as the household sees it: when, which office
/// and role, what and why, repeats by one person on one day collapsed into one line with a
/// count. Never who (no name, no account) and never from where.
pub async fn looked_for_household(
    state: &AppState,
    case_id: &str,
    lang: Lang,
) -> Result<Vec<LookedView>, ServiceError> {
    let found = rows::for_case(&state.db.pool, case_id).await?;
    let offices: HashMap<String, String> = regions::all(&state.db.pool)
        .await?
        .into_iter()
        .map(|r| (r.code, r.name))
        .collect();
    let looks = found
        .iter()
        .filter(|r| r.outcome == Outcome::Allowed.code())
        .filter_map(|r| {
            Some(Look {
                at: to_beijing(DateTime::<Utc>::from_timestamp_millis(r.at)?),
                actor: r.actor_id.clone(),
                role: Role::from_code(&r.actor_role)?,
                office: offices.get(&r.actor_scope).cloned().unwrap_or_default(),
                action: AuditAction::from_code(&r.action)?,
                reason: r.reason.clone(),
                reason_text: r.reason_text.clone(),
            })
        });
    Ok(looked::collapse(looks)
        .iter()
        .map(|g| {
            let role = looked::role(g, lang).to_owned();
            let (why, note) = looked::why(g, lang);
            LookedView {
                at: looked::when(g, lang),
                office: format!("{} · {role}", g.look.office),
                place: g.look.office.clone(),
                role,
                what: looked::what(g, lang),
                why,
                note,
                times: g.times,
            }
        })
        .collect())
}
