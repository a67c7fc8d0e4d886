//! A movable clock for end-to-end tests and demos of deadlines (`TEST_CLOCK=1`).
//! Never enable it in production: anyone could move time.
use app::ssr::clock::ManualClock;
use axum::{extract::Query, routing::post, Router};
use chrono::Duration;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct Advance {
    days: i64,
}

pub fn routes(clock: ManualClock) -> Router {
    Router::new().route(
        "/__test/clock/advance",
        post(move |Query(advance): Query<Advance>| {
            let clock = clock.clone();
            async move {
                clock.advance(Duration::days(advance.days));
                tracing::warn!(days = advance.days, "test clock moved");
                "ok"
            }
        }),
    )
}
