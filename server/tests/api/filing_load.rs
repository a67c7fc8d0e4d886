//! A filing load for the fault tests: households file one after another, each retrying until
//! its filing is acknowledged, until the test stops them.
use std::sync::{
    atomic::{AtomicBool, AtomicUsize, Ordering},
    Arc, RwLock,
};

use tokio::task::JoinHandle;

use crate::spawned::{file_until_acknowledged, wait_for, Filed};

type Household = JoinHandle<(Vec<Filed>, Vec<String>)>;

pub struct FilingLoad {
    stop: Arc<AtomicBool>,
    acknowledged: Arc<AtomicUsize>,
    households: Vec<Household>,
}

impl FilingLoad {
    /// `workers` households at 127.`net`.worker.n with mobiles `{prefix}{worker:02}{n:06}`,
    /// filing at whatever `base` holds now; a refusal must have one of `ok_failures`.
    pub fn start(
        base: &Arc<RwLock<String>>,
        workers: u8,
        net: u8,
        prefix: &'static str,
        ok_failures: &'static [u16],
    ) -> FilingLoad {
        let stop = Arc::new(AtomicBool::new(false));
        let acknowledged = Arc::new(AtomicUsize::new(0));
        let households = (0..workers)
            .map(|worker| {
                let (base, stop, acked) = (base.clone(), stop.clone(), acknowledged.clone());
                tokio::spawn(async move {
                    let (mut filed, mut failures) = (Vec::new(), Vec::new());
                    let mut i: u32 = 0;
                    while !stop.load(Ordering::SeqCst) {
                        i += 1;
                        let from = [127, net, worker, (i % 250 + 1) as u8];
                        let mobile = format!("{prefix}{worker:02}{i:06}");
                        let f = file_until_acknowledged(
                            &base,
                            from,
                            mobile,
                            ok_failures,
                            &mut failures,
                        )
                        .await;
                        filed.push(f);
                        acked.fetch_add(1, Ordering::SeqCst);
                    }
                    (filed, failures)
                })
            })
            .collect();
        FilingLoad {
            stop,
            acknowledged,
            households,
        }
    }

    pub fn acknowledged(&self) -> usize {
        self.acknowledged.load(Ordering::SeqCst)
    }

    /// Waits until `more` filings beyond those acknowledged now are acknowledged.
    pub async fn wait_for_more(&self, more: usize) {
        wait_for(&self.acknowledged, self.acknowledged() + more).await;
    }

    /// Stops the households after their current filing; what they filed and every failed try.
    pub async fn stop(self) -> (Vec<Filed>, Vec<String>) {
        self.stop.store(true, Ordering::SeqCst);
        let (mut filed, mut failures) = (Vec::new(), Vec::new());
        for household in self.households {
            // A household that panicked (an unexpected refusal) shows its own message.
            let (f, e) = household
                .await
                .unwrap_or_else(|e| match e.try_into_panic() {
                    Ok(panic) => std::panic::resume_unwind(panic),
                    Err(e) => panic!("household task: {e}"),
                });
            filed.extend(f);
            failures.extend(e);
        }
        (filed, failures)
    }
}
