//! Filings that arrive at the same moment (on SQLite they share one commit, each in its own
//! savepoint): each household lands once, a double tap files once, and a filing refused by
//! the daily limit writes nothing.
use std::collections::HashSet;

use crate::helpers::{report_fields, spawn_app, QINGSHI_VILLAGE};
use crate::idempotency::{filings_for, issued_key, keyed};

#[tokio::test]
async fn filings_at_the_same_moment_each_land_once_and_a_refused_one_writes_nothing() {
    let app = spawn_app().await;
    let limit = app.state.policy.filings_per_address_per_day as usize;
    // Ten households tap twice (the form's key), then twelve more: 32 requests at once from
    // one address, 22 households, two over the address's daily limit.
    let mut forms = Vec::new();
    for n in 0..10 {
        let form = keyed(&format!("1361000{n:04}"), &issued_key(&app).await);
        forms.push(form.clone());
        forms.push(form);
    }
    for n in 0..limit + 2 - 10 {
        forms.push(report_fields(
            "周大娘",
            &format!("1362000{n:04}"),
            QINGSHI_VILLAGE,
        ));
    }
    let mut sent = tokio::task::JoinSet::new();
    for (i, form) in forms.iter().cloned().enumerate() {
        let (client, url) = (app.client.clone(), app.url("/api/reports/submit"));
        sent.spawn(async move {
            let answer = client
                .post(url)
                .header("accept", "application/json")
                .form(&form)
                .send()
                .await
                .expect("filing");
            let status = answer.status().as_u16();
            (i, status, answer.text().await.expect("body"))
        });
    }
    let mut answers = sent.join_all().await;
    answers.sort();

    assert!(
        answers.iter().all(|a| a.1 == 200 || a.1 == 422),
        "{answers:?}"
    );
    // A double tap's answers that were accepted carry one tracking number (which of the
    // 22 households the limit refuses depends on arrival order).
    for pair in answers[..20].chunks(2) {
        if pair[0].1 == 200 && pair[1].1 == 200 {
            assert_eq!(
                pair[0].2, pair[1].2,
                "a double tap gets one tracking number"
            );
        }
    }

    // Each acknowledged tracking number is one stored case; the refused wrote none.
    let tracking: HashSet<String> = answers
        .iter()
        .filter(|a| a.1 == 200)
        .map(|a| serde_json::from_str(&a.2).expect("tracking number"))
        .collect();
    assert_eq!(tracking.len(), limit, "{answers:?}");
    let stored: i64 = sqlx::query_scalar("select count(*) from cases")
        .fetch_one(&app.state.db.pool)
        .await
        .expect("count");
    assert_eq!(stored, limit as i64);
    let mobiles = (0..10)
        .map(|n| format!("1361000{n:04}"))
        .chain((0..limit + 2 - 10).map(|n| format!("1362000{n:04}")));
    let mut per_household = Vec::new();
    for mobile in mobiles {
        per_household.push(filings_for(&app, &mobile).await);
    }
    assert!(per_household.iter().all(|n| *n <= 1), "{per_household:?}");
    assert_eq!(per_household.iter().filter(|n| **n == 0).count(), 2);
    // Only what was stored is counted: the refused filings' and the losing taps' counter
    // hits went back with their savepoints.
    let counted: i64 = sqlx::query_scalar(
        "select cast(coalesce(sum(hits), 0) as bigint) from rate_limits where bucket like 'filing-mobile-ix:%'",
    )
    .fetch_one(&app.state.db.pool)
    .await
    .expect("hits");
    assert_eq!(counted, limit as i64);
}
