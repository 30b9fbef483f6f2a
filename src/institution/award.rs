//! Rewards and compensation whose text publishes a cap at most (聊城 2024
//! items 15, 20, 24; 临海 2021 item 1): 「财政部门给予最高500万元奖励」 is a
//! maximum, not an amount (ground rule 1), 「给予20%—50%的研发费用补助，具体
//! 办法另行制定」 makes only its top share a maximum, and 「按规定予以补偿」
//! publishes nothing. The result is the maximum (status `ceiling`), or
//! applicable with no amount, with who sets the figure.

use super::{fen, AwardInput, Checker, Outcome, Status, Step};
use crate::pack::institution::InstitutionCalculation;
use crate::pack::InstitutionRule;

pub(crate) fn calculate<'p>(
    rule: &'p InstitutionRule,
    input: &AwardInput,
    c: &mut Checker,
) -> Option<Outcome<'p>> {
    let InstitutionCalculation::CappedAward { cap_yuan, share_of_cost, .. } = &rule.calculation else {
        return None;
    };
    if let Some(range) = share_of_cost {
        let mut out = Outcome::new(Status::Ceiling);
        let Some(cost) = &input.cost else {
            c.push(
                "cost",
                format!("请填写{}（元）", range.cost.zh),
                format!("enter the {} (yuan)", range.cost.en),
            );
            return Some(out);
        };
        let cost = c.yuan("cost", cost, true);
        if !c.errors.is_empty() {
            return Some(out);
        }
        let hundred = rust_decimal::Decimal::ONE_HUNDRED;
        let (low, high) = (cost * range.min_percent / hundred, cost * range.max_percent / hundred);
        out.steps.push(Step::CostShareRange {
            cost,
            min_percent: range.min_percent,
            max_percent: range.max_percent,
            low,
            high,
        });
        out.amount = Some(out.round(high));
        return Some(out);
    }
    Some(match cap_yuan {
        Some(cap) => {
            let mut out = Outcome::new(Status::Ceiling);
            out.steps.push(Step::AwardCap { cap: fen(*cap) });
            out.amount = Some(fen(*cap));
            out
        }
        None => {
            let mut out = Outcome::new(Status::AmountNotPublished);
            out.steps.push(Step::AwardNotPublished);
            out
        }
    })
}
