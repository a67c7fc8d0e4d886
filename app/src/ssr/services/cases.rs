//! The case engine's persistence: every command is one transaction that writes the new case
//! state, its events (the audit trail), its clocks and any outbox rows, guarded by the version
//! the officer's form was loaded at.
use chrono::{DateTime, Utc};

use super::millis;
use crate::domain::risk_list::RiskList;
use crate::{
    domain::{
        access::{may_on_case, Action, CaseRelation},
        case::{
            apply, decide_expecting, decide_report, Actor, Case, CaseCommand, CaseEvent, NewCase,
            Refusal,
        },
        clock::ClockState,
        id_number::IdNumber,
        mobile::MobileNumber,
        time::{date_zh, to_beijing},
        tracking::TrackingNumber,
    },
    ssr::{
        error::ServiceError,
        password::random_bytes,
        repo::{
            cases::{self, CaseRow, QueueColumns},
            clocks::{self, ClockCase, ClockRow},
            multi_row,
            outbox::{self, NewMessage},
            regions,
        },
        state::AppState,
    },
};

/// Who the case is about and how to reach them (kept beside the case, not in its events).
#[derive(Debug, Clone)]
pub struct Applicant {
    pub name: String,
    pub mobile: MobileNumber,
    pub id_number: IdNumber,
    pub household_size: u8,
    pub description: String,
    /// 村民小组, when known.
    pub group: Option<String>,
    /// Staff user who read the consent aloud to the applicant (proxy filing).
    pub consent_by: Option<String>,
    /// The form's idempotency key: a second filing with it returns the first.
    pub idempotency_key: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Filed {
    pub case_id: String,
    pub tracking: TrackingNumber,
    pub case: Case,
    /// Filed before, under the same key: this submission got the first filing back.
    pub earlier: bool,
}

pub fn new_id() -> String {
    random_bytes::<16>()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn refused(refusal: Refusal) -> ServiceError {
    match refusal {
        Refusal::StaleVersion { .. } => ServiceError::Conflict,
        // A clock the step may not name now: the form's clock field is wrong.
        Refusal::NoSuchClock { .. }
        | Refusal::ClockNotPausable { .. }
        | Refusal::ClockNotRunning { .. }
        | Refusal::ClockNotPaused { .. }
        | Refusal::NoExtensionPending => {
            ServiceError::Validation(vec![crate::wire::FieldError::new("clock", &refusal)])
        }
        other => ServiceError::Refused(other),
    }
}

/// Each gap as a problem of the form, listed under its banner; `refusal` when none is found.
fn every_gap(
    gaps: Vec<crate::domain::case::elimination::EliminationGap>,
    refusal: Refusal,
) -> ServiceError {
    if gaps.is_empty() {
        return refused(refusal);
    }
    tracing::info!(refusal = %refusal, gaps = gaps.len(), "elimination proposal refused");
    ServiceError::Validation(gap_problems(gaps))
}

/// Each elimination gap as the refusal's problem of the form (also said on the form before
/// it is sent: `case_view`).
pub(super) fn gap_problems(
    gaps: Vec<crate::domain::case::elimination::EliminationGap>,
) -> Vec<crate::wire::FieldError> {
    use crate::domain::message::UserMessage;
    gaps.into_iter()
        .map(|gap| {
            let each = Refusal::Elimination { gap };
            crate::wire::FieldError::from_locale(
                "command",
                each.key(),
                each.text_key(),
                each.args(),
            )
        })
        .collect()
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String, ServiceError> {
    serde_json::to_string(value).map_err(|e| ServiceError::Corrupt(format!("serialise: {e}")))
}

/// Files a new case (a self-report, a proxy report or a cadre's finding).
pub async fn file(
    state: &AppState,
    actor: &Actor,
    applicant: &Applicant,
    new: NewCase,
    now: DateTime<Utc>,
) -> Result<Filed, ServiceError> {
    file_counted(state, actor, applicant, new, now, Counted::default()).await
}

/// What a self-report brings to [`file_counted`] besides the filing.
#[derive(Default)]
pub struct Counted {
    /// Taken on their counters in the filing's own transaction.
    pub hits: Vec<super::filing_limits::Hit>,
    /// The village's township and county, when the form check already looked them up.
    pub parents: Option<(String, String)>,
}

/// [`file`], taking `hits` on their counters in the filing's own transaction first (a
/// retry of an earlier filing returns it before taking any).
#[tracing::instrument(skip_all, fields(actor = %actor.user_id))]
pub async fn file_counted(
    state: &AppState,
    actor: &Actor,
    applicant: &Applicant,
    mut new: NewCase,
    now: DateTime<Utc>,
    counted: Counted,
) -> Result<Filed, ServiceError> {
    let Counted { hits, parents } = counted;
    let mut key = applicant.idempotency_key.clone();
    if let Some(k) = &key {
        match earlier_filing(state, k, applicant).await? {
            Earlier::Same(filed) => return Ok(*filed),
            // Another household's key: this one files under a key of its own household, so
            // the key neither reveals the other filing nor blocks this one, and a retry of
            // it still files once (attacker tester: filed keyless, each retry of a record id
            // reused for a second household made a new case).
            Earlier::Other => {
                let own = household_key(state, k, applicant);
                if let Earlier::Same(filed) = earlier_filing(state, &own, applicant).await? {
                    return Ok(*filed);
                }
                key = Some(own);
            }
            Earlier::None => {}
        }
    }
    new.id = new_id();
    new.duplicates = super::duplicates::find(
        state,
        applicant.id_number.as_str(),
        applicant.mobile.as_str(),
    )
    .await?;
    let events = decide_report(&new, actor, &state.policy, &state.calendar, to_beijing(now))
        .map_err(refused)?;
    let case = Case::replay(&events)
        .ok_or_else(|| ServiceError::Corrupt("a report produced no case".into()))?;
    // One round trip for both parents (a filing's statements are its cost on PostgreSQL).
    let parents = match parents {
        Some(parents) => Some(parents),
        None => regions::township_and_county(&state.db.pool, new.village.as_str()).await?,
    };
    let (township_code, county_code) = parents.ok_or_else(|| {
        ServiceError::Corrupt(format!(
            "village {} has no township or county",
            new.village.as_str()
        ))
    })?;
    let tracking = TrackingNumber::from_random(random_bytes::<16>());
    let now_ms = millis(now);
    let row = CaseRow {
        id: case.id.clone(),
        tracking_number: tracking.as_str().to_owned(),
        village_code: case.village.as_str().to_owned(),
        township_code,
        county_code,
        village_group: applicant.group.clone(),
        state: case.state.code().to_owned(),
        channel: case.channel.code().to_owned(),
        applicant_name: applicant.name.clone(),
        applicant_mobile: applicant.mobile.as_str().to_owned(),
        applicant_id_number: applicant.id_number.as_str().to_owned(),
        household_size: i64::from(applicant.household_size),
        risk_types: RiskList(case.risks.clone()),
        description: applicant.description.clone(),
        discovered_on: case.discovered_on.to_string(),
        consent_at: now_ms,
        version: case.version,
        created_at: now_ms,
        updated_at: now_ms,
        consent_by: applicant.consent_by.clone(),
        idempotency_key: key.clone(),
    };
    let queue = QueueColumns::from(&case.queue_keys(&state.policy));
    // A proxy filing's household heard its tracking number over the phone or from a cadre:
    // a text gives it to them to keep (household tester: nothing reached the phone).
    let text = case.channel.is_proxy().then(|| {
        let (kind, body) = crate::domain::wording::household::tracking_sms(
            &tracking.grouped(),
            &date_zh(case.discovered_on),
        );
        let bucket = super::lookup::texts_bucket(&state.vault, applicant.mobile.as_str());
        super::filing_store::Text { kind, body, bucket }
    });
    let write = super::filing_store::NewFiling {
        vault: state.vault.clone(),
        hits,
        text,
        row,
        snapshot: to_json(&case)?,
        next_due: next_due(&case),
        queue,
        events,
        case,
        now_ms,
    };
    let (write, stored) = super::filing_store::store_filing(state, write).await;
    let (case, row) = (write.case, write.row);
    if let (Err(ServiceError::Db(e)), Some(key)) = (&stored, &key) {
        // The same form submitted twice at once: the other submission won the key.
        if e.as_database_error()
            .is_some_and(|d| d.is_unique_violation())
        {
            return match earlier_filing(state, key, applicant).await? {
                Earlier::Same(filed) => Ok(*filed),
                Earlier::Other | Earlier::None => Err(ServiceError::Conflict),
            };
        }
    }
    stored?;
    tracing::info!(case_id = %case.id, channel = %row.channel, "case filed");
    Ok(Filed {
        case_id: case.id.clone(),
        tracking,
        case,
        earlier: false,
    })
}

enum Earlier {
    /// The same household's filing: a retry gets it back.
    Same(Box<Filed>),
    /// The key names another household's filing.
    Other,
    None,
}

/// `key` narrowed to one household by its blind indexes (keyed: the stored key says nothing
/// of the ID number or mobile).
fn household_key(state: &AppState, key: &str, applicant: &Applicant) -> String {
    use crate::ssr::vault::Field;
    use sha2::{Digest, Sha256};
    let id = state
        .vault
        .index(Field::IdNumber, applicant.id_number.as_str());
    let mobile = state.vault.index(Field::Mobile, applicant.mobile.as_str());
    let digest = Sha256::digest(format!("{key}\n{id}\n{mobile}").as_bytes());
    format!("household:{}", hex::encode(digest))
}

/// The filing already made with this key: a retried submission gets it back only when the
/// mobile and ID number match too, so a key alone never reveals a tracking number.
async fn earlier_filing(
    state: &AppState,
    key: &str,
    applicant: &Applicant,
) -> Result<Earlier, ServiceError> {
    let Some(row) = cases::by_idempotency_key(&state.db.pool, &state.vault, key).await? else {
        return Ok(Earlier::None);
    };
    if row.applicant_mobile != applicant.mobile.as_str()
        || row.applicant_id_number != applicant.id_number.as_str()
    {
        tracing::warn!(case_id = %row.id, "form key sent with another household's details");
        return Ok(Earlier::Other);
    }
    let tracking = TrackingNumber::parse(&row.tracking_number)
        .map_err(|_| ServiceError::Corrupt(format!("case {} tracking number", row.id)))?;
    let case = load_unscoped(state, &row.id).await?;
    tracing::info!(case_id = %row.id, "form submitted again; the first filing stands");
    Ok(Earlier::Same(Box::new(Filed {
        case_id: row.id,
        tracking,
        case,
        earlier: true,
    })))
}

/// Loads a case the actor may see; out of scope looks like "not found" and is logged.
pub async fn load(state: &AppState, actor: &Actor, case_id: &str) -> Result<Case, ServiceError> {
    let case = load_unscoped(state, case_id).await?;
    if !actor.covers(&case.village) {
        tracing::warn!(actor = %actor.user_id, case_id, "out-of-scope read refused");
        return Err(ServiceError::NotFound);
    }
    Ok(case)
}

pub async fn load_unscoped(state: &AppState, case_id: &str) -> Result<Case, ServiceError> {
    let (snapshot, _version) = cases::snapshot(&state.db.pool, &state.vault, case_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let snapshot =
        snapshot.ok_or_else(|| ServiceError::Corrupt(format!("case {case_id} has no snapshot")))?;
    serde_json::from_str(&snapshot)
        .map_err(|e| ServiceError::Corrupt(format!("case {case_id}: {e}")))
}

/// Runs one command on a case the actor may act on, in one transaction.
#[tracing::instrument(skip_all, fields(actor = %actor.user_id, case_id = %case_id, command = ?command.kind()))]
pub async fn execute(
    state: &AppState,
    actor: &Actor,
    case_id: &str,
    expected_version: i64,
    command: &CaseCommand,
    now: DateTime<Utc>,
) -> Result<Case, ServiceError> {
    let case = load_unscoped(state, case_id).await?;
    // Outside the actor's own work (access table) a step finds no case, as a read does.
    let relation = CaseRelation {
        in_region: actor.covers(&case.village),
        filed_by_me: case.reported_by == actor.user_id,
        department_work: case.has_work_for(&state.policy, actor),
    };
    if !may_on_case(actor.role, Action::ActOnCase, relation) {
        tracing::warn!(actor = %actor.user_id, case_id, "step outside own work refused");
        return Err(ServiceError::NotFound);
    }
    let before_version = case.version;
    let events = decide_expecting(
        &case,
        expected_version,
        command,
        actor,
        &state.policy,
        &state.calendar,
        to_beijing(now),
    )
    .map_err(|refusal| match (&refusal, command) {
        // Every gap at once: a refusal named one, and once it was fixed the next proposal
        // named the next (officer tester).
        (Refusal::Elimination { .. }, CaseCommand::ProposeElimination { .. }) => {
            let today = to_beijing(now).date();
            let gaps = crate::domain::case::elimination::proposal_gaps(
                &case,
                &state.policy,
                &state.calendar,
                today,
            );
            every_gap(gaps, refusal)
        }
        _ => refused(refusal),
    })?;
    let after = events.iter().fold(case, apply);
    let row = cases::by_id(&state.db.pool, &state.vault, case_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let now_ms = millis(now);
    let queue = QueueColumns::from(&after.queue_keys(&state.policy));

    let mut tx = state.db.pool.begin().await?;
    // The guarded update comes first: it takes the write lock and settles any race.
    let won = cases::update_guarded(
        &mut *tx,
        &state.vault,
        case_id,
        before_version,
        after.version,
        after.state.code(),
        &to_json(&after)?,
        next_due(&after).as_deref(),
        &queue,
        now_ms,
    )
    .await?;
    if !won {
        tx.rollback().await?;
        tracing::info!("lost a concurrent update");
        return Err(ServiceError::Conflict);
    }
    write_events(&mut tx, &state.vault, case_id, before_version, &events).await?;
    clocks::delete_for_case(&mut *tx, case_id).await?;
    write_clocks(&mut tx, &row, &after, now_ms).await?;
    for event in &events {
        if let Some((subject, body)) =
            crate::domain::wording::household::sms(event, &row.tracking_number)
        {
            outbox::enqueue(
                &mut *tx,
                &state.vault,
                &NewMessage {
                    id: &new_id(),
                    channel: outbox::MessageChannel::Sms,
                    recipient: &row.applicant_mobile,
                    subject,
                    body: &body,
                    case_id: Some(case_id),
                },
                now_ms,
            )
            .await?;
        }
        use crate::domain::case::EventKind;
        match &event.kind {
            EventKind::AlertFedBack { note } => {
                super::inbox::tell_fed_back(&mut tx, &after, &row.tracking_number, note, now)
                    .await?
            }
            EventKind::TownshipReviewed {
                approve: false,
                note,
            } => {
                super::inbox::tell_returned(&mut tx, &after, &row.tracking_number, note, now)
                    .await?
            }
            _ => {}
        }
    }
    tx.commit().await?;
    Ok(after)
}

/// Parses a step form and runs it through the engine.
pub async fn run_form(
    state: &AppState,
    staff: &crate::ssr::staff::Staff,
    case_id: &str,
    version: i64,
    form: &crate::domain::case::CommandForm,
    now: DateTime<Utc>,
) -> Result<crate::domain::case::Case, ServiceError> {
    let today = crate::domain::time::beijing_date(now);
    let command = crate::domain::case::parse_command(form, today).map_err(|problems| {
        ServiceError::Validation(crate::wire::member_errors::step_errors(&problems, form))
    })?;
    execute(state, &staff.actor(), case_id, version, &command, now).await
}

/// The stored event log replayed from scratch (the audit trail is the source of truth).
pub async fn rebuild(state: &AppState, case_id: &str) -> Result<Case, ServiceError> {
    let stored = cases::events(&state.db.pool, &state.vault, case_id).await?;
    let events = stored
        .iter()
        .map(|(_, payload)| serde_json::from_str::<CaseEvent>(payload))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| ServiceError::Corrupt(format!("event of {case_id}: {e}")))?;
    Case::replay(&events)
        .ok_or_else(|| ServiceError::Corrupt(format!("case {case_id} has no report")))
}

fn next_due(case: &Case) -> Option<String> {
    case.next_deadline().map(|c| c.due_on.to_string())
}

pub(super) async fn write_events(
    tx: &mut sqlx::AnyConnection,
    vault: &crate::ssr::vault::Vault,
    case_id: &str,
    version_before: i64,
    events: &[CaseEvent],
) -> Result<(), ServiceError> {
    let rows = event_rows(version_before, events)?;
    // One statement for all of them: a round trip each was most of a filing's statements.
    multi_row::insert_events(&mut *tx, vault, case_id, &rows).await?;
    Ok(())
}

/// `events` as stored rows, numbered after `version_before`.
pub(super) fn event_rows(
    version_before: i64,
    events: &[CaseEvent],
) -> Result<Vec<multi_row::EventRow<'_>>, ServiceError> {
    events
        .iter()
        .enumerate()
        .map(|(i, event)| {
            Ok(multi_row::EventRow {
                seq: version_before + i as i64 + 1,
                kind: event.kind.code(),
                actor_id: Some(event.by.user_id.as_str()),
                at_ms: event.at.and_utc().timestamp_millis()
                    - crate::domain::time::BEIJING_OFFSET_HOURS * 3_600_000,
                payload: to_json(event)?,
            })
        })
        .collect()
}

/// The rows that store `case`'s clocks, in clock order (their `seq`).
pub fn clock_rows(case: &Case) -> Vec<ClockRow> {
    case.clocks
        .iter()
        .enumerate()
        .map(|(seq, clock)| {
            let (state, closed_on, paused_left) = match clock.state {
                ClockState::Running => ("open", None, None),
                ClockState::Paused {
                    remaining_working_days,
                } => ("open", None, Some(remaining_working_days)),
                ClockState::Met { on } => ("met", Some(on.to_string()), None),
                ClockState::Cancelled { on } => ("cancelled", Some(on.to_string()), None),
            };
            ClockRow {
                seq: seq as i64,
                kind: clock.kind.code().to_owned(),
                owner_level: clock.owner.code().to_owned(),
                started_on: clock.started_on.to_string(),
                due_on: clock.due_on.to_string(),
                state: state.to_owned(),
                closed_on,
                paused_left,
            }
        })
        .collect()
}

/// Inserts the case's clock rows; a change deletes the old ones first, a new case has none.
pub(super) async fn write_clocks(
    tx: &mut sqlx::AnyConnection,
    row: &CaseRow,
    case: &Case,
    now_ms: i64,
) -> Result<(), ServiceError> {
    multi_row::insert_clocks(&mut *tx, &clock_case(row, case), &clock_rows(case), now_ms).await?;
    Ok(())
}

pub(super) fn clock_case<'a>(row: &'a CaseRow, case: &'a Case) -> ClockCase<'a> {
    ClockCase {
        case_id: &case.id,
        village_code: &row.village_code,
        township_code: &row.township_code,
        tracking_number: &row.tracking_number,
    }
}
