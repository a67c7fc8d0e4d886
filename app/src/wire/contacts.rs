//! Region phones the county admin publishes for households.
use serde::{Deserialize, Serialize};

/// A township or village with the phone households are given (empty when none is set).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RegionContactView {
    pub code: String,
    pub name: String,
    /// "乡镇" or "村", in the reader's language.
    pub level: String,
    pub phone: String,
}
