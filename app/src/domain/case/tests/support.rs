//! Fixtures: regions, actors, valid data and a journey driver that walks a case through the
//! mechanism, checking replay after every step.

use chrono::{Duration, NaiveDate, NaiveDateTime};

use crate::domain::calendar::Calendar;
use crate::domain::money::Fen;
use crate::domain::region::RegionCode;
use crate::domain::vocab::{Category, Channel, LabourCapacity, MeasureType, RiskTier, RiskType};

use super::super::screening::{DuplicateMatch, MatchReason};
use super::super::state::{MemberStatus, Relation};
use super::super::*;

pub const COUNTY: &str = "130102000000";
pub const TOWNSHIP: &str = "130102001000";
pub const VILLAGE: &str = "130102001203";
pub const OTHER_VILLAGE: &str = "130102001204";
pub const OTHER_TOWNSHIP: &str = "130102002000";
pub const OTHER_COUNTY: &str = "130103000000";

pub fn region(code: &str) -> RegionCode {
    RegionCode::parse(code).expect("test region code")
}

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("test date")
}

/// Monday 3 March 2025, 09:00 Beijing time.
pub fn start_time() -> NaiveDateTime {
    date(2025, 3, 3).and_hms_opt(9, 0, 0).expect("test time")
}

/// The actor of `role` scoped to the case's village, township or county.
pub fn actor(role: Role) -> Actor {
    scoped_actor(role, "1", [VILLAGE, TOWNSHIP, COUNTY])
}

/// The same role one region over (a neighbouring village, township or county).
pub fn outsider(role: Role) -> Actor {
    scoped_actor(role, "x", [OTHER_VILLAGE, OTHER_TOWNSHIP, OTHER_COUNTY])
}

/// An actor `<role>-<suffix>` scoped to the village, township or county that fits the role.
fn scoped_actor(role: Role, suffix: &str, [village, township, county]: [&str; 3]) -> Actor {
    let scope = match role {
        Role::VillageCadre | Role::Household => village,
        Role::TownshipOfficer | Role::TownshipHead => township,
        Role::CountyOfficer
        | Role::CountyHead
        | Role::DepartmentLiaison
        | Role::HotlineOperator
        | Role::CountyAdmin => county,
    };
    Actor::new(format!("{}-{suffix}", role.code()), role, region(scope))
}

pub fn new_case(channel: Channel, risks: Vec<RiskType>) -> NewCase {
    NewCase {
        id: "case-1".to_owned(),
        village: region(VILLAGE),
        channel,
        risks,
        discovered_on: date(2025, 3, 1),
        duplicates: Vec::new(),
    }
}

/// An earlier filing for the same household (same ID number).
pub fn earlier_filing() -> DuplicateMatch {
    DuplicateMatch {
        case_id: "case-0".to_owned(),
        tracking: "QS-0000-0000".to_owned(),
        state: "accepted".to_owned(),
        village: VILLAGE.to_owned(),
        reported_on: date(2025, 2, 20),
        reasons: vec![MatchReason::SameIdNumber],
    }
}

pub fn member(name: &str, labour: LabourCapacity, yuan: i64) -> Member {
    Member {
        name: name.to_owned(),
        labour,
        annual_income: Fen::from_fen(yuan * 100),
        relation: Relation::Other,
        id_number: None,
        status: MemberStatus::Other,
    }
}

/// A poor household with labour: identification-worthy.
pub fn poor_record(on: NaiveDate) -> HomeCheckRecord {
    HomeCheckRecord {
        date: on,
        visitors: vec!["王村干".to_owned()],
        members: vec![
            member("张三", LabourCapacity::Full, 9_000),
            member("李四", LabourCapacity::None, 0),
        ],
        guarantees: Guarantees {
            basic_medical: false,
            ..Guarantees::ALL_SECURED
        },
        consent_signed: true,
        rigid_expenditure: Fen::ZERO,
        formerly_poor: false,
        previous_income: None,
    }
}

/// The same household, recovered: elimination-worthy.
pub fn recovered_record(on: NaiveDate) -> HomeCheckRecord {
    HomeCheckRecord {
        members: vec![
            member("张三", LabourCapacity::Full, 30_000),
            member("李四", LabourCapacity::None, 2_000),
        ],
        guarantees: Guarantees::ALL_SECURED,
        ..poor_record(on)
    }
}

/// A household where nobody can work.
pub fn no_labour_record(on: NaiveDate) -> HomeCheckRecord {
    HomeCheckRecord {
        members: vec![
            member("赵老汉", LabourCapacity::None, 30_000),
            member("赵老太", LabourCapacity::None, 30_000),
        ],
        guarantees: Guarantees::ALL_SECURED,
        ..poor_record(on)
    }
}

