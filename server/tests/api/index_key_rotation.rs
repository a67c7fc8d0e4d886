//! Rotating the blind-index key (`server keys add-index`, then `server keys rotate`): every
//! blind index is recomputed in batches, resumably; while it runs and after, the search by
//! mobile and ID number, the duplicate flags and the forgotten-number text find every case.
use app::ssr::{
    clock::Clock,
    repo::cases,
    services::{duplicates, lookup, rekey},
    vault::{keyfile, Field, Vault},
};

use crate::{
    helpers::{id_number_for, spawn_app, TestApp},
    key_rotation::CrashAfter,
    personal_data::{journey, SELF_MOBILE},
};

const MOBILES: [&str; 3] = [SELF_MOBILE, "13900139456", "13511117777"];

/// Which key each household's stored mobile index is under: (old, new).
async fn indexed_under(app: &TestApp, old: &Vault, new: &Vault) -> (usize, usize) {
    let (mut under_old, mut under_new) = (0, 0);
    for mobile in MOBILES {
        let stored: Vec<Option<String>> = sqlx::query_scalar(
            "select applicant_mobile_index from cases where applicant_mobile_index in ($1, $2)",
        )
        .bind(old.index(Field::Mobile, mobile))
        .bind(new.index(Field::Mobile, mobile))
        .fetch_all(&app.state.db.pool)
        .await
        .expect("indexes");
        for index in stored.into_iter().flatten() {
            if index == new.index(Field::Mobile, mobile) {
                under_new += 1;
            } else {
                under_old += 1;
            }
        }
    }
    (under_old, under_new)
}

/// Search by mobile and by ID number, the duplicate flags and the forgotten-number text, as
/// an app server holding `vault` does them.
async fn every_case_is_found(app: &TestApp, vault: &Vault, round: u8) {
    let state = app.state.with_vault(vault.clone());
    let pool = &app.state.db.pool;
    for (n, mobile) in MOBILES.into_iter().enumerate() {
        let by_mobile = cases::by_mobile(pool, vault, mobile, 5)
            .await
            .expect("search");
        assert_eq!(by_mobile.len(), 1, "{mobile} by mobile");
        let by_id = cases::same_household(pool, vault, &id_number_for(mobile), "", 5)
            .await
            .expect("search");
        assert_eq!(by_id.len(), 1, "{mobile} by ID number");
        let flagged = duplicates::find(&state, &id_number_for(mobile), "13000000000")
            .await
            .expect("duplicates");
        assert_eq!(flagged.len(), 1, "{mobile} flagged as a duplicate");
        let texts = || async {
            sqlx::query_scalar::<_, i64>("select count(*) from outbox where channel = 'sms'")
                .fetch_one(pool)
                .await
                .expect("count")
        };
        let before = texts().await;
        let address = format!("10.{round}.0.{n}");
        lookup::send_tracking_numbers(&state, mobile, &address, app.clock.now())
            .await
            .expect("sent");
        assert_eq!(
            texts().await,
            before + 1,
            "{mobile}: the forgotten-number text"
        );
    }
}

#[tokio::test]
async fn rotating_the_index_key_crashes_midway_resumes_and_every_case_is_still_found() {
    let app = spawn_app().await;
    journey(&app).await;
    let old = app.state.vault.clone();
    let (text, id) = keyfile::with_new_index_key(keyfile::TEST_KEYS).expect("index key");
    let new = Vault::from_key_text(&text).expect("keys");
    assert_eq!(indexed_under(&app, &old, &new).await, (3, 0));

    // Crash after the first committed batch of two cases.
    let crashed = tokio::spawn({
        let (db, new) = (app.state.db.clone(), new.clone());
        async move {
            let crash = CrashAfter(std::sync::atomic::AtomicU32::new(1));
            rekey::rotate_in_batches(&db, &new, &crash, 2).await
        }
    })
    .await;
    assert!(crashed.is_err_and(|e| e.is_panic()), "the run crashed");
    let (under_old, under_new) = indexed_under(&app, &old, &new).await;
    assert!(
        under_old > 0 && under_new > 0,
        "half-way: {under_old} old, {under_new} new"
    );
    every_case_is_found(&app, &new, 1).await;

    let resumed = rekey::rotate_in_batches(&app.state.db, &new, &rekey::Quiet, 2)
        .await
        .expect("resumes");
    assert_eq!(resumed.key_id, format!("test1+{id}"));
    assert_eq!(resumed.changed_meanwhile, 0);
    assert_eq!(indexed_under(&app, &old, &new).await, (0, 3));
    every_case_is_found(&app, &new, 2).await;

    // Once done, the old index key can go: the new one alone finds everything.
    let old_line = keyfile::TEST_KEYS.lines().next().expect("index line");
    let retired = Vault::from_key_text(&text.replacen(old_line, "", 1)).expect("keys");
    assert_eq!(retired.indexes(Field::Mobile, SELF_MOBILE).len(), 1);
    every_case_is_found(&app, &retired, 3).await;
    let again = rekey::rotate(&app.state.db, &retired, &rekey::Quiet)
        .await
        .expect("runs");
    assert_eq!(again.resealed, 0, "done means done");
}
