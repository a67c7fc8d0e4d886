//! A case's risk types in their stored form.
use super::vocab::RiskType;

/// A case's risk types as stored: comma-separated codes, decoded at the repository edge.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RiskList(pub Vec<RiskType>);

impl RiskList {
    /// The stored form: codes joined by commas.
    pub fn to_stored(&self) -> String {
        self.0
            .iter()
            .map(|r| r.code())
            .collect::<Vec<_>>()
            .join(",")
    }
}

impl TryFrom<String> for RiskList {
    type Error = String;

    fn try_from(stored: String) -> Result<Self, Self::Error> {
        stored
            .split(',')
            .filter(|c| !c.is_empty())
            .map(|c| RiskType::from_code(c).ok_or_else(|| format!("unknown risk type {c}")))
            .collect::<Result<Vec<_>, _>>()
            .map(RiskList)
    }
}
