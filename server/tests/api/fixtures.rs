//! Domain values for tests that drive the case engine directly (the sample command per step,
//! and its home check and measure, is the domain's own, shared through `test-support`), and
//! the HTTP setup several API tests share: an accepted case, a step's footprint, the track page.
use app::domain::{case::Actor, region::RegionCode, role::Role};

use crate::helpers::{detail, fields, step, TestApp, QINGSHI_VILLAGE};

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

/// A fresh filing (applicant 张三, this mobile) the township has accepted: the village's
/// home check is due. Returns the case id.
pub async fn accepted_case(app: &TestApp, mobile: &str) -> String {
    let tracking = app.submit_report("张三", mobile, QINGSHI_VILLAGE).await;
    let id = app.case_id_of(&tracking).await;
    let township = app.login("zhen-qingshi").await;
    let version = detail(&township, &id).await["version"]
        .as_i64()
        .expect("version");
    let accepted = step(&township, &id, version, &[("kind", "accept")]).await;
    assert_eq!(accepted.status(), 200);
    id
}

/// Everything a step writes: the case's version, its events, clocks and outbox rows.
pub async fn footprint(app: &TestApp, id: &str) -> (i64, i64, i64, i64) {
    let pool = &app.state.db.pool;
    let count = |sql: &'static str| async move {
        sqlx::query_scalar::<_, i64>(sql)
            .bind(id)
            .fetch_one(pool)
            .await
            .expect(sql)
    };
    (
        count("select version from cases where id = $1").await,
        count("select count(*) from case_events where case_id = $1").await,
        count("select count(*) from case_clocks where case_id = $1").await,
        count("select count(*) from outbox where case_id = $1").await,
    )
}

/// The household's track result page as a browser without JavaScript reaches it: the form
/// posts, then follows the redirect (in the same browser).
pub async fn track_page(app: &TestApp, tracking: &str, mobile: &str) -> String {
    let posted = app
        .post_plain_form(
            "/api/reports/track",
            "/track",
            &fields(&[("tracking", tracking), ("mobile", mobile)]),
        )
        .await;
    let location = posted.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned();
    app.get_html(&location).await
}
