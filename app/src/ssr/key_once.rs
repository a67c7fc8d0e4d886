//! A key just issued is shown once. JSON callers get it in the answer. A plain form post (no
//! JavaScript: the staff pages are server-rendered) is redirected to the key page with the
//! key in a short-lived, HttpOnly cookie limited to that page; the page shows it and clears
//! the cookie in the same answer, so reloading shows it no more.
use http::header;

use super::context::RequestContext;
use crate::{domain::department_key::shown_part, wire::department_keys::IssuedKey};

const COOKIE: &str = "sn_new_key";
const PAGE: &str = "/staff/keys";

pub fn show_once(ctx: &RequestContext, issued: &IssuedKey) {
    if !ctx.is_plain_form_post() {
        return;
    }
    let secure = if ctx.state.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    ctx.set_cookie(&format!(
        "{COOKIE}={}:{}; Path={PAGE}; HttpOnly; SameSite=Strict; Max-Age=300{secure}",
        issued.id, issued.key
    ));
    leptos_axum::redirect(PAGE);
}

/// The key issued just before this page load, if any; clears it.
pub fn take(ctx: &RequestContext) -> Option<IssuedKey> {
    let value = super::cookies::value(ctx.header(header::COOKIE)?, COOKIE)?.to_owned();
    ctx.set_cookie(&format!(
        "{COOKIE}=; Path={PAGE}; HttpOnly; SameSite=Strict; Max-Age=0"
    ));
    let (id, key) = value.split_once(':')?;
    Some(IssuedKey {
        id: id.to_owned(),
        shown: shown_part(key),
        key: key.to_owned(),
    })
}
