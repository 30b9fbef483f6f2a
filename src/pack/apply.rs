//! 申报指引 as pack data: per condition of a rule, the documents that usually
//! show it is met (申报材料, 参考) and, for a fact the enterprise can still
//! change (办理质押登记, 选择科技支行 …), the step that meets it; per rule, the
//! application deadline when — and only when — the text gives one.
//!
//! The entries name their condition by its key ([`Condition::key`]:
//! `loan_fact.pledge_registered`, `confirm.on_first_set_list`), so the
//! condition tests themselves stay as they are; a key that names no
//! condition of the rule is refused when the pack is checked.

use serde::{Deserialize, Serialize};

use super::{Condition, Rule, Text};

/// What one condition means for the application.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConditionGuide {
    /// The condition's key, e.g. `loan_fact.pledge_registered`.
    pub condition: String,
    /// 申报材料（参考）: documents that usually show the condition is met.
    /// The texts name none; these are a reasonable list, marked as such.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Text>,
    /// 可改变: the step by which an enterprise meets a failed condition
    /// (「办理知识产权质押登记」). Absent: not the enterprise's to change
    /// (its size, its place, its revenue).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changeable: Option<Text>,
}

/// 申报时限, as the text states it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deadline {
    /// 条款位置 of the sentence that sets it.
    pub clause: String,
    /// 原文摘录: checked against the source text like every quote.
    pub quote: String,
    /// The deadline in a few words, and who applies.
    pub text: Text,
}

impl Condition {
    /// The key a [`ConditionGuide`] names this condition by: the test, and
    /// its fact or question id where one test has several.
    pub fn key(&self) -> String {
        use Condition::*;
        let (test, detail): (&str, Option<String>) = match self {
            EnterpriseSize { .. } => ("enterprise_size", None),
            Qualification { qualification } => ("qualification", Some(to_key(qualification))),
            OperatingRevenueAtMost { .. } => ("operating_revenue_at_most", None),
            AnnualExportsAtMost { .. } => ("annual_exports_at_most", None),
            AnnualExportsAbove { .. } => ("annual_exports_above", None),
            IpoStageAtLeast { .. } => ("ipo_stage_at_least", None),
            IpoUnderway => ("ipo_underway", None),
            LoanCollateral { .. } => ("loan_collateral", None),
            LoanLender { .. } => ("loan_lender", None),
            LoanPurpose { .. } => ("loan_purpose", None),
            LoanFact { fact } => ("loan_fact", Some(to_key(fact))),
            GuaranteeFact { fact } => ("guarantee_fact", Some(to_key(fact))),
            GuaranteeAmountAtMost { .. } => ("guarantee_amount_at_most", None),
            GuaranteeFeeRateAtMost { .. } => ("guarantee_fee_rate_at_most", None),
            GuaranteeGreenIndustry { .. } => ("guarantee_green_industry", None),
            InsuranceKind { .. } => ("insurance_kind", None),
            InsuranceProduct { .. } => ("insurance_product", None),
            Confirm { id, .. } => ("confirm", Some(id.clone())),
        };
        match detail {
            Some(d) => format!("{test}.{d}"),
            None => test.to_string(),
        }
    }
}

/// A unit enum's serde name (`pledge_registered`).
fn to_key<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

impl Rule {
    /// The guide entry for a condition of this rule, if the pack gives one.
    pub fn guide_for(&self, condition: &Condition) -> Option<&ConditionGuide> {
        let key = condition.key();
        self.guide.iter().find(|g| g.condition == key)
    }
}

/// Problems with a rule's guide entries: (field, zh, en).
pub(crate) fn problems(rule: &Rule) -> Vec<(String, String, String)> {
    let keys: Vec<String> = rule.conditions.iter().map(Condition::key).collect();
    let mut out = Vec::new();
    for (g, guide) in rule.guide.iter().enumerate() {
        if !keys.contains(&guide.condition) {
            out.push((
                format!("guide[{g}].condition"),
                format!("本规则没有条件「{}」（本规则的条件：{}）", guide.condition, keys.join("、")),
                format!(
                    "the rule has no condition '{}' (its conditions: {})",
                    guide.condition,
                    keys.join(", ")
                ),
            ));
        }
        let texts = guide.evidence.iter().chain(&guide.changeable);
        if texts.into_iter().any(|t| t.zh.trim().is_empty() || t.en.trim().is_empty()) {
            out.push((
                format!("guide[{g}]"),
                "申报材料与可改变条件须有中英文".into(),
                "evidence and changeable texts need both zh and en".into(),
            ));
        }
    }
    if let Some(d) = &rule.deadline {
        if d.quote.trim().is_empty() || d.text.zh.trim().is_empty() || d.text.en.trim().is_empty() {
            out.push((
                "deadline".into(),
                "申报时限须有原文摘录和中英文说明".into(),
                "a deadline needs its quote and both texts".into(),
            ));
        }
    }
    out
}
