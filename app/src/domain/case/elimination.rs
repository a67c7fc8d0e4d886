//! Risk elimination criteria the county checks itself (风险消除): targeted measures carried
//! out, income net of rigid spending above the line, 两不愁三保障 and water secured, and
//! evidence of stability (time monitored, visits, income trend). Also the no-labour rule:
//! such households are 暂不标注风险消除 once a 兜底 measure is in place, and stay monitored.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::calendar::Calendar;
use crate::domain::clock::due_date;
use crate::domain::lang::Lang;
use crate::domain::message::UserMessage;
use crate::domain::money::Fen;
use crate::domain::vocab::{LabourCapacity, MeasureType, RiskType};

use super::plan_review::PlanReview;
use super::policy::Policy;
use super::state::{
    Case, CaseState, HomeCheckRecord, Measure, MeasureStatus, Procedure, ReviewStep,
};

/// Why the county cannot mark the risk eliminated yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "gap", rename_all = "snake_case")]
pub enum EliminationGap {
    /// No assistance measure was ever planned.
    NoMeasures,
    /// No carried-out measure answers this risk of the household.
    RiskNotAddressed { risk: RiskType },
    /// A measure is still only planned, or a one-off measure is not delivered.
    MeasureNotCarriedOut {
        /// The first such measure (absent in refusals from before it was named).
        #[serde(default)]
        measure: Option<MeasureType>,
    },
    /// Per-capita income after the rigid spending is not above the monitoring line.
    NetIncomeNotAboveLine,
    /// 两不愁三保障 or drinking water not secured at the latest home check.
    GuaranteesNotSecured,
    /// Monitored for less than the policy's minimum (收入持续稳定 needs time).
    MonitoredTooShort { until: NaiveDate },
    /// Fewer monitoring visits since identification than the policy asks (`done` of them).
    TooFewVisits {
        needed: u32,
        #[serde(default)]
        done: u32,
    },
    /// Income now is lower than when the household was identified.
    IncomeFalling,
    /// The assistance plan's village review and public notice (落实帮扶措施) are not over.
    PlanNotNoticed,
}

impl EliminationGap {
    pub fn code(&self) -> &'static str {
        match self {
            EliminationGap::NoMeasures => "no_measures",
            EliminationGap::RiskNotAddressed { .. } => "risk_not_addressed",
            EliminationGap::MeasureNotCarriedOut { .. } => "measure_not_carried_out",
            EliminationGap::NetIncomeNotAboveLine => "net_income_not_above_line",
            EliminationGap::GuaranteesNotSecured => "guarantees_not_secured",
            EliminationGap::MonitoredTooShort { .. } => "monitored_too_short",
            EliminationGap::TooFewVisits { .. } => "too_few_visits",
            EliminationGap::IncomeFalling => "income_falling",
            EliminationGap::PlanNotNoticed => "plan_not_noticed",
        }
    }

    /// Details for interpolation and logs.
    pub fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            EliminationGap::RiskNotAddressed { risk } => vec![("risk", risk.code().to_owned())],
            EliminationGap::MeasureNotCarriedOut { measure } => measure
                .map(|m| vec![("measure_type", m.code().to_owned())])
                .unwrap_or_default(),
            EliminationGap::MonitoredTooShort { until } => vec![("until", until.to_string())],
            EliminationGap::TooFewVisits { needed, done } => {
                vec![("needed", needed.to_string()), ("done", done.to_string())]
            }
            EliminationGap::NoMeasures
            | EliminationGap::NetIncomeNotAboveLine
            | EliminationGap::GuaranteesNotSecured
            | EliminationGap::IncomeFalling
            | EliminationGap::PlanNotNoticed => Vec::new(),
        }
    }
}

