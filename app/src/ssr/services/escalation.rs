//! Escalation: a sweep over the open clocks notifies the owner of every clock that is due soon
//! or overdue, and the owner's supervisor of every overdue one. Notifications land in the
//! in-app inbox and, for people with an email address, in the outbox (sent by the worker in
//! working hours). The unique key on notifications makes a sweep safe to run again.
use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};

use super::{cases::new_id, millis};
use crate::{
    domain::{
        clock::{urgency, urgency_of, Clock, ClockKind, ClockState, Level, NoticeKind, Urgency},
        role::Role,
        time::{beijing_date, date_zh},
    },
    ssr::{
        error::ServiceError,
        repo::{
            clocks::{self, ToldClock},
            notifications::{self, DueClockRow, NewNotification, Recipient},
            outbox::{self, NewMessage},
            outbox_batch, regions,
        },
        state::AppState,
    },
};

/// At most this many clocks per sweep; the rest wait for the next one (earliest due first).
const SWEEP_LIMIT: i64 = 10_000;

/// Rows per multi-row statement (notifications, outbox rows, told levels): 8,001 bound values
/// at most, inside both databases' limits, and a full sweep in about a dozen statements.
pub const ROWS_PER_STATEMENT: usize = 1_000;

/// What a sweep found and did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SweepReport {
    /// Open clocks read (due by today plus the due-soon window).
    pub clocks_checked: usize,
    pub due_soon: usize,
    pub overdue: usize,
    /// Notifications written by this sweep (none for people already told).
    pub notified: usize,
    /// Emails queued in the outbox by this sweep.
    pub emails_queued: usize,
}

/// Which of the case's regions a recipient's scope must equal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Within {
    Village,
    Township,
    County,
}

/// Someone to notify about a clock, described by role and place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Addressee {
    pub role: Role,
    pub within: Within,
    pub supervisor: bool,
}

/// Who hears about a clock owned at `owner` level: the owner's officers when it is due soon or
/// overdue, and also their supervisor when it is overdue. A village's supervisor is the
/// township head; line departments answer to the county head.
pub fn addressees(owner: Level, kind: NoticeKind) -> Vec<Addressee> {
    let (role, within) = match owner {
        Level::Village => (Role::VillageCadre, Within::Village),
        Level::Township => (Role::TownshipOfficer, Within::Township),
        Level::County => (Role::CountyOfficer, Within::County),
        Level::Department => (Role::DepartmentLiaison, Within::County),
    };
    let mut out = vec![Addressee {
        role,
        within,
        supervisor: false,
    }];
    match kind {
        NoticeKind::DueSoon => {}
        NoticeKind::Overdue => {
            let (role, within) = match owner {
                Level::Village | Level::Township => (Role::TownshipHead, Within::Township),
                Level::County | Level::Department => (Role::CountyHead, Within::County),
            };
            out.push(Addressee {
                role,
                within,
                supervisor: true,
            });
        }
    }
    out
}

struct Planned {
    case_id: String,
    due_on: String,
    clock: ClockKind,
    kind: NoticeKind,
    recipient: Recipient,
    title: String,
    body: String,
}

/// Sweeps the open clocks as of `now`: see the module docs. Safe to run at any time and any
/// number of times; people already told are not told again.
pub async fn sweep(state: &AppState, now: DateTime<Utc>) -> Result<SweepReport, ServiceError> {
    sweep_in_chunks(state, now, ROWS_PER_STATEMENT).await
}

/// [`sweep`], writing `rows_per_statement` rows a statement (clamped to what one statement can
/// bind). Tests pass a small number so that a few clocks span several statements.
#[tracing::instrument(skip_all, fields(now = %now))]
pub async fn sweep_in_chunks(
    state: &AppState,
    now: DateTime<Utc>,
    rows_per_statement: usize,
) -> Result<SweepReport, ServiceError> {
    let started = std::time::Instant::now();
    let today = beijing_date(now);
    let window = state.policy.due_soon_working_days;
    // Every clock with at most `window` working days left is due before the (window+1)-th
    // working day; paused clocks (judged on the days they had left) are due earlier still.
    // Only clocks not yet told at the level their date gives them are read (migration 0025).
    let until = state
        .calendar
        .add_working_days(today, window.saturating_add(1));
    let rows = notifications::untold_clocks_due(
        &state.db.pool,
        &state.vault,
        &until.to_string(),
        &today.to_string(),
        SWEEP_LIMIT,
    )
    .await?;
    if rows.len() as i64 == SWEEP_LIMIT {
        tracing::warn!(
            limit = SWEEP_LIMIT,
            "sweep limit reached; the rest wait for the next sweep"
        );
    }
    let mut report = SweepReport {
        clocks_checked: rows.len(),
        ..SweepReport::default()
    };
    if rows.is_empty() {
        // Nothing due and untold: no regions or people to look up.
        return Ok(report);
    }
    let read = started.elapsed();
    let planned = plan(state, &rows, today, &mut report).await?;
    let planned_by = started.elapsed();
    let how = Written {
        today,
        now,
        per_statement: rows_per_statement,
    };
    write(state, &rows, &planned, &how, &mut report).await?;
    if report.notified > 0 {
        // Where a slow sweep spends its time (the benchmark prints these).
        tracing::info!(
            read_ms = read.as_millis() as u64,
            plan_ms = (planned_by - read).as_millis() as u64,
            write_ms = (started.elapsed() - planned_by).as_millis() as u64,
            checked = report.clocks_checked,
            due_soon = report.due_soon,
            overdue = report.overdue,
            notified = report.notified,
            emails = report.emails_queued,
            "clock sweep"
        );
    }
    Ok(report)
}

