//! County administrators manage accounts within their county: create, reset, deactivate.
use crate::domain::audit::AuditAction;
use chrono::{DateTime, Utc};

use super::millis;
use crate::{
    domain::{
        account::{problem, AccountFieldError, NewAccount, NewAccountForm},
        password_policy::check as check_password,
        region::RegionCode,
        role::Role,
    },
    ssr::{
        error::ServiceError,
        password::hash_password_off_thread as hash_password,
        repo::{regions, sessions, users},
        services::{auth::Staff, cases::new_id},
        state::AppState,
    },
    wire::{admin::AccountView, FieldError},
};

fn refused(field: &'static str, e: AccountFieldError) -> ServiceError {
    ServiceError::Validation(FieldError::from_problems(&problem(field, e)))
}

pub async fn list(
    state: &AppState,
    staff: &Staff,
    now: DateTime<Utc>,
) -> Result<Vec<AccountView>, ServiceError> {
    staff.require_admin()?;
    let names = regions::all(&state.db.pool).await?;
    let locked = super::auth::locked_usernames(state, now).await?;
    Ok(users::all(&state.db.pool)
        .await?
        .into_iter()
        .filter(|u| RegionCode::parse(&u.region_code).is_ok_and(|r| staff.scope.contains(&r)))
        .map(|u| AccountView {
            region: names
                .iter()
                .find(|r| r.code == u.region_code)
                .map(|r| r.name.clone())
                .unwrap_or_default(),
            role_zh: Role::from_code(&u.role)
                .map(|r| r.label_zh().to_owned())
                .unwrap_or_default(),
            role: u.role.clone(),
            department: u.department.clone(),
            is_you: u.id == staff.id,
            id: u.id,
            locked: locked.contains(&u.username),
            username: u.username,
            display_name: u.display_name,
            active: u.active == 1,
        })
        .collect())
}

#[tracing::instrument(skip_all, fields(admin = %staff.id))]
pub async fn create(
    state: &AppState,
    staff: &Staff,
    form: &NewAccountForm,
    address: &str,
    now: DateTime<Utc>,
) -> Result<String, ServiceError> {
    staff.require_admin()?;
    let account = NewAccount::parse(form, &staff.scope)
        .map_err(|problems| ServiceError::Validation(FieldError::from_problems(&problems)))?;
    regions::find(&state.db.pool, account.region.as_str())
        .await?
        .ok_or_else(|| refused("region", AccountFieldError::Region))?;
    let row = users::UserRow {
        id: new_id(),
        username: account.username,
        display_name: account.display_name,
        role: account.role.code().to_owned(),
        region_code: account.region.as_str().to_owned(),
        password_hash: hash_password(&account.password).await?,
        active: 1,
        department: account.department,
    };
    if !users::insert(&state.db.pool, &row, millis(now)).await? {
        return Err(refused("username", AccountFieldError::UsernameTaken));
    }
    tracing::info!(target: "audit", user = %row.id, role = %row.role, "account created");
    // Said as the page says it: the role and the place by name (it read in codes: tester).
    let role =
        crate::domain::role::Role::from_code(&row.role).map_or(row.role.as_str(), |r| r.label_zh());
    let place = super::regions::name_of(state, &row.region_code).await?;
    let detail = match &row.department {
        Some(department) => format!("{} {role} {place} {department}", row.username),
        None => format!("{} {role} {place}", row.username),
    };
    changed(
        state,
        staff,
        address,
        now,
        AuditAction::AccountCreated,
        detail,
    )
    .await?;
    Ok(row.id)
}

