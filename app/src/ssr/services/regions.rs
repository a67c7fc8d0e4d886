//! The region tree and region names, for pickers and pages.
use crate::domain::region::RegionLevel;
use crate::{
    ssr::{error::ServiceError, repo::regions, state::AppState},
    wire::regions::{ScopedRegions, TownshipOption, VillageOption},
};

/// The staff member's own region and the tree inside it (the county's, not the demo's, code:
/// the forms named `522799000000` for the whole county whatever county ran them).
pub async fn mine(
    state: &AppState,
    staff: &super::auth::Staff,
) -> Result<ScopedRegions, ServiceError> {
    let rows = regions::all(&state.db.pool).await?;
    Ok(ScopedRegions {
        code: staff.scope.as_str().to_owned(),
        townships: tree_in(&rows, &staff.scope),
    })
}

pub async fn tree(state: &AppState) -> Result<Vec<TownshipOption>, ServiceError> {
    Ok(tree_of(&regions::all(&state.db.pool).await?))
}

/// The townships and their villages among `rows` (every region, as `regions::all` reads them).
pub fn tree_of(rows: &[regions::RegionRow]) -> Vec<TownshipOption> {
    let mut townships: Vec<TownshipOption> = rows
        .iter()
        .filter(|r| r.level == RegionLevel::Township)
        .map(|r| TownshipOption {
            code: r.code.clone(),
            name: r.name.clone(),
            villages: Vec::new(),
        })
        .collect();
    for village in rows.iter().filter(|r| r.level == RegionLevel::Village) {
        if let Some(township) = townships
            .iter_mut()
            .find(|t| Some(&t.code) == village.parent_code.as_ref())
        {
            township.villages.push(VillageOption {
                code: village.code.clone(),
                name: village.name.clone(),
            });
        }
    }
    townships
}

/// The tree cut to `scope`: a village cadre sees their own village, a township officer their
/// township's villages, the county all of them. Townships left without villages are dropped.
/// Made from `rows` (every region), which the caller has read anyway.
pub fn tree_in(
    rows: &[regions::RegionRow],
    scope: &crate::domain::region::RegionCode,
) -> Vec<TownshipOption> {
    use crate::domain::region::RegionCode;
    let inside = |code: &str| RegionCode::parse(code).is_ok_and(|c| scope.contains(&c));
    tree_of(rows)
        .into_iter()
        .map(|mut township| {
            township.villages.retain(|v| inside(&v.code));
            township
        })
        .filter(|township| !township.villages.is_empty())
        .collect()
}

/// A region's name, or empty when the code is unknown.
pub async fn name_of(state: &AppState, code: &str) -> Result<String, ServiceError> {
    Ok(regions::find(&state.db.pool, code)
        .await?
        .map(|r| r.name)
        .unwrap_or_default())
}
