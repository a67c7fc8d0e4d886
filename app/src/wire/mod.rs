//! What crosses the network: the one error type, field errors, and every view and form a
//! server function takes or returns. WASM-safe; imports only the domain.
pub mod admin;
pub mod alerts;
pub mod audit;
pub mod auth;
pub mod campaigns;
pub mod cases;
pub mod contacts;
pub mod dashboard;
pub mod error;
/// The error body other callers get (server only: the site's scripts read `AppError`).
#[cfg(feature = "ssr")]
pub mod error_body;
pub mod inbox;
/// A step form's member problems under the wrong control's name (server only).
#[cfg(feature = "ssr")]
pub mod member_errors;
pub mod notice;
pub mod queue;
pub mod regions;
pub mod reports;
pub mod settings;

pub use error::{AppError, FieldError};
pub mod department_keys;
