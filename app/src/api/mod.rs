//! Server functions only, grouped by feature. Each is a few lines through
//! `RequestContext::staff_call` / `public_call`; the types they carry live in `crate::wire`.
pub mod admin;
pub mod alerts;
pub mod audit;
pub mod auth;
pub mod campaigns;
pub mod cases;
pub mod contacts;
pub mod dashboard;
pub mod department_keys;
pub mod inbox;
pub mod notice;
#[cfg(feature = "ssr")]
pub mod openapi;
pub mod queue;
pub mod regions;
pub mod reports;
pub mod settings;
