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

/// One 单项: a fee kind of one loan (or one fee as entered), its members'
/// count, its first member and its amount.
#[derive(Debug)]
pub(crate) struct Group {
    kind: ItemKind,
    loan: Option<usize>,
    first: ItemRef,
    count: usize,
    amount: Decimal,
}

pub(crate) fn compute<'p>(
    share_percent: Decimal,
    cap_per_item: Option<Decimal>,
    unit: FeeCapUnit,
    window: Window,
    scenario: &Scenario,
    items: &[ItemRef],
    trace: &mut Trace<'p>,
) -> Option<Computed> {
    let (mut groups, mut members) =
        (std::mem::take(&mut trace.buffers.fee_groups), std::mem::take(&mut trace.buffers.fee_members));
    groups.clear();
    members.clear();
    let computed = sum_fees(
        share_percent,
        cap_per_item,
        unit,
        window,
        scenario,
        items,
        trace,
        &mut groups,
        &mut members,
    );
    (trace.buffers.fee_groups, trace.buffers.fee_members) = (groups, members);
    computed
}

#[allow(clippy::too_many_arguments)]
fn sum_fees<'p>(
    share_percent: Decimal,
    cap_per_item: Option<Decimal>,
    unit: FeeCapUnit,
    window: Window,
    scenario: &Scenario,
    items: &[ItemRef],
    trace: &mut Trace<'p>,
    groups: &mut Vec<Group>,
    // (group, fee) for each fee that joined a group.
    members: &mut Vec<(usize, ItemRef)>,
) -> Option<Computed> {
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
        let same = |g: &Group| unit == FeeCapUnit::PerFeeKindPerLoan && g.kind == item.kind && g.loan == loan;
        let group = match groups.iter().position(same) {
            Some(k) => {
                groups[k].count += 1;
                groups[k].amount += amount;
                k
            }
            None => {
                groups.push(Group { kind: item.kind, loan, first: item, count: 1, amount });
                groups.len() - 1
            }
        };
        members.push((group, item));
    }
    // Two fees of one kind without their loan: whether they share a cap
    // depends on it, so it is asked for rather than assumed.
    if unit == FeeCapUnit::PerFeeKindPerLoan {
        for kind in [ItemKind::EvaluationFee, ItemKind::Guarantee] {
            let of_kind: usize = groups.iter().filter(|g| g.kind == kind).map(|g| g.count).sum();
            let unknown = groups.iter().position(|g| g.kind == kind && g.loan.is_none());
            if of_kind > 1 {
                if let Some(group) = unknown {
                    let number = match kind {
                        ItemKind::EvaluationFee => FieldId::EvaluationFeeLoanNumber,
                        _ => FieldId::GuaranteeLoanNumber,
                    };
                    let of_group = members.iter().filter(|(g, _)| *g == group);
                    trace.missing.extend(of_group.map(|(_, i)| Field::of(*i, number)));
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
    for g in groups.iter() {
        let (kind, loan_number, amount) = (g.kind, g.loan, g.amount);
        let scope = if g.count == 1 {
            CapScope::Item(g.first)
        } else {
            trace.steps.push(Step::FeeGroup { kind, loan_number, count: g.count, amount });
            CapScope::FeeKindOfLoan { kind, loan_number }
        };
        sum += trace.cap(scope, amount, cap_per_item);
    }
    trace.steps.push(Step::Sum { amount: sum });
    Some(Computed::Amount(sum))
}
