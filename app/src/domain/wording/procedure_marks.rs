//! Which history entries belong to a risk elimination's procedure. Its home check, village
//! review, notice and township review are the same events as identification's, so the
//! history read 完成入户核查 and 村级评议通过 twice with nothing to tell them apart (officer
//! tester): the page marks the elimination's own.
use crate::domain::case::event::{CaseEvent, EventKind};

/// For each event, in the order given (oldest first), whether it is a step of an elimination
/// procedure that shares its words with identification.
pub fn of_elimination<'a>(events: impl IntoIterator<Item = &'a CaseEvent>) -> Vec<bool> {
    use EventKind as E;
    let mut running = false;
    events
        .into_iter()
        .map(|event| match &event.kind {
            E::EliminationProposed { .. } => {
                running = true;
                false
            }
            E::Eliminated { .. }
            | E::KeptMonitoring { .. }
            | E::Removed { .. }
            | E::Reopened { .. } => {
                running = false;
                false
            }
            E::HomeCheckRecorded { .. }
            | E::VillageReviewHeld { .. }
            | E::NoticeStarted { .. }
            | E::ObjectionRecorded { .. }
            | E::NoticeEnded { .. }
            | E::TownshipReviewed { .. } => running,
            _ => false,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::tests::setups::eliminated;

    #[test]
    fn only_the_elimination_s_own_shared_steps_are_marked() {
        let j = eliminated();
        let marks = of_elimination(&j.events);
        let marked: Vec<&str> = j
            .events
            .iter()
            .zip(&marks)
            .filter(|(_, m)| **m)
            .map(|(e, _)| e.kind.code())
            .collect();
        assert_eq!(
            marked,
            vec![
                "home_check_recorded",
                "village_review_held",
                "notice_started",
                "notice_ended",
                "township_reviewed"
            ],
            "the elimination's steps, not identification's"
        );
        let identification_checks = j
            .events
            .iter()
            .zip(&marks)
            .filter(|(e, m)| e.kind.code() == "home_check_recorded" && !**m)
            .count();
        assert!(identification_checks >= 1);
    }
}
