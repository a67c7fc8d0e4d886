use crate::{
    api::regions::{TownshipOption, VillageOption},
    ssr::{error::ServiceError, repo::regions, state::AppState},
};

pub async fn tree(state: &AppState) -> Result<Vec<TownshipOption>, ServiceError> {
    let rows = regions::all(&state.db.pool).await?;
    let mut townships: Vec<TownshipOption> = rows
        .iter()
        .filter(|r| r.level == "township")
        .map(|r| TownshipOption {
            code: r.code.clone(),
            name: r.name.clone(),
            villages: Vec::new(),
        })
        .collect();
    for village in rows.iter().filter(|r| r.level == "village") {
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
    Ok(townships)
}
