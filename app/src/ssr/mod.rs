//! Server-only code: state, database access, services. Never compiled to WASM.
pub mod audit_download;
pub mod clock;
pub mod context;
pub mod db;
pub mod demo_cases;
pub mod download;
pub mod error;
pub mod form_keys;
pub mod language;
pub mod password;
pub mod proxies;
pub mod repo;
pub mod seed;
pub mod services;
pub mod staff;
pub mod state;
pub mod vault;
