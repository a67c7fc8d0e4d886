//! The case timeline in the reader's language: each event becomes a `Phrase` (a key of
//! `timeline_words.event` in locales/*.json and its arguments, taken from what the event
//! stores), worded by the page. The Chinese is the same as `labels::event_zh`; a test holds
//! them equal. Free text, names and places stay data (`Part::Data`).
use crate::domain::case::{
    event::{CaseEvent, EventKind},
    reversal::RemovalKind,
    screening::NegativeItem,
    state::{MeasureStatus, VillageOutcome},
};
use crate::domain::clock::ClockKind;
use crate::domain::lang::Lang;
use crate::domain::role::Role;
use crate::domain::vocab::{Category, Channel, MeasureType, RiskTier};
use crate::tr;

use super::labels::measure_status;
use super::phrase::{Fill, Part, Phrase};

fn codes<T>(items: impl IntoIterator<Item = T>, code: impl Fn(T) -> String) -> String {
    items.into_iter().map(code).collect::<Vec<_>>().join(",")
}

/// For each of `events` (newest first), whether it adds measures to a plan made before it:
/// the timeline says 增加帮扶措施 for it, not 制定帮扶计划 again (officer tester).
pub fn later_plans(events: &[CaseEvent]) -> Vec<bool> {
    let mut plans = 0;
    let mut later: Vec<bool> = events
        .iter()
        .rev()
        .map(|e| {
            let plan = matches!(e.kind, EventKind::PlanAdded { .. });
            let more = plan && plans > 0;
            plans += usize::from(plan);
            more
        })
        .collect();
    later.reverse();
    later
}

/// [`super::labels::measures_added_zh`] as a phrase.
pub fn measures_added(event: &CaseEvent) -> Option<Phrase> {
    match &event.kind {
        EventKind::PlanAdded { measures } => Some(Phrase::new("measures_added").arg(
            "measures",
            codes(measures, |m| m.measure_type.code().to_owned()),
        )),
        _ => None,
    }
}

/// An identification ended by the village's review (不通过), not by the county's decision.
pub fn by_village(event: &CaseEvent) -> bool {
    event.by.role == crate::domain::case::Role::VillageCadre
}