impl UserMessage for EliminationGap {
    fn key(&self) -> &'static str {
        match self {
            EliminationGap::NoMeasures => "elimination_gap.no_measures",
            EliminationGap::RiskNotAddressed { .. } => "elimination_gap.risk_not_addressed",
            EliminationGap::MeasureNotCarriedOut { .. } => {
                "elimination_gap.measure_not_carried_out"
            }
            EliminationGap::NetIncomeNotAboveLine => "elimination_gap.net_income_not_above_line",
            EliminationGap::GuaranteesNotSecured => "elimination_gap.guarantees_not_secured",
            EliminationGap::MonitoredTooShort { .. } => "elimination_gap.monitored_too_short",
            EliminationGap::TooFewVisits { .. } => "elimination_gap.too_few_visits",
            EliminationGap::IncomeFalling => "elimination_gap.income_falling",
            EliminationGap::PlanNotNoticed => "elimination_gap.plan_not_noticed",
        }
    }

    /// The message in `lang` (texts under `field_error.elimination_gap` in locales/*.json).
    fn text(&self, lang: Lang) -> &'static str {
        use crate::tr::field_error::elimination_gap as t;
        match self {
            EliminationGap::NoMeasures => t::no_measures(lang),
            // Named where it crosses the wire (`FieldError::words`).
            EliminationGap::RiskNotAddressed { .. }
            | EliminationGap::MeasureNotCarriedOut { .. } => {
                crate::domain::message::with_arguments(lang, self.key())
            }
            EliminationGap::NetIncomeNotAboveLine => t::net_income_not_above_line(lang),
            EliminationGap::GuaranteesNotSecured => t::guarantees_not_secured(lang),
            EliminationGap::MonitoredTooShort { .. } | EliminationGap::TooFewVisits { .. } => {
                crate::domain::message::with_arguments(lang, self.key())
            }
            EliminationGap::IncomeFalling => t::income_falling(lang),
            EliminationGap::PlanNotNoticed => t::plan_not_noticed(lang),
        }
    }
}

/// Evidence that income is stable (收入持续稳定), kept with the elimination decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stability {
    /// Identified (or reopened) on this date.
    pub monitored_since: NaiveDate,
    pub days_monitored: i64,
    /// Monitoring visits logged since then.
    pub visits: u32,
    /// Per-capita income after rigid spending at identification and now.
    pub income_at_identification: Option<Fen>,
    pub income_now: Option<Fen>,
}

/// The measure types that answer a risk (缺什么补什么; P10 evidence in the domain notes).
/// `Other` is answered by any measure.
pub fn answers(risk: RiskType) -> &'static [MeasureType] {
    use MeasureType as M;
    match risk {
        RiskType::Illness => &[
            M::Medical,
            M::Insurance,
            M::MinimumLiving,
            M::TemporaryRelief,
        ],
        RiskType::Disability => &[
            M::Medical,
            M::MinimumLiving,
            M::ExtremePovertySupport,
            M::PublicWelfareJob,
        ],
        RiskType::Schooling => &[M::Education],
        RiskType::NaturalDisaster | RiskType::Accident | RiskType::Epidemic => &[
            M::TemporaryRelief,
            M::Insurance,
            M::Housing,
            M::MinimumLiving,
            M::Medical,
        ],
        RiskType::BusinessFailure => &[
            M::Industry,
            M::Employment,
            M::Microcredit,
            M::MinimumLiving,
            M::Insurance,
        ],
        RiskType::UnstableEmployment => &[M::Employment, M::PublicWelfareJob, M::Industry],
        RiskType::LackOfLabour => &[
            M::MinimumLiving,
            M::ExtremePovertySupport,
            M::PublicWelfareJob,
        ],
        RiskType::HousingSafety => &[M::Housing],
        RiskType::DrinkingWater => &[M::DrinkingWater],
        RiskType::Other => &[],
    }
}

/// Ongoing sector measures (小额信贷贴息, 医疗救助, 教育帮扶, 防贫保险) may continue after the
/// exit: under way is enough. Every other measure must be delivered.
pub fn continues_after_exit(measure: MeasureType) -> bool {
    matches!(
        measure,
        MeasureType::Microcredit
            | MeasureType::Medical
            | MeasureType::Education
            | MeasureType::Insurance
    )
}

fn carried_out(measure: &Measure) -> bool {
    match measure.status {
        MeasureStatus::Delivered | MeasureStatus::Withdrawn => true,
        MeasureStatus::InProgress => continues_after_exit(measure.measure_type),
        MeasureStatus::Planned => false,
    }
}

