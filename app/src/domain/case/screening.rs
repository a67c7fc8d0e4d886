//! Data checks that warn staff before a step: suspected duplicate filings (the same household
//! filed twice) and negative-list hits (负面清单) from the county's data comparison.
//!
//! A duplicate blocks township acceptance until it is rejected as a duplicate or overridden
//! with a reason (the override is an audited event). A negative-list hit is a warning to the
//! county: identifying the household anyway needs a written explanation.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::tracking::TrackingNumber;

/// Why another filing looks like the same household.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchReason {
    SameIdNumber,
    SameMobile,
}

impl MatchReason {
    pub const ALL: [MatchReason; 2] = [MatchReason::SameIdNumber, MatchReason::SameMobile];

    pub fn label_zh(self) -> &'static str {
        match self {
            MatchReason::SameIdNumber => "身份证号相同",
            MatchReason::SameMobile => "手机号相同",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            MatchReason::SameIdNumber => "same_id_number",
            MatchReason::SameMobile => "same_mobile",
        }
    }

    /// The reason in `lang` (texts under `duplicate_words.reason`).
    pub fn label(self, lang: crate::domain::lang::Lang) -> &'static str {
        crate::tr::duplicate_words::reason::lookup(lang, self.code()).unwrap_or(self.code())
    }
}

/// What identifies a filing's household for duplicate checks (already-parsed values).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HouseholdKeys<'a> {
    pub id_number: &'a str,
    pub mobile: &'a str,
}

/// The reasons two filings look like the same household; empty when they do not.
pub fn match_reasons(new: &HouseholdKeys<'_>, other: &HouseholdKeys<'_>) -> Vec<MatchReason> {
    let mut reasons = Vec::new();
    if !new.id_number.is_empty() && new.id_number.eq_ignore_ascii_case(other.id_number) {
        reasons.push(MatchReason::SameIdNumber);
    }
    if !new.mobile.is_empty() && new.mobile == other.mobile {
        reasons.push(MatchReason::SameMobile);
    }
    reasons
}

/// Whether a case in this state still counts when looking for duplicates: a filing that was
/// refused (out of scope, not identified) has ended, so a new one is a fresh request.
pub fn counts_for_duplicates(state_code: &str) -> bool {
    !matches!(state_code, "rejected_out_of_scope" | "not_identified")
}

/// Whether an earlier filing carries the same ID number and the same mobile: the household is
/// told its request is already known (a second press), never which filing it was. The ID
/// number alone told a stranger who typed a neighbour's whether that person was already in
/// the monitoring system (attacker tester).
pub fn same_id_filed_before(matches: &[DuplicateMatch]) -> bool {
    matches.iter().any(|m| {
        m.reasons.contains(&MatchReason::SameIdNumber)
            && m.reasons.contains(&MatchReason::SameMobile)
    })
}

/// Another case that looks like the same household, as the township sees it beside this one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DuplicateMatch {
    pub case_id: String,
    pub tracking: String,
    /// The other case's state code when the match was found.
    pub state: String,
    pub village: String,
    pub reported_on: NaiveDate,
    pub reasons: Vec<MatchReason>,
}

impl DuplicateMatch {
    /// The other filing's number as an officer sees it: whole when `in_scope` (their region
    /// covers its village), otherwise its first four symbols only, since the number is half
    /// of a household's look-up key.
    pub fn tracking_seen(&self, in_scope: bool) -> String {
        // Grouped as elsewhere on staff pages (the hotline reads it aloud).
        let grouped = TrackingNumber::shown_back(&self.tracking);
        if in_scope {
            grouped
        } else {
            crate::domain::tracking::masked(&grouped)
        }
    }
}

/// `event` as an officer sees it in the case's history: a suspected duplicate's number
/// outside their region (`covers` a village code) masked as in the duplicates table.
pub fn seen_in_history(
    mut event: super::CaseEvent,
    may_open: impl Fn(&DuplicateMatch) -> bool,
) -> super::CaseEvent {
    if let super::EventKind::DuplicateSuspected { matches } = &mut event.kind {
        for found in matches {
            found.tracking = found.tracking_seen(may_open(found));
        }
    }
    event
}

/// One item of the negative list (负面清单): a data-comparison finding that argues against
/// identification.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NegativeItem {
    /// 家庭成员中有财政供养人员.
    PublicEmployee,
    /// 拥有私家车.
    PrivateCar,
    /// 经营或持股公司.
    OwnsCompany,
    /// 购买商品房.
    CommercialHousing,
    /// 拥有门面、商铺.
    ShopFront,
    /// 隐瞒、虚报家庭情况.
    Concealment,
}

