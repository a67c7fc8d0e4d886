//! Browsers an account has signed in from. Ten wrong passwords from anywhere lock an account
//! for a while, so anyone could keep a cadre, or the administrator who unlocks the others,
//! locked out with ten requests a quarter hour (attacker tester). A browser the account
//! signed in from before holds a tag of the username and is not held back by that lock; the
//! limits per address and per account and address still apply to it.
use super::{context::RequestContext, error::ServiceError, tag_cookie::TagCookie};

/// A shared office computer signs in a few staff.
const DEVICE: TagCookie = TagCookie {
    name: "sn_device",
    purpose: "signed-in:v1",
    max: 5,
};

fn subject(username: &str) -> String {
    username.trim().to_lowercase()
}

/// Whether this browser signed in as `username` before.
pub async fn sent_for(ctx: &RequestContext, username: &str) -> Result<bool, ServiceError> {
    DEVICE.sent_for(ctx, &subject(username)).await
}

/// Marks this browser as one `username` signed in from.
pub async fn mark(ctx: &RequestContext, username: &str) -> Result<(), ServiceError> {
    DEVICE.mark(ctx, &subject(username)).await
}