/// The account, when it lies in the administrator's county (else "not found").
async fn target_in_scope(
    state: &AppState,
    staff: &Staff,
    user_id: &str,
) -> Result<users::UserRow, ServiceError> {
    let user = users::by_id(&state.db.pool, user_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    match RegionCode::parse(&user.region_code) {
        Ok(r) if staff.scope.contains(&r) => Ok(user),
        _ => Err(ServiceError::NotFound),
    }
}

/// A new password ends every open session of that account.
pub async fn reset_password(
    state: &AppState,
    staff: &Staff,
    user_id: &str,
    password: &str,
    address: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    staff.require_admin()?;
    let user = target_in_scope(state, staff, user_id).await?;
    check_password(password, &user.username)
        .map_err(|weak| ServiceError::Validation(vec![FieldError::new("password", &weak)]))?;
    let hash = hash_password(password).await?;
    let mut tx = state.db.pool.begin().await?;
    users::set_password(&mut *tx, user_id, &hash).await?;
    sessions::revoke_all_for_user(&mut *tx, user_id, millis(now)).await?;
    // Whoever was locked out by guesses signs in with the new password at once.
    super::auth::unlock(&mut tx, &user.username).await?;
    tx.commit().await?;
    state.sessions.forget_user(user_id);
    tracing::info!(target: "audit", admin = %staff.id, user = %user_id, "password reset");
    let detail = user.username.clone();
    changed(
        state,
        staff,
        address,
        now,
        AuditAction::PasswordReset,
        detail,
    )
    .await
}

/// Deactivating also ends the account's sessions at once.
pub async fn set_active(
    state: &AppState,
    staff: &Staff,
    user_id: &str,
    active: bool,
    address: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    staff.require_admin()?;
    if user_id == staff.id && !active {
        return Err(refused("user_id", AccountFieldError::CannotDeactivateSelf));
    }
    let user = target_in_scope(state, staff, user_id).await?;
    let mut tx = state.db.pool.begin().await?;
    users::set_active(&mut *tx, user_id, active).await?;
    // A stopped account's API keys are revoked for good: reactivating it brought a key the
    // admin stopped it over back to life, and the key list never said so (attacker tester).
    let keys_revoked = if active {
        0
    } else {
        sessions::revoke_all_for_user(&mut *tx, user_id, millis(now)).await?;
        crate::ssr::repo::department_keys::revoke_all_for_user(
            &mut *tx,
            user_id,
            &staff.id,
            millis(now),
        )
        .await?
    };
    tx.commit().await?;
    // Its sessions, or its role and scope, are read afresh at once here.
    state.sessions.forget_user(user_id);
    tracing::info!(target: "audit", admin = %staff.id, user = %user_id, active, "account (de)activated");
    let mut detail = format!("{} {}", user.username, if active { "启用" } else { "停用" });
    if keys_revoked > 0 {
        detail.push_str(&format!("，吊销接口密钥{keys_revoked}个"));
    }
    changed(
        state,
        staff,
        address,
        now,
        AuditAction::AccountActiveSet,
        detail,
    )
    .await
}

/// Names a liaison's line department (an account made before departments had none, and saw
/// only comparisons and its own alerts).
pub async fn set_department(
    state: &AppState,
    staff: &Staff,
    user_id: &str,
    department: &str,
    address: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    staff.require_admin()?;
    let user = target_in_scope(state, staff, user_id).await?;
    if user.role != Role::DepartmentLiaison.code() {
        return Err(refused("department", AccountFieldError::NotLiaison));
    }
    let department = crate::domain::account::department_named(department)
        .ok_or_else(|| refused("department", AccountFieldError::Department))?;
    // The same department again changes nothing and is not recorded as a change.
    if user.department.as_deref() == Some(department.as_str()) {
        return Ok(());
    }
    users::set_department(&state.db.pool, user_id, &department, false).await?;
    // Its sessions read the department afresh at once.
    state.sessions.forget_user(user_id);
    tracing::info!(target: "audit", admin = %staff.id, user = %user_id, %department, "account department set");
    // From what, to what (the audit named only the new one: attacker re-tester).
    let before = user.department.as_deref().unwrap_or("—");
    let detail = format!("{} {before}→{department}", user.username);
    changed(
        state,
        staff,
        address,
        now,
        AuditAction::AccountDepartmentSet,
        detail,
    )
    .await
}

/// An administrator's change in the audit chain (no personal data in `detail`).
pub(super) async fn changed(
    state: &AppState,
    staff: &Staff,
    address: &str,
    now: DateTime<Utc>,
    action: AuditAction,
    detail: String,
) -> Result<(), ServiceError> {
    let reader = super::audit::Reader {
        staff,
        address,
        now,
    };
    reader.changed(state, action, detail).await
}
