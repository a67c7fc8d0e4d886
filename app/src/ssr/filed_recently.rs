//! A browser that has just filed a self-report is told so when it opens the form again (the
//! Back button after filing shows the form, and sending it again made a second filing). The
//! cookie holds no number, name or case: on a shared phone it tells the next person only that
//! a report was sent from it in the last half hour, which the notice itself says.
use super::context::RequestContext;

pub const COOKIE: &str = "sn_filed";
/// Long enough to cover going back to the form after reading the confirmation.
const SECONDS: u32 = 30 * 60;

/// Marks this browser as having just filed.
pub fn mark(ctx: &RequestContext) {
    ctx.set_cookie(&cookie(ctx.state.secure_cookies));
}

/// Whether the page being rendered was asked for by a browser that filed in the last half hour.
pub fn in_request() -> bool {
    super::cookies::in_request(COOKIE).is_some_and(|v| v == "1")
}

fn cookie(secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{COOKIE}=1; Path=/report; HttpOnly; SameSite=Lax; Max-Age={SECONDS}{secure}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_cookie_is_sent_only_to_the_report_form_and_holds_nothing_personal() {
        let set = super::cookie(true);
        assert_eq!(
            set,
            "sn_filed=1; Path=/report; HttpOnly; SameSite=Lax; Max-Age=1800; Secure"
        );
    }
}
