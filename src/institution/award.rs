//! Rewards and compensation whose text publishes a cap at most (聊城 2024
//! items 15, 20, 24): 「财政部门给予最高500万元奖励」 is a maximum, not an
//! amount (ground rule 1), and 「按规定予以补偿」 publishes nothing. The
//! result is the cap as a maximum (status `ceiling`), or applicable with no
//! amount, with who sets the figure.

use super::{fen, Outcome, Status, Step};
use crate::pack::institution::InstitutionCalculation;
use crate::pack::InstitutionRule;

pub(crate) fn calculate(rule: &InstitutionRule) -> Option<Outcome<'_>> {
    let InstitutionCalculation::CappedAward { cap_yuan, .. } = &rule.calculation else {
        return None;
    };
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
