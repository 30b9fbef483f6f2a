//! The pack studio's preview (效果预览): an edited pack against the pack
//! it replaces, on the same enterprises — which rules change, from what to
//! what, for whom, and by how much. The page lays the comparison out; every
//! figure and difference is computed here.

use std::str::FromStr;

use rust_decimal::Decimal;
use serde::Serialize;

use super::{Document, PolicySet};
use crate::report::{Lang, Report};
use crate::scenario::Scenario;

/// One side of a rule's result: status and amount.
#[derive(Debug, Serialize, PartialEq)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(rename = "ComparisonSide", missing_as_null) // the browser writes None as null
)]
pub struct Side {
    #[cfg_attr(feature = "typescript", tsify(type = "RuleStatus"))]
    pub status: String,
    pub status_zh: String,
    pub status_en: String,
    /// Yuan to the fen; absent without a figure.
    pub amount: Option<String>,
}

/// A rule whose result differs between the two packs.
#[derive(Debug, Serialize, PartialEq)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct RuleChange {
    pub rule_id: String,
    pub name_zh: String,
    pub name_en: String,
    /// Absent when the rule is not in that pack.
    #[cfg_attr(feature = "typescript", tsify(type = "ComparisonSide | null"))]
    pub before: Option<Side>,
    #[cfg_attr(feature = "typescript", tsify(type = "ComparisonSide | null"))]
    pub after: Option<Side>,
    /// after − before, yuan, signed ("+84000.00"), when both have a figure.
    pub change: Option<String>,
    /// The golden case's hand-worked amount for this rule, when it gives one.
    pub expected: Option<String>,
    /// Whether the edited pack still gives the expected amount and status.
    pub expectation_holds: Option<bool>,
}

/// One enterprise (a demo persona or a golden case) under both packs.
#[derive(Debug, Serialize, PartialEq)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct Comparison {
    pub id: String,
    pub label_zh: String,
    pub label_en: String,
    /// 合计 to the enterprise under the pack replaced, and the edited one.
    pub total_before: String,
    pub total_after: String,
    pub total_change: String,
    pub changes: Vec<RuleChange>,
}

/// What a golden case expects of one rule.
pub struct Expected<'a> {
    pub rule: &'a str,
    pub status: &'a str,
    pub amount: Option<&'a str>,
}

/// A signed amount: "+84000.00", "-1.50", "0.00".
fn signed(amount: Decimal) -> String {
    if amount > Decimal::ZERO {
        format!("+{amount:.2}")
    } else {
        format!("{amount:.2}")
    }
}

fn amount(text: Option<&str>) -> Option<Decimal> {
    text.and_then(|t| Decimal::from_str(t).ok())
}

/// The policy set with `edited` merged over `base` — the pack a portal
/// would run.
pub fn edited_set(base: &PolicySet, edited: &[Document]) -> PolicySet {
    let mut set = base.clone();
    set.merge(edited.to_vec());
    set
}

