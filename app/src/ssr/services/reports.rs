//! Self-reports: filing, the no-JavaScript draft, the confirmation and progress look-up.
use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::millis;
use crate::{
    domain::{
        case::{proxy_channels, Actor, CaseState, NewCase},
        lang::Lang,
        mobile::MobileNumber,
        report::{FilingLimit, NewReport, ReportFieldError, ReportForm, FORM_FIELD},
        role::Role,
        time::beijing_date,
        tracking::TrackingNumber,
        vocab::Channel,
    },
    ssr::{
        error::ServiceError,
        form_keys::{self, FormScope},
        repo::{cases as case_rows, drafts, rate_limits, regions},
        services::{
            auth::Staff,
            cases::{self, Applicant},
            filing_limits::Hit,
            household, track_limits,
        },
        state::AppState,
        vault::Field,
    },
    wire::{
        cases::Choice,
        reports::{MovedOn, ReportDraft, SubmissionInfo},
        FieldError,
    },
};

const DRAFT_TTL_MINUTES: i64 = 60;

/// The channels a member of staff may file under for someone else, for the picker.
pub fn proxy_choices(staff: &Staff) -> Result<Vec<Choice>, ServiceError> {
    Ok(staff
        .require_proxy()?
        .iter()
        .map(|c| Choice {
            code: c.code().to_owned(),
            label_zh: c.label_zh().to_owned(),
        })
        .collect())
}

/// The proxy form to come back to with a draft, keeping the channel (known codes only).
pub fn proxy_form_path(channel: &str) -> String {
    let known = Channel::from_code(channel).map_or("", |c| c.code());
    format!("/staff/report?channel={known}&")
}

/// A fresh idempotency key for a report form, signed for `scope` (see `ssr::form_keys`).
pub async fn new_form_key(state: &AppState, scope: &FormScope) -> Result<String, ServiceError> {
    form_keys::issue(state, scope).await
}

/// Checks a report form, including that its village exists, and gives the village's township
/// and county from the same look-up; `now` dates the report (a birth date after it is refused).
async fn parse_report(
    state: &AppState,
    form: &ReportForm,
    now: DateTime<Utc>,
) -> Result<(NewReport, (String, String)), ServiceError> {
    let report = NewReport::parse(form, beijing_date(now))
        .map_err(|problems| ServiceError::Validation(FieldError::from_problems(&problems)))?;
    let village = report.village.as_str();
    let parents = state
        .memo
        .village_parents(village, || {
            regions::village_parents(&state.db.pool, village)
        })
        .await?
        .ok_or_else(|| {
            ServiceError::Validation(vec![FieldError::new(
                "village",
                &ReportFieldError::VillageUnknown,
            )])
        })?;
    Ok((report, parents))
}

/// The applicant and the new case of a checked report.
fn to_filing(
    report: NewReport,
    channel: Channel,
    consent_by: Option<String>,
    idempotency_key: Option<String>,
    now: DateTime<Utc>,
) -> (Applicant, NewCase) {
    let applicant = Applicant {
        // Kept as searched: "王 秀英" could not be found as 王秀英 (household tester).
        name: crate::domain::person_name::joined(&report.name),
        mobile: report.mobile,
        id_number: report.id_number,
        household_size: report.household_size,
        group: report.group.clone(),
        description: report.description,
        consent_by,
        idempotency_key,
    };
    let new = NewCase {
        id: String::new(),
        village: report.village,
        channel,
        risks: report.risk_types,
        discovered_on: beijing_date(now),
        duplicates: Vec::new(),
    };
    (applicant, new)
}

/// Files a checked report with the parents its check looked up (not looked up again).
async fn file_report(
    state: &AppState,
    actor: &Actor,
    (report, parents): (NewReport, (String, String)),
    channel: Channel,
    consent_by: Option<String>,
    idempotency_key: Option<String>,
    now: DateTime<Utc>,
) -> Result<cases::Filed, ServiceError> {
    let (applicant, new) = to_filing(report, channel, consent_by, idempotency_key, now);
    let counted = cases::Counted {
        hits: Vec::new(),
        parents: Some(parents),
    };
    cases::file_counted(state, actor, &applicant, new, now, counted).await
}

/// Checks a report form and files it under `channel` for `actor` (a stored key, composed on
/// the server, makes a resubmission return the first filing).
pub async fn file_form(
    state: &AppState,
    actor: &Actor,
    form: &ReportForm,
    channel: Channel,
    consent_by: Option<String>,
    idempotency_key: Option<String>,
    now: DateTime<Utc>,
) -> Result<cases::Filed, ServiceError> {
    let checked = parse_report(state, form, now).await?;
    file_report(
        state,
        actor,
        checked,
        channel,
        consent_by,
        idempotency_key,
        now,
    )
    .await
}

