//! Earlier filings that look like the same household (see `domain::case::screening`): found
//! before a filing is made, and while a proxy types an ID number or mobile.
use crate::{
    domain::{
        access::{may_on_case, Action, CaseRelation},
        audit::{AuditAction, Outcome},
        case::{
            labels,
            screening::{counts_for_duplicates, match_reasons, DuplicateMatch, HouseholdKeys},
            Actor,
        },
        id_number::IdNumber,
        lang::Lang,
        mobile::MobileNumber,
        region::RegionCode,
        wording::by_lang,
    },
    ssr::{
        error::ServiceError,
        repo::cases,
        services::audit::{Read, Reader},
        state::AppState,
    },
    tr,
    wire::cases::DuplicateView,
};

/// How many earlier filings the duplicate check shows beside a new one.
const DUPLICATES_SHOWN: i64 = 5;

/// Earlier filings that look like the same household (see `domain::case::screening`).
pub async fn find(
    state: &AppState,
    id_number: &str,
    mobile: &str,
) -> Result<Vec<DuplicateMatch>, ServiceError> {
    let keys = HouseholdKeys { id_number, mobile };
    let rows = cases::same_household(
        &state.db.pool,
        &state.vault,
        keys.id_number,
        keys.mobile,
        DUPLICATES_SHOWN * 2,
    )
    .await?;
    let mut found = Vec::new();
    for row in rows {
        let other = HouseholdKeys {
            id_number: &row.applicant_id_number,
            mobile: &row.applicant_mobile,
        };
        let reasons = match_reasons(&keys, &other);
        if reasons.is_empty() || !counts_for_duplicates(&row.state) {
            continue;
        }
        let reported_on = chrono::NaiveDate::parse_from_str(&row.discovered_on, "%Y-%m-%d")
            .map_err(|_| ServiceError::Corrupt(format!("case {} discovered_on", row.id)))?;
        found.push(DuplicateMatch {
            case_id: row.id,
            tracking: row.tracking_number,
            state: row.state,
            village: row.village_code,
            reported_on,
            reasons,
        });
    }
    found.truncate(usize::try_from(DUPLICATES_SHOWN).unwrap_or(5));
    Ok(found)
}

/// Filings after `case` that look like the same household, as the officer may see them: the
/// duplicate check flags only the newer filing, so the older one says so here.
pub async fn later_filings(
    state: &AppState,
    actor: &Actor,
    case: &crate::domain::case::Case,
    row: &cases::CaseRow,
) -> Result<Vec<DuplicateView>, ServiceError> {
    let mut later = find(state, &row.applicant_id_number, &row.applicant_mobile).await?;
    later.retain(|m| {
        m.case_id != case.id
            && !case.duplicates.iter().any(|d| d.case_id == m.case_id)
            && m.reported_on >= case.discovered_on
    });
    duplicate_views(state, actor, &later).await
}

/// The matched pair for each suspected duplicate: the other filing's details, its name and
/// a link only when the officer's region covers it.
pub async fn duplicate_views(
    state: &AppState,
    actor: &Actor,
    duplicates: &[DuplicateMatch],
) -> Result<Vec<DuplicateView>, ServiceError> {
    let mut views = Vec::with_capacity(duplicates.len());
    for found in duplicates {
        let row = cases::by_id(&state.db.pool, &state.vault, &found.case_id).await?;
        // The other filing's state is said only to whoever may open it: whether a household
        // is monitored is its own, and a filing made for an ID number to see it read as a
        // probe no limit or audit caught (attacker tester; the hotline read 监测帮扶中 of a
        // case it did not file). That there is one, where and why is kept: the township
        // decides on the duplicate.
        let may_open = may_open(actor, &found.village, row.as_ref());
        let current_state = row
            .as_ref()
            .map_or(found.state.as_str(), |r| r.state.as_str());
        views.push(DuplicateView {
            tracking: found.tracking_seen(may_open),
            case_id: may_open.then(|| found.case_id.clone()),
            applicant: row
                .as_ref()
                .filter(|_| may_open)
                .map(|r| r.applicant_name.clone())
                .unwrap_or_default(),
            village: super::regions::name_of(state, &found.village).await?,
            state_zh: if may_open {
                labels::state_code_zh(current_state).to_owned()
            } else {
                String::new()
            },
            reported_on: found.reported_on.to_string(),
            reasons_zh: found
                .reasons
                .iter()
                .map(|r| r.label_zh())
                .collect::<Vec<_>>()
                .join("、"),
            state_words: String::new(),
            reasons_words: String::new(),
        });
    }
    Ok(views)
}

/// Whether `actor` may open the other filing (`row`, in `village`): only then are who filed
/// it and its tracking number shown. The hotline and a department cover the county, and an ID
/// number typed in the duplicate check (or filed with) gave any household's name and
/// tracking number, which opened its progress page (attacker tester). The hotline tells a
/// caller the number comes by 忘记查询码 instead.
fn may_open(actor: &Actor, village: &str, row: Option<&cases::CaseRow>) -> bool {
    covers_village(actor, village)
        && row.is_some_and(|r| {
            let relation = CaseRelation {
                in_region: true,
                filed_by_me: r.consent_by.as_deref() == Some(actor.user_id.as_str()),
                department_work: false,
            };
            may_on_case(actor.role, Action::OpenCase, relation)
        })
}

