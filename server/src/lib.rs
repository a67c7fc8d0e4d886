//! The Safety Net server: configuration, telemetry and the axum application.
pub mod config;
pub mod hardening;
pub mod serve;
pub mod startup;
pub mod telemetry;
pub mod test_clock;
pub mod workers;