/// A household files for itself.
#[tracing::instrument(skip_all)]
pub async fn submit(
    state: &AppState,
    form: &ReportForm,
    address: &str,
    now: DateTime<Utc>,
) -> Result<TrackingNumber, ServiceError> {
    let (report, parents) = parse_report(state, form, now).await?;
    // The household files for itself: its scope is its own village.
    let actor = Actor::new(
        format!("household:{}", report.mobile.masked()),
        Role::Household,
        report.village.clone(),
    );
    let key = form_keys::verify(state, &FormScope::Public, &form.key).await?;
    let hits = filing_hits(state, &report.mobile, address);
    let (applicant, new) = to_filing(report, Channel::SelfReport, None, key, now);
    let counted = cases::Counted {
        hits,
        parents: Some(parents),
    };
    let filed = cases::file_counted(state, &actor, &applicant, new, now, counted).await?;
    Ok(filed.tracking)
}

const DAY_MS: i64 = 24 * 60 * 60_000;

/// One online filing counted against the address and the mobile number (limits in the
/// policy), in the filing's own transaction: a retry of an earlier filing (same key, same
/// household) is not counted, and a refused filing keeps no hit. Over either limit the form
/// is refused like a form with a problem, so it comes back filled, with a message naming
/// the 12317 hotline and the village office.
fn filing_hits(state: &AppState, mobile: &MobileNumber, address: &str) -> Vec<Hit> {
    vec![
        Hit {
            bucket: format!("filing-address:{address}"),
            limit: i64::from(state.policy.filings_per_address_per_day),
            window_ms: DAY_MS,
            warning: "online filings from one address over the daily limit",
            refused: || filing_refused(FilingLimit::PerAddress),
        },
        // The counter is keyed by the mobile's blind index: no plaintext number in the table.
        Hit {
            bucket: format!(
                "filing-mobile-ix:{}",
                state.vault.index(Field::Mobile, mobile.as_str())
            ),
            limit: i64::from(state.policy.filings_per_mobile_per_day),
            window_ms: DAY_MS,
            warning: "online filings for one mobile over the daily limit",
            refused: || filing_refused(FilingLimit::PerMobile),
        },
    ]
}

fn filing_refused(limit: FilingLimit) -> ServiceError {
    ServiceError::Validation(vec![FieldError::new(FORM_FIELD, &limit)])
}

/// A member of staff files for a caller or a household they found (代为申报): the channel
/// must be one of theirs, and they record that they read the consent aloud.
#[tracing::instrument(skip_all, fields(user = %staff.id))]
pub async fn submit_proxy(
    state: &AppState,
    staff: &Staff,
    form: &ReportForm,
    channel: &str,
    now: DateTime<Utc>,
) -> Result<cases::Filed, ServiceError> {
    let allowed = proxy_channels(staff.role);
    if allowed.is_empty() {
        return Err(ServiceError::Forbidden);
    }
    let channel = Channel::from_code(channel)
        .filter(|c| allowed.contains(c))
        .ok_or_else(|| {
            ServiceError::Validation(vec![FieldError::new(
                "channel",
                &ReportFieldError::ChannelNotAllowed,
            )])
        });
    let (channel, checked) = match (channel, parse_report(state, form, now).await) {
        (Ok(channel), Ok(checked)) => (channel, checked),
        (Err(ServiceError::Validation(mut a)), Err(ServiceError::Validation(b))) => {
            a.extend(b);
            return Err(ServiceError::Validation(a));
        }
        (Err(e), _) | (_, Err(e)) => return Err(e),
    };
    // A cadre or township files in its own area: a 青石村 cadre could pick 河口村, and the
    // case went where the cadre could not open it (officer tester).
    if !staff.scope.contains(&checked.0.village) {
        return Err(ServiceError::Validation(vec![FieldError::from_locale(
            "village",
            "proxy.village_outside",
            "proxy.village_outside",
            [],
        )]));
    }
    let actor = staff.actor();
    // A department alert comes from data, not a caller: the household signs at the home check.
    let consent_by = (channel != Channel::DepartmentAlert).then(|| staff.id.clone());
    let key = form_keys::verify(state, &FormScope::Staff(staff.id.clone()), &form.key).await?;
    let filed = file_report(state, &actor, checked, channel, consent_by, key, now).await?;
    tracing::info!(target: "audit", user = %staff.id, case_id = %filed.case_id, channel = channel.code(), "proxy filing, consent read aloud");
    Ok(filed)
}

