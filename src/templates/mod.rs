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

use rust_decimal::Decimal;

use crate::result::{CapScope, Field, ItemRef, Step};

/// What a template found.
pub(crate) enum Computed {
    /// The amount before rounding.
    Amount(Decimal),
    /// The text publishes no figure (the step says who sets it).
    NotPublished,
    /// No qualifying loan has a day inside the policy's effective dates.
    NothingAccrues,
}

/// The steps and missing fields of one calculation.
pub(crate) struct Trace<'p> {
    pub steps: Vec<Step<'p>>,
    pub missing: Vec<Field>,
}

impl<'p> Trace<'p> {
    pub fn new() -> Self {
        // Most traces hold a handful of steps: one allocation, no regrowth.
        Trace { steps: Vec::with_capacity(8), missing: Vec::new() }
    }

    /// The value of a field the formula needs, or a note that it is missing.
    pub fn need<T: Copy>(&mut self, value: Option<T>, item: ItemRef, name: &'static str) -> Option<T> {
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
    pub fn cap_by_year(&mut self, mut by_year: Vec<(i32, Decimal)>, cap: Option<Decimal>) -> Decimal {
        by_year.sort_by_key(|(year, _)| *year);
        let mut total = Decimal::ZERO;
        for (year, subtotal) in by_year {
            self.steps.push(Step::YearSubtotal { year, amount: subtotal });
            total += self.cap(CapScope::EnterpriseYear(year), subtotal, cap);
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
