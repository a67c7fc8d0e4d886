//! Sign-in and text-message limits: no lock-out of the owner, exact counts under bursts,
//! hashing off the request threads.
use super::*;

#[tokio::test]
async fn an_attackers_wrong_passwords_do_not_lock_the_admin_out() {
    let app = spawn_app().await;
    let attacker = caller_at(&app, 66);
    let mut statuses = Vec::new();
    for _ in 0..12 {
        statuses.push(sign_in(&app, &attacker, ADMIN, "guess-2026").await);
    }
    assert_eq!(how_many(&statuses, 401), 5, "{statuses:?}");
    assert_eq!(how_many(&statuses, 429), 7, "{statuses:?}");
    // The attacker now waits even with the right password: the delay is theirs.
    assert_eq!(sign_in(&app, &attacker, ADMIN, PASSWORD).await, 429);
    assert_eq!(count(&app, "select count(*) from sessions").await, 0);

    // The admin, from their own address, signs in at once.
    let admin = caller_at(&app, 10);
    assert_eq!(sign_in(&app, &admin, ADMIN, PASSWORD).await, 200);
    assert_eq!(count(&app, "select count(*) from sessions").await, 1);
}

#[tokio::test]
async fn the_delay_grows_and_ends() {
    let app = spawn_app().await;
    let attacker = caller_at(&app, 67);
    for _ in 0..5 {
        assert_eq!(sign_in(&app, &attacker, ADMIN, "guess").await, 401);
    }
    assert_eq!(sign_in(&app, &attacker, ADMIN, "guess").await, 429);
    // After a minute one more try; then four minutes.
    app.clock.advance(chrono::Duration::seconds(61));
    assert_eq!(sign_in(&app, &attacker, ADMIN, "guess").await, 401);
    app.clock.advance(chrono::Duration::seconds(61));
    assert_eq!(sign_in(&app, &attacker, ADMIN, "guess").await, 429);
    app.clock.advance(chrono::Duration::minutes(4));
    assert_eq!(sign_in(&app, &attacker, ADMIN, PASSWORD).await, 200);
}

#[tokio::test]
async fn a_parallel_burst_of_40_wrong_passwords_gets_exactly_5_tries() {
    let app = spawn_app().await;
    let attacker = caller_at(&app, 68);
    let tries = (0..40)
        .map(|_| sign_in_request(&app, &attacker, ADMIN, "guess-2026"))
        .collect();
    let statuses = burst(tries).await;
    assert_eq!(how_many(&statuses, 401), 5, "{statuses:?}");
    assert_eq!(how_many(&statuses, 429), 35, "{statuses:?}");
    assert_eq!(count(&app, "select count(*) from sessions").await, 0);
}

#[tokio::test]
async fn a_parallel_spray_over_many_accounts_from_one_address_stops_at_the_address_cap() {
    let app = spawn_app().await;
    let attacker = caller_at(&app, 69);
    let names: Vec<String> = (0..40).map(|i| format!("nobody-{i}")).collect();
    let tries = names
        .iter()
        .map(|name| sign_in_request(&app, &attacker, name, "guess-2026"))
        .collect();
    let statuses = burst(tries).await;
    let cap = app::ssr::services::auth::limits::PER_ADDRESS as usize;
    assert_eq!(how_many(&statuses, 401), cap, "{statuses:?}");
    assert_eq!(how_many(&statuses, 429), 40 - cap, "{statuses:?}");
}

#[tokio::test]
async fn a_parallel_burst_of_40_text_requests_sends_exactly_3_texts() {
    let app = spawn_app().await;
    let mobile = "13700137001";
    app.submit_report("张三", mobile, QINGSHI_VILLAGE).await;
    let caller = caller_at(&app, 70);
    let form = fields(&[("mobile", mobile)]);
    let asks = (0..40)
        .map(|_| {
            caller
                .post(app.url("/api/reports/resend"))
                .header(header::ACCEPT, "application/json")
                .form(&form)
        })
        .collect();
    let statuses = burst(asks).await;
    let limit = app::ssr::services::lookup::MAX_PER_MOBILE as usize;
    assert_eq!(how_many(&statuses, 200), limit, "{statuses:?}");
    assert_eq!(how_many(&statuses, 429), 40 - limit, "{statuses:?}");
    let texts = count(
        &app,
        "select count(*) from outbox where channel = 'sms' and case_id is null",
    )
    .await;
    assert_eq!(texts, limit as i64);
}

#[tokio::test]
async fn health_answers_while_twenty_sign_ins_hash_passwords() {
    let app = spawn_app().await;
    let users = [
        "cun-qingshi",
        "zhen-qingshi",
        "xian-officer",
        "rexian",
        ADMIN,
    ];
    let clients: Vec<reqwest::Client> = (0..20).map(|i| caller_at(&app, 100 + i)).collect();
    let sign_ins = async {
        let tries = clients
            .iter()
            .enumerate()
            .map(|(i, c)| sign_in_request(&app, c, users[i % users.len()], PASSWORD))
            .collect();
        let statuses = burst(tries).await;
        (statuses, std::time::Instant::now())
    };
    let health = async {
        // Let the sign-ins start hashing first.
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        let mut answers = Vec::new();
        for _ in 0..5 {
            let response = app
                .client
                .get(app.url("/healthz"))
                .send()
                .await
                .expect("healthz");
            answers.push(response.status().as_u16());
        }
        (answers, std::time::Instant::now())
    };
    let ((statuses, signed_in_at), (answers, healthy_at)) = tokio::join!(sign_ins, health);
    assert_eq!(how_many(&statuses, 200), 20, "{statuses:?}");
    assert_eq!(answers, vec![200; 5]);
    assert!(
        healthy_at < signed_in_at,
        "health answered only after the sign-ins finished"
    );
}
