//! Services own transactions and rules; server functions only adapt to them.
pub mod admin;
pub mod alert_feedback;
pub mod alert_file;
pub mod alerts;
pub mod audit;
pub mod audit_views;
pub mod auth;
pub mod campaigns;
pub mod case_view;
pub mod cases;
pub mod contacts;
pub mod dashboard;
pub mod dashboard_objects;
pub mod dashboard_xlsx;
pub mod department_keys;
pub mod duplicates;
pub mod escalation;
pub mod filing_limits;
mod filing_store;
pub mod household;
pub mod housekeeping;
pub mod inbox;
pub mod ledger;
pub mod ledger_xlsx;
pub mod login_lock;
pub mod lookup;
pub mod notice;
pub mod outbox;
pub mod policy_versions;
pub mod queue;
pub mod regions;
pub mod rekey;
pub mod reports;
pub mod reveal;
pub mod settings;
pub mod setup;
pub mod sheet_bounds;
pub mod stats;
pub mod track;
pub mod track_limits;

/// Unix milliseconds, the storage form of an instant.
pub fn millis(instant: chrono::DateTime<chrono::Utc>) -> i64 {
    instant.timestamp_millis()
}