/// Targeted measures carried out: at least one measure, none left undone, and every risk of
/// the household answered by a carried-out measure.
pub fn check_measures(case: &Case) -> Result<(), EliminationGap> {
    first(measure_gaps(case))
}

fn first(gaps: Vec<EliminationGap>) -> Result<(), EliminationGap> {
    gaps.into_iter().next().map_or(Ok(()), Err)
}

/// [`check_measures`]' gaps, all of them: no measure, each measure not carried out, each risk
/// no carried-out measure answers.
fn measure_gaps(case: &Case) -> Vec<EliminationGap> {
    let none = case.plan_measures().next().is_none();
    let held = case.measures.iter().filter(|m| holds_back_elimination(m));
    none.then_some(EliminationGap::NoMeasures)
        .into_iter()
        .chain(held.map(|m| EliminationGap::MeasureNotCarriedOut {
            measure: Some(m.measure_type),
        }))
        .chain(
            unanswered_risks(case)
                .into_iter()
                .map(|risk| EliminationGap::RiskNotAddressed { risk }),
        )
        .collect()
}

/// This measure keeps the risk from being marked eliminated: still only planned, or a
/// one-off measure not delivered (the case page marks it, so the village knows which).
pub fn holds_back_elimination(measure: &Measure) -> bool {
    !carried_out(measure)
}

/// The household's risks that no measure of the plan answers (缺什么补什么).
pub fn unanswered_risks(case: &Case) -> Vec<RiskType> {
    case.risks
        .iter()
        .copied()
        .filter(|risk| {
            let wanted = answers(*risk);
            !wanted.is_empty()
                && !case
                    .plan_measures()
                    .any(|m| wanted.contains(&m.measure_type))
        })
        .collect()
}

/// The measure types that secure each item of 两不愁三保障 and drinking water, in the order of
/// `Guarantees::answers` (the form's `GUARANTEE_ITEMS`).
const GUARANTEE_MEASURES: [&[MeasureType]; 6] = {
    use MeasureType as M;
    const LIVING: &[MeasureType] = &[
        M::MinimumLiving,
        M::ExtremePovertySupport,
        M::TemporaryRelief,
    ];
    [
        LIVING,
        LIVING,
        &[M::Education],
        &[M::Medical, M::Insurance],
        &[M::Housing],
        &[M::DrinkingWater],
    ]
};

/// The items of 两不愁三保障 and drinking water the last home check found not secured and no
/// measure of the plan answers, as positions in `Guarantees::answers`: the elimination's home
/// check must find them secured, so the village is told before it gets there (tester).
pub fn unanswered_guarantees(case: &Case) -> Vec<usize> {
    let Some(household) = case.household.as_ref() else {
        return Vec::new();
    };
    household
        .guarantees
        .answers()
        .into_iter()
        .zip(GUARANTEE_MEASURES)
        .enumerate()
        .filter(|(_, (secured, wanted))| {
            !secured
                && !case
                    .plan_measures()
                    .any(|m| wanted.contains(&m.measure_type))
        })
        .map(|(i, _)| i)
        .collect()
}

/// Monitored, or in the elimination procedure: what still holds back 风险消除 is worth saying.
pub fn heading_for_elimination(case: &Case) -> bool {
    matches!(case.state, CaseState::Monitored)
        || case
            .state
            .review_step()
            .is_some_and(|(procedure, _)| procedure == Procedure::Elimination)
}

/// Whether the case page marks the measures that hold back 风险消除: not for a household the
/// no-labour rule keeps monitored, which is not to be marked eliminated (its 低保 read
/// "风险消除前要落实完毕": officer tester).
pub fn marks_hold_backs(case: &Case) -> bool {
    heading_for_elimination(case) && !backstop_rule_applies(case)
}

/// The stability evidence as of `today`.
pub fn stability(case: &Case, today: NaiveDate) -> Stability {
    let since = case.identified_on.unwrap_or(case.discovered_on);
    let visits = case.visits.iter().filter(|v| v.date >= since).count();
    Stability {
        monitored_since: since,
        days_monitored: (today - since).num_days(),
        visits: u32::try_from(visits).unwrap_or(u32::MAX),
        income_at_identification: case.identification_income,
        income_now: case
            .household
            .as_ref()
            .and_then(|h| h.per_capita_net_income()),
    }
}

