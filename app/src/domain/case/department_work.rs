//! Which line departments have work on a case: a liaison reads and acts on its own
//! department's measures, not every department's (one liaison could move them all and read
//! every household they were planned for: attacker tester). A step any department may take
//! (the data comparison) is everyone's.
use super::command::CommandKind;
use super::policy::Policy;
use super::state::Case;
use super::work::is_work_item_for;
use crate::domain::role::Role;

/// Stands for "any line department" among a case's department work.
pub const ANY_DEPARTMENT: &str = "*";

fn is_measure_step(kind: CommandKind) -> bool {
    kind == CommandKind::UpdateMeasureStatus
}

impl Case {
    /// The departments with a step on this case: [`ANY_DEPARTMENT`] for one any may take,
    /// and the lead department of each measure still to carry out (planned or running).
    pub fn department_work(&self, policy: &Policy) -> Vec<String> {
        let liaison = |counts: fn(&Case, CommandKind, Role) -> bool| {
            self.role_work(Role::DepartmentLiaison, policy, counts).now
        };
        let mut out = Vec::new();
        if liaison(|c, k, r| !is_measure_step(k) && is_work_item_for(c, k, r)) {
            out.push(ANY_DEPARTMENT.to_owned());
        }
        if liaison(|c, k, r| is_measure_step(k) && is_work_item_for(c, k, r)) {
            for m in self.measures.iter().filter(|m| m.status.can_advance()) {
                if !out.contains(&m.lead_department) {
                    out.push(m.lead_department.clone());
                }
            }
        }
        out
    }

    /// Whether `actor`'s department has a step on this case: only a liaison's work is a
    /// department's (case reads of every other role skip the derivation).
    pub fn has_work_for(&self, policy: &Policy, actor: &super::actor::Actor) -> bool {
        actor.role == Role::DepartmentLiaison
            && self.has_work_for_department(policy, actor.department.as_deref())
    }

    /// Whether the liaison of `department` has a step on this case.
    pub fn has_work_for_department(&self, policy: &Policy, department: Option<&str>) -> bool {
        self.department_work(policy)
            .iter()
            .any(|d| d == ANY_DEPARTMENT || Some(d.as_str()) == department)
    }
}

/// The departments as stored beside the case for the queue's SQL: `|*|民政局|`, each name
/// between bars (empty: none).
pub fn stored(departments: &[String]) -> String {
    if departments.is_empty() {
        return String::new();
    }
    format!("|{}|", departments.join("|"))
}

/// The SQL `like` patterns that find a department's work in [`stored`] values.
pub fn patterns(department: Option<&str>) -> Vec<String> {
    std::iter::once(ANY_DEPARTMENT)
        .chain(department)
        .map(|d| format!("%|{d}|%"))
        .collect()
}
