//! Premium subsidies (保费补贴, P-1, P-2): a share of the premium actually
//! paid, on at most the premium a rate ceiling allows (保险金额 × 费率上限),
//! under the per-enterprise-year cap: summed per calendar year of the
//! 保险起期, or each policy's 投保年度 on its own (the `premium_cap_year` reading).

use crate::fields::FieldId;
use rust_decimal::Decimal;

use super::{add_to_year, pct, Computed, Trace, Window};
use crate::pack::PremiumCapYear;
use crate::result::{CapScope, ItemRef, Step};
use crate::scenario::Scenario;

pub(crate) fn compute<'p>(
    share_percent: Decimal,
    rate_ceiling_percent: Option<Decimal>,
    // 「年度最高」 and which 年度 (the `premium_cap_year` reading).
    cap: Option<(Decimal, PremiumCapYear)>,
    window: Window,
    scenario: &Scenario,
    items: &[ItemRef],
    trace: &mut Trace<'p>,
) -> Option<Computed> {
    let mut by_year = std::mem::take(&mut trace.buffers.by_year);
    by_year.clear();
    let computed =
        sum_policies(share_percent, rate_ceiling_percent, cap, window, scenario, items, trace, &mut by_year);
    trace.buffers.by_year = by_year;
    computed
}

#[allow(clippy::too_many_arguments)]
fn sum_policies<'p>(
    share_percent: Decimal,
    rate_ceiling_percent: Option<Decimal>,
    cap: Option<(Decimal, PremiumCapYear)>,
    window: Window,
    scenario: &Scenario,
    items: &[ItemRef],
    trace: &mut Trace<'p>,
    by_year: &mut Vec<(i32, Decimal)>,
) -> Option<Computed> {
    let cap_per_year = cap.map(|(yuan, _)| yuan);
    let per_policy = matches!(cap, Some((_, PremiumCapYear::PolicyYear)));
    let mut sum = Decimal::ZERO;
    let mut counted = 0;
    for &item in items {
        let policy = &scenario.insurance[item.index];
        // A policy year begun outside the effective period is not paid
        // (the `effective_period` reading): its start date is needed.
        let inside = trace.in_window(window, policy.start_date, item, FieldId::InsuranceStartDate);
        let premium = trace.need(policy.premium, item, FieldId::InsurancePremium);
        let insured = match rate_ceiling_percent {
            Some(_) => trace.need(policy.insured_amount, item, FieldId::InsuredAmount).map(|m| m.amount),
            None => Some(Decimal::ZERO),
        };
        let year = match cap_per_year {
            Some(_) => trace.need(policy.start_date, item, FieldId::InsuranceStartDate).map(|d| d.year()),
            None => Some(0),
        };
        let (Some(premium), Some(insured), Some(year), Some(true)) = (premium, insured, year, inside) else {
            continue;
        };
        counted += 1;
        let base = match rate_ceiling_percent {
            Some(ceiling_percent) => {
                let base = premium.amount.min(insured * pct(ceiling_percent));
                trace.steps.push(Step::PremiumBase {
                    item,
                    premium: premium.amount,
                    insured,
                    ceiling_percent,
                    base,
                });
                base
            }
            None => premium.amount,
        };
        let amount = base * pct(share_percent);
        trace.steps.push(Step::PremiumShare { item, base, share_percent, amount });
        if per_policy {
            sum += trace.cap(CapScope::PolicyYear(item), amount, cap_per_year);
        } else {
            add_to_year(by_year, year, amount);
            sum += amount;
        }
    }
    if !trace.missing.is_empty() {
        return None;
    }
    if counted == 0 {
        return Some(Computed::NoneInPeriod);
    }
    let total = match cap_per_year {
        Some(_) if per_policy => {
            trace.steps.push(Step::Sum { amount: sum });
            sum
        }
        Some(_) => trace.cap_by_year(by_year, cap_per_year, false),
        None => {
            trace.steps.push(Step::Sum { amount: sum });
            trace.steps.push(Step::NoCapPublished);
            sum
        }
    };
    Some(Computed::Amount(total))
}
