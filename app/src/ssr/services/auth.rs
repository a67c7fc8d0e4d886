use std::time::Instant;

use chrono::{DateTime, Duration, Utc};

use super::millis;
pub use crate::ssr::staff::Staff;
use crate::{
    domain::{region::RegionCode, role::Role},
    ssr::{
        error::ServiceError,
        password::{
            hash_password_off_thread, new_session_token, token_digest, verify_password_off_thread,
        },
        repo::{rate_limits, sessions, users},
        state::AppState,
    },
};

/// How long a staff session lives.
pub const SESSION_HOURS: i64 = 12;

/// Sign-in limits. Failures are slowed per (account, address) and per address; past those,
/// a per-account window locks the account for a while whatever the address, so guesses
/// spread over many addresses cannot go on (the lock is audited).
pub mod limits {
    use crate::ssr::repo::rate_limits::Backoff;

    /// Per (account, address): 5 tries at once, then 1, 4, 9 … minutes between tries (at most
    /// an hour); forgotten a day after the last try, or at the first correct password.
    pub const PER_ACCOUNT_AND_ADDRESS: Backoff = Backoff {
        free: 5,
        step_ms: 60_000,
        max_ms: 60 * 60_000,
        memory_ms: 24 * 60 * 60_000,
    };
    /// Per address, whatever the account: tries in a 15-minute window (a correct password
    /// gives its try back, so a village office behind one address can still sign in).
    pub const PER_ADDRESS: i64 = 20;
    pub const ADDRESS_WINDOW_MS: i64 = 15 * 60_000;
    /// Per account, from any address: tries in a 15-minute window. Guesses spread over many
    /// addresses lock the account until the window ends, even for the right password (a
    /// correct password gives its try back). Counted in the database: one limit for all
    /// app servers.
    pub const PER_ACCOUNT: i64 = 10;
    pub const ACCOUNT_WINDOW_MS: i64 = 15 * 60_000;
}

fn account_bucket(username: &str, address: &str) -> String {
    // The length prefix keeps a crafted username from naming another pair's bucket.
    format!("{}{address}", account_buckets(username))
}

/// What every (account, address) bucket of `username` starts with.
fn account_buckets(username: &str) -> String {
    format!("{ACCOUNT_AND_ADDRESS}{}:{username}:", username.len())
}

const ACCOUNT_AND_ADDRESS: &str = "login:";
const ACCOUNT_WIDE: &str = "login-account:";

/// The username of an (account, address) bucket (`login:<len>:<username>:<address>`).
fn username_of(bucket: &str) -> Option<&str> {
    let rest = bucket.strip_prefix(ACCOUNT_AND_ADDRESS)?;
    let (len, rest) = rest.split_once(':')?;
    rest.get(..len.parse::<usize>().ok()?)
}

fn account_wide_bucket(username: &str) -> String {
    format!("{ACCOUNT_WIDE}{username}")
}

/// The usernames refused a sign-in now: locked after too many tries from anywhere, or
/// waiting out the growing delay after wrong passwords from one address (which is what an
/// officer sharing a village office's address with a guesser meets).
pub async fn locked_usernames(
    state: &AppState,
    now: DateTime<Utc>,
) -> Result<Vec<String>, ServiceError> {
    let pool = &state.db.pool;
    let now_ms = millis(now);
    let wide = rate_limits::refusing_with_prefix(pool, ACCOUNT_WIDE, limits::PER_ACCOUNT, now_ms);
    let mut names: Vec<String> = wide
        .await?
        .iter()
        .filter_map(|bucket| bucket.strip_prefix(ACCOUNT_WIDE).map(str::to_owned))
        .collect();
    // A (account, address) bucket refuses only by its delay: its limit is never reached.
    let delayed = rate_limits::refusing_with_prefix(pool, ACCOUNT_AND_ADDRESS, i64::MAX, now_ms);
    names.extend(
        delayed
            .await?
            .iter()
            .filter_map(|bucket| username_of(bucket).map(str::to_owned)),
    );
    Ok(names)
}

/// Ends every sign-in lock and delay of `username`'s account, from anywhere (an administrator
/// gave it a new password).
pub async fn unlock(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    username: &str,
) -> Result<(), ServiceError> {
    rate_limits::clear(&mut **tx, &account_wide_bucket(username)).await?;
    rate_limits::clear_prefix(&mut **tx, &account_buckets(username)).await?;
    Ok(())
}

fn address_bucket(address: &str) -> String {
    format!("login-address:{address}")
}