/// Time monitored and visits, as the policy asks (checked when the elimination is proposed).
pub fn check_time_and_visits(
    case: &Case,
    policy: &Policy,
    cal: &Calendar,
    today: NaiveDate,
) -> Result<Stability, EliminationGap> {
    let (evidence, gaps) = time_and_visit_gaps(case, policy, cal, today);
    first(gaps).map(|()| evidence)
}

/// [`check_time_and_visits`]' evidence and gaps, all of them.
fn time_and_visit_gaps(
    case: &Case,
    policy: &Policy,
    cal: &Calendar,
    today: NaiveDate,
) -> (Stability, Vec<EliminationGap>) {
    let evidence = stability(case, today);
    let until = due_date(
        evidence.monitored_since,
        policy.rules.elimination_min_monitoring,
        cal,
    );
    let needed = policy.rules.elimination_min_visits;
    let gaps = [
        (today < until).then_some(EliminationGap::MonitoredTooShort { until }),
        (evidence.visits < needed).then_some(EliminationGap::TooFewVisits {
            needed,
            done: evidence.visits,
        }),
    ];
    (evidence, gaps.into_iter().flatten().collect())
}

/// Everything the county checks before marking the risk eliminated; the evidence on success.
pub fn check_all(
    case: &Case,
    policy: &Policy,
    cal: &Calendar,
    today: NaiveDate,
) -> Result<Stability, EliminationGap> {
    check_measures(case)?;
    let household = case.household.as_ref().ok_or(EliminationGap::NoMeasures)?;
    if let Some(gap) = household_gaps(household, policy).into_iter().next() {
        return Err(gap);
    }
    let evidence = check_time_and_visits(case, policy, cal, today)?;
    if let (Some(then), Some(now)) = (evidence.income_at_identification, evidence.income_now) {
        if now < then {
            return Err(EliminationGap::IncomeFalling);
        }
    }
    check_plan_noticed(case)?;
    Ok(evidence)
}

/// Every gap a proposal of 风险消除 would be refused for, not only the first (a refusal named
/// one problem; fixed, the next proposal named the next: officer tester). Empty: none of the
/// proposal's checks holds it back.
pub fn proposal_gaps(
    case: &Case,
    policy: &Policy,
    cal: &Calendar,
    today: NaiveDate,
) -> Vec<EliminationGap> {
    let mut gaps = measure_gaps(case);
    gaps.extend(time_and_visit_gaps(case, policy, cal, today).1);
    gaps.extend(check_plan_noticed(case).err());
    gaps
}

/// The plan's village review and public notice are over (seed 004: 落实帮扶措施 is reviewed and
/// posted too). An elimination proposed on a plan still under review or in notice left that
/// notice running with nobody able to end it (tester).
pub fn check_plan_noticed(case: &Case) -> Result<(), EliminationGap> {
    match case.plan_review {
        None | Some(PlanReview::Noticed { .. }) => Ok(()),
        Some(_) => Err(EliminationGap::PlanNotNoticed),
    }
}

/// The day from which a proposal of 风险消除 would pass the checks made when it is proposed
/// (measures carried out, the plan's notice over, the visits and the time monitored), or
/// `None` while something other than time holds it back. The queue lists the proposal as
/// the village's work from that day: it listed every monitored household, ready or not
/// (tester). The policy form sets the minimum in months, which no holiday calendar moves.
pub fn may_propose_from(case: &Case, policy: &Policy) -> Option<NaiveDate> {
    check_measures(case).ok()?;
    check_plan_noticed(case).ok()?;
    let evidence = stability(case, case.discovered_on);
    if evidence.visits < policy.rules.elimination_min_visits {
        return None;
    }
    let span = policy.rules.elimination_min_monitoring;
    Some(due_date(
        evidence.monitored_since,
        span,
        &Calendar::weekdays_only(),
    ))
}

