//! A browser's tags for things it has shown it knows: each an HMAC under the server's form
//! secret of one subject (a tracking number, a username), so a tag cannot be made from the
//! subject alone and names nothing. HttpOnly, sent with the site's own calls.
use hmac::Mac;

use super::{context::RequestContext, error::ServiceError, form_keys};

/// Hex digits of a tag: 128 bits.
const TAG_LEN: usize = 32;
/// About a year.
const SECONDS: u32 = 365 * 24 * 60 * 60;

/// One kind of tag: its cookie, the purpose its HMAC is bound to, and how many it keeps.
pub struct TagCookie {
    pub name: &'static str,
    pub purpose: &'static str,
    pub max: usize,
}

impl TagCookie {
    /// `subject`'s tag under the server's secret.
    async fn tag(&self, ctx: &RequestContext, subject: &str) -> Result<String, ServiceError> {
        let secret = form_keys::secret(&ctx.state).await?;
        let message = format!("{}:{subject}", self.purpose);
        let digest = form_keys::keyed(&secret, &message)?.finalize().into_bytes();
        let mut text = hex::encode(digest);
        text.truncate(TAG_LEN);
        Ok(text)
    }

    /// The well-formed tags the browser sent.
    fn tags_in<'a>(&self, cookies: &'a str) -> Vec<&'a str> {
        super::cookies::value(cookies, self.name)
            .unwrap_or_default()
            .split('.')
            .filter(|t| t.len() == TAG_LEN && t.bytes().all(|b| b.is_ascii_hexdigit()))
            .take(self.max)
            .collect()
    }

    /// Whether the browser making this request holds `subject`'s tag.
    pub async fn sent_for(
        &self,
        ctx: &RequestContext,
        subject: &str,
    ) -> Result<bool, ServiceError> {
        let Some(cookies) = ctx.header(axum::http::header::COOKIE) else {
            return Ok(false);
        };
        let held = self.tags_in(cookies);
        if held.is_empty() {
            return Ok(false);
        }
        let own = self.tag(ctx, subject).await?;
        Ok(held.contains(&own.as_str()))
    }

    /// Gives the browser `subject`'s tag (newest first, the oldest dropped).
    pub async fn mark(&self, ctx: &RequestContext, subject: &str) -> Result<(), ServiceError> {
        let own = self.tag(ctx, subject).await?;
        let cookies = ctx.header(axum::http::header::COOKIE).unwrap_or_default();
        let held = self.tags_in(cookies);
        if held.first() == Some(&own.as_str()) {
            return Ok(());
        }
        let mut tags = vec![own.as_str()];
        tags.extend(held.into_iter().filter(|t| *t != own));
        tags.truncate(self.max);
        ctx.set_cookie(&self.cookie(&tags.join("."), ctx.state.secure_cookies));
        Ok(())
    }

    fn cookie(&self, value: &str, secure: bool) -> String {
        let secure = if secure { "; Secure" } else { "" };
        let name = self.name;
        format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={SECONDS}{secure}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KNOWN: TagCookie = TagCookie {
        name: "sn_known",
        purpose: "known-track:v1",
        max: 5,
    };

    #[test]
    fn only_well_formed_tags_are_read_and_at_most_the_maximum() {
        let a = "a".repeat(TAG_LEN);
        let b = "0123456789abcdef".repeat(2);
        let cookies = format!("sn_track=x; sn_known={a}.short.{b}.{}", "z".repeat(TAG_LEN));
        assert_eq!(KNOWN.tags_in(&cookies), vec![a.as_str(), b.as_str()]);
        let many = [a.as_str(); 9].join(".");
        assert_eq!(KNOWN.tags_in(&format!("sn_known={many}")).len(), 5);
        assert!(KNOWN.tags_in("sn_filed=1").is_empty());
    }

    #[test]
    fn the_cookie_is_http_only_and_lax() {
        let set = KNOWN.cookie("ab", true);
        assert!(set.starts_with("sn_known=ab; Path=/; HttpOnly; SameSite=Lax; Max-Age="));
        assert!(set.ends_with("; Secure"));
    }
}
