//! All SQL lives here. Functions take any executor (pool or transaction).
pub mod audit;
pub mod campaigns;
pub mod cases;
pub mod clocks;
pub mod contacts;
pub mod department_keys;
pub mod drafts;
pub mod multi_row;
pub mod notifications;
pub mod outbox;
pub mod queue;
pub mod rate_limits;
pub mod regions;
pub mod retention;
pub mod schema;
pub mod sealing;
pub mod secrets;
pub mod sessions;
pub mod settings;
pub mod stats;
pub mod users;

pub use sqlx::Any;