/// What the event says, as a code and arguments; None for the clocks' bookkeeping (shown
/// with the clocks).
pub fn event_phrase(event: &CaseEvent) -> Option<Phrase> {
    use EventKind as E;
    let p = Phrase::new;
    Some(match &event.kind {
        E::Reported { channel, .. } => p("reported").arg("channel", channel.code()),
        E::Accepted => p("accepted"),
        E::RejectedOutOfScope { reason } => p("rejected_out_of_scope").arg("reason", reason),
        E::HomeCheckRecorded { record } => match record.per_capita_income() {
            Some(income) => p("home_check_recorded").arg("income", income),
            None => p("home_check_no_income"),
        }
        .arg("members", record.members.len()),
        E::VillageReviewHeld { outcome, .. } => match outcome {
            VillageOutcome::Pass => p("village_review_passed"),
            VillageOutcome::Fail { reason } => p("village_review_failed").arg("reason", reason),
        },
        E::NoticeStarted { from, min_until } => p("notice_started")
            .arg("from", from)
            .arg("until", min_until),
        E::ObjectionRecorded { text } => p("objection_recorded").arg("text", text),
        E::NoticeEnded { on } => p("notice_ended").arg("on", on),
        // An approval needs no opinion; without one nothing follows the colon.
        E::TownshipReviewed { approve, note } => p(match (*approve, note.is_empty()) {
            (true, true) => "township_approved_plain",
            (true, false) => "township_approved",
            (false, _) => "township_refused",
        })
        .arg("note", note),
        E::Identified {
            category,
            tier,
            note,
        } => p(if note.is_empty() {
            "identified"
        } else {
            "identified_note"
        })
        .arg("category", category.code())
        .arg("tier", tier.code())
        .arg("note", note),
        E::DuplicateSuspected { matches } => {
            p("duplicate_suspected").arg("trackings", codes(matches, |m| m.tracking.clone()))
        }
        E::DuplicateOverridden { reason } => p("duplicate_overridden").arg("reason", reason),
        E::ComparisonRecorded { hits, note } => {
            let code = match (hits.is_empty(), note.is_empty()) {
                (true, true) => "comparison_clear",
                (true, false) => "comparison_clear_note",
                (false, true) => "comparison_hits",
                (false, false) => "comparison_hits_note",
            };
            p(code)
                .arg("hits", codes(hits, |h| h.code().to_owned()))
                .arg("note", note)
        }
        // Ended by the village's review, not by the county: it read "县级审定：不予认定" under
        // the village cadre's name (household tester).
        E::NotIdentified { .. } if by_village(event) => p("not_identified_by_village"),
        E::NotIdentified { reason } => p("not_identified").arg("reason", reason),
        E::RefusalNotified { on } => p("refusal_notified").arg("on", on),
        E::ResponsibleAssigned { person, mobile } => match mobile {
            Some(mobile) => p("responsible_mobile").arg("mobile", mobile.as_str()),
            None => p("responsible"),
        }
        .arg("person", person),
        E::PlanAdded { measures } => p("plan_added").arg(
            "measures",
            codes(measures, |m| m.measure_type.code().to_owned()),
        ),
        E::MeasureStatusUpdated {
            status, measure, ..
        } => match measure {
            Some(m) => p("measure_status_named").arg("measure", m.code()),
            None => p("measure_status"),
        }
        .arg("status", status.code()),
        E::VisitLogged {
            notes, new_tier, ..
        } => match new_tier {
            Some(tier) => p("visit_logged_tier")
                .arg("notes", notes)
                .arg("tier", tier.code()),
            None => p("visit_logged").arg("notes", notes),
        },
        E::TierChanged { tier, reason } => p("tier_changed")
            .arg("tier", tier.code())
            .arg("reason", reason),
        E::EliminationProposed { .. } => p("elimination_proposed"),
        E::KeptMonitoring { reason } => p("kept_monitoring").arg("reason", reason),
        E::Eliminated { stability, .. } => match stability {
            None => p("eliminated"),
            Some(s) => {
                let phrase = match (s.income_at_identification, s.income_now) {
                    (Some(then), Some(now)) => {
                        p("eliminated_income").arg("then", then).arg("now", now)
                    }
                    _ => p("eliminated_stable"),
                };
                phrase
                    .arg("since", s.monitored_since)
                    .arg("days", s.days_monitored)
                    .arg("visits", s.visits)
            }
        },
        E::Removed { kind, reason, .. } => {
            p("removed").arg("kind", kind.code()).arg("reason", reason)
        }
        E::EliminationDeferred { reason, .. } => p("elimination_deferred").arg("reason", reason),
        E::PlanReviewed { date } => p("plan_reviewed").arg("date", date),
        E::PlanReturned { date, reason } => {
            p("plan_returned").arg("date", date).arg("reason", reason)
        }
        E::PlanObjectionRecorded { text } => p("plan_objection_recorded").arg("text", text),
        E::PlanNoticeStarted { from, min_until } => p("plan_notice_started")
            .arg("from", from)
            .arg("until", min_until),
        E::PlanNoticeEnded { on } => p("plan_notice_ended").arg("on", on),
        E::ReliefReviewed { note } => p("relief_reviewed").arg("note", note),
        E::AlertFedBack { note } => p("alert_fed_back").arg("note", note),
        E::CampaignStarted { name, until } => {
            p("campaign_started").arg("name", name).arg("until", until)
        }
        E::Reopened { reason, .. } => p("reopened").arg("reason", reason),
        E::GreenChannelOpened => p("green_channel_opened"),
        E::GreenChannelApproved {
            village_study_on,
            township_approved_on,
            ..
        } => p("green_channel_approved")
            .arg("study", village_study_on)
            .arg("approved", township_approved_on),
        E::ExtensionRequested {
            clock,
            days,
            reason,
            ..
        } => p("extension_requested")
            .arg("clock", clock.code())
            .arg("days", days)
            .arg("reason", reason),
        E::ExtensionDecided {
            clock, approved, ..
        } => p(if *approved {
            "extension_approved"
        } else {
            "extension_refused"
        })
        .arg("clock", clock.code()),
        E::ClockPaused { clock, reason, .. } => p("clock_paused")
            .arg("clock", clock.code())
            .arg("reason", reason),
        E::ClockResumed { clock, .. } => p("clock_resumed").arg("clock", clock.code()),
        E::ClockStarted { .. } | E::ClockMet { .. } | E::ClockCancelled { .. } => return None,
    })
}

