//! A sign-in posted without JavaScript that fails goes back to `/staff/login?e=<code>` (a
//! typed code, never the framework's encoded error), and the typed user name comes back in
//! the form: it rides in a short-lived HttpOnly cookie for the login page alone, so it never
//! appears in an address or a log. The password is never kept.

use super::{context::RequestContext, error::ServiceError};
use crate::domain::{return_path, url};

pub const NAME_COOKIE: &str = "sn_login_name";
const LOGIN_PAGE: &str = "/staff/login";
/// Long enough to read the message and retype the password.
const NAME_SECONDS: u32 = 10 * 60;
/// A longer "user name" is not kept (the cookie stays small).
const MAX_NAME_BYTES: usize = 64;

/// The code the login page words (`login_form.<code>` in locales/*.json).
pub fn problem_code(e: &ServiceError) -> &'static str {
    match e {
        ServiceError::Unauthorized => "bad_credentials",
        ServiceError::AccountTurnedOff => "turned_off",
        // The account's lock, or too many tries from this address.
        ServiceError::RateLimited => "locked",
        _ => "failed",
    }
}

/// Answers a sign-in: the session cookie when it worked; a plain form post that failed is
/// sent back to the login page with the problem's code and its user name kept.
pub fn answer(
    ctx: &RequestContext,
    username: &str,
    next: Option<&str>,
    signed_in: Result<String, ServiceError>,
) -> Result<(), ServiceError> {
    match signed_in {
        Ok(token) => {
            ctx.set_session_cookie(&token);
            // The name cookie is not sent here (its path is the login page): cleared all the
            // same, after the session's.
            if ctx.is_plain_form_post() {
                ctx.set_cookie(&cookie(None, ctx.state.secure_cookies));
            }
            Ok(())
        }
        Err(e) if ctx.is_plain_form_post() => {
            ctx.set_cookie(&cookie(Some(username), ctx.state.secure_cookies));
            leptos_axum::redirect(&again(problem_code(&e), next));
            Err(e)
        }
        Err(e) => Err(e),
    }
}

/// The login page again, with the problem's code and the page to go to afterwards.
fn again(code: &str, next: Option<&str>) -> String {
    match next.and_then(return_path::staff_page) {
        Some(next) => format!("{LOGIN_PAGE}?e={code}&next={}", url::encode(next)),
        None => format!("{LOGIN_PAGE}?e={code}"),
    }
}

/// The user name the last failed sign-in of this browser typed.
pub fn kept_name() -> Option<String> {
    decoded(&super::cookies::in_request(NAME_COOKIE)?)
}

#[cfg(test)]
fn name_in(cookies: &str) -> Option<String> {
    decoded(super::cookies::value(cookies, NAME_COOKIE)?)
}

fn decoded(value: &str) -> Option<String> {
    hex::decode(value)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .filter(|name| !name.is_empty())
}

/// The cookie keeping `name` (hex: any characters, nothing to escape), or clearing it.
fn cookie(name: Option<&str>, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    let (value, seconds) = match name.map(str::trim) {
        Some(name) if !name.is_empty() && name.len() <= MAX_NAME_BYTES => {
            (hex::encode(name), NAME_SECONDS)
        }
        _ => (String::new(), 0),
    };
    format!(
        "{NAME_COOKIE}={value}; Path={LOGIN_PAGE}; HttpOnly; SameSite=Strict; Max-Age={seconds}{secure}"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_sign_in_keeps_only_a_staff_page_to_go_to() {
        assert_eq!(
            again("locked", Some("/staff/cases/4f?x=1")),
            "/staff/login?e=locked&next=%2Fstaff%2Fcases%2F4f%3Fx%3D1"
        );
        for next in [None, Some("//evil.example"), Some("/report")] {
            assert_eq!(again("failed", next), "/staff/login?e=failed", "{next:?}");
        }
    }

    #[test]
    fn each_failure_has_its_own_code() {
        for (e, code) in [
            (ServiceError::Unauthorized, "bad_credentials"),
            (ServiceError::AccountTurnedOff, "turned_off"),
            (ServiceError::RateLimited, "locked"),
            (ServiceError::Hash, "failed"),
            (ServiceError::Db(sqlx::Error::PoolTimedOut), "failed"),
        ] {
            assert_eq!(problem_code(&e), code, "{e:?}");
        }
    }

    #[test]
    fn the_name_goes_round_the_cookie_and_only_a_sensible_one_is_kept() {
        for name in ["xian-admin", "张三", "a b;c=d"] {
            let set = cookie(Some(name), true);
            assert!(
                set.contains("HttpOnly") && set.contains("Path=/staff/login"),
                "{set}"
            );
            assert!(set.ends_with("; Secure"), "{set}");
            let value = set.split(';').next().expect("pair");
            assert_eq!(name_in(&format!("lang=en; {value}")).as_deref(), Some(name));
        }
        for name in [Some(""), Some("   "), Some(&*"x".repeat(65)), None] {
            let set = cookie(name, false);
            assert!(
                set.starts_with("sn_login_name=;") && set.contains("Max-Age=0"),
                "{set}"
            );
        }
        for cookies in ["sn_login_name=zz", "sn_login_name=", "other=78"] {
            assert_eq!(name_in(cookies), None, "{cookies}");
        }
    }
}
