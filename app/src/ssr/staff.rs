//! The signed-in officer and the authorisation helpers that every service uses.
use crate::{
    domain::{
        case::{proxy_channels, Actor},
        region::RegionCode,
        role::Role,
        vocab::Channel,
    },
    ssr::error::ServiceError,
    wire::auth::StaffInfo,
};

/// A signed-in officer: who they are, what they may do and where.
#[derive(Debug, Clone)]
pub struct Staff {
    pub id: String,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub scope: RegionCode,
    pub scope_name: String,
}

impl Staff {
    /// The officer as the case engine sees them.
    pub fn actor(&self) -> Actor {
        Actor::new(self.id.clone(), self.role, self.scope.clone())
    }

    /// Accounts, policy and dead letters are the county administrator's alone.
    pub fn require_admin(&self) -> Result<(), ServiceError> {
        if self.role == Role::CountyAdmin {
            Ok(())
        } else {
            tracing::warn!(user = %self.id, "non-admin tried an admin action");
            Err(ServiceError::Forbidden)
        }
    }

    /// Filing for someone else (代为申报) needs a role with at least one proxy channel.
    pub fn require_proxy(&self) -> Result<&'static [Channel], ServiceError> {
        let channels = proxy_channels(self.role);
        if channels.is_empty() {
            Err(ServiceError::Forbidden)
        } else {
            Ok(channels)
        }
    }

    pub fn info(&self) -> StaffInfo {
        let channels = proxy_channels(self.role);
        StaffInfo {
            username: self.username.clone(),
            display_name: self.display_name.clone(),
            role_zh: self.role.label_zh().to_owned(),
            region_name: self.scope_name.clone(),
            is_admin: self.role == Role::CountyAdmin,
            keeps_ledger: self.role.keeps_ledger(),
            files_for_others: !channels.is_empty(),
            pushes_alerts: channels.contains(&Channel::DepartmentAlert),
        }
    }
}
