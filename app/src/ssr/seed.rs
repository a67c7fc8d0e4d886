//! The demo county: one county, three townships, twelve villages, and officers at each level
//! (a cadre for every village with demo cases, an officer for every township).
//! Idempotent: running it twice changes nothing.
use chrono::{DateTime, Utc};

use super::{
    db::Db,
    error::ServiceError,
    password::hash_password,
    repo::{contacts, regions, regions::RegionRow, users, users::UserRow},
};
use crate::domain::{region::RegionLevel, role::Role};

pub const DEMO_PASSWORD: &str = crate::domain::password_policy::DEMO_PASSWORD;

pub const COUNTY: (&str, &str) = ("522799000000", "青石县");

/// (code, name) of a region.
pub type Named = (&'static str, &'static str);

/// (township code, name, villages)
pub const TOWNSHIPS: &[(&str, &str, &[Named])] = &[
    (
        "522799101000",
        "青石镇",
        &[
            ("522799101201", "青石村"),
            ("522799101202", "龙井村"),
            ("522799101203", "新田村"),
            ("522799101204", "石桥村"),
        ],
    ),
    (
        "522799102000",
        "河口镇",
        &[
            ("522799102201", "河口村"),
            ("522799102202", "沙坝村"),
            ("522799102203", "水寨村"),
            ("522799102204", "柳塘村"),
        ],
    ),
    (
        "522799201000",
        "云岭乡",
        &[
            ("522799201201", "云岭村"),
            ("522799201202", "高坡村"),
            ("522799201203", "茶园村"),
            ("522799201204", "红岩村"),
        ],
    ),
];

/// Phones of the village committees and township offices (county area code 0854), so the
/// household's "whom to call" has numbers to dial; the county admin changes them on /admin.
/// Office fixed lines only: a mobile stored in plain text would be personal data at rest.
pub const REGION_PHONES: &[Named] = &[
    ("522799101000", "0854-7321001"),
    ("522799101201", "0854-7321201"),
    ("522799101202", "0854-7321202"),
    ("522799101203", "0854-7321203"),
    ("522799101204", "0854-7321204"),
    ("522799102000", "0854-7352001"),
    ("522799102201", "0854-7352201"),
    ("522799102202", "0854-7352202"),
    ("522799102203", "0854-7352203"),
    ("522799102204", "0854-7352204"),
    ("522799201000", "0854-7386001"),
    ("522799201201", "0854-7386201"),
    ("522799201202", "0854-7386202"),
    ("522799201203", "0854-7386203"),
    ("522799201204", "0854-7386204"),
];

/// (username, display name, role, region)
/// The line department of the demo's liaison (bumen-minzheng).
pub const DEMO_DEPARTMENT: &str = "民政局";

pub const ACCOUNTS: &[(&str, &str, Role, &str)] = &[
    (
        "cun-qingshi",
        "王村干（青石村）",
        Role::VillageCadre,
        "522799101201",
    ),
    // One cadre for each other village that has demo cases, so each case can be walked on.
    (
        "cun-longjing",
        "张村干（龙井村）",
        Role::VillageCadre,
        "522799101202",
    ),
    (
        "cun-xintian",
        "杨村干（新田村）",
        Role::VillageCadre,
        "522799101203",
    ),
    (
        "cun-shiqiao",
        "黄村干（石桥村）",
        Role::VillageCadre,
        "522799101204",
    ),
    (
        "cun-hekou",
        "何村干（河口村）",
        Role::VillageCadre,
        "522799102201",
    ),
    (
        "cun-yunling",
        "罗村干（云岭村）",
        Role::VillageCadre,
        "522799201201",
    ),
    (
        "zhen-qingshi",
        "李乡干（青石镇）",
        Role::TownshipOfficer,
        "522799101000",
    ),
    (
        "zhenzhang-qingshi",
        "赵镇长（青石镇）",
        Role::TownshipHead,
        "522799101000",
    ),
    (
        "zhen-hekou",
        "陈乡干（河口镇）",
        Role::TownshipOfficer,
        "522799102000",
    ),
    (
        "zhen-yunling",
        "郑乡干（云岭乡）",
        Role::TownshipOfficer,
        "522799201000",
    ),
    (
        "xian-officer",
        "刘县干（乡村振兴局）",
        Role::CountyOfficer,
        "522799000000",
    ),
    (
        "xian-head",
        "周局长（乡村振兴局）",
        Role::CountyHead,
        "522799000000",
    ),
    (
        "rexian",
        "孙坐席（12317热线）",
        Role::HotlineOperator,
        "522799000000",
    ),
    (
        "bumen-minzheng",
        "吴科长（县民政局）",
        Role::DepartmentLiaison,
        "522799000000",
    ),
    (
        "xian-admin",
        "系统管理员",
        Role::CountyAdmin,
        "522799000000",
    ),
];

fn region(code: &str, name: &str, level: RegionLevel, parent: Option<&str>) -> RegionRow {
    RegionRow {
        code: code.to_owned(),
        name: name.to_owned(),
        level,
        parent_code: parent.map(str::to_owned),
    }
}

pub async fn seed_demo(db: &Db, now: DateTime<Utc>) -> Result<(), ServiceError> {
    let now_ms = now.timestamp_millis();
    let mut tx = db.pool.begin().await?;
    regions::upsert(
        &mut *tx,
        &region(COUNTY.0, COUNTY.1, RegionLevel::County, None),
        now_ms,
    )
    .await?;
    for (code, name, villages) in TOWNSHIPS {
        regions::upsert(
            &mut *tx,
            &region(code, name, RegionLevel::Township, Some(COUNTY.0)),
            now_ms,
        )
        .await?;
        for (vcode, vname) in *villages {
            regions::upsert(
                &mut *tx,
                &region(vcode, vname, RegionLevel::Village, Some(code)),
                now_ms,
            )
            .await?;
        }
    }
    let password_hash = hash_password(DEMO_PASSWORD)?;
    for (username, display_name, role, region_code) in ACCOUNTS {
        let row = UserRow {
            id: format!("demo-{username}"),
            username: (*username).to_owned(),
            display_name: (*display_name).to_owned(),
            role: role.code().to_owned(),
            region_code: (*region_code).to_owned(),
            password_hash: password_hash.clone(),
            active: 1,
            // The demo's one liaison is 民政's (also on a demo database seeded before).
            department: (*role == Role::DepartmentLiaison).then(|| DEMO_DEPARTMENT.to_owned()),
        };
        users::insert_if_absent(&mut *tx, &row, now_ms).await?;
        if let Some(department) = &row.department {
            users::set_department(&mut *tx, &row.id, department, true).await?;
        }
    }
    for (region, phone) in REGION_PHONES {
        contacts::insert_if_absent(&mut *tx, region, phone, now_ms).await?;
    }
    tx.commit().await?;
    Ok(())
}
