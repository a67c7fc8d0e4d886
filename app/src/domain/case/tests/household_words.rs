//! What a household reads when its request ends or runs late matches what happened
//! (household tester): a village review's 不通过 is not a county decision, a date gone by is
//! not promised, and a late acceptance says the result will be late too.
use super::super::*;
use super::setups::*;
use super::support::*;
use crate::domain::clock::ClockKind;
use crate::domain::lang::Lang;
use crate::domain::wording::{progress, timeline_words};

fn read(j: &Journey) -> progress::Progress {
    j.household()
}

#[test]
fn a_village_review_that_does_not_pass_is_said_to_be_the_village_s() {
    let j = not_passed_by_the_village();
    assert!(matches!(j.case.state, CaseState::NotIdentified { .. }));
    let ended = j
        .events
        .iter()
        .rev()
        .find(|e| matches!(e.kind, event::EventKind::NotIdentified { .. }))
        .expect("ended");
    let phrase = timeline_words::event_phrase(ended).expect("shown");
    assert_eq!(phrase.code, "not_identified_by_village");
    let words = read(&j).done;
    assert!(words.contains("村里开会评议，没有通过"), "{words}");
    assert!(!words.contains("审核"), "{words}");
}

#[test]
fn a_refusal_s_telling_date_is_not_promised_once_it_has_passed() {
    let mut j = not_passed_by_the_village();
    let due = clock(&j, ClockKind::RefusalNotice).due_on;
    assert!(read(&j).next.contains(&Lang::Zh.date(due)));
    j.days((due - j.today()).num_days() + 3);
    let p = read(&j);
    assert!(!p.next.contains(&Lang::Zh.date(due)), "{}", p.next);
    assert!(p.overdue.is_some(), "the overdue box says it");
}

#[test]
fn a_late_acceptance_says_the_result_will_be_late_too() {
    let mut j = reported();
    let result = clock(&j, ClockKind::IdentificationOverall).due_on;
    assert!(!read(&j).next.contains("已经来不及"));
    j.days((result - j.today()).num_days() - 2);
    let next = read(&j).next;
    assert!(
        next.contains(&format!(
            "已经来不及在原定的{}前办完认定",
            Lang::Zh.date(result)
        )),
        "{next}"
    );
}

/// A pause that ended still explains the later date: only the extension's reason was said,
/// as if it had moved the date all by itself (officer tester).
#[test]
fn a_pause_that_ended_still_explains_the_later_date() {
    let mut j = home_check_paused();
    assert!(read(&j).notes.join(" ").contains("暂时停下了"));
    j.days(5);
    j.act(
        Role::VillageCadre,
        CaseCommand::ResumeClock {
            clock: ClockKind::HomeCheck,
        },
    );
    let due = clock(&j, ClockKind::HomeCheck).due_on;
    let notes = read(&j).notes.join(" ");
    assert!(notes.contains("农户住院，无法入户"), "{notes}");
    assert!(
        notes.contains(&format!("现在的期限是{}", Lang::Zh.date(due))),
        "{notes}"
    );
}

/// A paused visit promises no date (household tester: 下次最迟在… beside the pause note,
/// and the date moved when it resumed).
#[test]
fn a_paused_visit_promises_no_date() {
    let mut j = no_labour_backstopped();
    let visit = clock(&j, ClockKind::MonitoringVisit).due_on;
    assert_eq!(read(&j).next_visit, Some(visit));
    j.act(
        Role::VillageCadre,
        CaseCommand::PauseClock {
            clock: ClockKind::MonitoringVisit,
            reason: "外出务工".to_owned(),
        },
    );
    let p = read(&j);
    assert_eq!(p.next_visit, None);
    assert!(!p.next.contains(&Lang::Zh.date(visit)), "{}", p.next);
}
