//! SIGKILL in the middle of a filing load (both databases): households whose filing got no
//! answer send the same form, with the same key, again until it is acknowledged. Every
//! acknowledged filing is in the database exactly once, retried or not.
use std::{
    sync::{
        atomic::{AtomicBool, AtomicUsize, Ordering},
        Arc, RwLock,
    },
    time::Duration,
};

use crate::{
    helpers::fresh_database_url,
    spawned::{assert_each_filed_once, file_until_acknowledged, key_file, start, wait_for},
};

#[tokio::test]
async fn a_server_killed_mid_load_and_restarted_loses_and_doubles_no_filing() {
    let url = fresh_database_url().await;
    let keys = key_file();
    let server = start(&url, &keys, &[]).await;
    let base = Arc::new(RwLock::new(server.base.clone()));
    let stop = Arc::new(AtomicBool::new(false));
    let acknowledged = Arc::new(AtomicUsize::new(0));
    let households: Vec<_> = (0..6u8)
        .map(|worker| {
            let (base, stop, acked) = (base.clone(), stop.clone(), acknowledged.clone());
            tokio::spawn(async move {
                let (mut filed, mut failures) = (Vec::new(), Vec::new());
                let mut i: u32 = 0;
                while !stop.load(Ordering::SeqCst) {
                    i += 1;
                    let from = [127, 2, worker, (i % 250 + 1) as u8];
                    let mobile = format!("136{worker:02}{i:06}");
                    // While the server is away the connection is refused (or cut): retried.
                    filed.push(
                        file_until_acknowledged(&base, from, mobile, &[], &mut failures).await,
                    );
                    acked.fetch_add(1, Ordering::SeqCst);
                }
                (filed, failures)
            })
        })
        .collect();

    wait_for(&acknowledged, 12).await;
    server.kill9();
    tokio::time::sleep(Duration::from_millis(300)).await;
    let restarted = start(&url, &keys, &[]).await;
    *base.write().expect("base") = restarted.base.clone();
    let before = acknowledged.load(Ordering::SeqCst);
    wait_for(&acknowledged, before + 12).await;
    stop.store(true, Ordering::SeqCst);

    let (mut filed, mut failures) = (Vec::new(), Vec::new());
    for household in households {
        let (f, e) = household.await.expect("household");
        filed.extend(f);
        failures.extend(e);
    }
    let retried = filed.iter().filter(|f| f.tries > 1).count();
    assert!(filed.len() >= 24, "the load ran: {} filings", filed.len());
    assert!(
        !failures.is_empty(),
        "the kill cut some requests off (else this test shows nothing)"
    );
    println!(
        "kill -9: {} filings acknowledged, {retried} of them after a retry, {} failed tries",
        filed.len(),
        failures.len()
    );
    assert_each_filed_once(&url, &keys, &filed).await;
    drop(restarted);
}