/// Checks the password and opens a session; returns the cookie token.
#[tracing::instrument(skip(state, password), fields(username = %username, address = %address))]
pub async fn login(
    state: &AppState,
    username: &str,
    password: &str,
    address: &str,
    known_device: bool,
    now: DateTime<Utc>,
) -> Result<String, ServiceError> {
    let username = username.trim();
    let pool = &state.db.pool;
    let now_ms = millis(now);
    // Each try is counted before the password is checked, in one statement per counter, so a
    // parallel burst cannot get past the limits.
    let by_address = address_bucket(address);
    if !rate_limits::take_in_window(
        pool,
        &by_address,
        limits::PER_ADDRESS,
        limits::ADDRESS_WINDOW_MS,
        now_ms,
    )
    .await?
    {
        tracing::warn!("sign-in refused: too many tries from this address");
        return Err(ServiceError::RateLimited);
    }
    let by_account = account_bucket(username, address);
    if !rate_limits::take_with_backoff(pool, &by_account, limits::PER_ACCOUNT_AND_ADDRESS, now_ms)
        .await?
    {
        tracing::warn!("sign-in refused: too many tries for this account from this address");
        return Err(ServiceError::RateLimited);
    }
    let account = account_wide_bucket(username);
    // A browser the account signed in from before is not held back by others' tries
    // (`known_device`); its own still count per address.
    let account_tries = if known_device {
        0
    } else {
        match rate_limits::take_in_window_counted(
            pool,
            &account,
            limits::PER_ACCOUNT,
            limits::ACCOUNT_WINDOW_MS,
            now_ms,
        )
        .await?
        {
            Some(tries) => tries,
            None => {
                tracing::warn!("sign-in refused: the account is locked after too many tries");
                return Err(ServiceError::RateLimited);
            }
        }
    };
    let user = users::by_username(pool, username).await?;
    // Verify even for unknown users so timing does not reveal which usernames exist.
    let stored = match user.as_ref() {
        Some(u) => u.password_hash.clone(),
        None => dummy_hash().await,
    };
    let password_ok = verify_password_off_thread(password, &stored).await?;
    let user = match user {
        Some(user) if password_ok && user.active == 1 => user,
        Some(_) if password_ok => {
            tracing::info!("login refused: the account is turned off");
            return Err(ServiceError::AccountTurnedOff);
        }
        _ => {
            tracing::info!("login refused");
            if account_tries >= limits::PER_ACCOUNT {
                super::login_lock::record(state, user.as_ref(), address, now).await?;
            }
            return Err(ServiceError::Unauthorized);
        }
    };
    rate_limits::give_back(pool, &account).await?;
    rate_limits::clear(pool, &by_account).await?;
    rate_limits::give_back(pool, &by_address).await?;
    let (token, digest) = new_session_token();
    let expires = now + Duration::hours(SESSION_HOURS);
    sessions::insert(pool, &digest, &user.id, now_ms, millis(expires)).await?;
    tracing::info!(user_id = %user.id, "logged in");
    Ok(token)
}

async fn dummy_hash() -> String {
    static DUMMY: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
    DUMMY
        .get_or_init(|| async {
            hash_password_off_thread("no such user")
                .await
                .unwrap_or_default()
        })
        .await
        .clone()
}

/// Ends the session of `token`, if there is one.
pub async fn logout(
    state: &AppState,
    token: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    if let Some(token) = token {
        let digest = token_digest(token);
        sessions::revoke(&state.db.pool, &digest, millis(now)).await?;
        state.sessions.forget(&digest);
    }
    Ok(())
}

pub async fn staff_for_session(
    state: &AppState,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Staff, ServiceError> {
    let (digest, now_ms, at) = (token_digest(token), millis(now), Instant::now());
    let user = match state.sessions.get(&digest, now_ms, at) {
        Some(user) => user,
        None => {
            let user = sessions::live_user(&state.db.pool, &digest, now_ms)
                .await?
                .ok_or(ServiceError::Unauthorized)?;
            state.sessions.put(&digest, user.clone(), at);
            user
        }
    };
    if user.active != 1 {
        return Err(ServiceError::Unauthorized);
    }
    let role = Role::from_code(&user.role)
        .ok_or_else(|| ServiceError::Corrupt(format!("role of user {}", user.id)))?;
    let scope = RegionCode::parse(&user.region_code)
        .map_err(|_| ServiceError::Corrupt(format!("region of user {}", user.id)))?;
    let scope_name = user.scope_name.unwrap_or_default();
    Ok(Staff {
        id: user.id,
        username: user.username,
        display_name: user.display_name,
        role,
        scope,
        scope_name,
        department: user.department,
    })
}

#[cfg(test)]
mod bucket_tests {
    #[test]
    fn an_address_buckets_username_is_read_back_whatever_it_holds() {
        for name in ["zhen-qingshi", "a:b", "李四"] {
            let bucket = super::account_bucket(name, "203.0.113.9");
            assert_eq!(super::username_of(&bucket), Some(name), "{bucket}");
        }
        assert_eq!(super::username_of("login-address:1.2.3.4"), None);
    }
}
