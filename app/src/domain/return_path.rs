//! Where a sign-in goes afterwards: the staff page the officer opened before being asked
//! to sign in (a case link from a notification, say), never anywhere else. The path comes
//! from the address, so anything that could lead off the site or back to the sign-in page
//! is refused and the queue is the default.

/// The longest path kept; a staff link is far shorter.
const MOST_BYTES: usize = 512;
/// Where a sign-in lands when no path, or no acceptable one, came with it.
pub const QUEUE: &str = "/staff";

/// `next` when it is a path on this site's staff pages (not the sign-in page), else `None`.
/// The path may hold only letters, digits, `-`, `_` and single `/`: no `.` or `..` segment,
/// nothing percent-encoded that a browser would resolve into one.
pub fn staff_page(next: &str) -> Option<&str> {
    let (path, query) = next.split_at(next.find(['?', '#']).unwrap_or(next.len()));
    let plain_path = path
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | '_'))
        && !path.contains("//");
    let staff = path == QUEUE || path.starts_with("/staff/");
    let acceptable = staff
        && plain_path
        && next.len() <= MOST_BYTES
        // A backslash is a slash to some browsers; control characters split headers.
        && !query.contains('\\')
        && !query.chars().any(char::is_control)
        && path.trim_end_matches('/') != "/staff/login";
    acceptable.then_some(next)
}

/// The path a sign-in answered with `next` goes to.
pub fn after_sign_in(next: Option<&str>) -> &str {
    next.and_then(staff_page).unwrap_or(QUEUE)
}

/// The queue as the officer last saw it (its query, remembered in a cookie): `/staff?…`.
/// Anything but a percent-encoded query of the queue's own making is the plain queue.
pub fn back_to_queue(remembered: Option<&str>) -> String {
    let query_only = |q: &&str| {
        !q.is_empty()
            && q.len() <= MOST_BYTES
            && q.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"%=&-_.~".contains(&b))
    };
    match remembered.filter(query_only) {
        Some(query) => format!("{QUEUE}?{query}"),
        None => QUEUE.to_owned(),
    }
}

/// The queue tab (`tab=`) an address from [`back_to_queue`] opens, if it names one.
pub fn tab_of(address: &str) -> Option<&str> {
    let (_, query) = address.split_once('?')?;
    query.split('&').find_map(|pair| pair.strip_prefix("tab="))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_queue_is_returned_to_as_it_was_left_or_plain() {
        assert_eq!(
            back_to_queue(Some("tab=all&s=v1Ab-_&village=522799101201")),
            "/staff?tab=all&s=v1Ab-_&village=522799101201"
        );
        for odd in ["", "tab=all#x", "a/b", "x=1;y", "x=<b>", "tab=all\r\n"] {
            assert_eq!(back_to_queue(Some(odd)), "/staff", "{odd:?}");
        }
        assert_eq!(back_to_queue(Some(&"a".repeat(600))), "/staff");
        assert_eq!(back_to_queue(None), "/staff");
        assert_eq!(tab_of("/staff?tab=all&s=v1x"), Some("all"));
        assert_eq!(tab_of("/staff?s=v1x&tab=overdue"), Some("overdue"));
        assert_eq!(tab_of("/staff"), None);
    }

    #[test]
    fn a_staff_page_is_returned_to_with_its_query() {
        for next in [
            "/staff",
            "/staff/cases/4f2a",
            "/staff?tab=all&q=%E5%BC%A0",
            "/staff/inbox#due",
            "/staff?q=a%26b%23x&x=//not-a-host",
        ] {
            assert_eq!(after_sign_in(Some(next)), next);
        }
    }

    #[test]
    fn anything_that_leaves_the_staff_pages_goes_to_the_queue() {
        for next in [
            "",
            "//evil.example/staff",
            "/staff//evil.example",
            "https://evil.example/staff",
            "/\\evil.example",
            "/staff/\\evil",
            "/report",
            "/staffing",
            "/staff/login",
            "/staff/login?next=/staff",
            "/staff/cases/1\r\nSet-Cookie: x=1",
            "staff/cases/1",
            "/staff/../../evil",
            "/staff/%2e%2e/%2e%2e/evil",
            "/staff/..%2F..%2F",
            "/staff/./login",
            "/staff/%2e/login",
            "/staff/login/",
            "/staff/∕∕evil.example",
            "/staff/%2F%2Fevil.example",
            "/staff?q=\\evil",
        ] {
            assert_eq!(after_sign_in(Some(next)), QUEUE, "{next:?}");
        }
        assert_eq!(
            after_sign_in(Some(&format!("/staff/{}", "a".repeat(600)))),
            QUEUE
        );
        assert_eq!(after_sign_in(None), QUEUE);
    }
}
