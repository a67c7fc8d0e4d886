//! What a household sees of its own case: progress computed from the case's own clocks with
//! the county's policy (the same ones the staff side shows), measures in plain words, and
//! whom to call. The caller has already checked that the household may see the case.
use chrono::{DateTime, Utc};

use crate::{
    domain::tracking::TrackingNumber,
    domain::{
        case::{Case, CaseEvent},
        clock::{due_date, ClockKind},
        lang::Lang,
        region::RegionCode,
        responsible::name_and_phone,
        time::beijing_date,
        wording::{
            contacts::{nobody_came, rank},
            measures,
            progress::{progress, Inputs, Progress, Who},
        },
    },
    ssr::repo::cases::CaseRow,
    ssr::{
        error::ServiceError,
        repo::{cases as case_rows, contacts, regions},
        services::cases,
        state::AppState,
    },
    wire::reports::{ContactLine, MeasureLineView, TrackResult},
};

/// The 12317 hotline, shown on every household page.
pub const HOTLINE: &str = "12317";

/// The case, its event log (for pause and extension reasons) and its progress on `now`.
pub async fn load_progress(
    state: &AppState,
    case_id: &str,
    now: DateTime<Utc>,
    lang: Lang,
) -> Result<(Case, Progress), ServiceError> {
    let case = cases::load_unscoped(state, case_id).await?;
    let events = case_rows::events(&state.db.pool, &state.vault, case_id)
        .await?
        .iter()
        .map(|(_, payload)| serde_json::from_str::<CaseEvent>(payload))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| ServiceError::Corrupt(format!("event of {case_id}: {e}")))?;
    let view = progress(
        &case,
        &Inputs {
            events: &events,
            policy: &state.policy,
            cal: &state.calendar,
            today: beijing_date(now),
            lang,
        },
    );
    Ok((case, view))
}

/// Measures in plain words: what, who, how much, how far.
pub fn measure_lines(case: &Case, lang: Lang, today: chrono::NaiveDate) -> Vec<MeasureLineView> {
    // A withdrawn measure was never help the household gets.
    case.plan_measures()
        .map(|m| {
            let late = crate::domain::case::work::measure_late(case, m, today);
            let (before, department, after) = measures::line_parts(m, lang, late);
            MeasureLineView {
                before,
                department,
                after,
            }
        })
        .collect()
}

/// Dates the confirmation page promises, from the case's own clocks: acceptance, the visit
/// (acceptance plus the county's home-check span) and the decision.
pub fn promised_dates(
    state: &AppState,
    case: &Case,
) -> Option<(chrono::NaiveDate, chrono::NaiveDate, chrono::NaiveDate)> {
    let due = |kind: ClockKind| {
        case.clocks
            .iter()
            .rev()
            .find(|c| c.kind == kind)
            .map(|c| c.due_on)
    };
    let accept = due(ClockKind::TownshipAcceptance)?;
    let decide = due(ClockKind::IdentificationOverall)?;
    let visit = due_date(accept, state.policy.home_check, &state.calendar);
    Some((accept, visit, decide))
}

/// Whom the household can call: its responsible person (once named), its village committee,
/// its township, and the 12317 hotline (always), in the order of `contacts::rank` (`first`:
/// whoever does the current step); and the advice under them, which follows that order and
/// points at the step's date only when the page shows one.
pub async fn contact_lines(
    state: &AppState,
    case: &Case,
    progress: &Progress,
    lang: Lang,
) -> Result<(Vec<ContactLine>, String), ServiceError> {
    let first = progress.who;
    let mut lines = Vec::new();
    if let Some(person) = &case.responsible {
        let (name, phone) = name_and_phone(person, case.responsible_phone.as_ref());
        lines.push(contact_line(Who::Responsible, Some(name), phone, lang));
    }
    lines.extend(region_lines(state, &case.village, lang).await?);
    lines.sort_by_key(|(who, line)| rank(*who, line.phone.is_some(), first));
    let top = lines.first().and_then(|(who, _)| *who);
    let advice = nobody_came(top, progress.dated, lang);
    Ok((lines.into_iter().map(|(_, line)| line).collect(), advice))
}

/// One line with whom it names (`None`: the hotline), for the order and the advice.
fn contact_line(
    who: Who,
    name: Option<String>,
    phone: Option<String>,
    lang: Lang,
) -> (Option<Who>, ContactLine) {
    // "青石村村委会", "青石村 Village Committee": the place, then its office, in either
    // language (English read "the village committee 青石村": household tester).
    let name_first = name.is_some() && matches!(who, Who::Village | Who::Township);
    let who_label = match who {
        Who::Township if name_first => crate::tr::contacts::government_after_name(lang),
        Who::Village if name_first => crate::tr::contacts::village_after_name(lang),
        _ => who.label(lang),
    };
    (
        Some(who),
        ContactLine {
            who: if name_first {
                who_label.to_owned()
            } else {
                crate::domain::wording::contacts::line_start(who_label)
            },
            name,
            phone,
            name_first,
        },
    )
}

