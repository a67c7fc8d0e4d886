//! A movable clock for end-to-end tests (`TEST_CLOCK=1`). The route exists only in builds
//! with the `test-clock` cargo feature: anyone could move time with it.
use chrono::Duration;

/// The furthest the clock moves in one call, either way (ten years): far enough for any
/// deadline, small enough that the arithmetic cannot overflow.
pub const MAX_DAYS: i64 = 3660;

/// The step for `days`, or `None` when it is out of range (answered with 400, never a panic).
pub fn step(days: i64) -> Option<Duration> {
    (-MAX_DAYS..=MAX_DAYS)
        .contains(&days)
        .then(|| Duration::days(days))
}

#[cfg(feature = "test-clock")]
pub use routes::routes;

#[cfg(feature = "test-clock")]
mod routes {
    use app::ssr::clock::ManualClock;
    use axum::{extract::Query, http::StatusCode, routing::post, Router};
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
                    let Some(step) = super::step(advance.days) else {
                        return (
                            StatusCode::BAD_REQUEST,
                            format!("days must be between -{0} and {0}", super::MAX_DAYS),
                        );
                    };
                    clock.advance(step);
                    tracing::warn!(days = advance.days, "test clock moved");
                    (StatusCode::OK, "ok".to_owned())
                }
            }),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_step_within_ten_years_either_way_is_taken() {
        assert_eq!(step(3), Some(Duration::days(3)));
        assert_eq!(step(-MAX_DAYS), Some(Duration::days(-MAX_DAYS)));
        assert_eq!(step(MAX_DAYS), Some(Duration::days(MAX_DAYS)));
    }

    #[test]
    fn a_huge_step_is_refused_instead_of_panicking() {
        assert_eq!(step(MAX_DAYS + 1), None);
        assert_eq!(step(i64::MAX), None);
        assert_eq!(step(i64::MIN), None);
    }
}
