//! R-1 担保代偿补偿 (seed 000 三、（三）): 「划分为代偿率小于1%、1%—3%、
//! 3%—5%、5%—8%(含)四档，分别按照担保代偿额的100%、80%、60%、50%补偿；
//! 代偿率超出8%的部分不予补偿」.
//!
//! 「超出8%的部分」 quantitatively: the 代偿率 is 代偿额 / 分母, so the part
//! of the rate above 8% stands for the part of the 代偿额 above 8% of the
//! 分母, i.e. 代偿额 × (代偿率 − 8%) / 代偿率. That part is excluded; the
//! rest, 代偿额 × 8% / 代偿率 (= 分母 × 8%), is what the tiers apply to.
//!
//! The `tier_mode` reading:
//! - `bracket` (default): the whole counted 代偿额 at the share of the tier
//!   the 代偿率 falls in; above 8%, the counted part at the last tier's 50%.
//! - `marginal`: the 代偿额 split by rate bands like a tax scale — the
//!   part attributable to rates in [0, 1%) at 100%, [1%, 3%) at 80%, and so
//!   on — the part above 8% excluded.

use rust_decimal::Decimal;

use super::{Checker, CompensationInput, Outcome, Status, Step};
use crate::pack::institution::{InstitutionCalculation, TierBounds, TierReading};
use crate::pack::{InstitutionRule, Readings};

pub(crate) fn calculate<'p>(
    rule: &'p InstitutionRule,
    input: &CompensationInput,
    c: &mut Checker,
) -> Option<Outcome<'p>> {
    let InstitutionCalculation::TieredCompensation { tiers } = &rule.calculation else {
        return None;
    };
    let reading: TierReading = rule.readings.reading();
    let payout = c.yuan("payout", &input.payout, false);
    let mut out = Outcome::new(Status::Computed);
    let rate = match (input.payout_rate_percent, &input.guarantee_base) {
        (Some(_), Some(_)) => {
            c.push(
                "guarantee_base",
                "请只填写代偿率（payout_rate_percent）或代偿率的分母（guarantee_base）之一",
                "enter either payout_rate_percent or guarantee_base, not both",
            );
            return Some(out);
        }
        (None, None) => {
            c.push(
                "payout_rate_percent",
                "请填写代偿率（payout_rate_percent，百分数），或填写代偿率的分母（guarantee_base）由代偿额推算",
                "enter the payout rate (payout_rate_percent, in percent), or guarantee_base to derive it from the payout",
            );
            return Some(out);
        }
        (Some(rate), None) => {
            let before = c.errors.len();
            let rate = c.percent("payout_rate_percent", rate, false);
            if c.errors.len() == before && rate.is_zero() && !payout.is_zero() {
                c.push(
                    "payout_rate_percent",
                    "代偿率为0但代偿额大于0，两者不一致",
                    "the payout rate is 0 but the payout is above 0: they contradict each other",
                );
            }
            out.steps.push(Step::RateGiven { rate_percent: rate });
            rate
        }
        (None, Some(base)) => {
            let before = c.errors.len();
            let base = c.yuan("guarantee_base", base, false);
            if c.errors.len() > before {
                return Some(out);
            }
            if base.is_zero() {
                c.push("guarantee_base", "代偿率的分母须大于0", "guarantee_base must be above 0");
                return Some(out);
            }
            if payout > base {
                c.push(
                    "payout",
                    "代偿额大于代偿率的分母，代偿率将超过100%，请检查",
                    "the payout exceeds guarantee_base: the payout rate would be above 100%",
                );
                return Some(out);
            }
            let rate = payout * Decimal::ONE_HUNDRED / base;
            out.steps.push(Step::RateDerived { payout, base, rate_percent: rate });
            rate
        }
    };
    if !c.errors.is_empty() {
        return Some(out);
    }
    let Some(last) = tiers.last() else {
        return Some(out);
    };
    let top = last.to_percent;
    // 「超出8%的部分不予补偿」: the 代偿额 the tiers apply to, and the part
    // attributable to the rate above the top.
    let excess = (rate > top).then(|| {
        let counted = match &input.guarantee_base {
            Some(base) => base.amount * top / Decimal::ONE_HUNDRED,
            None => payout * top / rate,
        };
        Step::Excess { rate_percent: rate, top_percent: top, payout, counted, excluded: payout - counted }
    });
    let counted = match &excess {
        Some(Step::Excess { counted, .. }) => *counted,
        _ => payout,
    };
    let amount = match reading {
        TierReading::Bracket => {
            // The `tier_top` reading decides the boundaries the text leaves unsaid.
            let bounds = TierBounds::of(tiers, rule.readings.reading());
            let index = if rate > top {
                tiers.len() - 1
            } else {
                // Validation makes the tiers cover [0, top] (the last one
                // including it), and `TierBounds::of` puts each boundary on
                // exactly one side, so exactly one tier holds the rate.
                tiers.iter().zip(&bounds).position(|(t, b)| b.contains(t, rate)).unwrap_or(tiers.len() - 1)
            };
            let tier = &tiers[index];
            out.steps.push(Step::TierChosen { index, tier, bounds: bounds[index], rate_percent: rate });
            out.steps.extend(excess);
            let amount = counted * tier.share_percent / Decimal::ONE_HUNDRED;
            out.steps.push(Step::TierShare { counted, share_percent: tier.share_percent, amount });
            amount
        }
        TierReading::Marginal => {
            let mut sum = Decimal::ZERO;
            if !rate.is_zero() {
                for (index, tier) in tiers.iter().enumerate() {
                    if rate <= tier.from_percent {
                        break;
                    }
                    let upper = rate.min(tier.to_percent);
                    // The 代偿额 attributable to the rates in [from, upper]:
                    // 代偿额 × (upper − from) / 代偿率.
                    let portion = payout * (upper - tier.from_percent) / rate;
                    let amount = portion * tier.share_percent / Decimal::ONE_HUNDRED;
                    out.steps.push(Step::Band {
                        index,
                        tier,
                        upper_percent: upper,
                        portion,
                        share_percent: tier.share_percent,
                        amount,
                    });
                    sum += amount;
                }
            }
            out.steps.extend(excess);
            out.steps.push(Step::Sum { amount: sum });
            sum
        }
    };
    out.amount = Some(out.round(amount));
    Some(out)
}
