//! Day-count interest subsidies (贴息): a share of the LPR (I-1) or a fixed
//! number of basis points (I-2) on the principal outstanding, for the loan's
//! days.
//!
//! The rule's readings decide which days count (the effective period), the
//! year an annual cap is per (calendar or loan year), whether days after the
//! evaluation date count (as 预计) and whether repayments lower the
//! principal. The total is never above the interest the enterprise paid (or,
//! when that is not entered, the interest its contract rate implies,
//! labelled as an estimate).

use crate::fields::FieldId;
use rust_decimal::Decimal;
use time::{Date, Month};

use super::{add_to_year, Buffers, Computed, Trace, Window};
use crate::lpr::{self, LprQuote, Tenor};
use crate::pack::{CapYear, DayCount, Document, FutureInterest, LprDate, PrincipalBasis, Readings};
use crate::result::{Field, ItemRef, RateBasis, Step};
use crate::scenario::{Repayment, Scenario};

/// Where the subsidised rate comes from.
pub(crate) enum SubsidyRate {
    LprShare { share_percent: Decimal, tenor: Tenor, date: LprDate },
    FixedBp(Decimal),
}

/// The rule's readings an interest calculation runs on.
pub(crate) struct InterestReadings {
    day_count: DayCount,
    window: Window,
    cap_year: CapYear,
    future: FutureInterest,
    principal: PrincipalBasis,
}

impl InterestReadings {
    pub fn of(doc: &Document, readings: &impl Readings) -> InterestReadings {
        InterestReadings {
            day_count: readings.reading(),
            window: Window::of(doc, readings.reading()),
            cap_year: readings.reading(),
            future: readings.reading(),
            principal: readings.reading(),
        }
    }
}

fn jan1(year: i32) -> Option<Date> {
    Date::from_calendar_date(year, Month::January, 1).ok()
}

/// The loan's `k`-th anniversary (29 February falls on 28 February).
fn anniversary(start: Date, k: i32) -> Option<Date> {
    let year = start.year().checked_add(k)?;
    start.replace_year(year).ok().or_else(|| Date::from_calendar_date(year, Month::February, 28).ok())
}

/// [from, until) cut at each date of `cuts` strictly inside it, into
/// `slices` (both buffers reused from loan to loan).
fn cut(from: Date, until: Date, cuts: &mut Vec<Date>, slices: &mut Vec<(Date, Date)>) {
    cuts.retain(|d| *d > from && *d < until);
    cuts.sort_unstable();
    cuts.dedup();
    slices.clear();
    let mut a = from;
    for &d in cuts.iter().chain(std::iter::once(&until)) {
        slices.push((a, d));
        a = d;
    }
}

/// The principal outstanding on `day`: what the schedule repaid on or
/// before it is no longer lent.
fn outstanding(principal: Decimal, schedule: &[Repayment], day: Date) -> Decimal {
    // Less nothing is the principal itself: zero has the smallest scale, so
    // the subtraction would return it unchanged.
    if schedule.is_empty() {
        return principal;
    }
    principal - schedule.iter().filter(|r| r.date <= day).map(|r| r.principal.amount).sum::<Decimal>()
}

pub(crate) fn compute<'p>(
    rate: SubsidyRate,
    r: InterestReadings,
    cap_per_year: Option<Decimal>,
    scenario: &Scenario,
    items: &[ItemRef],
    trace: &mut Trace<'p>,
) -> Option<Computed> {
    let mut buffers = std::mem::take(&mut trace.buffers);
    buffers.by_year.clear();
    let computed = sum_loans(rate, r, cap_per_year, scenario, items, trace, &mut buffers);
    trace.buffers = buffers;
    computed
}

