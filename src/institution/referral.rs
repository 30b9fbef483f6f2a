//! 推荐清单推送与授信决定 (通区府办发〔2024〕23号 三、（一）（二）): one
//! enterprise's referral checked against the text's two limits —
//! 「同一家企业同一批次推送不超过3家银行」 and 「在收齐企业申请材料30日内作出
//! 是否授信的决定」 — for the outreach tools. No money: the result is
//! `checked`, with a step for each limit met and a flag for each missed.
//!
//! Days: counted from the day after the materials were complete (《民法典》
//! 第二百零一条: 开始的当日不计入), so the decision is in time when
//! decision − complete ≤ 30; 「以内」 includes the 30th day (第一千二百五十九条).

use time::Duration;

use super::{Checker, Flag, Open, Outcome, ReferralInput, Status, Step};
use crate::pack::institution::InstitutionCalculation;
use crate::pack::InstitutionRule;

/// A sanity bound on a batch: no referral goes to a thousand banks.
const MAX_BANKS: u32 = 1000;

pub(crate) fn calculate<'p>(
    rule: &'p InstitutionRule,
    input: &ReferralInput,
    c: &mut Checker,
) -> Option<Outcome<'p>> {
    let InstitutionCalculation::ReferralCheck { max_banks_per_batch, decision_days_max } = &rule.calculation
    else {
        return None;
    };
    let (max_banks, max_days) = (*max_banks_per_batch, *decision_days_max);
    let mut out = Outcome::new(Status::Checked);
    if input.banks_in_batch == 0 || input.banks_in_batch > MAX_BANKS {
        c.push(
            "banks_in_batch",
            format!("推送银行家数须在1至{MAX_BANKS}之间"),
            format!("banks_in_batch must be between 1 and {MAX_BANKS}"),
        );
    }
    match (input.materials_complete, input.decision_date) {
        (Some(complete), Some(decided)) if decided < complete => c.push(
            "decision_date",
            format!("授信决定日 {decided} 早于收齐材料日 {complete}"),
            format!("decision_date {decided} is before materials_complete {complete}"),
        ),
        (None, Some(_)) => c.push(
            "materials_complete",
            "已填写授信决定日，请同时填写收齐申请材料之日",
            "a decision date needs the date the materials were complete (materials_complete)",
        ),
        _ => {}
    }
    if !c.errors.is_empty() {
        return Some(out);
    }

    let count = input.banks_in_batch;
    if count > max_banks {
        out.flags.push(Flag::TooManyBanks { count, max: max_banks });
    } else {
        out.steps.push(Step::BanksWithinLimit { count, max: max_banks });
    }
    match (input.materials_complete, input.decision_date) {
        (Some(complete), Some(decided)) => {
            let days = (decided - complete).whole_days();
            if days > i64::from(max_days) {
                out.flags.push(Flag::DecisionLate { days, max: max_days });
            } else {
                out.steps.push(Step::DecidedInTime { days, max: max_days });
            }
        }
        (Some(complete), None) => {
            let deadline = complete + Duration::days(i64::from(max_days));
            if input.date > deadline {
                out.flags.push(Flag::DecisionOverdue { deadline, max: max_days });
            } else {
                out.steps.push(Step::DecisionDue { deadline, max: max_days });
            }
        }
        (None, _) => out.to_confirm.push(Open::MaterialsComplete { max: max_days }),
    }
    Some(out)
}
