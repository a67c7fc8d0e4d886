//! Scope is enforced in the service layer for every role and every command: out of scope is
//! refused without revealing the case; in scope, the access table decides whose work the case
//! is, and then only the roles the rule names may act.
use app::{
    domain::{
        access::{may_on_case, Action, CaseRelation},
        case::{roles_for, CommandKind, Refusal},
        role::Role,
        time::beijing_date,
    },
    ssr::{clock::Clock, error::ServiceError, services::cases},
};

use crate::{
    fixtures::{
        actor, sample, COUNTY, HEKOU_TOWNSHIP, HEKOU_VILLAGE, OTHER_COUNTY, QINGSHI_TOWNSHIP,
    },
    helpers::{spawn_app, QINGSHI_VILLAGE},
    storage::file_case,
};

/// A scope that covers the Qingshi village case, and one that does not, for each role's level.
fn scopes(role: Role) -> (&'static str, &'static str) {
    match role {
        Role::VillageCadre | Role::Household => (QINGSHI_VILLAGE, HEKOU_VILLAGE),
        Role::TownshipOfficer | Role::TownshipHead => (QINGSHI_TOWNSHIP, HEKOU_TOWNSHIP),
        Role::CountyOfficer
        | Role::CountyHead
        | Role::DepartmentLiaison
        | Role::HotlineOperator
        | Role::CountyAdmin => (COUNTY, OTHER_COUNTY),
    }
}

#[tokio::test]
async fn every_role_and_every_command_is_checked_for_scope_and_role() {
    let app = spawn_app().await;
    let mut id = file_case(&app).await;
    let mut version = cases::load_unscoped(&app.state, &id)
        .await
        .expect("load")
        .version;
    let mut allowed_somewhere = 0;
    let today = beijing_date(app.clock.now());
    let now = app.clock.now();
    for role in Role::ALL.iter().filter(|r| **r != Role::Household) {
        let (inside, outside) = scopes(*role);
        for kind in CommandKind::ALL {
            let command = sample(kind, today);
            let outsider = actor("outsider", *role, outside);
            let result = cases::execute(&app.state, &outsider, &id, version, &command, now).await;
            assert!(
                matches!(result, Err(ServiceError::NotFound)),
                "{role:?} outside scope, {kind:?}: {result:?}"
            );

            let insider = actor("insider", *role, inside);
            let allowed_role = roles_for(kind).contains(role);
            let result = cases::execute(&app.state, &insider, &id, version, &command, now).await;
            // A household's new filing is no work of the hotline, a liaison or the admin
            // (access table, `ActOnCase`): for them it does not exist, as when reading it.
            let own_work = CaseRelation {
                in_region: true,
                filed_by_me: false,
                department_work: false,
            };
            if !may_on_case(*role, Action::ActOnCase, own_work) {
                assert!(
                    matches!(result, Err(ServiceError::NotFound)),
                    "{role:?} acting outside own work, {kind:?}: {result:?}"
                );
                continue;
            }
            match (&result, allowed_role) {
                (Err(ServiceError::Refused(Refusal::WrongRole { .. })), false) => {}
                // Extensions are for the clock's own level (here the township's clock).
                (Err(ServiceError::Refused(Refusal::WrongRole { .. })), true)
                    if matches!(
                        kind,
                        CommandKind::RequestExtension | CommandKind::ApproveExtension
                    ) => {}
                (Err(ServiceError::Refused(Refusal::WrongRole { .. })), true) => {
                    panic!("{role:?} may {kind:?} but was refused for role")
                }
                (Err(ServiceError::Refused(Refusal::OutOfScope)), _) => {
                    panic!("{role:?} in scope refused as out of scope for {kind:?}")
                }
                (Ok(_), true) => {
                    // A step a reported case allows moved it on: continue on a fresh case.
                    allowed_somewhere += 1;
                    id = file_case(&app).await;
                    version = cases::load_unscoped(&app.state, &id)
                        .await
                        .expect("load")
                        .version;
                }
                (Ok(_), false) => panic!("{role:?} may not {kind:?} yet it succeeded"),
                (Err(ServiceError::Refused(_)), true) => {}
                // Allowed, but no clock this step may name now: refused on the clock field.
                (Err(ServiceError::Validation(errors)), true)
                    if errors.iter().all(|e| e.field == "clock") => {}
                (other, _) => panic!("{role:?} {kind:?}: unexpected {other:?}"),
            }
        }
    }
    // On a new report only the township (officer and head) acts: accept, reject, or ask
    // for more time on its acceptance clock.
    assert_eq!(allowed_somewhere, 6);
}
