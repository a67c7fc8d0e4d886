//! API tests: each spawns the real application on port 0 with a fresh database
//! (SQLite by default; PostgreSQL when TEST_POSTGRES_URL is set) and a manual clock.
mod admin;
mod alerts;
mod attacks;
mod escalation;
mod fixtures;
mod fuzz;
mod hardening;
mod health;
mod helpers;
mod household_progress;
mod household_typing;
mod idempotency;
mod language;
mod ledger;
mod lookup;
mod notice;
mod proxy;
mod queue;
mod queue_counts;
mod reports;
mod scope;
mod screening;
mod settings;
mod setup;
mod steps;
mod storage;
