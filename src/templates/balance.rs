//! Interest subsidy as a share of the monthly-average loan balance
//! (按月均贷款余额的一定比例贴息, I-3), capped per enterprise and never above
//! the interest paid (or, when not entered, one year's interest at the
//! contract rate on that balance, labelled as an estimate).

use rust_decimal::Decimal;

use super::{pct, Computed, Trace};
use crate::result::{CapScope, Field, ItemRef, Step};
use crate::scenario::Scenario;

pub(crate) fn compute<'p>(
    share_percent: Decimal,
    cap_per_enterprise: Option<Decimal>,
    scenario: &Scenario,
    items: &[ItemRef],
    trace: &mut Trace<'p>,
) -> Option<Computed> {
    let (mut sum, mut paid, mut estimated) = (Decimal::ZERO, Decimal::ZERO, false);
    for &item in items {
        let loan = &scenario.loans[item.index];
        let Some(balance) = trace.need(loan.monthly_average_balance, item, "monthly_average_balance") else {
            continue;
        };
        match (loan.interest_paid, loan.contract_rate_percent) {
            (Some(p), _) => paid += p.amount,
            (None, Some(rate)) => {
                estimated = true;
                paid += balance.amount * pct(rate);
            }
            (None, None) => {
                trace.missing.push(Field::of(item, "interest_paid"));
                continue;
            }
        }
        let amount = balance.amount * pct(share_percent);
        trace.steps.push(Step::BalanceShare { item, balance: balance.amount, share_percent, amount });
        sum += amount;
    }
    if !trace.missing.is_empty() {
        return None;
    }
    trace.steps.push(Step::Sum { amount: sum });
    let capped = trace.cap(CapScope::Enterprise, sum, cap_per_enterprise);
    if cap_per_enterprise.is_none() {
        trace.steps.push(Step::NoCapPublished);
    }
    Some(Computed::Amount(trace.paid_bound(capped, paid, estimated)))
}
