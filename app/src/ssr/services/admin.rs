use chrono::{DateTime, Utc};

use super::millis;
use crate::{
    api::{
        admin::{AccountView, NewAccountForm},
        FieldError,
    },
    domain::{message::Message, region::RegionCode, role::Role},
    ssr::{
        error::ServiceError,
        password::hash_password_off_thread as hash_password,
        repo::{regions, sessions, users},
        services::{auth::Staff, cases::new_id},
        state::AppState,
    },
};

pub const MIN_PASSWORD_CHARS: usize = 8;

fn require_admin(staff: &Staff) -> Result<(), ServiceError> {
    if staff.role == Role::CountyAdmin {
        Ok(())
    } else {
        tracing::warn!(user = %staff.id, "non-admin tried an admin action");
        Err(ServiceError::Forbidden)
    }
}

fn invalid(field: &str, zh: &'static str, en: &'static str) -> ServiceError {
    ServiceError::Validation(vec![FieldError::new(
        field,
        &Message {
            key: "admin.invalid",
            zh,
            en,
        },
    )])
}

fn check_password(password: &str) -> Result<(), ServiceError> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        Err(invalid(
            "password",
            "密码至少8位",
            "A password has at least 8 characters",
        ))
    } else {
        Ok(())
    }
}

pub async fn list(state: &AppState, staff: &Staff) -> Result<Vec<AccountView>, ServiceError> {
    require_admin(staff)?;
    let names = regions::all(&state.db.pool).await?;
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
            id: u.id,
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
    now: DateTime<Utc>,
) -> Result<String, ServiceError> {
    require_admin(staff)?;
    let username = form.username.trim();
    if username.is_empty()
        || !username
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Err(invalid(
            "username",
            "用户名只能包含字母、数字、-和_",
            "Use letters, digits, - and _",
        ));
    }
    if form.display_name.trim().is_empty() {
        return Err(invalid("display_name", "请填写姓名", "Enter a name"));
    }
    let role = Role::from_code(&form.role)
        .filter(|r| *r != Role::Household)
        .ok_or_else(|| invalid("role", "请选择角色", "Choose a role"))?;
    let region = RegionCode::parse(&form.region)
        .ok()
        .filter(|r| staff.scope.contains(r))
        .ok_or_else(|| {
            invalid(
                "region",
                "请选择本县范围内的区域",
                "Choose a region in this county",
            )
        })?;
    regions::find(&state.db.pool, region.as_str())
        .await?
        .ok_or_else(|| {
            invalid(
                "region",
                "请选择本县范围内的区域",
                "Choose a region in this county",
            )
        })?;
    check_password(&form.password)?;
    let row = users::UserRow {
        id: new_id(),
        username: username.to_owned(),
        display_name: form.display_name.trim().to_owned(),
        role: role.code().to_owned(),
        region_code: region.as_str().to_owned(),
        password_hash: hash_password(&form.password).await?,
        active: 1,
    };
    if !users::insert(&state.db.pool, &row, millis(now)).await? {
        return Err(invalid(
            "username",
            "用户名已被使用",
            "That username is taken",
        ));
    }
    tracing::info!(target: "audit", user = %row.id, role = role.code(), "account created");
    Ok(row.id)
}

async fn target_in_scope(
    state: &AppState,
    staff: &Staff,
    user_id: &str,
) -> Result<(), ServiceError> {
    let user = users::by_id(&state.db.pool, user_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    match RegionCode::parse(&user.region_code) {
        Ok(r) if staff.scope.contains(&r) => Ok(()),
        _ => Err(ServiceError::NotFound),
    }
}

/// A new password ends every open session of that account.
pub async fn reset_password(
    state: &AppState,
    staff: &Staff,
    user_id: &str,
    password: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    require_admin(staff)?;
    target_in_scope(state, staff, user_id).await?;
    check_password(password)?;
    let hash = hash_password(password).await?;
    let mut tx = state.db.pool.begin().await?;
    users::set_password(&mut *tx, user_id, &hash).await?;
    sessions::revoke_all_for_user(&mut *tx, user_id, millis(now)).await?;
    tx.commit().await?;
    tracing::info!(target: "audit", admin = %staff.id, user = %user_id, "password reset");
    Ok(())
}

/// Deactivating also ends the account's sessions at once.
pub async fn set_active(
    state: &AppState,
    staff: &Staff,
    user_id: &str,
    active: bool,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    require_admin(staff)?;
    if user_id == staff.id && !active {
        return Err(invalid(
            "user_id",
            "不能停用自己的账号",
            "You cannot deactivate yourself",
        ));
    }
    target_in_scope(state, staff, user_id).await?;
    let mut tx = state.db.pool.begin().await?;
    users::set_active(&mut *tx, user_id, active).await?;
    if !active {
        sessions::revoke_all_for_user(&mut *tx, user_id, millis(now)).await?;
    }
    tx.commit().await?;
    tracing::info!(target: "audit", admin = %staff.id, user = %user_id, active, "account (de)activated");
    Ok(())
}
