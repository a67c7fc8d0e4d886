//! The Safety Net server: configuration, telemetry and the axum application.
pub mod audit_cmd;
pub mod backup;
pub mod cli;
pub mod cli_help;
pub mod config;
pub mod fn_errors;
pub mod hardening;
pub mod keys;
pub mod keys_cmd;
pub mod metrics;
pub mod production;
pub mod serve;
pub mod startup;
pub mod telemetry;
pub mod test_clock;
pub mod workers;
