//! What never changes once stored, read from the database once per process: the form key
//! secret, and each village's township and county (a region's parent is never rewritten,
//! only its name). Every filing needs both, and on PostgreSQL each read is a round trip.
use std::{
    collections::HashMap,
    sync::{Arc, RwLock},
};

use tokio::sync::OnceCell;

#[derive(Clone, Default, Debug)]
pub struct Memo {
    form_secret: Arc<OnceCell<Vec<u8>>>,
    village_parents: Arc<RwLock<HashMap<String, (String, String)>>>,
}

impl Memo {
    /// The form key secret, read (or made) by `load` the first time only.
    pub async fn form_secret<E, F, Fut>(&self, load: F) -> Result<Vec<u8>, E>
    where
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = Result<Vec<u8>, E>>,
    {
        self.form_secret.get_or_try_init(load).await.cloned()
    }

    /// Village `code`'s township and county; `load` asks the database when they are not
    /// known yet. Only villages that exist are kept, so the map holds at most every village.
    pub async fn village_parents<E, F, Fut>(
        &self,
        code: &str,
        load: F,
    ) -> Result<Option<(String, String)>, E>
    where
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = Result<Option<(String, String)>, E>>,
    {
        let known = self
            .village_parents
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .get(code)
            .cloned();
        if let Some(parents) = known {
            return Ok(Some(parents));
        }
        let found = load().await?;
        if let Some(parents) = &found {
            self.village_parents
                .write()
                .unwrap_or_else(|p| p.into_inner())
                .insert(code.to_owned(), parents.clone());
        }
        Ok(found)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    #[tokio::test]
    async fn a_known_village_is_read_once_and_an_unknown_one_every_time() {
        let memo = Memo::default();
        let reads = AtomicUsize::new(0);
        let load = |found: bool| {
            reads.fetch_add(1, Ordering::Relaxed);
            async move {
                Ok::<_, ()>(found.then(|| ("522799101000".to_owned(), "522799000000".to_owned())))
            }
        };
        for _ in 0..3 {
            let parents = memo.village_parents("522799101201", || load(true)).await;
            assert_eq!(parents.unwrap().unwrap().0, "522799101000");
        }
        assert_eq!(
            reads.load(Ordering::Relaxed),
            1,
            "a known village is not read again"
        );
        for _ in 0..2 {
            assert_eq!(
                memo.village_parents("522799999999", || load(false)).await,
                Ok(None)
            );
        }
        // A village added later is found as soon as it exists.
        assert_eq!(reads.load(Ordering::Relaxed), 3);
    }

    #[tokio::test]
    async fn the_form_secret_is_read_once_and_a_failed_read_is_tried_again() {
        let memo = Memo::default();
        assert_eq!(
            memo.form_secret(|| async { Err("away") }).await,
            Err("away")
        );
        let first = memo
            .form_secret(|| async { Ok::<_, &str>(vec![1, 2]) })
            .await;
        let again = memo.form_secret(|| async { Ok::<_, &str>(vec![9]) }).await;
        assert_eq!((first, again), (Ok(vec![1, 2]), Ok(vec![1, 2])));
    }
}
