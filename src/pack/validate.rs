//! Checking a policy pack before it is used: structure (by serde, with the
//! failing path) and meaning (rule ids unique, shares within 0–100%, caps
//! positive, item tests that fit the template's items, effective range in
//! order). Each error names the file, the rule and the field.

use std::collections::HashSet;
use std::fmt;

use rust_decimal::Decimal;
use serde::Serialize;

use super::{Calculation, Condition, Document};

/// A located problem in a policy pack.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PackError {
    /// The file (or the name the portal gave its pack).
    pub file: String,
    /// The rule id, when the problem is inside a rule.
    pub rule: Option<String>,
    /// The field path inside the document or rule.
    pub field: String,
    pub zh: String,
    pub en: String,
}

impl fmt::Display for PackError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.rule {
            Some(rule) => write!(f, "{} › rule {} › {}: {} / {}", self.file, rule, self.field, self.zh, self.en),
            None => write!(f, "{} › {}: {} / {}", self.file, self.field, self.zh, self.en),
        }
    }
}

impl std::error::Error for PackError {}

/// Deserialize documents with the failing path located, then check them.
/// `file` names the source in every error.
pub fn from_deserializer<'de, D>(de: D, file: &str) -> Result<Vec<Document>, Vec<PackError>>
where
    D: serde::Deserializer<'de>,
    D::Error: fmt::Display,
{
    let documents: Vec<Document> = serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let message = e.inner().to_string();
        vec![PackError {
            file: file.to_string(),
            rule: None,
            field: path,
            zh: format!("政策包格式错误：{message}"),
            en: format!("the pack is malformed: {message}"),
        }]
    })?;
    let errors = self::documents(&documents, file);
    if errors.is_empty() {
        Ok(documents)
    } else {
        Err(errors)
    }
}

/// Every meaning error in these documents.
pub fn documents(documents: &[Document], file: &str) -> Vec<PackError> {
    let mut errors = Vec::new();
    let mut ids = HashSet::new();
    for (d, doc) in documents.iter().enumerate() {
        let mut push = |rule: Option<&str>, field: String, zh: String, en: String| {
            errors.push(PackError { file: file.to_string(), rule: rule.map(str::to_string), field, zh, en })
        };
        if let (Some(from), Some(to)) = (doc.effective_from, doc.effective_to) {
            if to < from {
                push(None, format!("[{d}].effective_to"), format!("有效期止 {to} 早于起始 {from}"), format!("effective_to {to} is before effective_from {from}"));
            }
        }
        for (r, rule) in doc.rules.iter().enumerate() {
            let at = |f: &str| format!("[{d}].rules[{r}].{f}");
            let id = Some(rule.id.as_str());
            if !ids.insert(rule.id.clone()) {
                push(id, at("id"), format!("规则编号 {} 重复", rule.id), format!("rule id {} is used twice", rule.id));
            }
            if rule.quote.trim().is_empty() {
                push(id, at("quote"), "缺少原文摘录".into(), "the quoted clause is empty".into());
            }
            let kinds = rule.calculation.item_kinds();
            for (c, condition) in rule.conditions.iter().enumerate() {
                if let Some(scope) = condition.item_scope() {
                    if !scope.iter().any(|k| kinds.contains(k)) {
                        push(
                            id,
                            at(&format!("conditions[{c}]")),
                            "该条件针对的对象（贷款/担保/保单）不在本规则计算范围内".into(),
                            format!("this item test reads {scope:?}, which the calculation does not run over ({kinds:?})"),
                        );
                    }
                }
                if let Condition::Confirm { id: qid, .. } = condition {
                    if qid.trim().is_empty() {
                        push(id, at(&format!("conditions[{c}].id")), "问题编号不能为空".into(), "question id must not be empty".into());
                    }
                }
            }
            for (field, value, is_share) in parameters(&rule.calculation) {
                let bad = value <= Decimal::ZERO || (is_share && value > Decimal::ONE_HUNDRED);
                if bad {
                    push(
                        id,
                        at(&format!("calculation.{field}")),
                        format!("参数 {field} = {value} 超出范围（须大于0{}）", if is_share { "且不超过100" } else { "" }),
                        format!("{field} = {value} is out of range (must be above 0{})", if is_share { " and at most 100" } else { "" }),
                    );
                }
            }
        }
    }
    errors
}

/// The numeric parameters of a calculation: (name, value, is a percent share).
fn parameters(calc: &Calculation) -> Vec<(&'static str, Decimal, bool)> {
    let mut out = Vec::new();
    let mut cap = |name, v: &Option<Decimal>| {
        if let Some(v) = v {
            out.push((name, *v, false));
        }
    };
    match calc {
        Calculation::LprShareInterest { share_of_lpr_percent, cap_per_enterprise_year_yuan, .. } => {
            cap("cap_per_enterprise_year_yuan", cap_per_enterprise_year_yuan);
            out.push(("share_of_lpr_percent", *share_of_lpr_percent, true));
        }
        Calculation::FixedRateInterest { rate_bp, cap_per_enterprise_year_yuan, .. } => {
            cap("cap_per_enterprise_year_yuan", cap_per_enterprise_year_yuan);
            out.push(("rate_bp", *rate_bp, false));
        }
        Calculation::BalanceShareInterest { share_percent, cap_per_enterprise_yuan } => {
            cap("cap_per_enterprise_yuan", cap_per_enterprise_yuan);
            out.push(("share_percent", *share_percent, true));
        }
        Calculation::FeeShare { share_percent, cap_per_item_yuan, .. } => {
            cap("cap_per_item_yuan", cap_per_item_yuan);
            out.push(("share_percent", *share_percent, true));
        }
        Calculation::PremiumShare { share_percent, premium_rate_ceiling_percent, cap_per_enterprise_year_yuan } => {
            cap("cap_per_enterprise_year_yuan", cap_per_enterprise_year_yuan);
            out.push(("share_percent", *share_percent, true));
            if let Some(c) = premium_rate_ceiling_percent {
                out.push(("premium_rate_ceiling_percent", *c, true));
            }
        }
        Calculation::StagedGrant { total_cap_yuan, stages, .. } => {
            cap("total_cap_yuan", total_cap_yuan);
            for stage in stages {
                for band in &stage.bands {
                    out.push(("stages.bands.amount_yuan", band.amount_yuan, false));
                }
            }
        }
        Calculation::EligibilityOnly { .. } => {}
    }
    out
}