/// The notifications the due clocks call for: who is told what (not yet written).
async fn plan(
    state: &AppState,
    rows: &[DueClockRow],
    today: chrono::NaiveDate,
    report: &mut SweepReport,
) -> Result<Vec<Planned>, ServiceError> {
    let regions = regions::all(&state.db.pool).await?;
    let names: HashMap<&str, &str> = regions
        .iter()
        .map(|r| (r.code.as_str(), r.name.as_str()))
        .collect();
    let parents: HashMap<&str, &str> = regions
        .iter()
        .filter_map(|r| Some((r.code.as_str(), r.parent_code.as_deref()?)))
        .collect();
    let mut people = People::default();
    let mut planned = Vec::new();
    // The county owns a procedure's overall limit, but the level whose step the case waits on
    // is told too: a village cadre who had to end a notice heard nothing while the county was
    // reminded (officer tester).
    let overall: Vec<&str> = rows
        .iter()
        .filter(|r| is_overall(&r.kind))
        .map(|r| r.case_id.as_str())
        .collect();
    let waiting = if overall.is_empty() {
        HashMap::new()
    } else {
        notifications::waiting_on(&state.db.pool, &overall, &today.to_string()).await?
    };
    for row in rows {
        let Some((clock_kind, owner, level)) = judge(state, row, today) else {
            continue;
        };
        let Some(kind) = NoticeKind::of(level) else {
            continue;
        };
        match kind {
            NoticeKind::DueSoon => report.due_soon += 1,
            NoticeKind::Overdue => report.overdue += 1,
        }
        let village = names
            .get(row.village_code.as_str())
            .copied()
            .unwrap_or_default();
        let place = Place {
            village: &row.village_code,
            township: &row.township_code,
            county: parents
                .get(row.township_code.as_str())
                .copied()
                .unwrap_or_default(),
        };
        let due_on = row
            .due_on
            .parse()
            .map(date_zh)
            .unwrap_or_else(|_| row.due_on.clone());
        let (village_waits, township_waits) = match is_overall(&row.kind) {
            true => waiting.get(&row.case_id).copied().unwrap_or_default(),
            false => (false, false),
        };
        let mut told = addressees(owner, kind);
        for (waits, role, within) in [
            (village_waits, Role::VillageCadre, Within::Village),
            (township_waits, Role::TownshipOfficer, Within::Township),
        ] {
            if waits && !told.iter().any(|a| a.role == role) {
                told.push(Addressee {
                    role,
                    within,
                    supervisor: false,
                });
            }
        }
        for addressee in told {
            let (title, body) = crate::domain::wording::notices::deadline(
                row.tracking_number.as_deref().unwrap_or_default(),
                clock_kind,
                owner,
                kind,
                addressee.supervisor,
                village,
                &due_on,
            );
            for recipient in people.for_addressee(state, &addressee, &place).await? {
                planned.push(Planned {
                    case_id: row.case_id.clone(),
                    due_on: row.due_on.clone(),
                    clock: clock_kind,
                    kind,
                    recipient: recipient.clone(),
                    title: title.clone(),
                    body: body.clone(),
                });
            }
        }
    }
    Ok(planned)
}

/// A procedure's overall limit (its kind's code), owned by the county.
fn is_overall(kind: &str) -> bool {
    [
        ClockKind::IdentificationOverall,
        ClockKind::EliminationReview,
    ]
    .iter()
    .any(|k| k.code() == kind)
}

/// A due clock's village, township and county (the county from the region tree: the clock
/// row names the first two).
struct Place<'a> {
    village: &'a str,
    township: &'a str,
    county: &'a str,
}

/// Active accounts by (role, region), each looked up once per sweep.
#[derive(Default)]
struct People(HashMap<(Role, String), Vec<Recipient>>);