/// A negative-list item's name in `lang`.
pub fn hit_label(item: NegativeItem, lang: Lang) -> &'static str {
    tr::timeline_words::hit::lookup(lang, item.code()).unwrap_or(item.code())
}

/// The event in `lang`; None when the code or an argument is unknown (the page then shows
/// the Chinese words the service sent, marked).
pub fn event_words(phrase: &Phrase, lang: Lang) -> Option<Vec<Part>> {
    use tr::timeline_words::event as t;
    let mut a = Fill::new(phrase);
    let list = tr::common::list_separator(lang);
    let text = match phrase.code.as_str() {
        "reported" => t::reported(
            lang,
            a.word("channel", Channel::from_code, |c| c.label(lang))?,
        ),
        "accepted" => t::accepted(lang).to_owned(),
        "rejected_out_of_scope" => t::rejected_out_of_scope(lang, a.data("reason")?),
        "home_check_recorded" => t::home_check_recorded(lang, a.raw("members")?, a.raw("income")?),
        "home_check_no_income" => t::home_check_no_income(lang, a.raw("members")?),
        "village_review_passed" => t::village_review_passed(lang).to_owned(),
        "village_review_failed" => t::village_review_failed(lang, a.data("reason")?),
        "notice_started" => {
            t::notice_started(lang, &a.date("from", lang)?, &a.date("until", lang)?)
        }
        "objection_recorded" => t::objection_recorded(lang, a.data("text")?),
        "notice_ended" => t::notice_ended(lang, &a.date("on", lang)?),
        "township_approved_plain" => t::township_approved_plain(lang).to_owned(),
        "township_approved" => t::township_approved(lang, a.data("note")?),
        "township_refused" => t::township_refused(lang, a.data("note")?),
        "identified" | "identified_note" => {
            let category = a.word("category", Category::from_code, |c| c.label(lang))?;
            let tier = a.word("tier", RiskTier::from_code, |c| c.label(lang))?;
            if phrase.code == "identified" {
                t::identified(lang, category, tier)
            } else {
                t::identified_note(lang, category, tier, a.data("note")?)
            }
        }
        "duplicate_suspected" => {
            t::duplicate_suspected(lang, a.raw("trackings")?.replace(',', list))
        }
        "duplicate_overridden" => t::duplicate_overridden(lang, a.data("reason")?),
        "comparison_clear" => t::comparison_clear(lang).to_owned(),
        "comparison_clear_note" => t::comparison_clear_note(lang, a.data("note")?),
        "comparison_hits" | "comparison_hits_note" => {
            let hits = a.words(
                "hits",
                NegativeItem::from_code,
                |h| hit_label(h, lang),
                list,
            )?;
            if phrase.code == "comparison_hits" {
                t::comparison_hits(lang, hits)
            } else {
                t::comparison_hits_note(lang, hits, a.data("note")?)
            }
        }
        "not_identified" => t::not_identified(lang, a.data("reason")?),
        "refusal_notified" => t::refusal_notified(lang, &a.date("on", lang)?),
        "responsible" => t::responsible(lang, a.data("person")?),
        "responsible_mobile" => t::responsible_mobile(lang, a.data("person")?, a.raw("mobile")?),
        "plan_added" => t::plan_added(
            lang,
            a.words("measures", MeasureType::from_code, |m| m.label(lang), list)?,
        ),
        "measures_added" => t::measures_added(
            lang,
            a.words("measures", MeasureType::from_code, |m| m.label(lang), list)?,
        ),
        "measure_status" => t::measure_status(
            lang,
            a.word("status", MeasureStatus::from_code, |s| {
                measure_status(s, lang)
            })?,
        ),
        "measure_status_named" => t::measure_status_named(
            lang,
            a.word("measure", MeasureType::from_code, |m| m.label(lang))?,
            a.word("status", MeasureStatus::from_code, |s| {
                measure_status(s, lang)
            })?,
        ),
        "visit_logged" => t::visit_logged(lang, a.data("notes")?),
        "visit_logged_tier" => {
            let tier = a.word("tier", RiskTier::from_code, |c| c.label(lang))?;
            t::visit_logged_tier(lang, a.data("notes")?, tier)
        }
        "tier_changed" => {
            let tier = a.word("tier", RiskTier::from_code, |c| c.label(lang))?;
            t::tier_changed(lang, tier, a.data("reason")?)
        }
        "elimination_proposed" => t::elimination_proposed(lang).to_owned(),
        "kept_monitoring" => t::kept_monitoring(lang, a.data("reason")?),
        "eliminated" => t::eliminated(lang).to_owned(),
        "eliminated_stable" => t::eliminated_stable(
            lang,
            &a.date("since", lang)?,
            a.raw("days")?,
            a.raw("visits")?,
        ),
        "eliminated_income" => t::eliminated_income(
            lang,
            &a.date("since", lang)?,
            a.raw("days")?,
            a.raw("visits")?,
            a.raw("then")?,
            a.raw("now")?,
        ),
        "removed" => {
            let kind = a.word("kind", RemovalKind::from_code, |k| k.label(lang))?;
            t::removed(lang, kind, a.data("reason")?)
        }
        "elimination_deferred" => t::elimination_deferred(lang, a.data("reason")?),
        "plan_reviewed" => t::plan_reviewed(lang, &a.date("date", lang)?),
        "plan_returned" => t::plan_returned(lang, &a.date("date", lang)?, a.data("reason")?),
        "plan_objection_recorded" => t::plan_objection_recorded(lang, a.data("text")?),
        "plan_notice_started" => {
            t::plan_notice_started(lang, &a.date("from", lang)?, &a.date("until", lang)?)
        }
        "plan_notice_ended" => t::plan_notice_ended(lang, &a.date("on", lang)?),
        "relief_reviewed" => t::relief_reviewed(lang, a.data("note")?),
        "alert_fed_back" => t::alert_fed_back(lang, a.data("note")?),
        "campaign_started" => t::campaign_started(lang, a.data("name")?, &a.date("until", lang)?),
        "reopened" => t::reopened(lang, a.data("reason")?),
        "green_channel_opened" => t::green_channel_opened(lang).to_owned(),
        "green_channel_approved" => {
            t::green_channel_approved(lang, &a.date("study", lang)?, &a.date("approved", lang)?)
        }
        "extension_requested"
        | "extension_approved"
        | "extension_refused"
        | "clock_paused"
        | "clock_resumed" => {
            let clock = a.word("clock", ClockKind::from_code, |k| k.label(lang))?;
            match phrase.code.as_str() {
                "extension_requested" => {
                    t::extension_requested(lang, a.raw("days")?, clock, a.data("reason")?)
                }
                "extension_approved" => t::extension_approved(lang, clock),
                "extension_refused" => t::extension_refused(lang, clock),
                "clock_paused" => t::clock_paused(lang, clock, a.data("reason")?),
                _ => t::clock_resumed(lang, clock),
            }
        }
        _ => return None,
    };
    Some(a.finish(text))
}

/// Who acted: "农户本人" for the household, else "role（name）" with the name as data;
/// `name` None for an account that no longer exists. None for a role we do not know.
pub fn actor_words(role: &str, name: Option<&str>, lang: Lang) -> Option<Vec<Part>> {
    let role = Role::from_code(role)?;
    if role == Role::Household {
        return Some(vec![Part::Words(
            tr::timeline_words::household(lang).to_owned(),
        )]);
    }
    let phrase = Phrase::new("actor").arg("name", name.unwrap_or_default());
    let mut a = Fill::new(&phrase);
    let name = match name {
        Some(_) => a.data("name")?,
        None => tr::timeline_words::deleted_account(lang).to_owned(),
    };
    Some(a.finish(tr::timeline_words::actor(lang, role.label(lang), name)))
}

#[cfg(test)]
#[path = "timeline_words_tests.rs"]
mod tests;
