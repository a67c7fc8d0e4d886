//! Escalation: a sweep over the open clocks notifies the owner of every clock that is due soon
//! or overdue, and the owner's supervisor of every overdue one. Notifications land in the
//! in-app inbox and, for people with an email address, in the outbox (sent by the worker in
//! working hours). The unique key on notifications makes a sweep safe to run again.
use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::{cases::new_id, millis};
use crate::{
    api::inbox::NotificationView,
    domain::{
        case::Case,
        clock::{urgency, ClockKind, Level, Urgency},
        role::Role,
        time::{beijing_date, date_zh, to_beijing},
    },
    ssr::{
        error::ServiceError,
        repo::{
            notifications::{self, DueClockRow, NewNotification, Recipient},
            outbox::{self, NewMessage},
            regions,
        },
        services::auth::Staff,
        state::AppState,
    },
};

/// At most this many clocks per sweep; the rest wait for the next one (earliest due first).
const SWEEP_LIMIT: i64 = 10_000;
/// The inbox shows this many notifications, newest first.
const INBOX_LIMIT: i64 = 200;

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

/// The kind of a notification, stored as its code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    DueSoon,
    Overdue,
}

impl NoticeKind {
    pub fn code(self) -> &'static str {
        match self {
            NoticeKind::DueSoon => "due_soon",
            NoticeKind::Overdue => "overdue",
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            NoticeKind::DueSoon => "即将到期",
            NoticeKind::Overdue => "已逾期",
        }
    }

    pub fn from_code(code: &str) -> Option<NoticeKind> {
        [NoticeKind::DueSoon, NoticeKind::Overdue]
            .into_iter()
            .find(|k| k.code() == code)
    }

    /// The notification an urgency calls for, if any.
    pub fn of(urgency: Urgency) -> Option<NoticeKind> {
        match urgency {
            Urgency::DueSoon => Some(NoticeKind::DueSoon),
            Urgency::Overdue => Some(NoticeKind::Overdue),
            Urgency::OnTime | Urgency::Met | Urgency::MetLate | Urgency::Cancelled => None,
        }
    }
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

