//! The yearly 集中排查 on one case: its visit is met by the next visit, a campaign started
//! again passes over a household it reached, and its name has a limit.
use chrono::Duration;

use crate::domain::clock::ClockKind as K;

use super::super::*;
use super::support::*;

#[test]
fn a_campaign_visit_is_met_by_the_next_visit() {
    let mut j = at("eliminated");
    let until = j.today() + Duration::days(20);
    j.act(
        Role::CountyHead,
        CaseCommand::StartCampaign {
            name: "2025年集中排查".to_owned(),
            until,
        },
    );
    assert!(clock(&j, K::CampaignVisit).due_on >= until);
    j.days(3);
    visit_plain(&mut j);
    assert!(j.case.open_clock(K::CampaignVisit).is_none());
    // Started again to reach households identified since, it passes over this one: it
    // was visited in it (officer tester: a second visit, counted twice).
    let again = CaseCommand::StartCampaign {
        name: "2025年集中排查".to_owned(),
        until,
    };
    assert!(matches!(
        j.try_role(Role::CountyHead, &again),
        Err(Refusal::WrongState { .. })
    ));
    let another = CaseCommand::StartCampaign {
        name: "2025年补充排查".to_owned(),
        until,
    };
    assert!(
        j.try_role(Role::CountyHead, &another).is_ok(),
        "another campaign"
    );
}

/// A campaign's name is written on every household's history: one over the limit is
/// refused by the engine as by the form, which also drops invisible characters.
#[test]
fn a_campaign_name_over_its_limit_is_refused() {
    use crate::domain::case::follow_up::{campaign_name, CAMPAIGN_NAME_CHARS};
    use crate::domain::case::form::CommandFieldError;
    let j = at("eliminated");
    let until = j.today() + Duration::days(20);
    let named = |n: usize| CaseCommand::StartCampaign {
        name: "排".repeat(n),
        until,
    };
    assert!(j
        .try_role(Role::CountyHead, &named(CAMPAIGN_NAME_CHARS))
        .is_ok());
    assert_eq!(
        j.try_role(Role::CountyHead, &named(CAMPAIGN_NAME_CHARS + 1)),
        Err(Refusal::InvalidData { field: "text" })
    );
    assert_eq!(
        campaign_name(&"A".repeat(60_000)),
        Err(CommandFieldError::CampaignNameTooLong)
    );
    assert_eq!(campaign_name(" \u{200b} "), Err(CommandFieldError::Missing));
    assert_eq!(
        campaign_name(" 2026年\u{200b}集中排查 ").as_deref(),
        Ok("2026年集中排查")
    );
    assert!(
        crate::tr::field_error::command::campaign_name_too_long(crate::domain::lang::Lang::Zh)
            .contains(&CAMPAIGN_NAME_CHARS.to_string())
    );
}

fn visit_plain(j: &mut Journey) {
    let today = j.today();
    j.act(
        Role::VillageCadre,
        CaseCommand::LogVisit {
            date: today,
            notes: "集中排查走访".to_owned(),
            new_tier: None,
        },
    );
}
