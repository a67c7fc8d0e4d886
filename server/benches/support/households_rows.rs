//! The rows the seed writes, as values: one case per household and the clocks of the open
//! ones, shared by the INSERT seed (SQLite) and the COPY seed (PostgreSQL).
use app::{ssr::seed::COUNTY, ssr::vault::Field};

use super::{case_id_of, id_number_of, is_open, mobile_of, name_of, village_of, Seed};

/// A value of a seeded row: bound into an INSERT (SQLite) or written into COPY (PostgreSQL).
pub(super) enum Value {
    Text(String),
    Int(i64),
    Null,
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::Text(s.to_owned())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::Text(s)
    }
}

impl From<i64> for Value {
    fn from(n: i64) -> Value {
        Value::Int(n)
    }
}

impl From<Option<String>> for Value {
    fn from(s: Option<String>) -> Value {
        s.map_or(Value::Null, Value::Text)
    }
}

/// Household `i`'s tracking number.
fn tracking_of(i: usize) -> String {
    format!("BN{i:010}")
}

/// The columns of [`case_values`], in order.
pub(super) const CASE_COLUMNS: &str =
    "id, tracking_number, village_code, township_code, county_code, state,
     channel, applicant_name, applicant_mobile, applicant_id_number,
     applicant_mobile_index, applicant_id_number_index, household_size,
     risk_types, description, discovered_on, consent_at, version, created_at, updated_at,
     snapshot, next_due_on, work_village_cadre, work_township_officer, work_township_head,
     work_county_officer, work_county_head, work_department, work_rev, urgency_due_on";

/// Household `i`'s case row, in the order of [`CASE_COLUMNS`].
pub(super) fn case_values(i: usize, seed: &Seed<'_>) -> [Value; 30] {
    let vault = &seed.state.vault;
    let v = village_of(i);
    let (village, township) = seed.villages[v];
    let id = case_id_of(i);
    let template = seed.template(i);
    let queue = &template.queue;
    let open = is_open(i);
    // Open rows carry the template's work and due dates; closed ones none.
    let flag = |b: bool| Value::Int(i64::from(b && open));
    let snapshot = format!("{}{id}{}", template.before, template.after);
    let created_at = seed.now_ms - (i as i64) * 1_000;
    let (mobile, id_number) = (mobile_of(i), id_number_of(i));
    [
        id.into(),
        tracking_of(i).into(),
        village.into(),
        township.into(),
        COUNTY.0.into(),
        (if open { "reported" } else { "eliminated" }).into(),
        "self_report".into(),
        name_of(i).into(),
        vault.seal(Field::Mobile, &mobile).into(),
        vault.seal(Field::IdNumber, &id_number).into(),
        vault.index(Field::Mobile, &mobile).into(),
        vault.index(Field::IdNumber, &id_number).into(),
        (1 + (i % 6) as i64).into(),
        "illness".into(),
        "父亲住院，看病花了很多钱".into(),
        seed.discovered.clone().into(),
        created_at.into(),
        1_i64.into(),
        created_at.into(),
        created_at.into(),
        snapshot.into(),
        template.next_due_on.clone().filter(|_| open).into(),
        flag(queue.work_village_cadre),
        flag(queue.work_township_officer),
        flag(queue.work_township_head),
        flag(queue.work_county_officer),
        flag(queue.work_county_head),
        flag(queue.work_department),
        queue.work_rev.clone().into(),
        queue.urgency_due_on.clone().filter(|_| open).into(),
    ]
}

/// The columns of [`clock_values`], in order.
pub(super) const CLOCK_COLUMNS: &str =
    "case_id, seq, kind, owner_level, village_code, township_code, tracking_number,
     started_on, due_on, state, closed_on, paused_left, pause_known, created_at";

/// The clock rows of each open case in `range`, in the order of [`CLOCK_COLUMNS`].
pub(super) fn clock_values(range: std::ops::Range<usize>, seed: &Seed<'_>) -> Vec<[Value; 14]> {
    range
        .filter(|i| is_open(*i))
        .flat_map(|i| seed.template(i).clocks.iter().map(move |c| (i, c)))
        .map(|(i, clock)| {
            let (village, township) = seed.villages[village_of(i)];
            [
                case_id_of(i).into(),
                clock.seq.into(),
                clock.kind.as_str().into(),
                clock.owner_level.as_str().into(),
                village.into(),
                township.into(),
                tracking_of(i).into(),
                clock.started_on.as_str().into(),
                clock.due_on.as_str().into(),
                clock.state.as_str().into(),
                clock.closed_on.clone().into(),
                clock.paused_left.map_or(Value::Null, Value::Int),
                1_i64.into(),
                seed.now_ms.into(),
            ]
        })
        .collect()
}