/// A poor household where nobody can work (identification-worthy, never eliminated).
pub fn no_labour_poor_record(on: NaiveDate) -> HomeCheckRecord {
    HomeCheckRecord {
        members: vec![
            member("赵老汉", LabourCapacity::None, 3_000),
            member("赵老太", LabourCapacity::None, 2_000),
        ],
        ..poor_record(on)
    }
}

pub fn measure(status: MeasureStatus, start: NaiveDate) -> Measure {
    Measure {
        measure_type: MeasureType::Medical,
        lead_department: "医保局".to_owned(),
        amount: Fen::from_fen(200_000),
        start,
        end: start + Duration::days(180),
        status,
        started_on: None,
        delivered_on: None,
        noticed_on: None,
    }
}

/// The county opens the green channel after a village study and township approval today.
pub fn open_green(j: &Journey) -> CaseCommand {
    CaseCommand::OpenGreenChannel {
        village_study_on: j.today(),
        township_approved_on: j.today(),
    }
}

/// A case being walked through the mechanism, with every event kept.
#[derive(Clone)]
pub struct Journey {
    pub case: Case,
    pub events: Vec<CaseEvent>,
    pub now: NaiveDateTime,
    pub policy: Policy,
    pub cal: Calendar,
}

impl Journey {
    /// What the household reads on /track today (in Chinese).
    pub fn household(&self) -> crate::domain::wording::progress::Progress {
        use crate::domain::wording::progress;
        let inputs = progress::Inputs {
            events: &self.events,
            policy: &self.policy,
            cal: &self.cal,
            today: self.today(),
            lang: crate::domain::lang::Lang::Zh,
        };
        progress::progress(&self.case, &inputs)
    }

    pub fn report(channel: Channel, risks: Vec<RiskType>) -> Journey {
        Journey::report_with(Policy::national_default(), channel, risks)
    }

    pub fn report_with(policy: Policy, channel: Channel, risks: Vec<RiskType>) -> Journey {
        let cal = Calendar::china();
        let now = start_time();
        let events = decide_report(
            &new_case(channel, risks),
            &actor(Role::Household),
            &policy,
            &cal,
            now,
        )
        .expect("report accepted");
        let case = Case::replay(&events).expect("reported case");
        Journey {
            case,
            events,
            now,
            policy,
            cal,
        }
    }

    pub fn today(&self) -> NaiveDate {
        self.now.date()
    }