fn sum_loans<'p>(
    rate: SubsidyRate,
    r: InterestReadings,
    cap_per_year: Option<Decimal>,
    scenario: &Scenario,
    items: &[ItemRef],
    trace: &mut Trace<'p>,
    buffers: &mut Buffers,
) -> Option<Computed> {
    let basis = r.day_count.basis();
    let divisor = Decimal::from(basis * 10_000);
    // Days up to and including the evaluation date have accrued; later ones
    // are an estimate to maturity (预计).
    let first_future = scenario.evaluation_date.next_day().unwrap_or(scenario.evaluation_date);
    let Buffers { by_year, cuts, slices, .. } = buffers;
    let (mut paid, mut estimated) = (Decimal::ZERO, false);
    let (mut accruing, mut projected) = (0, Decimal::ZERO);
    for &item in items {
        let loan = &scenario.loans[item.index];
        let principal = trace.need(loan.principal, item, FieldId::LoanPrincipal);
        let start = trace.need(loan.start_date, item, FieldId::LoanStartDate);
        let end = trace.need(loan.end_date, item, FieldId::LoanEndDate);
        let (Some(principal), Some(start), Some(end)) = (principal, start, end) else {
            continue;
        };
        let principal = principal.amount;
        let schedule: &[Repayment] = match r.principal {
            PrincipalBasis::Outstanding => &loan.repayments,
            PrincipalBasis::ContractPrincipal => &[],
        };
        let repayment_days = |cuts: &mut Vec<Date>| {
            cuts.clear();
            cuts.extend(schedule.iter().map(|p| p.date));
        };
        // A loan with no day in the window counts for nothing: no bound, no
        // question about its interest.
        let Some((from, until)) = r.window.clip(start, end) else {
            trace.steps.push(Step::AccrualClipped { item, start, end, from: start, until: start });
            continue;
        };
        match (loan.interest_paid, loan.contract_rate_percent) {
            (Some(p), _) => paid += p.amount,
            (None, Some(rate)) => {
                estimated = true;
                repayment_days(cuts);
                cut(start, end, cuts, slices);
                for &(a, b) in slices.iter() {
                    let days = Decimal::from((b - a).whole_days());
                    paid +=
                        outstanding(principal, schedule, a) * rate * Decimal::ONE_HUNDRED * days / divisor;
                }
            }
            (None, None) => {
                trace.missing.push(Field::of(item, FieldId::LoanInterestPaid));
                continue;
            }
        }
        if (from, until) != (start, end) {
            trace.steps.push(Step::AccrualClipped { item, start, end, from, until });
        }
        let until = match r.future {
            FutureInterest::AccruedOnly if until > first_future => {
                trace.steps.push(Step::FutureExcluded { item, from: from.max(first_future) });
                until.min(first_future)
            }
            _ => until,
        };
        if from >= until {
            continue;
        }
        accruing += 1;
        repayment_days(cuts);
        let loan_years = r.cap_year == CapYear::LoanYear;
        // 1 January cuts a calendar year's cap, or a repricing.
        let repriced = matches!(rate, SubsidyRate::LprShare { date: LprDate::RepriceEachJanuary, .. });
        if !loan_years || repriced {
            cuts.extend((from.year() + 1..=until.year()).filter_map(jan1));
        }
        if loan_years {
            cuts.extend((1..=until.year() - start.year()).filter_map(|k| anniversary(start, k)));
        }
        let mut quote: Option<(Date, LprQuote)> = None;
        cut(from, until, cuts, slices);
        for &(a, b) in slices.iter() {
            let loan_year_from = loan_years
                .then(|| {
                    (0..=a.year() - start.year())
                        .rev()
                        .filter_map(|k| anniversary(start, k))
                        .find(|d| *d <= a)
                })
                .flatten();
            let year = loan_year_from.map_or(a.year(), |d| d.year());
            let basis_rate = match &rate {
                SubsidyRate::FixedBp(bp) => RateBasis::FixedBp(*bp),
                SubsidyRate::LprShare { share_percent, tenor, date } => {
                    let on = match date {
                        LprDate::ContractDate => start,
                        LprDate::RepriceEachJanuary => jan1(a.year()).map_or(from, |j| j.max(from)),
                    };
                    let q = match quote {
                        Some((d, q)) if d == on => q,
                        _ => {
                            let user = match tenor {
                                Tenor::OneYear => scenario.lpr_override.one_year_percent,
                                Tenor::FiveYear => scenario.lpr_override.five_year_percent,
                            };
                            let Some(q) = lpr::quote(on, *tenor, user) else {
                                trace.missing.push(Field::enterprise(match tenor {
                                    Tenor::OneYear => FieldId::LprOneYear,
                                    Tenor::FiveYear => FieldId::LprFiveYear,
                                }));
                                break;
                            };
                            trace.steps.push(Step::Lpr { item, quote: q });
                            quote = Some((on, q));
                            q
                        }
                    };
                    RateBasis::LprShare { lpr_percent: q.percent, share_percent: *share_percent }
                }
            };
            // Both rates in units of 1/10,000 (bp, or percent × percent), so
            // one division, last, keeps the result exact to 28 digits.
            let rate_10k = match basis_rate {
                RateBasis::FixedBp(bp) => bp,
                RateBasis::LprShare { lpr_percent, share_percent } => lpr_percent * share_percent,
            };
            let balance = outstanding(principal, schedule, a);
            let days = (b - a).whole_days();
            let future_days = (b - a.max(first_future)).whole_days().max(0);
            // The products evaluate left to right, so `balance × rate` is
            // shared, and a slice wholly after the evaluation date is its
            // own projection (the same operations on the same numbers).
            let per_day = balance * rate_10k;
            let amount = per_day * Decimal::from(days) / divisor;
            if future_days == days {
                projected += amount;
            } else if future_days > 0 {
                projected += per_day * Decimal::from(future_days) / divisor;
            }
            trace.steps.push(Step::InterestSlice {
                item,
                year,
                loan_year_from,
                dates: (!schedule.is_empty()).then_some((a, b)),
                principal: balance,
                rate: basis_rate,
                days,
                future_days,
                basis,
                amount,
            });
            add_to_year(by_year, year, amount);
        }
    }
    if !trace.missing.is_empty() {
        return None;
    }
    if accruing == 0 {
        return Some(Computed::NothingAccrues);
    }
    if projected > Decimal::ZERO {
        let total: Decimal = by_year.iter().map(|(_, a)| *a).sum();
        trace.steps.push(Step::Projected {
            evaluation_date: scenario.evaluation_date,
            accrued: total - projected,
            projected,
        });
    }
    let capped = trace.cap_by_year(by_year, cap_per_year, r.cap_year == CapYear::LoanYear);
    Some(Computed::Amount(trace.paid_bound(capped, paid, estimated)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn cuts_at_each_1_january() {
        let days = |from: Date, until: Date| -> Vec<i64> {
            let mut cuts = (from.year() + 1..=until.year()).filter_map(jan1).collect();
            let mut slices = Vec::new();
            cut(from, until, &mut cuts, &mut slices);
            slices.into_iter().map(|(a, b)| (b - a).whole_days()).collect()
        };
        assert_eq!(days(date!(2024 - 07 - 01), date!(2025 - 07 - 01)), vec![184, 181]);
        assert_eq!(days(date!(2024 - 01 - 01), date!(2025 - 01 - 01)), vec![366]);
    }

    #[test]
    fn anniversaries_of_29_february() {
        assert_eq!(anniversary(date!(2024 - 02 - 29), 1), Some(date!(2025 - 02 - 28)));
        assert_eq!(anniversary(date!(2024 - 07 - 01), 1), Some(date!(2025 - 07 - 01)));
    }
}