/// The case ids among `matches` that `actor` may open (see [`may_open`]): their numbers are
/// shown whole in a case's history, the others masked as in the duplicates table.
pub async fn openable<'m>(
    state: &AppState,
    actor: &Actor,
    matches: impl Iterator<Item = &'m DuplicateMatch>,
) -> Result<std::collections::HashSet<String>, ServiceError> {
    let mut open = std::collections::HashSet::new();
    for found in matches {
        if open.contains(&found.case_id) || !covers_village(actor, &found.village) {
            continue;
        }
        let row = cases::by_id(&state.db.pool, &state.vault, &found.case_id).await?;
        if may_open(actor, &found.village, row.as_ref()) {
            open.insert(found.case_id.clone());
        }
    }
    Ok(open)
}

/// Whether `actor` is shown other filings of a household at all. A liaison, whose look-up is
/// refused, learnt their village, date and state by pushing an alert with an ID number
/// (attacker tester): it is told only that the township checks a possible duplicate.
pub fn sees_duplicates(actor: &Actor) -> bool {
    crate::domain::access::reach(actor.role, Action::DuplicateProbe)
        != crate::domain::access::Reach::Never
}

/// Whether `actor`'s region covers the village with this code.
pub fn covers_village(actor: &Actor, village: &str) -> bool {
    RegionCode::parse(village).is_ok_and(|v| actor.covers(&v))
}

/// Earlier filings for the household a member of staff is about to file for (as they type).
pub async fn for_proxy(
    state: &AppState,
    reader: Reader<'_>,
    id_number: &str,
    mobile: &str,
    lang: Lang,
) -> Result<Vec<DuplicateView>, ServiceError> {
    let (staff, now) = (reader.staff, reader.now);
    if let Err(refused) = staff
        .require_proxy()
        .and_then(|_| staff.require(Action::DuplicateProbe))
    {
        // A refused probe is in the audit log too (attacker tester: a liaison's left none).
        let read = Read {
            detail: "refused".to_owned(),
            ..Read::default()
        };
        reader
            .record(state, AuditAction::DuplicateProbe, Outcome::Refused, &read)
            .await?;
        return Err(refused);
    }
    let id_number = IdNumber::parse(id_number).map(|i| i.as_str().to_owned());
    let mobile = MobileNumber::parse(mobile).map(|m| m.as_str().to_owned());
    let (id_number, mobile) = match (id_number, mobile) {
        (Err(_), Err(_)) => return Ok(Vec::new()),
        (id, mobile) => (id.unwrap_or_default(), mobile.unwrap_or_default()),
    };
    // Probes are counted per account: typing is a few a minute, a scripted sweep is not.
    let bucket = format!("duplicates:{}", staff.id);
    if !crate::ssr::repo::rate_limits::take_in_window(
        &state.db.pool,
        &bucket,
        DUPLICATE_PROBES_PER_HOUR,
        60 * 60_000,
        super::millis(now),
    )
    .await?
    {
        tracing::warn!(target: "audit", user = %staff.id, "duplicate probes rate limited");
        return Err(ServiceError::RateLimited);
    }
    let actor = staff.actor();
    // Only filings in the caller's own region: elsewhere the answer would tell the village,
    // state and date of another household's filing.
    let found: Vec<_> = find(state, &id_number, &mobile)
        .await?
        .into_iter()
        .filter(|f| RegionCode::parse(&f.village).is_ok_and(|v| actor.covers(&v)))
        .collect();
    // One audit row per filing shown (the household sees it), or one saying none was.
    let entries: Vec<_> = if found.is_empty() {
        vec![reader.entry(
            AuditAction::DuplicateProbe,
            Outcome::Allowed,
            &Read {
                detail: "found=0".to_owned(),
                ..Read::default()
            },
        )]
    } else {
        found
            .iter()
            .map(|f| {
                let read = Read {
                    case_id: Some(&f.case_id),
                    ..Read::default()
                };
                reader.entry(AuditAction::DuplicateProbe, Outcome::Allowed, &read)
            })
            .collect()
    };
    super::audit::append(&state.db, &entries).await?;
    let mut views = duplicate_views(state, &actor, &found).await?;
    // The proxy page's island shows these words as they come (no word lists in the WASM).
    for (view, f) in views.iter_mut().zip(&found) {
        // Read a moment ago by `find`: no second read per filing.
        let code = &f.state;
        // The look-up's narrow view says the state (counted and audited above), as a
        // filing's page says it only to whoever may open the other filing.
        view.state_zh = labels::state_code_zh(code).to_owned();
        view.state_words = by_lang::state(code, lang).to_owned();
        // As every other page writes a date (it read 2026-12-04 here: officer tester).
        view.reported_on = lang.date(f.reported_on);
        view.reasons_words = f
            .reasons
            .iter()
            .map(|r| r.label(lang))
            .collect::<Vec<_>>()
            .join(tr::common::list_separator(lang));
    }
    Ok(views)
}

/// Look-ups of earlier filings while typing, per account per hour.
pub const DUPLICATE_PROBES_PER_HOUR: i64 = 120;
