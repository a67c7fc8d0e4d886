//! Domain values for tests that drive the case engine directly. The sample command per step
//! (and its home check and measure) is the domain's own, shared through `test-support`.
use app::domain::{case::Actor, region::RegionCode, role::Role};

use crate::helpers::QINGSHI_VILLAGE;

pub const QINGSHI_TOWNSHIP: &str = "522799101000";
pub const HEKOU_TOWNSHIP: &str = "522799102000";
pub const HEKOU_VILLAGE: &str = "522799102201";
pub const COUNTY: &str = "522799000000";
pub const OTHER_COUNTY: &str = "522798000000";

pub fn region(code: &str) -> RegionCode {
    RegionCode::parse(code).expect("region")
}

pub fn actor(user: &str, role: Role, scope: &str) -> Actor {
    Actor::new(user, role, region(scope))
}

pub fn village_cadre() -> Actor {
    actor("demo-cun-qingshi", Role::VillageCadre, QINGSHI_VILLAGE)
}
pub fn township_officer() -> Actor {
    actor("demo-zhen-qingshi", Role::TownshipOfficer, QINGSHI_TOWNSHIP)
}
pub fn other_township_officer() -> Actor {
    actor("demo-zhen-hekou", Role::TownshipOfficer, HEKOU_TOWNSHIP)
}
pub fn county_officer() -> Actor {
    actor("demo-xian-officer", Role::CountyOfficer, COUNTY)
}

pub use app::domain::case::samples::{measure, record, sample};
