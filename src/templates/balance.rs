//! Interest subsidy as a share of the monthly-average loan balance
//! (按月均贷款余额的一定比例贴息, I-3), capped per enterprise and never above
//! the interest paid (or, when not entered, a year's interest at the
//! contract rate on that average, labelled as an estimate).
//!
//! The average runs over the months the `balance_period` reading names; a
//! loan counts for its own days in them only (its balance × its days /
//! their days), so a loan with four days inside earns four days' share.

use crate::fields::FieldId;
use rust_decimal::Decimal;

use super::{pct, Computed, Period, Trace};
use crate::result::{CapScope, Field, ItemRef, Step};
use crate::scenario::Scenario;

pub(crate) fn compute<'p>(
    share_percent: Decimal,
    cap_per_enterprise: Option<Decimal>,
    period: Period,
    scenario: &Scenario,
    items: &[ItemRef],
    trace: &mut Trace<'p>,
) -> Option<Computed> {
    let (mut sum, mut paid, mut estimated) = (Decimal::ZERO, Decimal::ZERO, false);
    let mut accruing = 0;
    let period_days = (period.until - period.from).whole_days();
    for &item in items {
        let loan = &scenario.loans[item.index];
        let balance = trace.need(loan.monthly_average_balance, item, FieldId::LoanMonthlyBalance);
        let start = trace.need(loan.start_date, item, FieldId::LoanStartDate);
        let end = trace.need(loan.end_date, item, FieldId::LoanEndDate);
        let (Some(balance), Some(start), Some(end)) = (balance, start, end) else {
            continue;
        };
        let loan_days = (end.min(period.until) - start.max(period.from)).whole_days().max(0);
        let average = balance.amount * Decimal::from(loan_days) / Decimal::from(period_days.max(1));
        trace.steps.push(Step::BalanceAverage {
            item,
            balance: balance.amount,
            from: period.from,
            until: period.until,
            loan_days,
            period_days,
            average,
        });
        if loan_days == 0 {
            continue;
        }
        match (loan.interest_paid, loan.contract_rate_percent) {
            (Some(p), _) => paid += p.amount,
            (None, Some(rate)) => {
                estimated = true;
                paid += average * pct(rate);
            }
            (None, None) => {
                trace.missing.push(Field::of(item, FieldId::LoanInterestPaid));
                continue;
            }
        }
        accruing += 1;
        let amount = average * pct(share_percent);
        trace.steps.push(Step::BalanceShare { item, balance: average, share_percent, amount });
        sum += amount;
    }
    if !trace.missing.is_empty() {
        return None;
    }
    if accruing == 0 {
        return Some(Computed::NothingAccrues);
    }
    trace.steps.push(Step::Sum { amount: sum });
    let capped = trace.cap(CapScope::Enterprise, sum, cap_per_enterprise);
    if cap_per_enterprise.is_none() {
        trace.steps.push(Step::NoCapPublished);
    }
    Some(Computed::Amount(trace.paid_bound(capped, paid, estimated)))
}
