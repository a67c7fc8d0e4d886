use chrono::{DateTime, Duration, Utc};

use super::millis;
pub use crate::ssr::staff::Staff;
use crate::{
    domain::{region::RegionCode, role::Role},
    ssr::{
        error::ServiceError,
        password::{hash_password, new_session_token, token_digest, verify_password},
        repo::{login_attempts, regions, sessions, users},
        state::AppState,
    },
};

/// How long a staff session lives.
pub const SESSION_HOURS: i64 = 12;

/// Failed sign-ins allowed per account, and per address, within the window.
pub const MAX_FAILURES_PER_ACCOUNT: i64 = 5;
pub const MAX_FAILURES_PER_ADDRESS: i64 = 20;
pub const FAILURE_WINDOW_MINUTES: i64 = 15;

/// Checks the password and opens a session; returns the cookie token.
#[tracing::instrument(skip(state, password), fields(username = %username, address = %address))]
pub async fn login(
    state: &AppState,
    username: &str,
    password: &str,
    address: &str,
    now: DateTime<Utc>,
) -> Result<String, ServiceError> {
    let username = username.trim();
    let since = millis(now - Duration::minutes(FAILURE_WINDOW_MINUTES));
    let (by_user, by_address) =
        login_attempts::recent(&state.db.pool, username, address, since).await?;
    if by_user >= MAX_FAILURES_PER_ACCOUNT || by_address >= MAX_FAILURES_PER_ADDRESS {
        tracing::warn!(by_user, by_address, "login rate limited");
        return Err(ServiceError::RateLimited);
    }
    let user = users::by_username(&state.db.pool, username).await?;
    // Verify even for unknown users so timing does not reveal which usernames exist.
    let stored = match user.as_ref() {
        Some(u) => u.password_hash.clone(),
        None => dummy_hash(),
    };
    let password_ok = verify_password(password, &stored);
    let user = match user {
        Some(user) if password_ok && user.active == 1 => user,
        _ => {
            tracing::info!("login refused");
            let id = crate::ssr::services::cases::new_id();
            login_attempts::record(&state.db.pool, &id, username, address, millis(now)).await?;
            return Err(ServiceError::Unauthorized);
        }
    };
    login_attempts::clear_user(&state.db.pool, username).await?;
    let (token, digest) = new_session_token();
    let expires = now + Duration::hours(SESSION_HOURS);
    sessions::insert(
        &state.db.pool,
        &digest,
        &user.id,
        millis(now),
        millis(expires),
    )
    .await?;
    tracing::info!(user_id = %user.id, "logged in");
    Ok(token)
}

fn dummy_hash() -> String {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY
        .get_or_init(|| hash_password("no such user").unwrap_or_default())
        .clone()
}

pub async fn logout(state: &AppState, token: &str, now: DateTime<Utc>) -> Result<(), ServiceError> {
    sessions::revoke(&state.db.pool, &token_digest(token), millis(now)).await?;
    Ok(())
}

pub async fn staff_for_session(
    state: &AppState,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Staff, ServiceError> {
    let user_id = sessions::live_user(&state.db.pool, &token_digest(token), millis(now))
        .await?
        .ok_or(ServiceError::Unauthorized)?;
    let user = users::by_id(&state.db.pool, &user_id)
        .await?
        .filter(|u| u.active == 1)
        .ok_or(ServiceError::Unauthorized)?;
    let role = Role::from_code(&user.role)
        .ok_or_else(|| ServiceError::Corrupt(format!("role of user {}", user.id)))?;
    let scope = RegionCode::parse(&user.region_code)
        .map_err(|_| ServiceError::Corrupt(format!("region of user {}", user.id)))?;
    let scope_name = regions::find(&state.db.pool, scope.as_str())
        .await?
        .map(|r| r.name)
        .unwrap_or_default();
    Ok(Staff {
        id: user.id,
        username: user.username,
        display_name: user.display_name,
        role,
        scope,
        scope_name,
    })
}
