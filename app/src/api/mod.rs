//! Server functions, grouped by feature. Each is a thin adapter over `ssr::services`.
pub mod admin;
pub mod alerts;
pub mod auth;
pub mod cases;
pub mod dashboard;
pub mod error;
pub mod inbox;
pub mod notice;
pub mod queue;
pub mod regions;
pub mod reports;
pub mod settings;

pub use error::{AppError, FieldError};