/// The village committee, the township and the 12317 hotline of `village`: whom anyone there
/// can call (a household, or a villager with an objection to the notice).
pub async fn region_lines(
    state: &AppState,
    village: &RegionCode,
    lang: Lang,
) -> Result<Vec<(Option<Who>, ContactLine)>, ServiceError> {
    let township = village
        .township()
        .map(|t| t.as_str().to_owned())
        .unwrap_or_default();
    let village = village.as_str();
    let phones = contacts::phones(&state.db.pool, village, &township).await?;
    let phone_of = |code: &str| {
        phones
            .iter()
            .find(|(c, _)| c == code)
            .map(|(_, p)| p.clone())
    };
    let name_of = |row: Option<regions::RegionRow>| row.map(|r| r.name);
    let village_name = name_of(regions::find(&state.db.pool, village).await?);
    let township_name = name_of(regions::find(&state.db.pool, &township).await?);
    Ok(vec![
        contact_line(Who::Village, village_name, phone_of(village), lang),
        contact_line(Who::Township, township_name, phone_of(&township), lang),
        (
            None,
            ContactLine {
                who: crate::tr::contacts::hotline(lang).to_owned(),
                name: None,
                phone: Some(HOTLINE.to_owned()),
                name_first: false,
            },
        ),
    ])
}

/// The look-up page's answer for a case the caller has proved it may see.
pub async fn track_result(
    state: &AppState,
    case: &CaseRow,
    tracking: &TrackingNumber,
    now: DateTime<Utc>,
    lang: Lang,
) -> Result<TrackResult, ServiceError> {
    let village = regions::find(&state.db.pool, &case.village_code)
        .await?
        .map(|r| r.name)
        .unwrap_or_default();
    // Same clocks and policy as the staff side: see `domain::wording::progress`.
    let (engine_case, progress) = load_progress(state, &case.id, now, lang).await?;
    let (contacts, contact_advice) = contact_lines(state, &engine_case, &progress, lang).await?;
    // "If nobody came by the date above" reads wrong once the date has passed: the overdue
    // box then says whom to call (regression tester).
    // Nor is "如果一直没有消息" said of a closed filing with nothing more to come (household
    // tester: under a refusal already explained).
    let nothing_to_come = engine_case.state.is_closed() && progress.due.is_none();
    let contact_advice = match progress.overdue {
        Some(_) => String::new(),
        None if nothing_to_come => String::new(),
        None => contact_advice,
    };
    Ok(TrackResult {
        tracking: tracking.grouped(),
        status: progress.headline,
        status_detail: progress.next,
        submitted_on: lang.date(engine_case.discovered_on),
        village,
        // In the words the household ticked, not the official terms (因病、缺劳动力 read as
        // someone else's words: household tester).
        risk_types: case
            .risk_types
            .0
            .iter()
            .map(|r| crate::domain::wording::risks::plain(*r, lang).to_owned())
            .collect(),
        responsible: engine_case
            .responsible
            .as_deref()
            .map(|p| name_and_phone(p, engine_case.responsible_phone.as_ref()).0),
        measures: measure_lines(&engine_case, lang, crate::domain::time::beijing_date(now)),
        done: progress.done,
        reason: progress.reason,
        overdue: progress.overdue,
        notes: progress.notes,
        next_visit: progress.next_visit.map(|d| lang.date(d)),
        history: progress.history,
        contacts,
        contact_advice,
        looked: super::audit_views::looked_for_household(state, &case.id, lang).await?,
        // While the household is on the board the page links to it, as the confirmation did
        // (household tester).
        notice_village: engine_case
            .on_notice_board()
            .then(|| case.village_code.clone()),
        notice_listed_as: engine_case.on_notice_board().then(|| {
            let (head, _) = crate::domain::case::household::listed_as(
                engine_case.household.as_ref(),
                &case.applicant_name,
                case.household_size,
            );
            // The name and the group are Chinese data inside the sentence, marked so (an
            // English page read "王*英" and "1组" as English: household tester).
            use crate::domain::wording::phrase::{Fill, Phrase};
            let group = case.village_group.as_deref().filter(|g| !g.is_empty());
            let phrase = Phrase::new("listed_as")
                .arg("name", crate::domain::notice_name::masked(head))
                .arg("group", group.unwrap_or_default());
            let mut fill = Fill::new(&phrase);
            let name = fill.data("name").unwrap_or_default();
            let text = match group {
                Some(_) => {
                    let group = fill.data("group").unwrap_or_default();
                    crate::tr::track::listed_as_in_group(lang, name, group)
                }
                None => crate::tr::track::listed_as(lang, name),
            };
            fill.finish(text)
        }),
    })
}
