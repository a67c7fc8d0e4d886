//! Access by need: which role may do which read of personal data, and over which cases.
//! One table (`reach`), matched exhaustively so a new role or action forces a decision here.
//! The services ask it; `ssr::staff` enforces it.
use crate::domain::role::Role;

/// A read of personal data (or an administrative act) that the table decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Open a case page (name, masked ID, household facts, timeline).
    OpenCase,
    /// Take a step on a case (a command on the case page). Which steps a role may take is the
    /// engine's guard; this decides over which cases, as for reading them.
    ActOnCase,
    /// Show the applicant's full ID number.
    RevealId,
    /// Download the monitoring ledger (台账) of one's region.
    ExportLedger,
    /// Look up earlier filings of a household while filing for it.
    DuplicateProbe,
    /// Print a village public notice (names on the notice board).
    PrintNotice,
    /// Read and filter the audit log, verify its chain.
    ReadAudit,
    /// Download the audit log as CSV.
    ExportAudit,
    /// Accounts, policy, calendar, dead letters.
    Administer,
}

impl Action {
    pub const ALL: &'static [Action] = &[
        Action::OpenCase,
        Action::ActOnCase,
        Action::RevealId,
        Action::ExportLedger,
        Action::DuplicateProbe,
        Action::PrintNotice,
        Action::ReadAudit,
        Action::ExportAudit,
        Action::Administer,
    ];
}

/// How far a permitted action reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// Refused.
    Never,
    /// Cases (or rows) in the officer's own region.
    Region,
    /// Only cases the officer filed themself (hotline operators).
    OwnFilings,
    /// Cases the officer pushed as alerts, and cases waiting on a department step (liaisons).
    OwnAlertsAndDepartmentWork,
    /// The narrow duplicate view (village, state, date, match reason) in the officer's region.
    NarrowInRegion,
    /// The whole county, administratively (the admin; never case files).
    County,
}

/// The access table: role × action.
pub fn reach(role: Role, action: Action) -> Reach {
    use Action as A;
    use Reach as R;
    match role {
        Role::VillageCadre
        | Role::TownshipOfficer
        | Role::TownshipHead
        | Role::CountyOfficer
        | Role::CountyHead => match action {
            A::OpenCase | A::ActOnCase | A::RevealId | A::ExportLedger | A::PrintNotice => {
                R::Region
            }
            A::DuplicateProbe => R::NarrowInRegion,
            A::ReadAudit | A::ExportAudit | A::Administer => R::Never,
        },
        Role::HotlineOperator => match action {
            A::OpenCase | A::ActOnCase => R::OwnFilings,
            A::DuplicateProbe => R::NarrowInRegion,
            A::RevealId
            | A::ExportLedger
            | A::PrintNotice
            | A::ReadAudit
            | A::ExportAudit
            | A::Administer => R::Never,
        },
        Role::DepartmentLiaison => match action {
            A::OpenCase | A::ActOnCase => R::OwnAlertsAndDepartmentWork,
            A::RevealId
            | A::ExportLedger
            | A::DuplicateProbe
            | A::PrintNotice
            | A::ReadAudit
            | A::ExportAudit
            | A::Administer => R::Never,
        },
        Role::CountyAdmin => match action {
            A::ReadAudit | A::ExportAudit | A::Administer => R::County,
            A::OpenCase
            | A::ActOnCase
            | A::RevealId
            | A::ExportLedger
            | A::DuplicateProbe
            | A::PrintNotice => R::Never,
        },
        // Households see their own filing through the tracking number, never through a role.
        Role::Household => R::Never,
    }
}

/// What the service knows about one case relative to the officer asking.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CaseRelation {
    /// The case's village is inside the officer's region.
    pub in_region: bool,
    /// The officer filed (or pushed) the case.
    pub filed_by_me: bool,
    /// A department step is waiting on the case.
    pub department_work: bool,
}

impl Reach {
    /// Whether this reach covers one case. Always inside the officer's region: a filer who
    /// moved region does not keep reading.
    pub fn covers(self, case: CaseRelation) -> bool {
        match self {
            Reach::Never => false,
            Reach::Region | Reach::NarrowInRegion | Reach::County => case.in_region,
            Reach::OwnFilings => case.in_region && case.filed_by_me,
            Reach::OwnAlertsAndDepartmentWork => {
                case.in_region && (case.filed_by_me || case.department_work)
            }
        }
    }

