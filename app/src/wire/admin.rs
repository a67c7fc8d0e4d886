//! County administrators manage accounts: create, reset passwords, deactivate.
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AccountView {
    pub id: String,
    pub username: String,
    pub display_name: String,
    pub role_zh: String,
    /// The role's code, for its label in the reader's language.
    pub role: String,
    pub region: String,
    pub active: bool,
    /// Locked for a while after too many wrong passwords (a new password unlocks it).
    #[serde(default)]
    pub locked: bool,
    /// The signed-in administrator's own account, which they cannot turn off.
    pub is_you: bool,
    /// A liaison's line department.
    #[serde(default)]
    pub department: Option<String>,
}

/// Messages the outbox gave up on after every retry (shown to the administrator).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DeadLetterView {
    pub channel: String,
    pub recipient: String,
    pub subject: String,
    pub attempts: i64,
    pub last_error: String,
}