/// How big a kept draft may be (serialized). The form's own limits keep an honest draft
/// under 4 KB; a bigger one is an attempt to fill the table and is not kept.
pub const DRAFT_MAX_BYTES: usize = 16 * 1024;
/// Drafts kept per address per hour: a village office helping many families stays under it.
pub const DRAFTS_PER_ADDRESS_PER_HOUR: i64 = 20;

/// Keeps a form that came back with problems for an hour; its token, or `None` when it is
/// too big to be an honest form (it then comes back empty). Over the hourly limit for its
/// address it is kept in this server's bounded memory instead of the table.
pub async fn save_draft(
    state: &AppState,
    form: &ReportForm,
    errors: &[FieldError],
    (address, owner): (&str, &str),
    now: DateTime<Utc>,
) -> Result<Option<String>, ServiceError> {
    let draft = ReportDraft {
        form: form.clone(),
        errors: errors.to_vec(),
    };
    let payload =
        serde_json::to_string(&draft).map_err(|e| ServiceError::Corrupt(e.to_string()))?;
    if payload.len() > DRAFT_MAX_BYTES {
        tracing::warn!(bytes = payload.len(), "oversized draft not kept");
        return Ok(None);
    }
    let admitted = rate_limits::take_in_window(
        &state.db.pool,
        &format!("draft-address:{address}"),
        DRAFTS_PER_ADDRESS_PER_HOUR,
        60 * 60_000,
        millis(now),
    )
    .await?;
    let token = cases::new_id();
    if !admitted {
        // Many families behind one village network: their forms still come back filled in,
        // from this server's bounded memory (500 drafts, oldest first out), not the table.
        tracing::warn!("drafts from one address over the hourly limit; kept in memory only");
        crate::ssr::memory_drafts::keep(&token, owner, &payload, millis(now), draft_cutoff(now));
        return Ok(Some(token));
    }
    drafts::insert(
        &state.db.pool,
        &state.vault,
        &token,
        owner,
        &payload,
        millis(now),
    )
    .await?;
    Ok(Some(token))
}

/// A form the database could not take (disk full, database away), kept in this server's
/// memory with a message saying so; returns the draft's token.
pub fn keep_unstored_draft(
    form: &ReportForm,
    owner: &str,
    now: DateTime<Utc>,
) -> Result<String, ServiceError> {
    let draft = ReportDraft {
        form: form.clone(),
        errors: vec![FieldError::from_locale(
            crate::domain::report::FORM_FIELD,
            "unavailable",
            "unavailable",
            [],
        )],
    };
    let payload =
        serde_json::to_string(&draft).map_err(|e| ServiceError::Corrupt(e.to_string()))?;
    let token = cases::new_id();
    crate::ssr::memory_drafts::keep(&token, owner, &payload, millis(now), draft_cutoff(now));
    Ok(token)
}

/// Drafts older than this are neither shown nor kept (the worker deletes them).
pub fn draft_cutoff(now: DateTime<Utc>) -> i64 {
    millis(now - Duration::minutes(DRAFT_TTL_MINUTES))
}

/// The draft `token` names, for the browser whose cookie secret has digest `owner` only:
/// any other browser (no cookie, another secret) gets no draft, as for an unknown token.
pub async fn load_draft(
    state: &AppState,
    token: &str,
    owner: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Option<ReportDraft>, ServiceError> {
    // Only tokens we make (32 hex digits) can name a draft: anything else is no draft, and
    // never a database call from a page's address.
    if token.len() != 32 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(None);
    }
    // Another browser (a link shared into a chat app's own browser) is told where the
    // typing is, whatever the token: the same words for any, so they reveal nothing (it got
    // an empty form without a word: household tester).
    let Some(owner) = owner else {
        return Ok(Some(draft_not_shown("draft_elsewhere")));
    };
    let cutoff = draft_cutoff(now);
    let payload = match crate::ssr::memory_drafts::find(token, owner, cutoff) {
        Some(payload) => payload,
        None => match drafts::find(&state.db.pool, &state.vault, token, owner, cutoff).await? {
            Some(payload) => payload,
            // Past its hour (or filed meanwhile): said, not an empty form without a word
            // (household tester, without JavaScript).
            None => return Ok(Some(draft_not_shown("draft_gone"))),
        },
    };
    serde_json::from_str(&payload)
        .map(Some)
        .map_err(|e| ServiceError::Corrupt(format!("draft: {e}")))
}

/// An empty form saying why the draft its address names is not shown (`key` in
/// `field_error`).
fn draft_not_shown(key: &str) -> ReportDraft {
    ReportDraft {
        form: ReportForm::default(),
        errors: vec![FieldError::from_locale(
            crate::domain::report::FORM_FIELD,
            key,
            key,
            [],
        )],
    }
}

