//! The in-app inbox: the notifications the clock sweep leaves for each officer.
use chrono::{DateTime, Utc};

use super::millis;
use crate::{
    domain::{
        clock::{ClockKind, NoticeKind},
        lang::Lang,
        time::to_beijing,
        wording::notice_words,
    },
    ssr::{error::ServiceError, repo::notifications, staff::Staff, state::AppState},
    tr,
    wire::inbox::NotificationView,
};

const INBOX_LIMIT: i64 = 200;

/// The kind of a note to a department that the county fed an alert's outcome back.
pub const FED_BACK: &str = "fed_back";

/// Tells the account that pushed a department alert what the county fed back, in the
/// step's own transaction.
pub async fn tell_fed_back(
    tx: &mut sqlx::AnyConnection,
    case: &crate::domain::case::Case,
    tracking: &str,
    note: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let reference =
        crate::ssr::repo::department_keys::reference_of(&mut *tx, &case.reported_by, &case.id)
            .await?;
    let said =
        crate::domain::wording::notices::alert_fed_back(tracking, reference.as_deref(), note);
    let to = [case.reported_by.clone()];
    tell(
        tx,
        &to,
        case,
        (FED_BACK, ClockKind::AlertFeedback),
        said,
        now,
    )
    .await
}

/// The kind of a note to the village that the township's review sent a case back.
pub const RETURNED: &str = "returned";

/// Tells the village's cadres that the township's review sent the case back, with its
/// reason, in the step's own transaction.
pub async fn tell_returned(
    tx: &mut sqlx::AnyConnection,
    case: &crate::domain::case::Case,
    tracking: &str,
    note: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let cadres = notifications::active_users_with_role(
        &mut *tx,
        crate::domain::role::Role::VillageCadre.code(),
        case.village.as_str(),
    )
    .await?;
    let to: Vec<String> = cadres.into_iter().map(|c| c.id).collect();
    let said = crate::domain::wording::notices::returned_by_township(tracking, note);
    tell(tx, &to, case, (RETURNED, ClockKind::HomeCheck), said, now).await
}

/// One note of `kind` about `case` to each of `users`: (title, body) as `said`. Keyed by the
/// moment, not a due date (two feedbacks or returns a day are two notes).
async fn tell(
    tx: &mut sqlx::AnyConnection,
    users: &[String],
    case: &crate::domain::case::Case,
    (kind, clock): (&str, ClockKind),
    (title, body): (String, String),
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let due_on = now.to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    let ids: Vec<String> = users.iter().map(|_| super::cases::new_id()).collect();
    let rows: Vec<_> = users
        .iter()
        .zip(&ids)
        .map(|(user, id)| notifications::NewNotification {
            id,
            user_id: user,
            case_id: &case.id,
            kind,
            clock_kind: clock.code(),
            due_on: &due_on,
            title: &title,
            body: &body,
        })
        .collect();
    notifications::insert_many_once(tx, &rows, millis(now)).await?;
    Ok(())
}

/// The signed-in person's notifications, newest first, labelled in `lang`.
pub async fn list(
    state: &AppState,
    staff: &Staff,
    lang: Lang,
) -> Result<Vec<NotificationView>, ServiceError> {
    let rows = notifications::for_user(&state.db.pool, &staff.id, INBOX_LIMIT).await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let created = DateTime::from_timestamp_millis(row.created_at)
                .map(|at| to_beijing(at).format("%Y-%m-%d %H:%M").to_string())
                .unwrap_or_default();
            let title_words = match row.kind.as_str() {
                FED_BACK => notice_words::fed_back_title(&row.title, lang),
                RETURNED => notice_words::returned_title(&row.title, lang),
                _ => NoticeKind::from_code(&row.kind)
                    .zip(ClockKind::from_code(&row.clock_kind))
                    .and_then(|(kind, clock)| notice_words::title(&row.title, kind, clock, lang)),
            };
            let body_phrase = NoticeKind::from_code(&row.kind)
                .zip(ClockKind::from_code(&row.clock_kind))
                .and_then(|(kind, clock)| notice_words::body_phrase(&row.body, kind, clock));
            NotificationView {
                title_words,
                body_phrase,
                id: row.id,
                case_id: row.case_id,
                kind_label: tr::inbox::kind::lookup(lang, &row.kind)
                    .unwrap_or_default()
                    .to_owned(),
                kind: row.kind,
                clock_label: ClockKind::from_code(&row.clock_kind)
                    .map(|k| k.label(lang).to_owned())
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
