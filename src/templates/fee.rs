//! Fee subsidies (评估费、担保费补助, G-2): a share of each fee actually
//! paid inside the policy's effective period, under a cap per 单项 — each
//! fee kind of one loan, or each fee as entered (the `fee_cap_unit`
//! reading). A share of at most 100% of the fee cannot exceed what was
//! paid, so no paid bound is needed here.

use crate::fields::FieldId;
use rust_decimal::Decimal;

use super::{pct, Computed, Trace, Window};
use crate::pack::{FeeCapUnit, ItemKind};
use crate::result::{CapScope, Field, ItemRef, Step};
use crate::scenario::Scenario;

pub(crate) fn compute<'p>(
    share_percent: Decimal,
    cap_per_item: Option<Decimal>,
    unit: FeeCapUnit,
    window: Window,
    scenario: &Scenario,
    items: &[ItemRef],
    trace: &mut Trace<'p>,
) -> Option<Computed> {
    // (kind, loan number, items, amount) per 单项.
    let mut groups: Vec<(ItemKind, Option<usize>, Vec<ItemRef>, Decimal)> = Vec::with_capacity(items.len());
    for &item in items {
        let (fee, fee_field, date, date_field, loan) = match item.kind {
            ItemKind::EvaluationFee => {
                let f = &scenario.evaluation_fees[item.index];
                (f.fee, FieldId::EvaluationFeeFee, f.paid_date, FieldId::EvaluationFeePaidDate, f.loan_number)
            }
            _ => {
                let g = &scenario.guarantees[item.index];
                (g.fee, FieldId::GuaranteeFee, g.fee_paid_date, FieldId::GuaranteeFeePaidDate, g.loan_number)
            }
        };
        let fee = trace.need(fee, item, fee_field);
        let inside = trace.in_window(window, date, item, date_field);
        let (Some(fee), Some(true)) = (fee, inside) else {
            continue;
        };
        let amount = fee.amount * pct(share_percent);
        trace.steps.push(Step::FeeShare { item, fee: fee.amount, share_percent, amount });
        let same = |g: &&mut (ItemKind, Option<usize>, Vec<ItemRef>, Decimal)| {
            unit == FeeCapUnit::PerFeeKindPerLoan && g.0 == item.kind && g.1 == loan
        };
        match groups.iter_mut().find(same) {
            Some(group) => {
                group.2.push(item);
                group.3 += amount;
            }
            None => groups.push((item.kind, loan, vec![item], amount)),
        }
    }
    // Two fees of one kind without their loan: whether they share a cap
    // depends on it, so it is asked for rather than assumed.
    if unit == FeeCapUnit::PerFeeKindPerLoan {
        for kind in [ItemKind::EvaluationFee, ItemKind::Guarantee] {
            let of_kind: Vec<&ItemRef> = groups.iter().filter(|g| g.0 == kind).flat_map(|g| &g.2).collect();
            let unknown = groups.iter().find(|g| g.0 == kind && g.1.is_none());
            if of_kind.len() > 1 {
                if let Some(group) = unknown {
                    let number = match kind {
                        ItemKind::EvaluationFee => FieldId::EvaluationFeeLoanNumber,
                        _ => FieldId::GuaranteeLoanNumber,
                    };
                    trace.missing.extend(group.2.iter().map(|i| Field::of(*i, number)));
                }
            }
        }
    }
    if !trace.missing.is_empty() {
        return None;
    }
    if groups.is_empty() {
        return Some(Computed::NoneInPeriod);
    }
    let mut sum = Decimal::ZERO;
    for (kind, loan_number, members, amount) in groups {
        let scope = match members.as_slice() {
            [one] => CapScope::Item(*one),
            _ => {
                trace.steps.push(Step::FeeGroup { kind, loan_number, count: members.len(), amount });
                CapScope::FeeKindOfLoan { kind, loan_number }
            }
        };
        sum += trace.cap(scope, amount, cap_per_item);
    }
    trace.steps.push(Step::Sum { amount: sum });
    Some(Computed::Amount(sum))
}