/// Title and body of a notification (no ID or phone numbers: the text also goes by email).
fn wording(
    row: &DueClockRow,
    clock: ClockKind,
    owner: Level,
    kind: NoticeKind,
    supervisor: bool,
    village: &str,
    due_on: &str,
) -> (String, String) {
    let step = clock.label_zh();
    let tracking = &row.tracking_number;
    match (kind, supervisor) {
        (NoticeKind::DueSoon, _) => (
            format!("即将到期：{step}（{tracking}）"),
            format!("{village}的申报 {tracking} 的“{step}”将于{due_on}到期，请及时办理。"),
        ),
        (NoticeKind::Overdue, false) => (
            format!("已逾期：{step}（{tracking}）"),
            format!("{village}的申报 {tracking} 的“{step}”已于{due_on}到期，现已逾期，请尽快办理。"),
        ),
        (NoticeKind::Overdue, true) => (
            format!("督办：{step}已逾期（{tracking}）"),
            format!(
                "{village}的申报 {tracking} 的“{step}”由{}办理，已于{due_on}到期，现已逾期，请督促办理。",
                owner.label_zh()
            ),
        ),
    }
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
#[tracing::instrument(skip_all, fields(now = %now))]
pub async fn sweep(state: &AppState, now: DateTime<Utc>) -> Result<SweepReport, ServiceError> {
    let today = beijing_date(now);
    let window = state.policy.due_soon_working_days;
    // Every clock with at most `window` working days left is due before the (window+1)-th
    // working day; paused clocks (judged on the days they had left) are due earlier still.
    let until = state
        .calendar
        .add_working_days(today, window.saturating_add(1));
    let rows =
        notifications::open_clocks_due_by(&state.db.pool, &until.to_string(), SWEEP_LIMIT).await?;
    if rows.len() as i64 == SWEEP_LIMIT {
        tracing::warn!(
            limit = SWEEP_LIMIT,
            "sweep limit reached; the rest wait for the next sweep"
        );
    }
    let names: HashMap<String, String> = regions::all(&state.db.pool)
        .await?
        .into_iter()
        .map(|r| (r.code, r.name))
        .collect();
    let mut report = SweepReport {
        clocks_checked: rows.len(),
        ..SweepReport::default()
    };
    let mut people: HashMap<(Role, String), Vec<Recipient>> = HashMap::new();
    let mut planned = Vec::new();
    for row in rows {
        let Some((clock_kind, owner, level)) = judge(state, &row, today) else {
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
            .get(&row.village_code)
            .map(String::as_str)
            .unwrap_or_default();
        let due_on = row
            .due_on
            .parse()
            .map(date_zh)
            .unwrap_or_else(|_| row.due_on.clone());
        for addressee in addressees(owner, kind) {
            let region = match addressee.within {
                Within::Village => &row.village_code,
                Within::Township => &row.township_code,
                Within::County => &row.county_code,
            };
            let key = (addressee.role, region.clone());
            if !people.contains_key(&key) {
                let found = notifications::active_users_with_role(
                    &state.db.pool,
                    addressee.role.code(),
                    region,
                )
                .await?;
                if found.is_empty() {
                    tracing::warn!(role = addressee.role.code(), region = %region, "nobody to notify");
                }
                people.insert(key.clone(), found);
            }
            let (title, body) = wording(
                &row,
                clock_kind,
                owner,
                kind,
                addressee.supervisor,
                village,
                &due_on,
            );
            for recipient in people.get(&key).into_iter().flatten() {
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
    if planned.is_empty() {
        return Ok(report);
    }
    let now_ms = millis(now);
    let mut tx = state.db.pool.begin().await?;
    for p in &planned {
        let written = notifications::insert_once(
            &mut *tx,
            &NewNotification {
                id: &new_id(),
                user_id: &p.recipient.id,
                case_id: &p.case_id,
                kind: p.kind.code(),
                clock_kind: p.clock.code(),
                due_on: &p.due_on,
                title: &p.title,
                body: &p.body,
            },
            now_ms,
        )
        .await?;
        if !written {
            continue;
        }
        report.notified += 1;
        if let Some(email) = p
            .recipient
            .email
            .as_deref()
            .filter(|e| !e.trim().is_empty())
        {
            let body = format!(
                "{}\n\n请登录防返贫监测帮扶服务平台，在“消息”中查看并办理。",
                p.body
            );
            outbox::enqueue(
                &mut *tx,
                &NewMessage {
                    id: &new_id(),
                    channel: "email",
                    recipient: email.trim(),
                    subject: &p.title,
                    body: &body,
                    case_id: Some(&p.case_id),
                },
                now_ms,
            )
            .await?;
            report.emails_queued += 1;
        }
    }
    tx.commit().await?;
    if report.notified == 0 {
        return Ok(report);
    }
    tracing::info!(
        checked = report.clocks_checked,
        due_soon = report.due_soon,
        overdue = report.overdue,
        notified = report.notified,
        emails = report.emails_queued,
        "clock sweep"
    );
    Ok(report)
}

/// The clock's kind, owner and urgency today, judged on the case snapshot (a paused clock
/// counts the working days it had left, which its row does not show).
fn judge(
    state: &AppState,
    row: &DueClockRow,
    today: chrono::NaiveDate,
) -> Option<(ClockKind, Level, Urgency)> {
    let case = row
        .snapshot
        .as_deref()
        .and_then(|s| serde_json::from_str::<Case>(s).ok());
    let clock = case.as_ref().and_then(|c| {
        usize::try_from(row.seq)
            .ok()
            .and_then(|seq| c.clocks.get(seq))
    });
    match clock {
        Some(clock) if clock.kind.code() == row.kind && clock.owner.code() == row.owner_level => {
            let level = urgency(
                clock,
                today,
                &state.calendar,
                state.policy.due_soon_working_days,
            );
            Some((clock.kind, clock.owner, level))
        }
        _ => {
            tracing::error!(case_id = %row.case_id, seq = row.seq, "clock row does not match the case snapshot");
            None
        }
    }
}

/// The signed-in person's notifications, newest first.
pub async fn inbox(state: &AppState, staff: &Staff) -> Result<Vec<NotificationView>, ServiceError> {
    let rows = notifications::for_user(&state.db.pool, &staff.id, INBOX_LIMIT).await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let kind = NoticeKind::from_code(&row.kind);
            let created = DateTime::from_timestamp_millis(row.created_at)
                .map(|at| to_beijing(at).format("%Y-%m-%d %H:%M").to_string())
                .unwrap_or_default();
            NotificationView {
                id: row.id,
                case_id: row.case_id,
                kind_zh: kind.map(|k| k.label_zh().to_owned()).unwrap_or_default(),
                kind: row.kind,
                clock_zh: ClockKind::from_code(&row.clock_kind)
                    .map(|k| k.label_zh().to_owned())
                    .unwrap_or_default(),
                title: row.title,
                body: row.body,
                created_at: created,
                read: row.read_at.is_some(),
            }
        })
        .collect())
}

/// Marks one of the signed-in person's notifications read; someone else's is "not found".
pub async fn mark_read(
    state: &AppState,
    staff: &Staff,
    id: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    if notifications::mark_read(&state.db.pool, &staff.id, id, millis(now)).await? {
        Ok(())
    } else {
        Err(ServiceError::NotFound)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clock_due_soon_is_told_to_its_owner_only() {
        let to = addressees(Level::Township, NoticeKind::DueSoon);
        assert_eq!(
            to,
            vec![Addressee {
                role: Role::TownshipOfficer,
                within: Within::Township,
                supervisor: false
            }]
        );
    }

    #[test]
    fn an_overdue_village_clock_goes_up_to_the_township_head() {
        let to = addressees(Level::Village, NoticeKind::Overdue);
        assert_eq!(to.len(), 2);
        assert_eq!(
            (to[0].role, to[0].within),
            (Role::VillageCadre, Within::Village)
        );
        assert_eq!(
            (to[1].role, to[1].within),
            (Role::TownshipHead, Within::Township)
        );
        assert!(to[1].supervisor);
    }

    #[test]
    fn overdue_county_and_department_clocks_go_up_to_the_county_head() {
        for owner in [Level::County, Level::Department] {
            let to = addressees(owner, NoticeKind::Overdue);
            assert_eq!(to[1].role, Role::CountyHead);
            assert_eq!(to[1].within, Within::County);
        }
    }

    #[test]
    fn only_due_soon_and_overdue_call_for_a_notification() {
        assert_eq!(NoticeKind::of(Urgency::DueSoon), Some(NoticeKind::DueSoon));
        assert_eq!(NoticeKind::of(Urgency::Overdue), Some(NoticeKind::Overdue));
        for quiet in [
            Urgency::OnTime,
            Urgency::Met,
            Urgency::MetLate,
            Urgency::Cancelled,
        ] {
            assert_eq!(NoticeKind::of(quiet), None);
        }
    }
}
