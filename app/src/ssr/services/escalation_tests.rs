//! Who hears about a due or overdue clock (`escalation::addressees`).
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
