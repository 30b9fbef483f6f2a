//! Staged grants (分阶段补助, IPO-1): for each stage the enterprise has
//! reached, the amount of its fundraising band; the total under the cap.
//! With no published schedule the result says who sets it and shows the
//! published cap, computing nothing (ground rule 1).

use crate::fields::FieldId;
use rust_decimal::Decimal;

use super::{Computed, Trace};
use crate::pack::{GrantStage, Text};
use crate::result::{CapScope, Field, Step};
use crate::scenario::Scenario;

pub(crate) fn compute<'p>(
    total_cap: Option<Decimal>,
    stages: &'p [GrantStage],
    schedule_set_by: &'p Text,
    scenario: &Scenario,
    trace: &mut Trace<'p>,
) -> Option<Computed> {
    if stages.is_empty() {
        trace.steps.push(Step::NotPublished { set_by: schedule_set_by, cap: total_cap });
        return Some(Computed::NotPublished);
    }
    let ipo = scenario.ipo.as_ref();
    let reached = ipo.and_then(|i| i.stage_reached);
    let fundraising = ipo.and_then(|i| i.planned_fundraising);
    let (Some(reached), Some(fundraising)) = (reached, fundraising) else {
        if reached.is_none() {
            trace.missing.push(Field::enterprise(FieldId::IpoStage));
        }
        if fundraising.is_none() {
            trace.missing.push(Field::enterprise(FieldId::PlannedFundraising));
        }
        return None;
    };
    let fundraising = fundraising.amount;
    let mut sum = Decimal::ZERO;
    for stage in stages.iter().filter(|s| s.stage <= reached) {
        let band = stage.bands.iter().find(|b| {
            fundraising >= b.fundraising_from_yuan
                && b.fundraising_below_yuan.is_none_or(|below| fundraising < below)
        });
        if let Some(band) = band {
            trace.steps.push(Step::StageAmount {
                stage: stage.stage,
                fundraising,
                from: band.fundraising_from_yuan,
                below: band.fundraising_below_yuan,
                amount: band.amount_yuan,
            });
            sum += band.amount_yuan;
        }
    }
    trace.steps.push(Step::Sum { amount: sum });
    let total = trace.cap(CapScope::Total, sum, total_cap);
    Some(Computed::Amount(total))
}
