//! All SQL lives here. Functions take any executor (pool or transaction).
pub mod audit;
pub mod campaigns;
pub mod cases;
pub mod clocks;
pub mod contacts;
pub mod department_keys;
pub mod drafts;
pub mod filing_statement;
pub mod json_rows;
pub mod markers;
pub mod monitoring_objects;
pub mod multi_row;
pub mod notifications;
pub mod outbox;
pub mod outbox_batch;
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

/// A statement being built: its binds are added in the order of its `$n` markers, so the
/// pieces of one statement (`filing_statement`) bind in turn.
pub(crate) type Bound<'q> = sqlx::query::Query<'q, Any, sqlx::any::AnyArguments<'q>>;

/// Bound values one statement may carry: SQLite's default limit (32,766), the lower of the
/// two databases' (PostgreSQL's is 65,535). Multi-row statements size their chunks by it.
pub const MAX_BINDS: usize = 32_766;