    /// Today under the journey's policy, for whose work a step is.
    pub fn day(&self) -> crate::domain::case::work::WorkDay<'_> {
        crate::domain::case::work::WorkDay {
            today: self.today(),
            policy: &self.policy,
        }
    }

    pub fn days(&mut self, n: i64) -> &mut Journey {
        self.now += Duration::days(n);
        self
    }

    pub fn try_as(&self, actor: &Actor, command: &CaseCommand) -> Result<Vec<CaseEvent>, Refusal> {
        decide(
            &self.case,
            command,
            actor,
            &self.policy,
            &self.cal,
            self.now,
        )
    }

    pub fn try_role(&self, role: Role, command: &CaseCommand) -> Result<Vec<CaseEvent>, Refusal> {
        self.try_as(&self.actor_for(role, command), command)
    }

    /// The role's actor; a liaison is the one of the department leading the measure the
    /// command moves (a liaison moves only its own department's).
    pub fn actor_for(&self, role: Role, command: &CaseCommand) -> Actor {
        let index = match command {
            CaseCommand::UpdateMeasureStatus { index, .. }
            | CaseCommand::AdvanceMeasure { index } => Some(*index),
            _ => None,
        };
        let department = index
            .and_then(|i| self.case.measures.get(i))
            .map(|m| m.lead_department.clone());
        actor(role).of_department(department)
    }

    /// Decides and applies; panics on a refusal. Checks the version and the replay.
    pub fn act_as(&mut self, actor: &Actor, command: CaseCommand) -> &mut Journey {
        let events = self
            .try_as(actor, &command)
            .unwrap_or_else(|r| panic!("{command:?} by {:?} refused: {r:?}", actor.role));
        let before = self.case.version;
        for event in &events {
            self.case = apply(self.case.clone(), event);
        }
        assert_eq!(self.case.version, before + events.len() as i64);
        self.events.extend(events);
        assert_eq!(Case::replay(&self.events).as_ref(), Some(&self.case));
        self
    }

    pub fn act(&mut self, role: Role, command: CaseCommand) -> &mut Journey {
        let actor = self.actor_for(role, &command);
        self.act_as(&actor, command)
    }

    pub fn state(&self) -> &'static str {
        self.case.state.code()
    }

    pub fn open_kinds(&self) -> Vec<crate::domain::clock::ClockKind> {
        let mut kinds: Vec<_> = self.case.open_clocks().map(|c| c.kind).collect();
        kinds.sort();
        kinds
    }

    /// Walks the happy path until the case reaches `code` (panics if it never does).
    pub fn until(&mut self, code: &str) -> &mut Journey {
        for _ in 0..HAPPY_PATH_STEPS {
            if self.state() == code {
                return self;
            }
            self.happy_step();
        }
        assert_eq!(self.state(), code, "happy path never reached {code}");
        self
    }

    fn happy_step(&mut self) {
        let today = self.today();
        match self.state() {
            "reported" => self.act(Role::TownshipOfficer, CaseCommand::ACCEPT),
            "accepted" => self.days(1).act(
                Role::VillageCadre,
                CaseCommand::RecordHomeCheck {
                    record: poor_record(today + Duration::days(1)),
                },
            ),
            "home_checked" | "elimination_home_checked" => self.act(
                Role::VillageCadre,
                CaseCommand::HoldVillageReview {
                    date: today,
                    outcome: VillageOutcome::Pass,
                },
            ),
            "village_reviewed" | "elimination_village_reviewed" => {
                self.act(Role::VillageCadre, CaseCommand::StartNotice { from: today })
            }
            "notice_running" | "elimination_notice_running" => {
                self.days(5).act(Role::VillageCadre, CaseCommand::EndNotice)
            }
            "notice_ended" | "elimination_notice_ended" => self.act(
                Role::TownshipOfficer,
                CaseCommand::TownshipReview {
                    approve: true,
                    note: String::new(),
                },
            ),
            "township_reviewed" => {
                if self.case.comparison.is_none() {
                    self.act(
                        Role::CountyOfficer,
                        CaseCommand::RecordComparison {
                            hits: Vec::new(),
                            note: "比对无异常".to_owned(),
                        },
                    );
                }
                self.act(
                    Role::CountyOfficer,
                    CaseCommand::CountyDecide {
                        decision: IdentificationDecision::Identify {
                            category: Category::Marginal,
                            tier: RiskTier::Yellow,
                            note: String::new(),
                        },
                    },
                )
            }
            "identified" => self.assist_and_propose(),
            "elimination_proposed" => self.days(1).act(
                Role::VillageCadre,
                CaseCommand::RecordHomeCheck {
                    record: recovered_record(today + Duration::days(1)),
                },
            ),
            "elimination_township_reviewed" => self.act(
                Role::CountyHead,
                CaseCommand::CountyDecideElimination {
                    decision: EliminationDecision::Eliminate,
                },
            ),
            other => panic!("no happy step from {other}"),
        };
    }

    /// The plan's village review and its notice, run out and ended (5 days): an elimination
    /// may be proposed only after it.
    pub fn post_plan(&mut self) -> &mut Journey {
        self.review_and_post_plan()
            .days(5)
            .act(Role::VillageCadre, CaseCommand::EndPlanNotice)
    }

    /// The village passes the plan today and posts it from today.
    pub fn review_and_post_plan(&mut self) -> &mut Journey {
        let today = self.today();
        self.act(
            Role::VillageCadre,
            CaseCommand::ReviewPlan {
                date: today,
                outcome: VillageOutcome::Pass,
            },
        )
        .act(
            Role::VillageCadre,
            CaseCommand::StartPlanNotice { from: today },
        )
    }

    fn assist_and_propose(&mut self) -> &mut Journey {
        let today = self.today();
        self.act(
            Role::TownshipOfficer,
            CaseCommand::AssignResponsible {
                person: "刘帮扶".to_owned(),
                mobile: crate::domain::mobile::MobileNumber::parse("13800138000").expect("mobile"),
            },
        )
        .act(
            Role::TownshipOfficer,
            CaseCommand::AddPlan {
                measures: vec![measure(MeasureStatus::Planned, today)],
            },
        )
        .post_plan()
        .act(
            Role::DepartmentLiaison,
            CaseCommand::UpdateMeasureStatus {
                index: 0,
                status: MeasureStatus::Delivered,
            },
        )
        .days(10);
        let today = self.today();
        self.act(
            Role::VillageCadre,
            CaseCommand::LogVisit {
                date: today,
                notes: "收入稳定".to_owned(),
                new_tier: Some(RiskTier::Blue),
            },
        )
        .act(
            Role::VillageCadre,
            CaseCommand::ProposeElimination {
                checklist: EliminationChecklist::ALL_MET,
            },
        )
    }
}

const HAPPY_PATH_STEPS: usize = 20;

/// A self-reported illness case walked along the happy path to `code`.
pub fn at(code: &str) -> Journey {
    let mut j = Journey::report(Channel::SelfReport, vec![RiskType::Illness]);
    j.until(code);
    j
}

/// The latest clock of `kind` (open or closed); panics if there is none.
pub fn clock(j: &Journey, kind: crate::domain::clock::ClockKind) -> crate::domain::clock::Clock {
    j.case
        .clocks
        .iter()
        .rev()
        .find(|c| c.kind == kind)
        .cloned()
        .unwrap_or_else(|| panic!("no {kind:?} clock"))
}