/// What the home check's own facts refuse, whatever else is done: income after the rigid
/// spending not above the line, and an item of 两不愁三保障 not secured.
fn household_gaps(household: &HomeCheckRecord, policy: &Policy) -> Vec<EliminationGap> {
    let net = household.per_capita_net_income();
    let poor = net.is_none_or(|income| income <= policy.income_line);
    let unsecured = !household.guarantees.all_secured();
    [
        poor.then_some(EliminationGap::NetIncomeNotAboveLine),
        unsecured.then_some(EliminationGap::GuaranteesNotSecured),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// While an elimination runs, what its home check already shows the county must refuse, all
/// of it (a re-check with two problems named only the first): said on the case page from the
/// home check on, so the village review, a five-day notice and the township's review are not
/// spent on it (tester: refused only at 县级审定).
pub fn refused_by_its_home_check(case: &Case, policy: &Policy) -> Vec<EliminationGap> {
    let Some((procedure, step)) = case.state.review_step() else {
        return Vec::new();
    };
    let checked = !matches!(step, ReviewStep::AwaitingHomeCheck);
    match case.household.as_ref() {
        Some(household) if procedure == Procedure::Elimination && checked => {
            household_gaps(household, policy)
        }
        _ => Vec::new(),
    }
}

/// Before an elimination's home check, what the last check's facts (the form comes filled with
/// them) would already make the county refuse: saved unchanged they forced a 不通过 round,
/// said only after saving (officer tester).
pub fn refused_by_the_last_check(case: &Case, policy: &Policy) -> Vec<EliminationGap> {
    match (case.state.review_step(), case.household.as_ref()) {
        (Some((Procedure::Elimination, ReviewStep::AwaitingHomeCheck)), Some(household)) => {
            household_gaps(household, policy)
        }
        _ => Vec::new(),
    }
}

/// A 兜底 measure (低保, 特困供养) is under way or delivered.
pub fn has_backstop(case: &Case) -> bool {
    case.measures
        .iter()
        .any(|m| m.measure_type.is_backstop() && m.status.is_started())
}

/// The no-labour rule covers households where nobody can work, and households that have
/// partly lost labour capacity (no member fully able) and live on a 兜底 measure rather than
/// a stable income of their own.
pub fn backstop_rule_applies(case: &Case) -> bool {
    let Some(household) = case.household.as_ref() else {
        return false;
    };
    match household.labour_capacity() {
        LabourCapacity::None => true,
        LabourCapacity::Partial => has_backstop(case),
        LabourCapacity::Full => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_risk_but_other_is_answered_by_some_measure_and_every_gap_has_words() {
        for risk in RiskType::ALL {
            assert_eq!(
                answers(*risk).is_empty(),
                *risk == RiskType::Other,
                "{risk:?}"
            );
        }
        let gaps = [
            EliminationGap::NoMeasures,
            EliminationGap::RiskNotAddressed {
                risk: RiskType::Illness,
            },
            EliminationGap::MeasureNotCarriedOut { measure: None },
            EliminationGap::NetIncomeNotAboveLine,
            EliminationGap::GuaranteesNotSecured,
            EliminationGap::MonitoredTooShort {
                until: NaiveDate::MIN,
            },
            EliminationGap::TooFewVisits { needed: 1, done: 0 },
            EliminationGap::IncomeFalling,
            EliminationGap::PlanNotNoticed,
        ];
        crate::domain::message::tests::assert_messages_are_well_formed("elimination_gap", &gaps);
    }

    /// A refusal for a measure or a risk names it (tester: the early 风险消除 refusal did not
    /// say which measure, only that the page marked it).
    #[test]
    fn a_measure_or_risk_refusal_names_it() {
        let risk = EliminationGap::RiskNotAddressed {
            risk: RiskType::Illness,
        };
        let measure = EliminationGap::MeasureNotCarriedOut {
            measure: Some(MeasureType::PublicWelfareJob),
        };
        assert_eq!(risk.args(), vec![("risk", "illness".to_owned())]);
        assert_eq!(
            measure.args(),
            vec![("measure_type", "public_welfare_job".to_owned())]
        );
    }
}
