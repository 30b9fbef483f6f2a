//! 如何符合条件 (what-if): for a rule the enterprise fails only on facts it
//! can still change — the conditions a pack marks `changeable` in its guide
//! (办理质押登记, 纳入政府性融资担保业务, 年化担保费率不超过1%, 列入名单库,
//! 向科技支行贷款 …) — the same scenario with those facts met, evaluated by
//! the engine. The result is an assumption, said as one: 「如……，预计可获
//! X 元」.
//!
//! Also the points of the subsidy against the loan size for an interest rule
//! (贴息随贷款金额变化), each one an evaluation, with the rule's cap, for the
//! page's chart. Each evaluates the one rule alone (a rule's result depends
//! on no other rule): a what-if or a point costs one rule, not the pack.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::engine;
use crate::money::{Money, Yuan};
use crate::pack::{Calculation, Condition, GuaranteeFact, LoanFact, Recipient, Text};
use crate::result::{ItemReason, Reason, RuleResult, Status};
use crate::scenario::Scenario;

/// The scenario with a rule's changeable failed conditions met, and what
/// the rule gives then.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Serialize)]
pub struct WhatIf<'p> {
    pub rule_id: &'p str,
    /// The steps assumed, in the pack's words (「办理知识产权质押登记手续」).
    #[cfg_attr(feature = "typescript", tsify(type = "Text[]"))]
    pub assumed: Vec<&'p Text>,
    /// `eligible` or `amount_not_published`.
    #[cfg_attr(feature = "typescript", tsify(type = "\"eligible\" | \"amount_not_published\""))]
    pub status: &'static str,
    /// Yuan, to the fen, when the rule computes an amount.
    pub amount_yuan: Option<String>,
    /// 「如办理知识产权质押登记手续，预计可获 12,345.67 元」.
    #[cfg_attr(feature = "typescript", tsify(type = "Text"))]
    pub text: Text,
    /// The scenario evaluated (to check with the command line).
    #[serde(skip)]
    pub scenario: Scenario,
}

/// The what-if of a rule that is not eligible only for changeable reasons;
/// `None` when a reason is not the enterprise's to change, or when meeting
/// them would still not make the rule apply.
pub fn what_if<'p>(scenario: &Scenario, result: &RuleResult<'p>) -> Option<WhatIf<'p>> {
    if result.status != Status::NotEligible || result.reasons.is_empty() {
        return None;
    }
    let rule = result.rule;
    let mut changed = scenario.clone();
    let mut assumed: Vec<&'p Text> = Vec::new();
    for reason in &result.reasons {
        let condition = meet(reason, rule, &mut changed)?;
        let step = rule.guide_for(condition)?.changeable.as_ref()?;
        if !assumed.contains(&step) {
            assumed.push(step);
        }
    }
    let after = engine::evaluate_one(result.document, rule, &changed);
    let steps_zh = assumed.iter().map(|t| t.zh.as_str()).collect::<Vec<_>>().join("、");
    let steps_en = assumed.iter().map(|t| t.en.as_str()).collect::<Vec<_>>().join(" and ");
    let (status, amount_yuan, text) = match (after.status, after.amount) {
        (Status::Eligible, Some(amount)) => {
            let yuan = Yuan(amount);
            let text = if rule.recipient == Recipient::Enterprise {
                Text {
                    zh: format!("如{steps_zh}，预计可获 {yuan} 元"),
                    en: format!("If you {steps_en}, you could expect {yuan} yuan"),
                }
            } else {
                Text {
                    zh: format!(
                        "如{steps_zh}，本政策测算金额为 {yuan} 元（拨付{}）",
                        rule.recipient.name_zh()
                    ),
                    en: format!(
                        "If you {steps_en}, this policy comes to {yuan} yuan (paid to {})",
                        rule.recipient.name_en()
                    ),
                }
            };
            ("eligible", Some(format!("{:.2}", amount)), text)
        }
        (Status::AmountNotPublished, _) => (
            "amount_not_published",
            None,
            Text {
                zh: format!("如{steps_zh}，可符合本政策条件（文件未公布金额）"),
                en: format!(
                    "If you {steps_en}, the policy's conditions could be met (the text publishes no amount)"
                ),
            },
        ),
        _ => return None,
    };
    Some(WhatIf { rule_id: &rule.id, assumed, status, amount_yuan, text, scenario: changed })
}

