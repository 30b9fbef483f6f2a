//! Fee subsidies (评估费、担保费补助, G-2): a share of each fee actually
//! paid, each item under its own cap. A share of at most 100% of the fee
//! cannot exceed what was paid, so no paid bound is needed here.

use rust_decimal::Decimal;

use super::{pct, Computed, Trace};
use crate::pack::ItemKind;
use crate::result::{CapScope, ItemRef, Step};
use crate::scenario::Scenario;

pub(crate) fn compute<'p>(
    share_percent: Decimal,
    cap_per_item: Option<Decimal>,
    scenario: &Scenario,
    items: &[ItemRef],
    trace: &mut Trace<'p>,
) -> Option<Computed> {
    let mut sum = Decimal::ZERO;
    for &item in items {
        let fee = match item.kind {
            ItemKind::EvaluationFee => scenario.evaluation_fees[item.index].fee,
            _ => scenario.guarantees[item.index].fee,
        };
        let Some(fee) = trace.need(fee, item, "fee") else {
            continue;
        };
        let amount = fee.amount * pct(share_percent);
        trace.steps.push(Step::FeeShare { item, fee: fee.amount, share_percent, amount });
        sum += trace.cap(CapScope::Item(item), amount, cap_per_item);
    }
    if !trace.missing.is_empty() {
        return None;
    }
    trace.steps.push(Step::Sum { amount: sum });
    Some(Computed::Amount(sum))
}