impl People {
    async fn for_addressee(
        &mut self,
        state: &AppState,
        addressee: &Addressee,
        place: &Place<'_>,
    ) -> Result<&[Recipient], ServiceError> {
        let region = match addressee.within {
            Within::Village => place.village,
            Within::Township => place.township,
            Within::County => place.county,
        };
        let key = (addressee.role, region.to_owned());
        if !self.0.contains_key(&key) {
            let found = notifications::active_users_with_role(
                &state.db.pool,
                addressee.role.code(),
                region,
            )
            .await?;
            if found.is_empty() {
                tracing::warn!(role = addressee.role.code(), region = %region, "nobody to notify");
            }
            self.0.insert(key.clone(), found);
        }
        Ok(self.0.get(&key).map(Vec::as_slice).unwrap_or_default())
    }
}

/// When and how [`write`] writes.
struct Written {
    today: chrono::NaiveDate,
    now: DateTime<Utc>,
    per_statement: usize,
}

/// Writes the planned notifications, each once, with an email for people who have an
/// address, and marks every clock read as told up to the level its due date gives it today,
/// so the next sweep does not read it again. A clock's notifications and its told mark are
/// always in one transaction. On PostgreSQL the cases are split into a few parts written at
/// once, each in its own transaction (the writing is most of a sweep's time, and one
/// transaction keeps one core busy); SQLite has one writer, so one transaction.
async fn write(
    state: &AppState,
    rows: &[DueClockRow],
    planned: &[Planned],
    how: &Written,
    report: &mut SweepReport,
) -> Result<(), ServiceError> {
    let parts = match state.db.backend {
        crate::ssr::db::Backend::Postgres => PARALLEL_PARTS,
        crate::ssr::db::Backend::Sqlite => 1,
    };
    let row_parts = split_by_case(rows, parts, |r| &r.case_id);
    let planned_parts = split_by_case(planned, parts, |p| &p.case_id);
    let written = futures::future::try_join_all(
        row_parts
            .iter()
            .zip(&planned_parts)
            .filter(|(rows, _)| !rows.is_empty())
            .map(|(rows, planned)| write_part(state, rows, planned, how)),
    )
    .await?;
    for (notified, emails) in written {
        report.notified += notified;
        report.emails_queued += emails;
    }
    Ok(())
}

/// `items` in `parts` lists by a hash of their case: all of one case's rows in the same part.
fn split_by_case<T>(items: &[T], parts: usize, case_of: impl Fn(&T) -> &str) -> Vec<Vec<&T>> {
    use std::hash::{Hash, Hasher};
    let mut split = vec![Vec::new(); parts];
    for item in items {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        case_of(item).hash(&mut h);
        split[(h.finish() % parts as u64) as usize].push(item);
    }
    split
}

/// Parts a PostgreSQL sweep writes at once (within the pool's 16 connections).
const PARALLEL_PARTS: usize = 4;

/// One part of [`write`], in one transaction: its notifications and emails in multi-row
/// statements of `per_statement` rows, then its clocks' told marks. Answers how many
/// notifications and emails it wrote.
async fn write_part(
    state: &AppState,
    rows: &[&DueClockRow],
    planned: &[&Planned],
    how: &Written,
) -> Result<(usize, usize), ServiceError> {
    let now_ms = millis(how.now);
    let per_statement = how
        .per_statement
        .clamp(1, notifications::MAX_ROWS.min(outbox_batch::MAX_ROWS));
    let (mut notified, mut emailed) = (0, 0);
    let mut tx = state.db.pool.begin().await?;
    for chunk in planned.chunks(per_statement) {
        let ids: Vec<String> = chunk.iter().map(|_| new_id()).collect();
        let notes: Vec<NewNotification<'_>> = chunk
            .iter()
            .zip(&ids)
            .map(|(p, id)| NewNotification {
                id,
                user_id: &p.recipient.id,
                case_id: &p.case_id,
                kind: p.kind.code(),
                clock_kind: p.clock.code(),
                due_on: &p.due_on,
                title: &p.title,
                body: &p.body,
            })
            .collect();
        // Those already told are left out by the unique key; only the rows written get mail.
        let written: HashSet<String> = notifications::insert_many_once(&mut tx, &notes, now_ms)
            .await?
            .into_iter()
            .collect();
        notified += written.len();
        let emails: Vec<(&str, String, &Planned, String)> = chunk
            .iter()
            .zip(&ids)
            .filter(|(_, id)| written.contains(id.as_str()))
            .filter_map(|(p, _)| {
                let email = p.recipient.email.as_deref().map(str::trim)?;
                (!email.is_empty()).then(|| {
                    let body = crate::domain::wording::notices::email_body(&p.body);
                    (email, body, *p, new_id())
                })
            })
            .collect();
        let messages: Vec<NewMessage<'_>> = emails
            .iter()
            .map(|(email, body, p, id)| NewMessage {
                id,
                channel: outbox::MessageChannel::Email,
                recipient: email,
                subject: &p.title,
                body,
                case_id: Some(&p.case_id),
            })
            .collect();
        outbox_batch::enqueue_many(&mut tx, &state.vault, &messages, now_ms).await?;
        emailed += messages.len();
    }
    let today = how.today.to_string();
    for level in [TOLD_DUE_SOON, TOLD_OVERDUE] {
        let told: Vec<ToldClock<'_>> = rows
            .iter()
            .filter(|r| told_level_by_date(&r.due_on, &today) == level)
            .map(|r| ToldClock {
                case_id: &r.case_id,
                seq: r.seq,
                due_on: &r.due_on,
            })
            .collect();
        clocks::mark_told(&mut tx, level, &told, how.per_statement).await?;
    }
    let committing = std::time::Instant::now();
    tx.commit().await?;
    // Where a slow write phase goes: its statements or the commit (the benchmark's question).
    tracing::debug!(
        commit_ms = committing.elapsed().as_millis() as u64,
        clocks = rows.len(),
        notified,
        "sweep part committed"
    );
    Ok((notified, emailed))
}

