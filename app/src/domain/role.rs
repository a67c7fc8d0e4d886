//! Staff roles. Every account has one role and one scope (a region or a department).
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    VillageCadre,
    TownshipOfficer,
    TownshipHead,
    CountyOfficer,
    CountyHead,
    DepartmentLiaison,
    HotlineOperator,
    CountyAdmin,
    Household,
}

impl Role {
    /// Village, township and county staff keep the monitoring ledger (台账) of their region.
    pub fn keeps_ledger(self) -> bool {
        match self {
            Role::VillageCadre
            | Role::TownshipOfficer
            | Role::TownshipHead
            | Role::CountyOfficer
            | Role::CountyHead => true,
            Role::Household
            | Role::HotlineOperator
            | Role::DepartmentLiaison
            | Role::CountyAdmin => false,
        }
    }

    pub const ALL: &'static [Role] = &[
        Role::VillageCadre,
        Role::TownshipOfficer,
        Role::TownshipHead,
        Role::CountyOfficer,
        Role::CountyHead,
        Role::DepartmentLiaison,
        Role::HotlineOperator,
        Role::CountyAdmin,
        Role::Household,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Role::VillageCadre => "village_cadre",
            Role::TownshipOfficer => "township_officer",
            Role::TownshipHead => "township_head",
            Role::CountyOfficer => "county_officer",
            Role::CountyHead => "county_head",
            Role::DepartmentLiaison => "department_liaison",
            Role::HotlineOperator => "hotline_operator",
            Role::CountyAdmin => "county_admin",
            Role::Household => "household",
        }
    }

    pub fn from_code(code: &str) -> Option<Role> {
        Role::ALL.iter().copied().find(|r| r.code() == code)
    }

    /// The level of region an account of this role belongs to: its region is its scope, so a
    /// village cadre given the whole county would see every case in it.
    pub fn region_level(self) -> Option<super::region::RegionLevel> {
        use super::region::RegionLevel as L;
        match self {
            Role::VillageCadre => Some(L::Village),
            Role::TownshipOfficer | Role::TownshipHead => Some(L::Township),
            Role::CountyOfficer
            | Role::CountyHead
            | Role::DepartmentLiaison
            | Role::HotlineOperator
            | Role::CountyAdmin => Some(L::County),
            Role::Household => None,
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            Role::VillageCadre => "村级干部/网格员",
            Role::TownshipOfficer => "乡镇工作人员",
            Role::TownshipHead => "乡镇负责人",
            Role::CountyOfficer => "县级工作人员",
            Role::CountyHead => "县级负责人",
            Role::DepartmentLiaison => "行业部门联络员",
            Role::HotlineOperator => "12317热线坐席",
            Role::CountyAdmin => "县级管理员",
            Role::Household => "农户",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_round_trips_through_its_code() {
        for role in Role::ALL {
            assert_eq!(Role::from_code(role.code()), Some(*role));
        }
        assert_eq!(Role::from_code("mayor"), None);
    }
}
