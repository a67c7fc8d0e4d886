use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct VillageOption {
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TownshipOption {
    pub code: String,
    pub name: String,
    pub villages: Vec<VillageOption>,
}

/// The signed-in officer's own region and the townships and villages inside it, for forms
/// that name a region within the officer's scope (accounts, department keys).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ScopedRegions {
    pub code: String,
    pub townships: Vec<TownshipOption>,
}
