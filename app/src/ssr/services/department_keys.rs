//! Department API keys: the county administrator issues and revokes them; a department's
//! system presents one as `Authorization: Bearer <key>` to push alerts unattended. Only the
//! key's SHA-256 is stored; the key itself leaves the server once, in the answer to `issue`.
use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use chrono::{DateTime, TimeZone, Utc};

use super::millis;
use crate::{
    domain::{
        audit::AuditAction,
        department_key::{parse_rate, shown_part, KeyFormError, KeyRefusal, KEY_PREFIX},
        region::RegionCode,
        role::Role,
        time::to_beijing,
        vocab::Channel,
    },
    ssr::{
        error::ServiceError,
        password::{random_bytes, token_digest},
        repo::{department_keys as keys, rate_limits, regions, users},
        services::cases::new_id,
        staff::Staff,
        state::AppState,
    },
    wire::{
        department_keys::{DepartmentKeyView, IssuedKey, KeyDepartment, KeysPage, NewKeyForm},
        FieldError,
    },
};

/// A request authenticated by a department key: the key and the officer it acts as (the
/// department's liaison account, narrowed to the key's region).
#[derive(Debug, Clone)]
pub struct KeyCaller {
    pub key_id: String,
    pub staff: Staff,
}

/// Why a bearer request was not let in.
#[derive(Debug)]
pub enum KeyError {
    Refused(KeyRefusal),
    RateLimited,
    Service(ServiceError),
}

impl From<sqlx::Error> for KeyError {
    fn from(e: sqlx::Error) -> Self {
        KeyError::Service(e.into())
    }
}

const MINUTE_MS: i64 = 60_000;

fn refused(field: &str, e: KeyFormError) -> ServiceError {
    ServiceError::Validation(vec![FieldError::new(field, &e)])
}

