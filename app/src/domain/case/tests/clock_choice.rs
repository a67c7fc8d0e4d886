//! The clocks a clock step offers: only those it applies to now, for this officer, and
//! exactly those the engine accepts.

use crate::domain::case::clock_choice::{clock_choices, may_name};
use crate::domain::clock::ClockKind;

use super::super::*;
use super::support::*;

use ClockKind as K;
use CommandKind as C;

fn command(step: CommandKind, clock: ClockKind) -> CaseCommand {
    match step {
        C::RequestExtension => CaseCommand::RequestExtension {
            clock,
            days: 2,
            reason: "农户外出".to_owned(),
        },
        C::ApproveExtension => CaseCommand::ApproveExtension {
            clock,
            approve: true,
        },
        C::PauseClock => CaseCommand::PauseClock {
            clock,
            reason: "农户住院".to_owned(),
        },
        C::ResumeClock => CaseCommand::ResumeClock { clock },
        other => panic!("{other:?} names no clock"),
    }
}

/// Journeys at each point worth checking: (name, journey).
fn journeys() -> Vec<(&'static str, Journey)> {
    let mut pending = at("accepted");
    pending.act(
        Role::VillageCadre,
        command(C::RequestExtension, K::HomeCheck),
    );
    let mut paused = at("accepted");
    paused.act(Role::VillageCadre, command(C::PauseClock, K::HomeCheck));
    let mut late = at("accepted");
    late.days(30);
    vec![
        ("reported", at("reported")),
        ("accepted", at("accepted")),
        ("accepted, extension pending", pending),
        ("accepted, home check paused", paused),
        ("accepted, home check overdue", late),
        ("notice running", at("notice_running")),
        ("identified", at("identified")),
    ]
}

const STEPS: [CommandKind; 4] = [
    C::RequestExtension,
    C::ApproveExtension,
    C::PauseClock,
    C::ResumeClock,
];

#[test]
fn each_clock_step_offers_only_the_clocks_that_apply_now() {
    type Row = (&'static str, Role, CommandKind, &'static [ClockKind]);
    let rows: &[Row] = &[
        (
            "reported",
            Role::TownshipOfficer,
            C::RequestExtension,
            &[K::TownshipAcceptance],
        ),
        (
            "reported",
            Role::TownshipOfficer,
            C::PauseClock,
            &[K::TownshipAcceptance],
        ),
        ("reported", Role::VillageCadre, C::RequestExtension, &[]),
        ("reported", Role::TownshipOfficer, C::ResumeClock, &[]),
        (
            "accepted",
            Role::VillageCadre,
            C::RequestExtension,
            &[K::HomeCheck],
        ),
        (
            "accepted",
            Role::VillageCadre,
            C::PauseClock,
            &[K::HomeCheck],
        ),
        ("accepted", Role::VillageCadre, C::ApproveExtension, &[]),
        (
            "accepted, extension pending",
            Role::VillageCadre,
            C::RequestExtension,
            &[],
        ),
        (
            "accepted, extension pending",
            Role::TownshipHead,
            C::ApproveExtension,
            &[K::HomeCheck],
        ),
        (
            "accepted, extension pending",
            Role::VillageCadre,
            C::PauseClock,
            &[],
        ),
        (
            "accepted, home check paused",
            Role::VillageCadre,
            C::PauseClock,
            &[],
        ),
        (
            "accepted, home check paused",
            Role::VillageCadre,
            C::ResumeClock,
            &[K::HomeCheck],
        ),
        (
            "accepted, home check overdue",
            Role::VillageCadre,
            C::RequestExtension,
            &[],
        ),
        (
            "accepted, home check overdue",
            Role::VillageCadre,
            C::PauseClock,
            &[K::HomeCheck],
        ),
        // The 公示 is a minimum: never extended or paused.
        (
            "notice running",
            Role::VillageCadre,
            C::RequestExtension,
            &[],
        ),
        ("notice running", Role::VillageCadre, C::PauseClock, &[]),
    ];
    let journeys = journeys();
    for (name, role, step, expected) in rows {
        let (_, j) = journeys.iter().find(|(n, _)| n == name).expect("journey");
        let got = clock_choices(*step, &j.case, &actor(*role), j.today());
        assert_eq!(got.as_slice(), *expected, "{name}: {role:?} {step:?}");
        assert!(got.len() < ClockKind::ALL.len());
    }
}

/// Every offered clock is accepted by the engine and every other one refused, for every
/// journey, officer, step and clock kind.
#[test]
fn the_engine_accepts_exactly_the_offered_clocks() {
    let roles = [
        Role::VillageCadre,
        Role::TownshipOfficer,
        Role::TownshipHead,
        Role::CountyOfficer,
        Role::CountyHead,
    ];
    for (name, j) in journeys() {
        for role in roles {
            let who = actor(role);
            for step in STEPS {
                for kind in ClockKind::ALL {
                    let offered = may_name(step, kind, &j.case, &who, j.today());
                    let accepted = j.try_as(&who, &command(step, kind));
                    assert_eq!(
                        offered,
                        accepted.is_ok(),
                        "{name}: {role:?} {step:?} {kind:?}: {accepted:?}"
                    );
                }
            }
        }
    }
}
