//! What production (`SEED_DEMO=0`) refuses to start with: the test clock, and any active
//! account whose password is still a published demo password.
use std::fmt;

use app::ssr::{db::Db, services::setup};

use crate::config::Config;

/// Why the server will not start in production, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProductionRefusal {
    TestClock,
    /// Usernames of the accounts with a demo password.
    DemoPasswords(Vec<String>),
    /// `SECURE_COOKIES=0` while browsers reach the server over https.
    InsecureCookies,
}

impl fmt::Display for ProductionRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProductionRefusal::TestClock => write!(
                f,
                "refusing to start in production (SEED_DEMO=0) with TEST_CLOCK set: anyone could \
                 move the statutory clocks over HTTP. Unset TEST_CLOCK. \
                 生产环境（SEED_DEMO=0）不能设置 TEST_CLOCK，请删除该变量。"
            ),
            ProductionRefusal::InsecureCookies => write!(
                f,
                "refusing to start in production (SEED_DEMO=0) with SECURE_COOKIES=0 while \
                 PUBLIC_ORIGIN is https: the session cookie would also be sent over plain http. \
                 Unset SECURE_COOKIES (it follows PUBLIC_ORIGIN) or set it to 1. \
                 生产环境通过 https 访问时不能设置 SECURE_COOKIES=0，请删除该变量或设为 1。"
            ),
            ProductionRefusal::DemoPasswords(usernames) => write!(
                f,
                "refusing to start in production (SEED_DEMO=0): {} still use the published demo \
                 password: {}. Give each a new password with `server set-password --username NAME` \
                 (reads it from stdin), or start a county from an empty database (README, \
                 \"Deploying for a county\"). \
                 生产环境中仍有账号使用公开的演示密码，请用 `server set-password --username 用户名` 重设密码，\
                 或用空数据库按 README“Deploying for a county”部署。",
                if usernames.len() == 1 {
                    "1 account".to_owned()
                } else {
                    format!("{} accounts", usernames.len())
                },
                usernames.join(", ")
            ),
        }
    }
}

impl std::error::Error for ProductionRefusal {}

/// The checks before a production server opens its port. Nothing to check with the demo on.
pub fn check_config(config: &Config) -> Result<(), ProductionRefusal> {
    if !config.seed_demo && config.test_clock {
        return Err(ProductionRefusal::TestClock);
    }
    if !config.seed_demo && config.http.served_over_https() && !config.secure_cookies {
        return Err(ProductionRefusal::InsecureCookies);
    }
    Ok(())
}

/// Verifies every active account's stored hash against the demo passwords (a start-up check:
/// argon2 is slow on purpose).
pub async fn check_accounts(config: &Config, db: &Db) -> Result<(), CheckError> {
    if config.seed_demo {
        return Ok(());
    }
    let found = setup::accounts_with_demo_password(db)
        .await
        .map_err(CheckError::Setup)?;
    if found.is_empty() {
        Ok(())
    } else {
        Err(CheckError::Refused(ProductionRefusal::DemoPasswords(found)))
    }
}

#[derive(Debug, thiserror::Error)]
pub enum CheckError {
    #[error("{0}")]
    Refused(ProductionRefusal),
    #[error("checking accounts for demo passwords")]
    Setup(#[source] setup::SetupError),
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Served over https, production will not send the session cookie without Secure
    /// (attacker tester: SECURE_COOKIES defaulted to 0 whatever PUBLIC_ORIGIN said).
    #[test]
    fn production_over_https_refuses_cookies_without_secure() {
        let mut config = Config::local("sqlite::memory:");
        config.seed_demo = false;
        config.http.public_origins = vec!["https://fpjc.example.gov.cn".to_owned()];
        assert_eq!(
            check_config(&config),
            Err(ProductionRefusal::InsecureCookies)
        );
        config.secure_cookies = true;
        assert_eq!(check_config(&config), Ok(()));
        config.http.public_origins = vec!["http://10.0.0.5:3000".to_owned()];
        config.secure_cookies = false;
        assert_eq!(
            check_config(&config),
            Ok(()),
            "plain http on a county's own network"
        );
    }
}