/// Told levels of the sweep's marks (clock_told, migration 0025).
const TOLD_DUE_SOON: i64 = 1;
const TOLD_OVERDUE: i64 = 2;

/// The level a clock row the sweep read reaches by its due date alone: overdue once due before
/// today, due soon otherwise (it was read because it is due before the horizon). For a running
/// clock this is the level `judge` finds, and a minimum is never due. A mark names its due
/// date: a paused clock resumes on a later date (read again, unmarked) unless it had no
/// working days left, and then the days it had left already gave it its date's level. So
/// marking by date never hides a notice the snapshot would give later.
fn told_level_by_date(due_on: &str, today: &str) -> i64 {
    // Both are 'YYYY-MM-DD', so text order is date order.
    if due_on < today {
        TOLD_OVERDUE
    } else {
        TOLD_DUE_SOON
    }
}

/// The one part of a case snapshot the sweep reads for a clock row written before migration
/// 0024. Decoding only it skips building the household's members, measures, visits and the rest.
#[derive(serde::Deserialize)]
struct SnapshotClocks {
    clocks: Vec<Clock>,
}

/// The clock's kind, owner and urgency today. A row written since migration 0024 says all it
/// takes (a paused clock counts the working days it had left); an older one is judged on the
/// case snapshot.
fn judge(
    state: &AppState,
    row: &DueClockRow,
    today: chrono::NaiveDate,
) -> Option<(ClockKind, Level, Urgency)> {
    if row.pause_known == 0 {
        return judge_on_snapshot(state, row, today);
    }
    let window = state.policy.due_soon_working_days;
    let (Some(kind), Some(owner), Ok(due_on)) = (
        ClockKind::from_code(&row.kind),
        Level::from_code(&row.owner_level),
        row.due_on.parse(),
    ) else {
        tracing::error!(case_id = %row.case_id, seq = row.seq, "unreadable clock row");
        return None;
    };
    let now = match row.paused_left {
        Some(remaining_working_days) => ClockState::Paused {
            remaining_working_days,
        },
        None => ClockState::Running,
    };
    let level = urgency_of(kind, due_on, now, today, &state.calendar, window);
    Some((kind, owner, level))
}

/// [`judge`] for a clock row written before migration 0024, on its case's snapshot.
fn judge_on_snapshot(
    state: &AppState,
    row: &DueClockRow,
    today: chrono::NaiveDate,
) -> Option<(ClockKind, Level, Urgency)> {
    let case = row
        .snapshot
        .as_deref()
        .and_then(|s| serde_json::from_str::<SnapshotClocks>(s).ok());
    let clock = case.as_ref().and_then(|c| {
        usize::try_from(row.seq)
            .ok()
            .and_then(|seq| c.clocks.get(seq))
    });
    match clock {
        Some(clock) if clock.kind.code() == row.kind && clock.owner.code() == row.owner_level => {
            let window = state.policy.due_soon_working_days;
            let level = urgency(clock, today, &state.calendar, window);
            Some((clock.kind, clock.owner, level))
        }
        _ => {
            tracing::error!(case_id = %row.case_id, seq = row.seq, "clock row does not match the case snapshot");
            None
        }
    }
}

#[cfg(test)]
#[path = "escalation_tests.rs"]
mod tests;