impl NegativeItem {
    pub const ALL: [NegativeItem; 6] = [
        NegativeItem::PublicEmployee,
        NegativeItem::PrivateCar,
        NegativeItem::OwnsCompany,
        NegativeItem::CommercialHousing,
        NegativeItem::ShopFront,
        NegativeItem::Concealment,
    ];

    pub fn code(self) -> &'static str {
        match self {
            NegativeItem::PublicEmployee => "public_employee",
            NegativeItem::PrivateCar => "private_car",
            NegativeItem::OwnsCompany => "owns_company",
            NegativeItem::CommercialHousing => "commercial_housing",
            NegativeItem::ShopFront => "shop_front",
            NegativeItem::Concealment => "concealment",
        }
    }

    pub fn from_code(code: &str) -> Option<NegativeItem> {
        NegativeItem::ALL.into_iter().find(|i| i.code() == code)
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            NegativeItem::PublicEmployee => "家庭成员有财政供养人员",
            NegativeItem::PrivateCar => "拥有私家车",
            NegativeItem::OwnsCompany => "经营或持股公司",
            NegativeItem::CommercialHousing => "购买商品房",
            NegativeItem::ShopFront => "拥有门面、商铺",
            NegativeItem::Concealment => "隐瞒、虚报家庭情况",
        }
    }
}

/// The county's data comparison (县级比对): what the departments' data showed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comparison {
    pub on: NaiveDate,
    pub by: String,
    /// Negative-list hits; empty means the comparison found nothing against the household.
    pub hits: Vec<NegativeItem>,
    pub note: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "11010519491231002X";

    #[test]
    fn a_pair_outside_the_region_shows_four_symbols_of_its_number() {
        let found = DuplicateMatch {
            case_id: "c1".into(),
            tracking: "76QUGZHSXM".into(),
            state: "filed".into(),
            village: "522799102201".into(),
            reported_on: NaiveDate::from_ymd_opt(2026, 12, 3).expect("date"),
            reasons: vec![MatchReason::SameMobile],
        };
        assert_eq!(found.tracking_seen(true), "76QU-GZHS-XM");
        assert_eq!(found.tracking_seen(false), "76QU-****-**");
    }

    #[test]
    fn the_same_id_number_matches_whatever_the_case_of_the_check_letter() {
        let new = HouseholdKeys {
            id_number: ID,
            mobile: "13800000001",
        };
        let other = HouseholdKeys {
            id_number: "11010519491231002x",
            mobile: "13900000002",
        };
        assert_eq!(match_reasons(&new, &other), vec![MatchReason::SameIdNumber]);
    }

    #[test]
    fn the_same_mobile_matches_and_both_reasons_are_listed() {
        let keys = HouseholdKeys {
            id_number: ID,
            mobile: "13800000001",
        };
        assert_eq!(
            match_reasons(&keys, &keys.clone()),
            vec![MatchReason::SameIdNumber, MatchReason::SameMobile]
        );
    }

    #[test]
    fn different_households_and_empty_keys_do_not_match() {
        let new = HouseholdKeys {
            id_number: "",
            mobile: "",
        };
        let other = HouseholdKeys {
            id_number: "",
            mobile: "",
        };
        assert!(match_reasons(&new, &other).is_empty());
        let a = HouseholdKeys {
            id_number: ID,
            mobile: "13800000001",
        };
        let b = HouseholdKeys {
            id_number: "110105194912310021",
            mobile: "13800000002",
        };
        assert!(match_reasons(&a, &b).is_empty());
    }

    #[test]
    fn refused_filings_do_not_count_as_duplicates_but_open_and_monitored_ones_do() {
        assert!(!counts_for_duplicates("rejected_out_of_scope"));
        assert!(!counts_for_duplicates("not_identified"));
        for code in ["reported", "accepted", "identified", "eliminated"] {
            assert!(counts_for_duplicates(code), "{code}");
        }
    }

    #[test]
    fn negative_items_round_trip_through_their_codes() {
        for item in NegativeItem::ALL {
            assert_eq!(NegativeItem::from_code(item.code()), Some(item));
            assert!(!item.label_zh().is_empty());
        }
        assert_eq!(NegativeItem::from_code("yacht"), None);
    }
}
