//! Counts of assistance measures (帮扶措施) by type, as the reporting rules ask ("counts by
//! … measure"): how many households have each, how many measures are planned, under way and
//! delivered, and their amounts. Withdrawn measures were never help given: not counted.
use super::{
    case::{state::MeasureStatus, Case},
    money::Fen,
    vocab::MeasureType,
};

/// One measure type's figures (or the total over every type).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeasureTally {
    /// None: the total row.
    pub measure: Option<MeasureType>,
    /// Households with at least one such measure.
    pub households: u64,
    pub planned: u64,
    pub in_progress: u64,
    pub delivered: u64,
    /// None when the amounts add up past any real sum (a typing slip to check).
    pub amount: Option<Fen>,
}

impl MeasureTally {
    fn new(measure: Option<MeasureType>) -> MeasureTally {
        MeasureTally {
            measure,
            households: 0,
            planned: 0,
            in_progress: 0,
            delivered: 0,
            amount: Some(Fen::ZERO),
        }
    }

    fn add(&mut self, status: MeasureStatus, amount: Fen) {
        match status {
            MeasureStatus::Planned => self.planned += 1,
            MeasureStatus::InProgress => self.in_progress += 1,
            MeasureStatus::Delivered => self.delivered += 1,
            MeasureStatus::Withdrawn => return,
        }
        self.amount = self.amount.and_then(|sum| sum.checked_add(amount));
    }
}

/// Counts case by case, so a region's cases need not be held at once (the ledger streams).
pub struct MeasureCounter {
    rows: Vec<MeasureTally>,
    total: MeasureTally,
}

impl Default for MeasureCounter {
    fn default() -> Self {
        MeasureCounter {
            rows: MeasureType::ALL
                .iter()
                .map(|m| MeasureTally::new(Some(*m)))
                .collect(),
            total: MeasureTally::new(None),
        }
    }
}

impl MeasureCounter {
    pub fn add(&mut self, case: &Case) {
        let mut has = vec![false; self.rows.len()];
        for m in case.plan_measures() {
            if let Some(at) = MeasureType::ALL.iter().position(|t| *t == m.measure_type) {
                self.rows[at].add(m.status, m.amount);
                has[at] = true;
            }
            self.total.add(m.status, m.amount);
        }
        for (row, yes) in self.rows.iter_mut().zip(&has) {
            row.households += u64::from(*yes);
        }
        self.total.households += u64::from(has.contains(&true));
    }

    /// Each measure type some household has, in the vocabulary's order, then the total row.
    pub fn rows(self) -> Vec<MeasureTally> {
        let mut rows = self.rows;
        rows.retain(|r| r.households > 0);
        rows.push(self.total);
        rows
    }
}

/// [`MeasureCounter`] over `cases`.
pub fn tally<'a>(cases: impl IntoIterator<Item = &'a Case>) -> Vec<MeasureTally> {
    let mut counter = MeasureCounter::default();
    for case in cases {
        counter.add(case);
    }
    counter.rows()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::{state::Measure, tests::setups::with_plan};

    fn one(kind: MeasureType, fen: i64, status: MeasureStatus) -> Measure {
        let mut m = with_plan().case.measures[0].clone();
        m.measure_type = kind;
        m.amount = Fen::from_fen(fen);
        m.status = status;
        m
    }

    #[test]
    fn measures_are_counted_by_type_and_status_with_households_counted_once() {
        use MeasureStatus::{Delivered, Planned, Withdrawn};
        let mut a = with_plan().case;
        let mut b = with_plan().case;
        a.measures = vec![
            one(MeasureType::Employment, 50_000, Delivered),
            one(MeasureType::Employment, 30_000, Planned),
            one(MeasureType::Medical, 10_000, Planned),
            one(MeasureType::Employment, 90_000, Withdrawn),
        ];
        b.measures = vec![one(MeasureType::Employment, 50_000, Delivered)];
        let rows = tally([&a, &b]);
        let job = rows
            .iter()
            .find(|r| r.measure == Some(MeasureType::Employment))
            .expect("a row");
        assert_eq!((job.households, job.planned, job.delivered), (2, 1, 2));
        assert_eq!(
            job.amount,
            Some(Fen::from_fen(130_000)),
            "the withdrawn one is not summed"
        );
        let total = rows.last().expect("a total row");
        assert_eq!(total.measure, None);
        assert_eq!(total.households, 2, "each household once");
        assert_eq!(total.planned + total.in_progress + total.delivered, 4);
        assert_eq!(rows.len(), 3, "only types someone has, then the total");
    }

    #[test]
    fn amounts_past_any_real_sum_are_marked_not_wrapped() {
        let mut a = with_plan().case;
        a.measures = vec![
            one(MeasureType::Medical, i64::MAX, MeasureStatus::Planned),
            one(MeasureType::Medical, 1, MeasureStatus::Planned),
        ];
        assert_eq!(tally([&a])[0].amount, None);
    }
}
