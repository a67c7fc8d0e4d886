//! A tracking number copied by hand with one look-alike slip (PZA5 for PZAS) is offered back
//! as the number it must be; it was only called wrong (household tester).
use app::domain::tracking::TrackingNumber;

use crate::{
    fixtures::track_page,
    helpers::{spawn_app, QINGSHI_VILLAGE},
};

#[tokio::test]
async fn a_look_alike_slip_is_offered_back_on_the_look_up() {
    let app = spawn_app().await;
    let swaps = [('2', 'Z'), ('5', 'S'), ('8', 'B'), ('U', 'V')];
    for n in 0..40 {
        let mobile = format!("139085{n:05}");
        let tracking = app.submit_report("王秀英", &mobile, QINGSHI_VILLAGE).await;
        // A slip of one look-alike the check can set right alone (else try another filing).
        let slip = tracking.char_indices().find_map(|(at, c)| {
            let other = swaps.iter().find_map(|&(a, b)| match c {
                _ if c == a => Some(b),
                _ if c == b => Some(a),
                _ => None,
            })?;
            let mut slip = tracking.clone();
            slip.replace_range(at..=at, &other.to_string());
            TrackingNumber::look_alike_of(&slip).map(|_| slip)
        });
        let Some(slip) = slip else { continue };
        let page = track_page(&app, &slip, &mobile).await;
        let right = TrackingNumber::shown_back(&tracking);
        assert!(
            page.contains(&format!("是不是 {right}？")),
            "{slip} → {right}: {page}"
        );
        assert!(page.contains(r#"data-testid="look-alike""#));
        // One tap fills the number in, the mobile kept: no retyping (quick tester).
        let link = crate::helpers::tag_with(&page, r#"data-testid="look-alike-use""#);
        let href = link
            .split("href=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap_or_else(|| panic!("a link: {link}"))
            .replace("&amp;", "&");
        assert!(href.starts_with(&format!("/track?n={tracking}")), "{href}");
        assert!(
            href.contains("&draft="),
            "the kept mobile comes along: {href}"
        );
        let filled = app.get_html(&href).await;
        assert!(
            filled.contains("查询码已经改好填上了"),
            "says what happened and what to press"
        );
        let input = crate::helpers::tag_with(&filled, r#"id="t-tracking""#);
        assert!(input.contains(&format!(r#"value="{right}""#)), "{input}");
        let mobile_box = crate::helpers::tag_with(&filled, r#"id="t-mobile""#);
        assert!(
            mobile_box.contains(&format!(r#"value="{mobile}""#)),
            "{mobile_box}"
        );
        // The number itself still finds the filing.
        let found = track_page(&app, &tracking, &mobile).await;
        assert!(!found.contains(r#"data-testid="look-alike""#));
        return;
    }
    panic!("no filing had a look-alike symbol");
}