/// Meet the fact a reason names in `changed`; the condition it is, or `None`
/// when the reason is not a fact an enterprise sets (its size, its place).
fn meet<'p>(
    reason: &Reason<'p>,
    rule: &'p crate::pack::Rule,
    changed: &mut Scenario,
) -> Option<&'p Condition> {
    let find = |f: &dyn Fn(&Condition) -> bool| rule.conditions.iter().find(|c| f(c));
    match reason {
        Reason::LacksQualification(q) => {
            changed.enterprise.qualifications.push(*q);
            find(&|c| matches!(c, Condition::Qualification { qualification } if qualification == q))
        }
        Reason::AnsweredNo(question) => {
            let condition =
                find(&|c| matches!(c, Condition::Confirm { question: asked, .. } if asked == *question))?;
            let Condition::Confirm { id, .. } = condition else { return None };
            changed.answers.insert(id.clone(), true);
            Some(condition)
        }
        Reason::Item { item, why } => {
            let i = item.index;
            match why {
                ItemReason::LoanFactNo(fact) => {
                    let loan = changed.loans.get_mut(i)?;
                    match fact {
                        LoanFact::PledgeRegistered => loan.pledge_registered = Some(true),
                        LoanFact::CarbonReductionTool => loan.carbon_reduction_tool = Some(true),
                        LoanFact::RepaidOnSchedule => loan.repaid_on_schedule = Some(true),
                    }
                    find(&|c| matches!(c, Condition::LoanFact { fact: f } if f == fact))
                }
                ItemReason::GuaranteeFactNo(GuaranteeFact::GovernmentBusiness) => {
                    changed.guarantees.get_mut(i)?.government_business = Some(true);
                    find(&|c| {
                        matches!(c, Condition::GuaranteeFact { fact: GuaranteeFact::GovernmentBusiness })
                    })
                }
                ItemReason::Lender { allowed, .. } => {
                    changed.loans.get_mut(i)?.lender = allowed.first().copied();
                    find(&|c| matches!(c, Condition::LoanLender { .. }))
                }
                ItemReason::FeeRateAbove { max_percent, .. } => {
                    changed.guarantees.get_mut(i)?.fee_rate_percent = Some(*max_percent);
                    find(&|c| matches!(c, Condition::GuaranteeFeeRateAtMost { .. }))
                }
                _ => None,
            }
        }
        _ => None,
    }
}

/// 贴息随贷款金额变化: the rule's amount for the first loan's principal
/// scaled from 0 to twice as entered (or to past the cap), each point an
/// evaluation; with the cap, for the chart.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Serialize)]
pub struct Series<'p> {
    pub rule_id: &'p str,
    /// (principal, amount) in yuan, to the fen.
    pub points: Vec<(String, String)>,
    /// The rule's cap (同一企业一个年度 / 单个企业), when the text gives one.
    pub cap_yuan: Option<String>,
    /// The principal entered, marked on the chart.
    pub entered_yuan: String,
}

/// Points on the chart.
const POINTS: u32 = 12;

/// The series of an interest rule that is eligible with one loan or more;
/// `None` for other rules.
pub fn interest_series<'p>(scenario: &Scenario, result: &RuleResult<'p>) -> Option<Series<'p>> {
    let cap = match &result.rule.calculation {
        Calculation::LprShareInterest { cap_per_enterprise_year_yuan, .. }
        | Calculation::FixedRateInterest { cap_per_enterprise_year_yuan, .. } => {
            *cap_per_enterprise_year_yuan
        }
        _ => return None,
    };
    if result.status != Status::Eligible {
        return None;
    }
    let entered = scenario.loans.first()?.principal?;
    let amount = result.amount?;
    if entered.amount <= Decimal::ZERO || amount <= Decimal::ZERO {
        return None;
    }
    // To twice the loan, or far enough past the cap to show it bind.
    let mut top = entered.amount * Decimal::TWO;
    if let Some(cap) = cap {
        let to_cap = entered.amount * cap / amount * Decimal::new(15, 1);
        top = top.max(to_cap.min(entered.amount * Decimal::from(20)));
    }
    let step = (top / Decimal::from(POINTS)).round_dp(0).max(Decimal::ONE);
    let mut points = Vec::with_capacity(POINTS as usize + 1);
    let mut changed = scenario.clone();
    for k in 0..=POINTS {
        let principal = step * Decimal::from(k);
        changed.loans[0].principal = Some(Money { amount: principal, ..entered });
        // Interest paid scales with the loan: the paid bound is the loan's own.
        if let Some(paid) = scenario.loans[0].interest_paid {
            changed.loans[0].interest_paid =
                Some(Money { amount: paid.amount * principal / entered.amount, ..paid });
        }
        let r = engine::evaluate_one(result.document, result.rule, &changed);
        let value = r.amount.unwrap_or(Decimal::ZERO);
        points.push((format!("{principal:.2}"), format!("{value:.2}")));
    }
    Some(Series {
        rule_id: &result.rule.id,
        points,
        cap_yuan: cap.map(|c| format!("{c:.2}")),
        entered_yuan: format!("{:.2}", entered.amount),
    })
}
