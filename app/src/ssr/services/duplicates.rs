//! Earlier filings that look like the same household (see `domain::case::screening`): found
//! before a filing is made, and while a proxy types an ID number or mobile.
use crate::{
    domain::case::screening::{
        counts_for_duplicates, match_reasons, DuplicateMatch, HouseholdKeys,
    },
    ssr::{error::ServiceError, repo::cases, state::AppState},
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
