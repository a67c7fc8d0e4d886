//! Demo cases, so a township officer opening the demo sees a real morning: an overdue filing,
//! one due today, home checks waiting, a notice running and households under assistance.
//! Filed through the engine (with back-dated "now"s), exactly as users would have.
use chrono::{DateTime, Duration, Utc};

use super::{
    error::ServiceError,
    services::cases::{self, Applicant},
    state::AppState,
};
use crate::domain::{
    case::{
        state::{MemberStatus, Relation},
        Actor, CaseCommand, Guarantees, HomeCheckRecord, IdentificationDecision, Member, NewCase,
        VillageOutcome,
    },
    id_number::{check_digit, IdNumber},
    mobile::MobileNumber,
    money::Fen,
    region::RegionCode,
    role::Role,
    time::beijing_date,
    vocab::{Category, Channel, LabourCapacity, MeasureType, RiskTier, RiskType},
};

struct Demo {
    name: &'static str,
    village: &'static str,
    risks: &'static [RiskType],
    days_ago: i64,
    /// How far the demo moves it: 0 filed, 1 accepted, 2 in notice, 3 identified with a plan.
    progress: u8,
    /// 1-based position of an earlier demo for the same household (a duplicate filing), or 0.
    same_household_as: u32,
}

const DEMOS: &[Demo] = &[
    Demo {
        name: "张桂英",
        village: "522799101201",
        risks: &[RiskType::Illness],
        days_ago: 6,
        progress: 0,
        same_household_as: 0,
    },
    Demo {
        name: "李建国",
        village: "522799101202",
        risks: &[RiskType::UnstableEmployment],
        days_ago: 2,
        progress: 0,
        same_household_as: 0,
    },
    Demo {
        name: "王秀兰",
        village: "522799101203",
        risks: &[RiskType::Schooling],
        days_ago: 0,
        progress: 0,
        same_household_as: 0,
    },
    Demo {
        name: "赵德明",
        village: "522799101204",
        risks: &[RiskType::NaturalDisaster],
        days_ago: 3,
        progress: 1,
        same_household_as: 0,
    },
    Demo {
        name: "陈玉梅",
        village: "522799101201",
        risks: &[RiskType::Disability, RiskType::Illness],
        days_ago: 4,
        progress: 2,
        same_household_as: 0,
    },
    Demo {
        name: "刘志强",
        village: "522799101202",
        risks: &[RiskType::Illness, RiskType::UnstableEmployment],
        days_ago: 20,
        progress: 3,
        same_household_as: 0,
    },
    Demo {
        name: "周小燕",
        village: "522799102201",
        risks: &[RiskType::Accident],
        days_ago: 1,
        progress: 0,
        same_household_as: 0,
    },
    Demo {
        name: "吴永福",
        village: "522799201201",
        risks: &[RiskType::LackOfLabour],
        days_ago: 5,
        progress: 1,
        same_household_as: 0,
    },
    // Filed again for 刘志强's household (same ID number): shows the duplicate check.
    Demo {
        name: "刘志强",
        village: "522799101202",
        risks: &[RiskType::Accident],
        days_ago: 1,
        progress: 0,
        same_household_as: 6,
    },
];

fn demo_id(serial: u32) -> Result<IdNumber, ServiceError> {
    let first17 = format!("52279919700101{serial:03}");
    let check = check_digit(&first17).ok_or_else(|| ServiceError::Corrupt("demo id".into()))?;
    IdNumber::parse(&format!("{first17}{check}"))
        .map_err(|_| ServiceError::Corrupt("demo id".into()))
}

fn actor(user: &str, role: Role, scope: &str) -> Result<Actor, ServiceError> {
    let scope =
        RegionCode::parse(scope).map_err(|_| ServiceError::Corrupt("demo region".into()))?;
    Ok(Actor::new(user, role, scope))
}

/// The demo village's own cadre (its account and its short name, "张村干"), so the person who
/// visits a household and answers for it is one who can open its case.
fn village_cadre(village: &str) -> Result<(String, String), ServiceError> {
    super::seed::ACCOUNTS
        .iter()
        .find(|(_, _, role, region)| *role == Role::VillageCadre && *region == village)
        .map(|(username, display, _, _)| {
            let short = display.split('（').next().unwrap_or(display);
            (format!("demo-{username}"), short.to_owned())
        })
        .ok_or_else(|| ServiceError::Corrupt("demo village has no cadre".into()))
}

fn record(on: chrono::NaiveDate, head: &str, cadre: &str) -> HomeCheckRecord {
    let member = |name: &str, labour, yuan: i64, relation, status| Member {
        name: name.to_owned(),
        labour,
        annual_income: Fen::from_fen(yuan * 100),
        relation,
        id_number: None,
        status,
    };
    HomeCheckRecord {
        date: on,
        visitors: vec![cadre.to_owned(), "李乡干".to_owned()],
        members: vec![
            member(
                head,
                LabourCapacity::Partial,
                3_000,
                Relation::Head,
                MemberStatus::Farming,
            ),
            member(
                "家属",
                LabourCapacity::Full,
                4_000,
                Relation::Spouse,
                MemberStatus::Working,
            ),
            member(
                "孩子",
                LabourCapacity::None,
                0,
                Relation::Child,
                MemberStatus::AtSchool,
            ),
        ],
        guarantees: Guarantees {
            basic_medical: false,
            ..Guarantees::ALL_SECURED
        },
        consent_signed: true,
        rigid_expenditure: Fen::from_fen(1_200_000),
        formerly_poor: false,
        previous_income: None,
    }
}