/// Compare one scenario under `before` and `after`: the rules whose status
/// or amount differ, and those whose hand-worked expectation (`expect`,
/// a golden case's) the edited pack no longer meets.
pub fn compare(
    id: &str,
    label: (&str, &str),
    scenario: &Scenario,
    before: &PolicySet,
    after: &PolicySet,
    expect: &[Expected<'_>],
) -> Comparison {
    let a = Report::new(&crate::evaluate(before, scenario), Lang::Both);
    let b = Report::new(&crate::evaluate(after, scenario), Lang::Both);
    let side = |r: &crate::report::RuleReport<'_>| Side {
        status: r.status.to_string(),
        status_zh: r.status_text.zh.to_string(),
        status_en: r.status_text.en.to_string(),
        amount: r.amount_yuan.clone(),
    };
    let mut ids: Vec<&str> = a.results.iter().map(|r| r.rule_id).collect();
    ids.extend(b.results.iter().map(|r| r.rule_id).filter(|id| !a.results.iter().any(|r| r.rule_id == *id)));
    let mut changes = Vec::new();
    for rule_id in ids {
        let old = a.results.iter().find(|r| r.rule_id == rule_id);
        let new = b.results.iter().find(|r| r.rule_id == rule_id);
        let expected = expect.iter().find(|e| e.rule == rule_id);
        let differs = match (old, new) {
            (Some(o), Some(n)) => o.status != n.status || o.amount_yuan != n.amount_yuan,
            _ => true,
        };
        let holds = expected
            .map(|e| new.is_some_and(|n| n.status == e.status && n.amount_yuan.as_deref() == e.amount));
        // Listed: what changes, and a hand-worked expectation the edit breaks.
        if !differs && holds != Some(false) {
            continue;
        }
        let named = new.or(old).expect("the rule is in one of the packs");
        let change = match (
            amount(old.and_then(|o| o.amount_yuan.as_deref())),
            amount(new.and_then(|n| n.amount_yuan.as_deref())),
        ) {
            (Some(x), Some(y)) if differs => Some(signed(y - x)),
            _ => None,
        };
        changes.push(RuleChange {
            rule_id: rule_id.to_string(),
            name_zh: named.name.zh.to_string(),
            name_en: named.name.en.to_string(),
            before: old.map(side),
            after: new.map(side),
            change,
            expected: expected.and_then(|e| e.amount.map(str::to_string)),
            expectation_holds: holds,
        });
    }
    let (t0, t1) =
        (amount(Some(&a.total_yuan)).unwrap_or_default(), amount(Some(&b.total_yuan)).unwrap_or_default());
    Comparison {
        id: id.to_string(),
        label_zh: label.0.to_string(),
        label_en: label.1.to_string(),
        total_before: a.total_yuan.clone(),
        total_after: b.total_yuan.clone(),
        total_change: signed(t1 - t0),
        changes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::builtin::builtin;
    use crate::pack::Calculation;

    /// LC-P-1 at 30% instead of 20%: the first-set persona's premium base
    /// is min(980,000, 28,000,000 × 3% = 840,000) = 840,000; 20% → 168,000.00,
    /// 30% → 252,000.00 (under the 1,000,000 yearly cap): +84,000.00, and
    /// no other rule moves.
    #[test]
    fn a_share_change_is_the_amount_it_makes() {
        let scenario = crate::input::scenario_from_json(
            r#"{ "evaluation_date": "2025-06-30",
                 "enterprise": { "region": { "province": "山东省", "city": "聊城市" }, "industry": "industry",
                                 "employees": 260, "operating_revenue": "150000000 CNY", "total_assets": "220000000 CNY" },
                 "insurance": [ { "kind": "product_combined", "product": "first_set_equipment",
                                  "insured_amount": "28000000 CNY", "premium": "980000 CNY", "start_date": "2025-01-01" } ],
                 "answers": { "on_first_set_list": true } }"#,
        )
        .unwrap();
        let mut doc =
            builtin().documents.iter().find(|d| d.rules.iter().any(|r| r.id == "LC-P-1")).unwrap().clone();
        let p1 = doc.rules.iter_mut().find(|r| r.id == "LC-P-1").unwrap();
        let Calculation::PremiumShare { share_percent, .. } = &mut p1.calculation else { panic!() };
        *share_percent = Decimal::from(30);
        let after = edited_set(builtin(), &[doc]);
        let c = compare("first-set", ("首台套", "first set"), &scenario, builtin(), &after, &[]);
        assert_eq!(c.changes.len(), 1, "{c:#?}");
        assert_eq!(c.changes[0].rule_id, "LC-P-1");
        assert_eq!(c.changes[0].before.as_ref().unwrap().amount.as_deref(), Some("168000.00"));
        assert_eq!(c.changes[0].after.as_ref().unwrap().amount.as_deref(), Some("252000.00"));
        assert_eq!(c.changes[0].change.as_deref(), Some("+84000.00"));
        assert_eq!(
            (c.total_before.as_str(), c.total_after.as_str(), c.total_change.as_str()),
            ("168000.00", "252000.00", "+84000.00")
        );
    }
}
