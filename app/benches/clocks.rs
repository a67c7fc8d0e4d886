//! Deadline arithmetic over a county-sized workload: 100,000 clocks started on dates spread
//! over 2025-2026 (the years the China calendar knows), against `Calendar::china()`.
//!
//! cargo bench -p app --bench clocks -- --warm-up-time 1 --measurement-time 5

use std::hint::black_box;

use app::domain::{
    calendar::Calendar,
    clock::{
        due_date, time_left_zh, urgency, Clock, ClockKind, ClockState, Level, Span,
        DEFAULT_DUE_SOON_WORKING_DAYS,
    },
};
use chrono::{Days, NaiveDate};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

const CLOCKS: usize = 100_000;
/// 2025-01-01 ..= 2026-12-31.
const START_SPREAD_DAYS: u64 = 730;

fn first_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 1, 1).expect("valid date")
}

/// Start dates spread evenly but not in order over the two years (7,919 is prime, so
/// consecutive clocks land far apart and every day of the spread is used).
fn start_dates() -> Vec<NaiveDate> {
    (0..CLOCKS as u64)
        .map(|i| first_day() + Days::new(i * 7_919 % START_SPREAD_DAYS))
        .collect()
}

/// The statutory spans the workflow uses: 1-15 working days, or 15 / 30 calendar days.
fn working_span(i: usize) -> Span {
    Span::WorkingDays(1 + (i % 15) as u32)
}

fn calendar_span(i: usize) -> Span {
    Span::CalendarDays(if i.is_multiple_of(2) { 15 } else { 30 })
}

/// Clocks in the mix a queue sees: mostly running, some paused, met or cancelled.
/// Each is paired with the day it is looked at: 0-24 days after its start, so the set
/// holds clocks on time, due soon and overdue.
fn clocks(cal: &Calendar) -> Vec<(Clock, NaiveDate)> {
    start_dates()
        .into_iter()
        .enumerate()
        .map(|(i, start)| {
            let span = if i.is_multiple_of(3) {
                calendar_span(i)
            } else {
                working_span(i)
            };
            let kind = ClockKind::ALL[i % ClockKind::ALL.len()];
            let mut clock = Clock::start(kind, Level::Village, start, span, cal);
            let today = start + Days::new((i % 25) as u64);
            match i % 100 {
                0..=4 => clock.pause(today, cal),
                5..=7 => clock.meet(today),
                8..=9 => clock.cancel(today),
                _ => {}
            }
            (clock, today)
        })
        .collect()
}

fn bench_clocks(c: &mut Criterion) {
    let cal = Calendar::china();
    let starts = start_dates();
    let clocks = clocks(&cal);
    let running = clocks
        .iter()
        .filter(|(clock, _)| clock.state == ClockState::Running)
        .count();
    eprintln!("{} clocks, {running} running", clocks.len());

    let mut group = c.benchmark_group("clocks_100k");
    group.throughput(Throughput::Elements(CLOCKS as u64));

    group.bench_function("due_date_working_days", |b| {
        b.iter(|| {
            let mut last = NaiveDate::MIN;
            for (i, start) in starts.iter().enumerate() {
                last = last.max(due_date(*start, working_span(i), &cal));
            }
            black_box(last)
        })
    });

    group.bench_function("due_date_calendar_days", |b| {
        b.iter(|| {
            let mut last = NaiveDate::MIN;
            for (i, start) in starts.iter().enumerate() {
                last = last.max(due_date(*start, calendar_span(i), &cal));
            }
            black_box(last)
        })
    });

    group.bench_function("urgency", |b| {
        b.iter(|| {
            let mut counts = [0usize; 6];
            for (clock, today) in &clocks {
                let level = urgency(clock, *today, &cal, DEFAULT_DUE_SOON_WORKING_DAYS);
                counts[level as usize] += 1;
            }
            black_box(counts)
        })
    });

    group.bench_function("time_left_zh", |b| {
        b.iter(|| {
            let mut bytes = 0usize;
            for (clock, today) in &clocks {
                bytes += time_left_zh(clock, *today, &cal).len();
            }
            black_box(bytes)
        })
    });

    group.finish();
}

criterion_group!(benches, bench_clocks);
criterion_main!(benches);
