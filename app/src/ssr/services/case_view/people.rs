//! Who did what, by name: events, the comparison and the read-aloud consent store account
//! ids, and the case page shows each account's display name (never an id).
use std::collections::HashMap;

use crate::{
    domain::{case::CaseEvent, role::Role},
    ssr::{error::ServiceError, repo::users, state::AppState},
};

/// Display names for every account a case mentions, looked up once per page.
pub struct People(HashMap<String, String>);

impl People {
    pub async fn load(state: &AppState, ids: Vec<String>) -> Result<Self, ServiceError> {
        let mut ids = ids;
        ids.sort();
        ids.dedup();
        let names = users::display_names(&state.db.pool, &ids).await?;
        Ok(Self(names.into_iter().collect()))
    }

    /// The account's display name; an account that no longer exists shows as such.
    pub fn name(&self, user_id: &str) -> String {
        self.0
            .get(user_id)
            .cloned()
            .unwrap_or_else(|| "（已删除的账号）".to_owned())
    }

    /// The account's display name, None if it no longer exists.
    pub fn known_name(&self, user_id: &str) -> Option<String> {
        self.0.get(user_id).cloned()
    }

    /// "农户本人" for the household itself, else "role（name）".
    pub fn who(&self, event: &CaseEvent) -> String {
        if event.by.role == Role::Household {
            "农户本人".to_owned()
        } else {
            format!(
                "{}（{}）",
                event.by.role.label_zh(),
                self.name(&event.by.user_id)
            )
        }
    }
}
