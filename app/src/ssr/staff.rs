//! The signed-in officer and the authorisation helpers that every service uses.
use crate::{
    domain::{
        access::{self, Action, CaseRelation, Reach},
        case::{proxy_channels, Actor, Case, Policy},
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
    /// A line department's liaison: its department (民政局).
    pub department: Option<String>,
}

impl Staff {
    /// The officer as the case engine sees them.
    pub fn actor(&self) -> Actor {
        Actor::new(self.id.clone(), self.role, self.scope.clone())
            .of_department(self.department.clone())
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

    /// How far `action` reaches for this officer's role (the domain's access table).
    pub fn reach(&self, action: Action) -> Reach {
        access::reach(self.role, action)
    }

    /// Refuses an action the role may never take.
    pub fn require(&self, action: Action) -> Result<Reach, ServiceError> {
        let reach = self.reach(action);
        if reach.allowed() {
            Ok(reach)
        } else {
            tracing::warn!(user = %self.id, ?action, "action outside the role's need refused");
            Err(ServiceError::Forbidden)
        }
    }

    /// Whether `action` on this case is within the officer's own work: region, role, and for
    /// hotline operators and department liaisons, what they filed or must act on.
    pub fn may_on_case(&self, action: Action, case: &Case, policy: &Policy) -> bool {
        let relation = CaseRelation {
            in_region: self.scope.contains(&case.village),
            filed_by_me: case.reported_by == self.id,
            department_work: case.has_work_for(policy, &self.actor()),
        };
        access::may_on_case(self.role, action, relation)
    }

    pub fn info(&self) -> StaffInfo {
        let channels = proxy_channels(self.role);
        StaffInfo {
            username: self.username.clone(),
            display_name: self.display_name.clone(),
            role_zh: self.role.label_zh().to_owned(),
            role: self.role.code().to_owned(),
            region_name: self.scope_name.clone(),
            is_admin: self.role == Role::CountyAdmin,
            keeps_ledger: self.role.keeps_ledger(),
            files_for_others: !channels.is_empty(),
            pushes_alerts: channels.contains(&Channel::DepartmentAlert),
        }
    }
}