/// Seeds the demo cases once (skipped when any case exists).
pub async fn seed(state: &AppState, now: DateTime<Utc>) -> Result<(), ServiceError> {
    let any: Option<String> = sqlx::query_scalar("select id from cases limit 1")
        .fetch_optional(&state.db.pool)
        .await?;
    if any.is_some() {
        return Ok(());
    }
    for (i, demo) in DEMOS.iter().enumerate() {
        let serial = match demo.same_household_as {
            0 => u32::try_from(i).unwrap_or(0) + 1,
            earlier => earlier,
        };
        let filed_at = now - Duration::days(demo.days_ago);
        let village = RegionCode::parse(demo.village)
            .map_err(|_| ServiceError::Corrupt("demo village".into()))?;
        let township = village.township().unwrap_or_else(|| village.clone());
        let household = actor("household:demo", Role::Household, demo.village)?;
        let applicant = Applicant {
            name: demo.name.to_owned(),
            mobile: MobileNumber::parse(&format!("1390000{serial:04}"))
                .map_err(|_| ServiceError::Corrupt("demo mobile".into()))?,
            id_number: demo_id(serial)?,
            household_size: 3,
            description: "演示数据：家庭遇到困难，申请帮扶。".to_owned(),
            group: Some(format!("{}组", serial % 5 + 1)),
            consent_by: None,
            idempotency_key: None,
        };
        let new = NewCase {
            id: String::new(),
            village: village.clone(),
            channel: Channel::SelfReport,
            risks: demo.risks.to_vec(),
            discovered_on: beijing_date(filed_at),
            duplicates: Vec::new(),
        };
        let filed = cases::file(state, &household, &applicant, new, filed_at).await?;
        let township_officer = actor(
            "demo-zhen-qingshi",
            Role::TownshipOfficer,
            township.as_str(),
        )?;
        let (cadre_id, cadre_name) = village_cadre(demo.village)?;
        let cadre = actor(&cadre_id, Role::VillageCadre, demo.village)?;
        let county = actor("demo-xian-officer", Role::CountyOfficer, "522799000000")?;
        let mut steps: Vec<(Actor, CaseCommand)> = Vec::new();
        let day = beijing_date(filed_at);
        if demo.progress >= 1 {
            steps.push((township_officer.clone(), CaseCommand::ACCEPT));
        }
        if demo.progress >= 2 {
            steps.push((
                cadre.clone(),
                CaseCommand::RecordHomeCheck {
                    record: record(day, demo.name, &cadre_name),
                },
            ));
            steps.push((
                cadre.clone(),
                CaseCommand::HoldVillageReview {
                    date: day,
                    outcome: VillageOutcome::Pass,
                },
            ));
            steps.push((cadre.clone(), CaseCommand::StartNotice { from: day }));
        }
        let mut version = filed.case.version;
        for (who, command) in steps {
            version = cases::execute(state, &who, &filed.case_id, version, &command, filed_at)
                .await?
                .version;
        }
        if demo.progress >= 3 {
            let later = filed_at + Duration::days(6);
            let today = beijing_date(later);
            let plan = vec![
                crate::domain::case::Measure {
                    measure_type: MeasureType::Medical,
                    lead_department: MeasureType::Medical.lead_department_zh().to_owned(),
                    amount: Fen::from_fen(300_000),
                    start: today,
                    end: today + Duration::days(180),
                    status: crate::domain::case::MeasureStatus::InProgress,
                    started_on: None,
                    delivered_on: None,
                    noticed_on: None,
                },
                crate::domain::case::Measure {
                    measure_type: MeasureType::PublicWelfareJob,
                    lead_department: MeasureType::PublicWelfareJob
                        .lead_department_zh()
                        .to_owned(),
                    amount: Fen::from_fen(60_000),
                    start: today,
                    end: today + Duration::days(365),
                    status: crate::domain::case::MeasureStatus::Planned,
                    started_on: None,
                    delivered_on: None,
                    noticed_on: None,
                },
            ];
            let decision = IdentificationDecision::Identify {
                category: Category::Marginal,
                tier: RiskTier::Yellow,
                note: String::new(),
            };
            let more: Vec<(Actor, CaseCommand)> = vec![
                (cadre.clone(), CaseCommand::EndNotice),
                (
                    township_officer.clone(),
                    CaseCommand::TownshipReview {
                        approve: true,
                        note: "情况属实".into(),
                    },
                ),
                (
                    county.clone(),
                    CaseCommand::RecordComparison {
                        hits: Vec::new(),
                        note: "民政、公安、市场监管、住建数据比对无异常".into(),
                    },
                ),
                (county.clone(), CaseCommand::CountyDecide { decision }),
                (
                    township_officer.clone(),
                    CaseCommand::AssignResponsible {
                        person: cadre_name.clone(),
                        mobile: crate::domain::mobile::MobileNumber::parse("13800138000")
                            .expect("mobile"),
                    },
                ),
                (
                    township_officer.clone(),
                    CaseCommand::AddPlan { measures: plan },
                ),
                // The village reviewed the plan and posted it (落实帮扶措施 评议公示).
                (
                    cadre.clone(),
                    CaseCommand::ReviewPlan {
                        date: beijing_date(later),
                        outcome: VillageOutcome::Pass,
                    },
                ),
                (
                    cadre.clone(),
                    CaseCommand::StartPlanNotice {
                        from: beijing_date(later),
                    },
                ),
            ];
            for (who, command) in more {
                version = cases::execute(state, &who, &filed.case_id, version, &command, later)
                    .await?
                    .version;
            }
        }
    }
    tracing::info!(cases = DEMOS.len(), "demo cases seeded");
    Ok(())
}
