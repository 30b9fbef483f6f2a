//! Calculation templates (计算模板): the small set of formulas every rule in
//! a pack runs on, one module each. A template reads its parameters from
//! the rule and the amounts from the qualifying items, writes each step to
//! the trace, and returns the amount before rounding (the engine rounds once,
//! at the end, ground rule 2).
//!
//! The caps and bounds shared by the templates live here, so each is a
//! named step the same way everywhere (ground rule 3).

pub(crate) mod balance;
pub(crate) mod fee;
pub(crate) mod grant;
pub(crate) mod interest;
pub(crate) mod premium;

use crate::fields::FieldId;
use rust_decimal::Decimal;
use time::Date;

use crate::pack::{BalancePeriod, Document, EffectivePeriod};
use crate::result::{CapScope, Field, ItemRef, Reason, Step};

/// What a template found.
pub(crate) enum Computed {
    /// The amount before rounding.
    Amount(Decimal),
    /// The text publishes no figure (the step says who sets it).
    NotPublished,
    /// No qualifying loan has a day inside the policy's effective dates.
    NothingAccrues,
    /// Every qualifying fee or policy is dated outside them (the reasons
    /// are in the trace's `left_out`).
    NoneInPeriod,
}

/// The days that may count: the document's effective range, or all
/// (the `effective_period` reading).
#[derive(Clone, Copy)]
pub(crate) struct Window {
    /// First day that counts.
    pub from: Option<Date>,
    /// First day that no longer counts (the day after effective_to).
    pub until: Option<Date>,
}

impl Window {
    pub fn of(doc: &Document, reading: EffectivePeriod) -> Window {
        match reading {
            EffectivePeriod::AnyDate => Window { from: None, until: None },
            EffectivePeriod::Within => {
                Window { from: doc.effective_from, until: doc.effective_to.and_then(|d| d.next_day()) }
            }
        }
    }

    /// Whether anything dated is asked for at all.
    pub fn is_open(self) -> bool {
        self.from.is_none() && self.until.is_none()
    }

    /// [start, end) clipped to the window; `None` when nothing is left.
    pub fn clip(self, start: Date, end: Date) -> Option<(Date, Date)> {
        let s = self.from.map_or(start, |f| start.max(f));
        let e = self.until.map_or(end, |u| end.min(u));
        (s < e).then_some((s, e))
    }

    pub fn admits(self, date: Date) -> bool {
        self.from.is_none_or(|f| date >= f) && self.until.is_none_or(|u| date < u)
    }
}

/// The months a monthly-average balance runs over (the `balance_period`
/// reading): [from, until) inside the evaluation date's year.
#[derive(Clone, Copy)]
pub(crate) struct Period {
    pub from: Date,
    pub until: Date,
}

impl Period {
    pub fn balance(doc: &Document, reading: BalancePeriod, on: Date) -> Period {
        let jan1 = Date::from_calendar_date(on.year(), time::Month::January, 1).unwrap_or(on);
        let next = Date::from_calendar_date(on.year() + 1, time::Month::January, 1).unwrap_or(on);
        match reading {
            BalancePeriod::CalendarYear => Period { from: jan1, until: next },
            BalancePeriod::EffectivePeriodMonths => Period {
                from: doc.effective_from.map_or(jan1, |f| f.max(jan1)),
                until: doc.effective_to.and_then(|t| t.next_day()).map_or(next, |u| u.min(next)),
            },
        }
    }
}

/// The steps and missing fields of one calculation, and the items it left
/// out for their dates.
pub(crate) struct Trace<'p> {
    pub steps: Vec<Step<'p>>,
    pub missing: Vec<Field>,
    pub left_out: Vec<Reason<'p>>,
    /// Working lists of the templates, kept from rule to rule.
    pub buffers: Buffers,
}

/// A template's working lists, reused from one calculation to the next so
/// that a calculation allocates nothing once they have grown (each
/// template clears what it uses).
#[derive(Debug, Default)]
pub(crate) struct Buffers {
    /// Per-year subtotals ([`add_to_year`]).
    pub by_year: Vec<(i32, Decimal)>,
    /// The dates that cut a loan's days, and the slices they cut.
    pub cuts: Vec<Date>,
    pub slices: Vec<(Date, Date)>,
    /// The fee groups (单项) of a fee calculation, and which group each fee joined.
    pub fee_groups: Vec<fee::Group>,
    pub fee_members: Vec<(usize, ItemRef)>,
}

impl<'p> Trace<'p> {
    /// Whether a dated item (a fee paid, a policy year begun) falls in the
    /// window: its date is needed unless the window is open; outside it the
    /// item is left out with the reason.
    pub fn in_window(
        &mut self,
        window: Window,
        date: Option<Date>,
        item: ItemRef,
        name: FieldId,
    ) -> Option<bool> {
        if window.is_open() {
            return Some(true);
        }
        let date = self.need(date, item, name)?;
        let inside = window.admits(date);
        if !inside {
            self.left_out.push(Reason::ItemOutsidePeriod { item, date });
        }
        Some(inside)
    }

    /// The value of a field the formula needs, or a note that it is missing.
    pub fn need<T: Copy>(&mut self, value: Option<T>, item: ItemRef, name: FieldId) -> Option<T> {
        if value.is_none() {
            self.missing.push(Field::of(item, name));
        }
        value
    }

    /// Apply a cap as a step; with no cap published, say so.
    pub fn cap(&mut self, scope: CapScope, before: Decimal, cap: Option<Decimal>) -> Decimal {
        match cap {
            Some(cap) => {
                let after = before.min(cap);
                self.steps.push(Step::Cap { scope, before, cap, after });
                after
            }
            None => before,
        }
    }

    /// Sum per-year subtotals, each under the per-enterprise-year cap.
    /// `loan_years`: the years are loan years, keyed by the year they begin.
    pub fn cap_by_year(
        &mut self,
        by_year: &mut [(i32, Decimal)],
        cap: Option<Decimal>,
        loan_years: bool,
    ) -> Decimal {
        by_year.sort_by_key(|(year, _)| *year);
        let mut total = Decimal::ZERO;
        for &mut (year, subtotal) in by_year {
            self.steps.push(Step::YearSubtotal { year, loan_year: loan_years, amount: subtotal });
            let scope = if loan_years { CapScope::LoanYear(year) } else { CapScope::EnterpriseYear(year) };
            total += self.cap(scope, subtotal, cap);
        }
        if cap.is_none() {
            self.steps.push(Step::NoCapPublished);
        }
        total
    }

    /// Never above what the enterprise actually paid (ground rule 4).
    pub fn paid_bound(&mut self, before: Decimal, paid: Decimal, estimated: bool) -> Decimal {
        let after = before.min(paid);
        self.steps.push(Step::PaidBound { before, paid, estimated, after });
        after
    }
}

/// Add `amount` to the subtotal of `year`.
pub(crate) fn add_to_year(by_year: &mut Vec<(i32, Decimal)>, year: i32, amount: Decimal) {
    match by_year.iter_mut().find(|(y, _)| *y == year) {
        Some((_, subtotal)) => *subtotal += amount,
        None => by_year.push((year, amount)),
    }
}

/// Percent → fraction; multiplying by 0.01 is exact and cheaper than a
/// division.
pub(crate) fn pct(percent: Decimal) -> Decimal {
    percent * Decimal::new(1, 2)
}
