//! Form keys, duplicate look-ups, progress look-ups and the confirmation page: nothing leaks,
//! nothing is blocked for someone else.
use super::*;

async fn stored_keys(app: &TestApp) -> Vec<Option<String>> {
    sqlx::query_scalar("select idempotency_key from cases order by created_at")
        .fetch_all(&app.state.db.pool)
        .await
        .expect("keys")
}

#[tokio::test]
async fn a_forged_form_key_gets_no_idempotency_and_reveals_nothing() {
    let app = spawn_app().await;
    let household = "13612340001";
    let key = crate::idempotency::issued_key(&app).await;
    let mut form = report_fields("周大爷", household, QINGSHI_VILLAGE);
    form.push(("form[key]".into(), key.clone()));
    let first: String = app
        .post_api("/api/reports/submit", &form)
        .await
        .json()
        .await
        .expect("tracking");

    // The same nonce with a made-up signature, and a bare nonce as keys used to be.
    let nonce = key.split('.').next().expect("nonce").to_owned();
    for forged in [format!("{nonce}.{}", "0".repeat(64)), nonce.clone()] {
        let mut form = report_fields("周大爷", household, QINGSHI_VILLAGE);
        form.push(("form[key]".into(), forged));
        let response = app.post_api("/api/reports/submit", &form).await;
        assert_eq!(response.status(), 200);
        let tracking: String = response.json().await.expect("tracking");
        assert_ne!(tracking, first, "a forged key never finds the first filing");
    }
    // Only the genuine key was stored.
    let keys = stored_keys(&app).await;
    assert_eq!(keys.len(), 3);
    assert_eq!(keys.iter().flatten().count(), 1, "{keys:?}");
    assert_eq!(keys[0].as_deref(), Some(format!("self:{nonce}").as_str()));
}

#[tokio::test]
async fn a_staff_form_key_does_not_work_on_the_public_form() {
    let app = spawn_app().await;
    let hotline = app.login("rexian").await;
    let staff_key: String = hotline
        .post_api("/api/reports/new_key", &[])
        .await
        .json()
        .await
        .expect("key");
    let mut form = report_fields("周大爷", "13612340002", QINGSHI_VILLAGE);
    form.push(("form[key]".into(), staff_key));
    assert_eq!(
        app.post_api("/api/reports/submit", &form).await.status(),
        200
    );
    assert_eq!(stored_keys(&app).await, vec![None]);
}

#[tokio::test]
async fn a_department_alerts_key_on_the_public_form_neither_leaks_nor_breaks_the_push() {
    let app = spawn_app().await;
    let department = app.login("bumen-minzheng").await;
    let department_id: String =
        sqlx::query_scalar("select id from users where username = 'bumen-minzheng'")
            .fetch_one(&app.state.db.pool)
            .await
            .expect("id");
    let household = "13612340003";
    let reference = "YB-2026-001";
    // What the attacker can compute: the old key scheme and the new stored form.
    let old_scheme = {
        use sha2::Digest;
        let digest = sha2::Sha256::digest(format!("alert:{department_id}:{reference}").as_bytes());
        digest[..16]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    };
    let stored_form = app::ssr::form_keys::alert_key(&department_id, reference);
    let attack = |key: &str| {
        let mut form = report_fields("钱大伯", household, QINGSHI_VILLAGE);
        form.push(("form[key]".into(), key.to_owned()));
        form
    };
    // First, before the department pushes: the key must not block the push.
    let early: String = app
        .post_api("/api/reports/submit", &attack(&old_scheme))
        .await
        .json()
        .await
        .expect("tracking");

    let alert = serde_json::json!({ "alerts": [{
        "reference": reference,
        "name": "钱大伯",
        "mobile": household,
        "id_number": crate::helpers::id_number_for(household),
        "village": QINGSHI_VILLAGE,
        "household_size": "3",
        "risk_types": ["illness"],
        "description": "医保数据：本年度自付医疗费用超过3万元",
    }]});
    let push = || async {
        let response = department
            .client
            .post(department.url("/api/alerts/push"))
            .header(header::ACCEPT, "application/json")
            .json(&alert)
            .send()
            .await
            .expect("push");
        assert_eq!(response.status(), 200);
        let outcomes: serde_json::Value = response.json().await.expect("json");
        outcomes[0]["tracking"]
            .as_str()
            .expect("the push files the record")
            .to_owned()
    };
    let pushed = push().await;
    assert_ne!(pushed, early);

    // Then, after the push, with the household's own details: never the department's number.
    for key in [old_scheme.as_str(), stored_form.as_str()] {
        let tracking: String = app
            .post_api("/api/reports/submit", &attack(key))
            .await
            .json()
            .await
            .expect("tracking");
        assert_ne!(
            tracking, pushed,
            "the public form learned the alert's number"
        );
    }
    // The department's re-push is still idempotent.
    assert_eq!(push().await, pushed);
    let alert_cases: i64 =
        sqlx::query_scalar("select count(*) from cases where channel = 'department_alert'")
            .fetch_one(&app.state.db.pool)
            .await
            .expect("count");
    assert_eq!(alert_cases, 1);
}