    /// Whether the action is allowed at all (before looking at a case).
    pub fn allowed(self) -> bool {
        self != Reach::Never
    }
}

/// Whether `role` may do `action` on a case in `relation` to it. County-wide reaches are
/// administrative and never open a case.
pub fn may_on_case(role: Role, action: Action, relation: CaseRelation) -> bool {
    let reach = reach(role, action);
    reach != Reach::County && reach.covers(relation)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Action as A;
    use Reach as R;
    use Role::*;

    /// Every role × action pair, written out: a change to the table must change this list.
    const EXPECTED: &[(Role, Action, Reach)] = &[
        (VillageCadre, A::OpenCase, R::Region),
        (VillageCadre, A::ActOnCase, R::Region),
        (VillageCadre, A::RevealId, R::Region),
        (VillageCadre, A::ExportLedger, R::Region),
        (VillageCadre, A::DuplicateProbe, R::NarrowInRegion),
        (VillageCadre, A::PrintNotice, R::Region),
        (VillageCadre, A::ReadAudit, R::Never),
        (VillageCadre, A::ExportAudit, R::Never),
        (VillageCadre, A::Administer, R::Never),
        (TownshipOfficer, A::OpenCase, R::Region),
        (TownshipOfficer, A::ActOnCase, R::Region),
        (TownshipOfficer, A::RevealId, R::Region),
        (TownshipOfficer, A::ExportLedger, R::Region),
        (TownshipOfficer, A::DuplicateProbe, R::NarrowInRegion),
        (TownshipOfficer, A::PrintNotice, R::Region),
        (TownshipOfficer, A::ReadAudit, R::Never),
        (TownshipOfficer, A::ExportAudit, R::Never),
        (TownshipOfficer, A::Administer, R::Never),
        (TownshipHead, A::OpenCase, R::Region),
        (TownshipHead, A::ActOnCase, R::Region),
        (TownshipHead, A::RevealId, R::Region),
        (TownshipHead, A::ExportLedger, R::Region),
        (TownshipHead, A::DuplicateProbe, R::NarrowInRegion),
        (TownshipHead, A::PrintNotice, R::Region),
        (TownshipHead, A::ReadAudit, R::Never),
        (TownshipHead, A::ExportAudit, R::Never),
        (TownshipHead, A::Administer, R::Never),
        (CountyOfficer, A::OpenCase, R::Region),
        (CountyOfficer, A::ActOnCase, R::Region),
        (CountyOfficer, A::RevealId, R::Region),
        (CountyOfficer, A::ExportLedger, R::Region),
        (CountyOfficer, A::DuplicateProbe, R::NarrowInRegion),
        (CountyOfficer, A::PrintNotice, R::Region),
        (CountyOfficer, A::ReadAudit, R::Never),
        (CountyOfficer, A::ExportAudit, R::Never),
        (CountyOfficer, A::Administer, R::Never),
        (CountyHead, A::OpenCase, R::Region),
        (CountyHead, A::ActOnCase, R::Region),
        (CountyHead, A::RevealId, R::Region),
        (CountyHead, A::ExportLedger, R::Region),
        (CountyHead, A::DuplicateProbe, R::NarrowInRegion),
        (CountyHead, A::PrintNotice, R::Region),
        (CountyHead, A::ReadAudit, R::Never),
        (CountyHead, A::ExportAudit, R::Never),
        (CountyHead, A::Administer, R::Never),
        (HotlineOperator, A::OpenCase, R::OwnFilings),
        (HotlineOperator, A::ActOnCase, R::OwnFilings),
        (HotlineOperator, A::RevealId, R::Never),
        (HotlineOperator, A::ExportLedger, R::Never),
        (HotlineOperator, A::DuplicateProbe, R::NarrowInRegion),
        (HotlineOperator, A::PrintNotice, R::Never),
        (HotlineOperator, A::ReadAudit, R::Never),
        (HotlineOperator, A::ExportAudit, R::Never),
        (HotlineOperator, A::Administer, R::Never),
        (
            DepartmentLiaison,
            A::OpenCase,
            R::OwnAlertsAndDepartmentWork,
        ),
        (
            DepartmentLiaison,
            A::ActOnCase,
            R::OwnAlertsAndDepartmentWork,
        ),
        (DepartmentLiaison, A::RevealId, R::Never),
        (DepartmentLiaison, A::ExportLedger, R::Never),
        (DepartmentLiaison, A::DuplicateProbe, R::Never),
        (DepartmentLiaison, A::PrintNotice, R::Never),
        (DepartmentLiaison, A::ReadAudit, R::Never),
        (DepartmentLiaison, A::ExportAudit, R::Never),
        (DepartmentLiaison, A::Administer, R::Never),
        (CountyAdmin, A::OpenCase, R::Never),
        (CountyAdmin, A::ActOnCase, R::Never),
        (CountyAdmin, A::RevealId, R::Never),
        (CountyAdmin, A::ExportLedger, R::Never),
        (CountyAdmin, A::DuplicateProbe, R::Never),
        (CountyAdmin, A::PrintNotice, R::Never),
        (CountyAdmin, A::ReadAudit, R::County),
        (CountyAdmin, A::ExportAudit, R::County),
        (CountyAdmin, A::Administer, R::County),
        (Household, A::OpenCase, R::Never),
        (Household, A::ActOnCase, R::Never),
        (Household, A::RevealId, R::Never),
        (Household, A::ExportLedger, R::Never),
        (Household, A::DuplicateProbe, R::Never),
        (Household, A::PrintNotice, R::Never),
        (Household, A::ReadAudit, R::Never),
        (Household, A::ExportAudit, R::Never),
        (Household, A::Administer, R::Never),
    ];

    #[test]
    fn every_role_and_action_pair_is_asserted_exactly_once() {
        for role in Role::ALL {
            for action in Action::ALL {
                let listed: Vec<_> = EXPECTED
                    .iter()
                    .filter(|(r, a, _)| r == role && a == action)
                    .collect();
                assert_eq!(listed.len(), 1, "{role:?} × {action:?} listed {listed:?}");
                assert_eq!(reach(*role, *action), listed[0].2, "{role:?} × {action:?}");
            }
        }
        assert_eq!(EXPECTED.len(), Role::ALL.len() * Action::ALL.len());
    }

    const IN_REGION: CaseRelation = CaseRelation {
        in_region: true,
        filed_by_me: false,
        department_work: false,
    };

    #[test]
    fn reading_a_case_outside_ones_own_work_is_refused() {
        let outside = CaseRelation {
            in_region: false,
            filed_by_me: true,
            department_work: true,
        };
        for role in Role::ALL {
            for action in Action::ALL {
                assert!(!may_on_case(*role, *action, outside), "{role:?} {action:?}");
            }
        }
        // Hotline: only what they filed.
        assert!(!may_on_case(HotlineOperator, A::OpenCase, IN_REGION));
        let filed = CaseRelation {
            filed_by_me: true,
            ..IN_REGION
        };
        assert!(may_on_case(HotlineOperator, A::OpenCase, filed));
        assert!(may_on_case(HotlineOperator, A::ActOnCase, filed));
        assert!(!may_on_case(HotlineOperator, A::ActOnCase, IN_REGION));
        assert!(!may_on_case(HotlineOperator, A::RevealId, filed));
        // Liaison: what they pushed, and department steps.
        assert!(!may_on_case(DepartmentLiaison, A::OpenCase, IN_REGION));
        assert!(may_on_case(DepartmentLiaison, A::OpenCase, filed));
        let work = CaseRelation {
            department_work: true,
            ..IN_REGION
        };
        assert!(may_on_case(DepartmentLiaison, A::OpenCase, work));
        assert!(may_on_case(DepartmentLiaison, A::ActOnCase, work));
        assert!(!may_on_case(DepartmentLiaison, A::ActOnCase, IN_REGION));
        assert!(!may_on_case(HotlineOperator, A::OpenCase, work));
        // Region staff read any case in their region.
        assert!(may_on_case(VillageCadre, A::OpenCase, IN_REGION));
        assert!(may_on_case(CountyHead, A::RevealId, IN_REGION));
    }

    #[test]
    fn the_county_admin_administers_and_never_opens_a_case() {
        for relation in [
            IN_REGION,
            CaseRelation {
                in_region: true,
                filed_by_me: true,
                department_work: true,
            },
        ] {
            for action in Action::ALL {
                assert!(!may_on_case(CountyAdmin, *action, relation), "{action:?}");
            }
        }
        assert!(reach(CountyAdmin, A::ReadAudit).allowed());
        assert!(!reach(CountyAdmin, A::OpenCase).allowed());
    }
}