fn stamp(ms: i64) -> String {
    Utc.timestamp_millis_opt(ms)
        .single()
        .map(|t| to_beijing(t).format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_default()
}

/// A liaison account in the administrator's county that may push alerts.
fn is_department(user: &users::UserRow, scope: &RegionCode) -> bool {
    user.active == 1
        && Role::from_code(&user.role) == Some(Role::DepartmentLiaison)
        && RegionCode::parse(&user.region_code).is_ok_and(|r| scope.contains(&r))
}

/// The key page: every key in the county, and the accounts keys can be issued for.
pub async fn page(
    state: &AppState,
    staff: &Staff,
    fresh: Option<IssuedKey>,
) -> Result<KeysPage, ServiceError> {
    staff.require_admin()?;
    let accounts = users::all(&state.db.pool).await?;
    let names = regions::all(&state.db.pool).await?;
    let region_name = |code: &str| {
        names
            .iter()
            .find(|r| r.code == code)
            .map_or_else(|| code.to_owned(), |r| r.name.clone())
    };
    let keys = keys::all(&state.db.pool)
        .await?
        .into_iter()
        .filter(|k| RegionCode::parse(&k.region_code).is_ok_and(|r| staff.scope.contains(&r)))
        .map(|k| DepartmentKeyView {
            department: accounts
                .iter()
                .find(|u| u.id == k.user_id)
                .map(|u| format!("{}（{}）", u.display_name, u.username))
                .unwrap_or_default(),
            region: region_name(&k.region_code),
            channel: Channel::from_code(&k.channel)
                .map_or_else(|| k.channel.clone(), |c| c.label_zh().to_owned()),
            created_at: stamp(k.created_at),
            last_used_at: k.last_used_at.map(stamp),
            revoked_at: k.revoked_at.map(stamp),
            id: k.id,
            shown: k.shown,
            requests_per_minute: k.requests_per_minute,
        })
        .collect();
    let departments = accounts
        .iter()
        .filter(|u| is_department(u, &staff.scope))
        .map(|u| KeyDepartment {
            user_id: u.id.clone(),
            name: format!("{}（{}）", u.display_name, u.username),
            region_code: u.region_code.clone(),
        })
        .collect();
    Ok(KeysPage {
        keys,
        departments,
        fresh,
    })
}

/// Issues a key for a department liaison account, within the account's own region. The
/// answer is the only copy of the key; the database keeps its SHA-256.
#[tracing::instrument(skip_all, fields(admin = %staff.id))]
pub async fn issue(
    state: &AppState,
    staff: &Staff,
    form: &NewKeyForm,
    address: &str,
    now: DateTime<Utc>,
) -> Result<IssuedKey, ServiceError> {
    staff.require_admin()?;
    let user = users::by_id(&state.db.pool, form.user_id.trim())
        .await?
        .filter(|u| is_department(u, &staff.scope))
        .ok_or_else(|| refused("user_id", KeyFormError::Department))?;
    let account_region = RegionCode::parse(&user.region_code)
        .map_err(|_| refused("user_id", KeyFormError::Department))?;
    let region = RegionCode::parse(form.region.trim())
        .ok()
        .filter(|r| account_region.contains(r))
        .ok_or_else(|| refused("region", KeyFormError::Region))?;
    regions::find(&state.db.pool, region.as_str())
        .await?
        .ok_or_else(|| refused("region", KeyFormError::Region))?;
    let rate =
        parse_rate(&form.requests_per_minute).map_err(|e| refused("requests_per_minute", e))?;
    let key = format!(
        "{KEY_PREFIX}{}",
        URL_SAFE_NO_PAD.encode(random_bytes::<32>())
    );
    let (id, shown, digest) = (new_id(), shown_part(&key), token_digest(&key));
    let new = keys::NewKey {
        id: &id,
        shown: &shown,
        digest: &digest,
        user_id: &user.id,
        region_code: region.as_str(),
        channel: Channel::DepartmentAlert.code(),
        requests_per_minute: rate,
        created_by: &staff.id,
    };
    keys::insert(&state.db.pool, &new, millis(now)).await?;
    let detail = format!("{shown} {} {}", user.username, region.as_str());
    super::admin::changed(
        state,
        staff,
        address,
        now,
        AuditAction::ApiKeyIssued,
        detail,
    )
    .await?;
    Ok(IssuedKey { id, key, shown })
}

/// Revokes a key of the administrator's county: it is refused from the next request on.
#[tracing::instrument(skip_all, fields(admin = %staff.id, key = %key_id))]
pub async fn revoke(
    state: &AppState,
    staff: &Staff,
    key_id: &str,
    address: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    staff.require_admin()?;
    let key = keys::by_id(&state.db.pool, key_id)
        .await?
        .filter(|k| RegionCode::parse(&k.region_code).is_ok_and(|r| staff.scope.contains(&r)))
        .ok_or(ServiceError::NotFound)?;
    if keys::revoke(&state.db.pool, &key.id, &staff.id, millis(now)).await? {
        let detail = format!("{} {}", key.shown, key.region_code);
        super::admin::changed(
            state,
            staff,
            address,
            now,
            AuditAction::ApiKeyRevoked,
            detail,
        )
        .await?;
    }
    Ok(())
}

/// The caller behind `Authorization: <header>`: the key must exist, not be revoked, belong
/// to an active department account, and be under its per-minute limit (each request counts).
pub async fn authenticate(
    state: &AppState,
    header: &str,
    now: DateTime<Utc>,
) -> Result<KeyCaller, KeyError> {
    let token = crate::domain::department_key::bearer_token(header)
        .ok_or(KeyError::Refused(KeyRefusal::Malformed))?;
    let pool = &state.db.pool;
    let key = keys::by_digest(pool, &token_digest(token))
        .await?
        .ok_or(KeyError::Refused(KeyRefusal::Unknown))?;
    let user = users::by_id(pool, &key.user_id).await?;
    let (Some(user), None) = (user, key.revoked_at) else {
        return Err(KeyError::Refused(KeyRefusal::Revoked));
    };
    let role = Role::from_code(&user.role);
    let scope = RegionCode::parse(&key.region_code);
    let (Some(role @ Role::DepartmentLiaison), Ok(scope), 1) = (role, scope, user.active) else {
        return Err(KeyError::Refused(KeyRefusal::Revoked));
    };
    let bucket = format!("api-key:{}", key.id);
    let now_ms = millis(now);
    if !rate_limits::take_in_window(pool, &bucket, key.requests_per_minute, MINUTE_MS, now_ms)
        .await?
    {
        tracing::warn!(key = %key.shown, "department key over its per-minute limit");
        return Err(KeyError::RateLimited);
    }
    keys::touch(pool, &key.id, now_ms).await?;
    let scope_name = regions::find(pool, scope.as_str())
        .await?
        .map(|r| r.name)
        .unwrap_or_default();
    Ok(KeyCaller {
        key_id: key.id,
        staff: Staff {
            id: user.id,
            username: user.username,
            display_name: user.display_name,
            role,
            scope,
            scope_name,
            department: user.department,
        },
    })
}
