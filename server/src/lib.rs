//! The Safety Net server: configuration, telemetry and the axum application.
pub mod cli;
pub mod config;
pub mod production;
pub mod startup;
pub mod telemetry;
pub mod test_clock;
pub mod workers;
