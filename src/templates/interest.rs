//! Day-count interest subsidies (贴息): a share of the LPR (I-1) or a fixed
//! number of basis points (I-2) on the principal, for the loan's days.
//!
//! A loan spanning two calendar years is split by year before the
//! per-enterprise-year cap, and the total is never above the interest the
//! enterprise paid (or, when that is not entered, the interest its contract
//! rate implies, labelled as an estimate).

use rust_decimal::Decimal;
use time::{Date, Month};

use super::{add_to_year, pct, Computed, Trace};
use crate::lpr::{self, Tenor};
use crate::pack::{Accrual, DayCount, Document, LprDate};
use crate::result::{Field, ItemRef, RateBasis, Step};
use crate::scenario::Scenario;

/// Where the subsidised rate comes from.
pub(crate) enum SubsidyRate {
    LprShare { share_percent: Decimal, tenor: Tenor, date: LprDate },
    FixedBp(Decimal),
}

/// The days that may count: the document's effective range, or all.
#[derive(Clone, Copy)]
pub(crate) struct Window {
    /// First day that counts.
    pub from: Option<Date>,
    /// First day that no longer counts (the day after effective_to).
    pub until: Option<Date>,
}

impl Window {
    pub fn of(doc: &Document, accrual: Accrual) -> Window {
        match accrual {
            Accrual::WholeLoan => Window { from: None, until: None },
            Accrual::EffectivePeriod => {
                Window { from: doc.effective_from, until: doc.effective_to.and_then(|d| d.next_day()) }
            }
        }
    }

    /// [start, end) clipped to the window; `None` when nothing is left.
    fn clip(self, start: Date, end: Date) -> Option<(Date, Date)> {
        let s = self.from.map_or(start, |f| start.max(f));
        let e = self.until.map_or(end, |u| end.min(u));
        (s < e).then_some((s, e))
    }
}

/// The days of [start, end) in each calendar year.
pub(crate) fn days_by_year(start: Date, end: Date) -> impl Iterator<Item = (i32, Date, i64)> {
    (start.year()..=end.year()).filter_map(move |year| {
        let jan1 = Date::from_calendar_date(year, Month::January, 1).ok()?;
        let next = Date::from_calendar_date(year + 1, Month::January, 1).ok()?;
        let from = start.max(jan1);
        let to = end.min(next);
        let days = (to - from).whole_days();
        (days > 0).then_some((year, from, days))
    })
}

pub(crate) fn compute<'p>(
    rate: SubsidyRate,
    day_count: DayCount,
    window: Window,
    cap_per_year: Option<Decimal>,
    scenario: &Scenario,
    items: &[ItemRef],
    trace: &mut Trace<'p>,
) -> Option<Computed> {
    let basis = day_count.basis();
    let mut by_year: Vec<(i32, Decimal)> = Vec::with_capacity(2);
    let (mut paid, mut estimated) = (Decimal::ZERO, false);
    let mut accruing = 0;
    for &item in items {
        let loan = &scenario.loans[item.index];
        let principal = trace.need(loan.principal, item, "principal");
        let start = trace.need(loan.start_date, item, "start_date");
        let end = trace.need(loan.end_date, item, "end_date");
        let (Some(principal), Some(start), Some(end)) = (principal, start, end) else {
            continue;
        };
        let principal = principal.amount;
        // A loan with no day in the window counts for nothing: no bound, no
        // question about its interest.
        let Some((from, until)) = window.clip(start, end) else {
            trace.steps.push(Step::AccrualClipped { item, start, end, from: start, until: start });
            continue;
        };
        match (loan.interest_paid, loan.contract_rate_percent) {
            (Some(p), _) => paid += p.amount,
            (None, Some(rate)) => {
                estimated = true;
                let days = Decimal::from((end - start).whole_days());
                paid += principal * pct(rate) * days / Decimal::from(basis);
            }
            (None, None) => {
                trace.missing.push(Field::of(item, "interest_paid"));
                continue;
            }
        }
        if (from, until) != (start, end) {
            trace.steps.push(Step::AccrualClipped { item, start, end, from, until });
        }
        accruing += 1;
        let mut contract_quote = None;
        for (year, from, days) in days_by_year(from, until) {
            let basis_rate = match &rate {
                SubsidyRate::FixedBp(bp) => RateBasis::FixedBp(*bp),
                SubsidyRate::LprShare { share_percent, tenor, date } => {
                    let on = match date {
                        LprDate::ContractDate => start,
                        LprDate::RepriceEachJanuary => from,
                    };
                    let quote = match (date, contract_quote) {
                        (LprDate::ContractDate, Some(q)) => q,
                        _ => {
                            let user = match tenor {
                                Tenor::OneYear => scenario.lpr_override.one_year_percent,
                                Tenor::FiveYear => scenario.lpr_override.five_year_percent,
                            };
                            let Some(q) = lpr::quote(on, *tenor, user) else {
                                trace.missing.push(Field::enterprise(match tenor {
                                    Tenor::OneYear => "lpr_override.one_year_percent",
                                    Tenor::FiveYear => "lpr_override.five_year_percent",
                                }));
                                break;
                            };
                            trace.steps.push(Step::Lpr { item, quote: q });
                            contract_quote = Some(q);
                            q
                        }
                    };
                    RateBasis::LprShare { lpr_percent: quote.percent, share_percent: *share_percent }
                }
            };
            // Both rates in units of 1/10,000 (bp, or percent × percent), so
            // one division, last, keeps the result exact to 28 digits.
            let rate_10k = match basis_rate {
                RateBasis::FixedBp(bp) => bp,
                RateBasis::LprShare { lpr_percent, share_percent } => lpr_percent * share_percent,
            };
            let amount = principal * rate_10k * Decimal::from(days) / Decimal::from(basis * 10_000);
            trace.steps.push(Step::InterestSlice {
                item,
                year,
                principal,
                rate: basis_rate,
                days,
                basis,
                amount,
            });
            add_to_year(&mut by_year, year, amount);
        }
    }
    if !trace.missing.is_empty() {
        return None;
    }
    if accruing == 0 {
        return Some(Computed::NothingAccrues);
    }
    let capped = trace.cap_by_year(by_year, cap_per_year);
    Some(Computed::Amount(trace.paid_bound(capped, paid, estimated)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn splits_by_calendar_year() {
        let parts: Vec<_> =
            days_by_year(date!(2024 - 07 - 01), date!(2025 - 07 - 01)).map(|(y, _, d)| (y, d)).collect();
        assert_eq!(parts, vec![(2024, 184), (2025, 181)]);
        let parts: Vec<_> =
            days_by_year(date!(2024 - 01 - 01), date!(2025 - 01 - 01)).map(|(y, _, d)| (y, d)).collect();
        assert_eq!(parts, vec![(2024, 366)]);
    }
}