#[tokio::test]
async fn a_village_cadre_probing_another_villages_household_learns_nothing() {
    let app = spawn_app().await;
    let elsewhere = "13612340004";
    app.submit_report("李四", elsewhere, "522799101202").await;
    let at_home = "13612340005";
    app.submit_report("王五", at_home, QINGSHI_VILLAGE).await;
    let cadre = app.login("cun-qingshi").await;
    let probe = |mobile: &str| {
        fields(&[
            ("id_number", &crate::helpers::id_number_for(mobile)),
            ("mobile", mobile),
        ])
    };
    let found: serde_json::Value = cadre
        .post_api("/api/reports/duplicates", &probe(at_home))
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(found.as_array().map(Vec::len), Some(1), "in scope: {found}");
    let outside = cadre
        .post_api("/api/reports/duplicates", &probe(elsewhere))
        .await;
    assert_eq!(outside.status(), 200);
    assert_eq!(outside.text().await.expect("body"), "[]");
}

#[tokio::test]
async fn a_scripted_sweep_of_duplicate_look_ups_is_stopped() {
    let app = spawn_app().await;
    let operator = app.login("rexian").await;
    let limit = app::ssr::services::duplicates::DUPLICATE_PROBES_PER_HOUR;
    let mut statuses = Vec::new();
    for i in 0..=limit {
        let mobile = format!("136{:08}", i);
        let response = operator
            .post_api(
                "/api/reports/duplicates",
                &fields(&[("id_number", ""), ("mobile", &mobile)]),
            )
            .await;
        statuses.push(response.status().as_u16());
    }
    assert_eq!(how_many(&statuses, 200), limit as usize);
    assert_eq!(statuses.last(), Some(&429));
}

/// A well-formed tracking number that names no filing (for `n` below 2^64).
pub(super) fn tracking_number(n: u64) -> String {
    let mut bytes = [9u8; 16];
    bytes[..8].copy_from_slice(&n.to_le_bytes());
    app::domain::tracking::TrackingNumber::from_random(bytes)
        .as_str()
        .to_owned()
}

/// A progress look-up from `client` with `form`'s fields: as a plain form post (no
/// JavaScript, `plain`), or as another system calling the API (no Accept header).
pub(super) async fn post_track(
    app: &TestApp,
    client: &reqwest::Client,
    form: &[(&str, &str)],
    plain: bool,
) -> reqwest::Response {
    let mut request = client.post(app.url("/api/reports/track"));
    if plain {
        request = request
            .header(header::ACCEPT, "text/html")
            .header(header::REFERER, app.url("/track"));
    }
    request.form(&fields(form)).send().await.expect("track")
}

/// Where a plain look-up is sent back to.
pub(super) fn sent_to(response: &reqwest::Response) -> String {
    assert_eq!(response.status(), 302);
    response.headers()[header::LOCATION]
        .to_str()
        .expect("location")
        .to_owned()
}

