use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct StaffInfo {
    pub username: String,
    pub display_name: String,
    pub role_zh: String,
    /// The role's stable code (pages label it in their language).
    pub role: String,
    pub region_name: String,
    pub is_admin: bool,
    /// May download the ledger (台账) of their region.
    pub keeps_ledger: bool,
    /// May file for someone else (代为申报).
    pub files_for_others: bool,
    /// A line department that imports screening lists (部门预警导入).
    pub pushes_alerts: bool,
}
