//! The rules each of a jurisdiction's policy versions comes to, worked out again from the
//! version before it whenever one is saved or withdrawn (`domain::case::policy_changes`).
use chrono::NaiveDate;

use super::settings::stored_day;
use crate::{
    domain::case::{
        policy_changes::{apply, PolicyChanges},
        Policy,
    },
    ssr::{error::ServiceError, repo::settings},
};

/// What `jurisdiction`'s version for `day` changes, if there is one; a version saved whole
/// (before versions kept their changes) changes every field.
pub async fn changes_of(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    jurisdiction: &str,
    day: NaiveDate,
) -> Result<PolicyChanges, ServiceError> {
    let row = settings::versions_of(&mut **tx, jurisdiction)
        .await?
        .into_iter()
        .find(|(text, ..)| stored_day(text) == Some(day));
    let corrupt = |e: serde_json::Error| {
        ServiceError::Corrupt(format!("policy {jurisdiction} from {day}: {e}"))
    };
    Ok(match row {
        None => PolicyChanges::new(),
        Some((_, _, Some(changes))) => serde_json::from_str(&changes).map_err(corrupt)?,
        Some((_, body, None)) => {
            let whole: Policy = serde_json::from_str(&body).map_err(corrupt)?;
            crate::domain::case::policy_changes::fields(&whole, day)
        }
    })
}

/// Rewrites the rules of `jurisdiction`'s versions from `from` on, in date order: each is the
/// one before it (`before` for the first: the rules in force the day before `from`) with its
/// own changes. A version saved whole, before versions kept their changes, stays as saved.
/// Returns each version's day and rules.
pub async fn refold(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    jurisdiction: &str,
    before: &Policy,
    from: NaiveDate,
) -> Result<Vec<(NaiveDate, Policy)>, ServiceError> {
    let mut rows: Vec<(NaiveDate, String, String, Option<String>)> =
        settings::versions_of(&mut **tx, jurisdiction)
            .await?
            .into_iter()
            .filter_map(|(text, body, changes)| {
                stored_day(&text).map(|day| (day, text, body, changes))
            })
            .filter(|(day, ..)| *day >= from)
            .collect();
    rows.sort_by_key(|(day, ..)| *day);
    let corrupt = |text: &str, what: String| {
        ServiceError::Corrupt(format!("policy {jurisdiction} from {text}: {what}"))
    };
    let mut acc = before.clone();
    let mut out = Vec::with_capacity(rows.len());
    for (day, text, body, changes) in rows {
        acc = match changes {
            Some(changes) => {
                let changes: PolicyChanges =
                    serde_json::from_str(&changes).map_err(|e| corrupt(&text, e.to_string()))?;
                let rules = apply(&acc, &changes, day)
                    .map_err(|_| corrupt(&text, "changes no longer apply".into()))?;
                let json =
                    serde_json::to_string(&rules).map_err(|e| corrupt(&text, e.to_string()))?;
                settings::set_policy_body(&mut **tx, jurisdiction, &text, &json).await?;
                rules
            }
            None => serde_json::from_str(&body).map_err(|e| corrupt(&text, e.to_string()))?,
        };
        out.push((day, acc.clone()));
    }
    Ok(out)
}