/// A progress look-up from `client`: its status.
pub(super) async fn track_status(
    app: &TestApp,
    client: &reqwest::Client,
    tracking: &str,
    mobile: &str,
) -> u16 {
    let form = [("tracking", tracking), ("mobile", mobile)];
    post_track(app, client, &form, false)
        .await
        .status()
        .as_u16()
}

/// A progress look-up posted as a plain form (no JavaScript) from `client`: where it is sent
/// back to, and what that page says.
async fn plain_look_up(
    app: &TestApp,
    client: &reqwest::Client,
    tracking: &str,
    mobile: &str,
) -> (String, String) {
    let form = [("tracking", tracking), ("mobile", mobile)];
    let location = sent_to(&post_track(app, client, &form, true).await);
    let page = app.get_html(&location).await;
    (location, page)
}

/// Misses from `client`'s address with `mobile`, spread over made-up numbers, until only its
/// address's count has run out.
pub(super) async fn spend_address_misses(app: &TestApp, client: &reqwest::Client, mobile: &str) {
    let limit = app::ssr::services::track_limits::TRACK_MISSES_PER_ADDRESS_PER_HOUR;
    for i in 0..limit {
        let made_up = tracking_number(i as u64);
        assert_eq!(track_status(app, client, &made_up, mobile).await, 404);
    }
}

/// Tries `tracking` with every wrong mobile its hour allows (`prefix` and four digits), each
/// from an address of its own, so only the number's count runs out.
pub(super) async fn spend_number_misses(app: &TestApp, tracking: &str, prefix: &str) {
    let limit = app::ssr::services::track_limits::TRACK_MISSES_PER_NUMBER_PER_HOUR;
    for i in 0..limit {
        let guess = format!("{prefix}{:04}", i);
        let from = caller_at(app, 100 + i as u8);
        assert_eq!(track_status(app, &from, tracking, &guess).await, 404);
    }
}

#[tokio::test]
async fn guessing_from_one_address_is_stopped_and_the_household_elsewhere_still_looks_up() {
    let app = spawn_app().await;
    let household = "13612340006";
    let tracking = app.submit_report("赵六", household, QINGSHI_VILLAGE).await;
    let guesser = caller_at(&app, 71);
    // A phone behind the same address (a village's Wi-Fi) that found its number before.
    let neighbour = caller_at(&app, 71);
    assert_eq!(
        track_status(&app, &neighbour, &tracking, household).await,
        200
    );
    spend_address_misses(&app, &guesser, household).await;
    // Even the right pair is refused now, and says nothing about the number.
    assert_eq!(
        track_status(&app, &guesser, &tracking, household).await,
        429
    );
    let (location, page) = plain_look_up(&app, &guesser, &tracking, household).await;
    assert!(location.starts_with("/track?e=limited&"), "{location}");
    assert!(
        page.contains("暂时限制查询"),
        "the address is told its look-ups are limited"
    );
    assert_eq!(
        track_status(&app, &neighbour, &tracking, household).await,
        200,
        "the neighbour's phone is not shut out by the guesser's misses"
    );
    assert_eq!(
        track_status(&app, &caller_at(&app, 11), &tracking, household).await,
        200
    );
}