/// The browser whose cookie secret has digest `owner` filed its report: its drafts go.
pub async fn forget_drafts(state: &AppState, owner: &str) -> Result<(), ServiceError> {
    crate::ssr::memory_drafts::forget(owner);
    drafts::delete_owned(&state.db.pool, owner).await?;
    Ok(())
}

fn parse_date(text: &str) -> Result<NaiveDate, ServiceError> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| ServiceError::Corrupt(format!("date {text}")))
}

/// Where the browser goes after filing: the confirmation page, with the token that lets it
/// show the filing for an hour without the mobile number.
pub async fn confirmation_link(
    state: &AppState,
    tracking: &TrackingNumber,
    now: DateTime<Utc>,
) -> Result<String, ServiceError> {
    let token = form_keys::submission_token(state, tracking, now).await?;
    Ok(format!("/report/submitted/{}?t={token}", tracking.as_str()))
}

/// What the caller brings to see a confirmation: the token made at filing, or the mobile.
#[derive(Debug, Clone, Copy)]
pub struct Proof<'a> {
    pub token: &'a str,
    pub mobile: &'a str,
    pub address: &'a str,
}

impl<'a> Proof<'a> {
    pub fn new(token: &'a str, mobile: &'a str, address: &'a str) -> Self {
        Proof {
            token,
            mobile,
            address,
        }
    }
}

/// The confirmation of a filing, for its filer only: without the filing's token or the mobile
/// number the answer is the same "not found" as for a number that does not exist.
pub async fn submission_info(
    state: &AppState,
    tracking: &str,
    proof: Proof<'_>,
    now: DateTime<Utc>,
    lang: Lang,
) -> Result<SubmissionInfo, ServiceError> {
    let tracking = TrackingNumber::parse(tracking).map_err(|_| ServiceError::NotFound)?;
    let by_token = !proof.token.is_empty()
        && form_keys::submission_token_valid(state, &tracking, proof.token, now).await?;
    let mobile = if by_token || proof.mobile.trim().is_empty() {
        None
    } else {
        let mobile = MobileNumber::parse(proof.mobile).map_err(|_| ServiceError::NotFound)?;
        // The mobile is guessable: it shares the progress look-up's limits on misses.
        let admitted =
            track_limits::admit(state, proof.address, tracking.as_str(), false, now).await?;
        Some((mobile, admitted))
    };
    if !by_token && mobile.is_none() {
        return Err(ServiceError::NotFound);
    }
    let found = case_rows::by_tracking(&state.db.pool, &state.vault, tracking.as_str())
        .await?
        .filter(|c| {
            by_token
                || mobile
                    .as_ref()
                    .is_some_and(|(m, _)| c.applicant_mobile == m.as_str())
        });
    if let Some((_, admitted)) = mobile {
        match found {
            Some(_) => track_limits::found(state, admitted).await?,
            None => track_limits::missed(state, admitted, now).await?,
        }
    }
    let Some(case) = found else {
        return Err(ServiceError::NotFound);
    };
    let discovered = parse_date(&case.discovered_on)?;
    // The dates come from the case's own clocks (the county's policy when it was filed).
    let (engine_case, progress) = household::load_progress(state, &case.id, now, lang).await?;
    let (accept_by, visit_by, decide_by) = household::promised_dates(state, &engine_case)
        .ok_or_else(|| ServiceError::Corrupt(format!("case {} has no filing clocks", case.id)))?;
    // In the order the progress look-up lists them: whoever does the next step first.
    let (contacts, contact_advice) =
        household::contact_lines(state, &engine_case, &progress, lang).await?;
    Ok(SubmissionInfo {
        tracking: tracking.grouped(),
        submitted_on: lang.date(discovered),
        accept_by: lang.date(accept_by),
        decide_by: lang.date(decide_by),
        visit_by: lang.date(visit_by),
        contacts,
        contact_advice,
        filed_before: crate::domain::case::screening::same_id_filed_before(&engine_case.duplicates),
        village: engine_case.village.as_str().to_owned(),
        // Counted Monday to Friday in a year whose holidays are not entered (dates fell in
        // Spring Festival 2027: household tester).
        dates_may_move: [accept_by, visit_by, decide_by]
            .iter()
            .map(chrono::Datelike::year)
            .find(|y| !state.calendar.is_known_year(*y))
            .map(|year| crate::tr::progress::holidays_not_entered(lang, year)),
        // Within the link's hour the township may already have refused it: the page then
        // says so instead of promising an acceptance (tester).
        moved_on: (engine_case.state != CaseState::Reported).then_some(MovedOn {
            headline: progress.headline,
            done: progress.done,
            reason: progress.reason,
            next: progress.next,
        }),
    })
}
