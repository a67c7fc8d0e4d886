//! Who acts on a case: a user with one role and a region scope.

use serde::{Deserialize, Serialize};

use crate::domain::clock::Level;
use crate::domain::region::RegionCode;
pub use crate::domain::role::Role;

/// A signed-in user as the state machine sees them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    pub user_id: String,
    pub role: Role,
    /// The region this user may act in; a case is in scope when its village lies inside.
    pub scope: RegionCode,
    /// A line department's liaison: its department (民政局), whose measures it carries out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
}

impl Actor {
    pub fn new(user_id: impl Into<String>, role: Role, scope: RegionCode) -> Actor {
        Actor {
            user_id: user_id.into(),
            role,
            scope,
            department: None,
        }
    }

    /// The same user as a line department's liaison for `department`.
    pub fn of_department(self, department: Option<String>) -> Actor {
        Actor { department, ..self }
    }

    /// Whether this actor may move `measure` on: a liaison only its own department's (one
    /// liaison could move every department's measures: attacker tester).
    pub fn carries_out(&self, measure: &super::state::Measure) -> bool {
        self.role != Role::DepartmentLiaison
            || self.department.as_deref() == Some(measure.lead_department.as_str())
    }

    /// Whether `village` lies inside this actor's scope.
    pub fn covers(&self, village: &RegionCode) -> bool {
        self.scope.contains(village)
    }
}

/// The administrative level at which a role owns clocks, if any.
pub fn role_level(role: Role) -> Option<Level> {
    match role {
        Role::VillageCadre => Some(Level::Village),
        Role::TownshipOfficer | Role::TownshipHead => Some(Level::Township),
        Role::CountyOfficer | Role::CountyHead => Some(Level::County),
        Role::DepartmentLiaison => Some(Level::Department),
        Role::HotlineOperator | Role::CountyAdmin | Role::Household => None,
    }
}

/// The roles that may approve an extension of a clock owned at `owner` level: the next
/// level up. County-owned clocks are approved by the county head (the city is not modelled).
pub fn extension_approvers(owner: Level) -> &'static [Role] {
    match owner {
        Level::Village => &[Role::TownshipOfficer, Role::TownshipHead],
        Level::Township => &[Role::CountyOfficer, Role::CountyHead],
        Level::County => &[Role::CountyHead],
        Level::Department => &[Role::CountyOfficer, Role::CountyHead],
    }
}