#[tokio::test]
async fn a_seen_tracking_number_cannot_be_tried_against_many_mobiles_from_many_addresses() {
    let app = spawn_app().await;
    let household = "13612340016";
    let tracking = app.submit_report("赵六", household, QINGSHI_VILLAGE).await;
    spend_number_misses(&app, &tracking, "1390000").await;
    // A fresh address with the right mobile: refused too, so the guess learns nothing.
    assert_eq!(
        track_status(&app, &caller_at(&app, 200), &tracking, household).await,
        429
    );
    // The household at home, which asked nothing before, is told the truth: the number was
    // tried with wrong mobiles, not that it asked too often.
    let (location, page) = plain_look_up(&app, &caller_at(&app, 201), &tracking, household).await;
    assert!(location.starts_with("/track?e=paused&"), "{location}");
    assert!(page.contains("暂停查询一小时"), "the pause is explained");
    assert!(
        !page.contains("暂时限制查询"),
        "not blamed for asking too often"
    );
    let banner = crate::helpers::paragraph(&page, "track-problem");
    assert!(
        banner.contains(r#"<a href="tel:12317">12317</a>"#),
        "whom to call is a tap away: {banner}"
    );
    // Another system (a hotline's) calling the API is told the same, in its own code.
    let answer: serde_json::Value = caller_at(&app, 202)
        .post(app.url("/api/reports/track"))
        .form(&fields(&[
            ("tracking", tracking.as_str()),
            ("mobile", household),
        ]))
        .send()
        .await
        .expect("track")
        .json()
        .await
        .expect("an error body");
    assert_eq!(answer["error"], "LookUpsPaused", "{answer}");
    assert!(
        answer["message"]
            .as_str()
            .is_some_and(|m| m.contains("暂停查询一小时")),
        "{answer}"
    );
}

/// Someone who has seen a number can pause its look-ups for an hour with wrong mobiles; the
/// household's own phone, which found it before, still looks it up (household tester). Its
/// wrong mobiles are paused like anyone's, and a fresh browser is still paused.
/// A burst of wrong mobiles at once gets no more tries than one at a time: the counters were
/// read, then counted after the case was, so 300 parallel look-ups all got checked and one
/// found the household (attacker tester).
#[tokio::test]
async fn a_parallel_burst_of_wrong_mobiles_gets_no_more_tries_than_the_limit() {
    let app = spawn_app().await;
    let tracking = app
        .submit_report("赵六", "13612340026", QINGSHI_VILLAGE)
        .await;
    let guesser = caller_at(&app, 72);
    let mut tries = tokio::task::JoinSet::new();
    for i in 0..60 {
        let (client, url) = (guesser.clone(), app.url("/api/reports/track"));
        let form = fields(&[
            ("tracking", &tracking),
            ("mobile", &format!("1390000{i:04}")),
        ]);
        tries.spawn(async move {
            let sent = client.post(url).header(header::ACCEPT, "application/json");
            sent.form(&form)
                .send()
                .await
                .expect("track")
                .status()
                .as_u16()
        });
    }
    let statuses: Vec<u16> = tries.join_all().await;
    let checked = statuses.iter().filter(|s| **s == 404).count();
    let limit = app::ssr::services::track_limits::TRACK_MISSES_PER_NUMBER_PER_HOUR;
    assert!(checked as i64 <= limit, "{checked} checked: {statuses:?}");
    assert!(
        statuses.iter().all(|s| [404, 429].contains(s)),
        "{statuses:?}"
    );
    // A look-up that finds its case costs the others nothing.
    let other = app
        .submit_report("钱七", "13612340027", QINGSHI_VILLAGE)
        .await;
    for _ in 0..3 {
        assert_eq!(
            track_status(&app, &caller_at(&app, 73), &other, "13612340027").await,
            200
        );
    }
}

#[tokio::test]
async fn a_paused_number_still_answers_the_phone_that_found_it_before() {
    let app = spawn_app().await;
    let household = "13612340026";
    let tracking = app.submit_report("赵六", household, QINGSHI_VILLAGE).await;
    let phone = caller_at(&app, 60);
    assert_eq!(track_status(&app, &phone, &tracking, household).await, 200);
    spend_number_misses(&app, &tracking, "1390000").await;
    assert_eq!(
        track_status(&app, &caller_at(&app, 200), &tracking, household).await,
        429,
        "a browser that never found it is paused"
    );
    assert_eq!(track_status(&app, &phone, &tracking, household).await, 200);
    // The tag is of the number and its mobile: another mobile from the same phone is held
    // back like anyone's (a tag of the number alone let its holder try any number of mobiles
    // past the pause: attacker tester).
    assert_eq!(
        track_status(&app, &phone, &tracking, "13900009999").await,
        429,
        "a wrong mobile from the phone is paused too"
    );
    // The tag is the number's own: another number's pause is not lifted by it.
    let other = app
        .submit_report("钱七", "13612340027", QINGSHI_VILLAGE)
        .await;
    spend_number_misses(&app, &other, "1390001").await;
    assert_eq!(track_status(&app, &phone, &other, "13612340027").await, 429);
}

#[tokio::test]
async fn households_behind_one_shared_address_do_not_lock_each_other_out() {
    let app = spawn_app().await;
    let household = "13612340026";
    let tracking = app.submit_report("赵六", household, QINGSHI_VILLAGE).await;
    // One village office's Wi-Fi (or a carrier's shared address): many right look-ups, more
    // than the misses an address may make, and a few typos among them.
    let office = caller_at(&app, 72);
    let misses = app::ssr::services::track_limits::TRACK_MISSES_PER_ADDRESS_PER_HOUR;
    for i in 0..misses + 10 {
        assert_eq!(
            track_status(&app, &office, &tracking, household).await,
            200,
            "look-up {i}"
        );
        if i % 10 == 0 {
            assert_eq!(
                track_status(&app, &office, &tracking, "13900009999").await,
                404
            );
        }
    }
}

/// The confirmation as JSON: status and body.
async fn confirmation(
    app: &TestApp,
    client: &reqwest::Client,
    fields_: &[(&str, &str)],
) -> (u16, String) {
    let response = client
        .post(app.url("/api/reports/submitted"))
        .header(header::ACCEPT, "application/json")
        .form(&fields(fields_))
        .send()
        .await
        .expect("confirmation");
    (
        response.status().as_u16(),
        response.text().await.expect("body"),
    )
}

#[tokio::test]
async fn a_tracking_number_alone_does_not_confirm_that_a_filing_exists() {
    let app = spawn_app().await;
    let household = "13612340007";
    let filed = app
        .post_api(
            "/api/reports/submit",
            &report_fields("钱七", household, QINGSHI_VILLAGE),
        )
        .await;
    let link = filed.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned();
    let tracking: String = filed.json().await.expect("tracking");
    let token = link
        .split_once("?t=")
        .expect("token in the link")
        .1
        .to_owned();
    let prober = caller_at(&app, 72);

    // Only the number, a forged token, or another filing's token: the "not found" of a number
    // that does not exist, body and all.
    let (status, nobody) = confirmation(&app, &prober, &[("tracking", "2222-2222-22")]).await;
    assert_eq!(status, 404);
    let other = app
        .post_api(
            "/api/reports/submit",
            &report_fields("孙八", "13612340008", QINGSHI_VILLAGE),
        )
        .await;
    let other_link = other.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned();
    let other_token = other_link.split_once("?t=").expect("token").1;
    let forged = format!("{}.{}", i64::MAX, "0".repeat(64));
    for proof in [
        vec![("tracking", tracking.as_str())],
        vec![("tracking", tracking.as_str()), ("t", forged.as_str())],
        vec![("tracking", tracking.as_str()), ("t", other_token)],
        vec![("tracking", tracking.as_str()), ("mobile", "13900000000")],
    ] {
        assert_eq!(
            confirmation(&app, &prober, &proof).await,
            (404, nobody.clone()),
            "{proof:?}"
        );
    }
    let page =
        crate::helpers::page_in(&app, &prober, &format!("/report/submitted/{tracking}")).await;
    assert!(
        !page.contains("data-testid=\"tracking\""),
        "the page confirmed the number"
    );

    // The filer's own link shows the filing, on the page and as JSON; so does the mobile.
    let grouped = app::domain::tracking::TrackingNumber::parse(&tracking)
        .expect("valid")
        .grouped();
    let (status, body) =
        confirmation(&app, &prober, &[("tracking", &tracking), ("t", &token)]).await;
    assert_eq!(status, 200);
    assert!(body.contains(&grouped), "{body}");
    assert!(app.get_html(&link).await.contains(&grouped));
    let (status, _) = confirmation(
        &app,
        &prober,
        &[("tracking", &tracking), ("mobile", household)],
    )
    .await;
    assert_eq!(status, 200);

    // The token lasts an hour.
    app.clock.advance(chrono::Duration::minutes(61));
    let (status, _) = confirmation(&app, &prober, &[("tracking", &tracking), ("t", &token)]).await;
    assert_eq!(status, 404);
}
