//! What every fuzz target checks beyond "no panic": the properties a
//! result must have whatever the input (amounts ≥ 0 and to the fen, never
//! above a rule's cap or what was paid, the total is the sum, the report
//! renders in both languages), and the golden scenarios the pack target
//! evaluates a pack on.

use std::path::Path;
use std::sync::OnceLock;

use rust_decimal::{Decimal, RoundingStrategy};
use sme_subsidy::pack::{Calculation, PolicySet};
use sme_subsidy::report::Lang;
use sme_subsidy::result::{CapScope, Evaluation, RuleResult, Step};
use sme_subsidy::scenario::Scenario;
use sme_subsidy::Report;

fn fen(x: Decimal) -> Decimal {
    x.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// Evaluate `scenario` against `set` and check every property.
pub fn check_scenario(set: &PolicySet, scenario: &Scenario) {
    let evaluation = sme_subsidy::evaluate(set, scenario);
    check_evaluation(&evaluation);
    check_report(&evaluation);
}

/// Amounts: ≥ 0, to the fen, within the rule's cap and what was paid; the
/// total is the sum of what counts for the enterprise.
pub fn check_evaluation(evaluation: &Evaluation) {
    let mut total = Decimal::ZERO;
    for r in &evaluation.results {
        let Some(amount) = r.amount else { continue };
        let id = &r.rule.id;
        assert!(amount >= Decimal::ZERO, "{id}: negative amount {amount}");
        assert!(amount.scale() <= 2 && fen(amount) == amount, "{id}: {amount} is not to the fen");
        for bound in bounds(r) {
            assert!(amount <= fen(bound), "{id}: {amount} above its bound {bound}");
        }
        for step in &r.steps {
            match step {
                Step::Cap { before, cap, after, .. } => {
                    assert!(after <= cap && after <= before, "{id}: cap step {before} / {cap} → {after}")
                }
                Step::PaidBound { before, paid, after, .. } => {
                    assert!(after <= paid && after <= before, "{id}: paid bound {before} / {paid} → {after}")
                }
                _ => {}
            }
        }
        if r.counts_in_total() {
            total += amount;
        }
    }
    assert_eq!(evaluation.total_to_enterprise(), total);
}

/// What a rule's amount can never exceed, read from its own steps: its cap
/// times the years or items it applies to, and what the enterprise paid.
fn bounds(r: &RuleResult) -> Vec<Decimal> {
    let count = |f: fn(&Step) -> bool| Decimal::from(r.steps.iter().filter(|s| f(s)).count());
    let sum = |f: fn(&Step) -> Option<Decimal>| r.steps.iter().filter_map(f).sum::<Decimal>();
    let years = count(|s| matches!(s, Step::YearSubtotal { .. }));
    let mut out = Vec::new();
    match &r.rule.calculation {
        Calculation::LprShareInterest { cap_per_enterprise_year_yuan: cap, .. }
        | Calculation::FixedRateInterest { cap_per_enterprise_year_yuan: cap, .. } => {
            out.extend(cap.map(|c| c * years));
        }
        Calculation::BalanceShareInterest { cap_per_enterprise_yuan: cap, .. } => out.extend(*cap),
        Calculation::FeeShare { cap_per_item_yuan: cap, .. } => {
            out.extend(cap.map(|c| c * count(|s| matches!(s, Step::FeeShare { .. }))));
            out.push(sum(|s| match s {
                Step::FeeShare { fee, .. } => Some(*fee),
                _ => None,
            }));
        }
        Calculation::PremiumShare { cap_per_enterprise_year_yuan: cap, .. } => {
            // One cap a calendar year, or one a policy's 投保年度 (premium_cap_year).
            let policy_years = count(|s| matches!(s, Step::Cap { scope: CapScope::PolicyYear(_), .. }));
            out.extend(cap.map(|c| c * (years + policy_years)));
            out.push(sum(|s| match s {
                Step::PremiumShare { base, .. } => Some(*base),
                _ => None,
            }));
        }
        Calculation::StagedGrant { total_cap_yuan: cap, .. } => out.extend(*cap),
        Calculation::EligibilityOnly { .. } => {}
    }
    // Interest: never above the interest paid (or its estimate).
    out.extend(r.steps.iter().filter_map(|s| match s {
        Step::PaidBound { paid, .. } => Some(*paid),
        _ => None,
    }));
    out
}

/// The report renders in both languages: every text has its Chinese and
/// its English (or neither), and the page's one-language JSON parses.
pub fn check_report(evaluation: &Evaluation) {
    let report = Report::new(evaluation, Lang::Both);
    let value = serde_json::to_value(&report).expect("a report serializes");
    check_bilingual(&value);
    assert_eq!(report.total_yuan, format!("{:.2}", evaluation.total_to_enterprise()));
    for lang in [Lang::Zh, Lang::En] {
        let text = serde_json::to_string(&Report::lean(evaluation, lang).in_lang(lang)).expect("a lean report serializes");
        serde_json::from_str::<serde_json::Value>(&text).expect("the page's report is JSON");
    }
}

/// Every `{ zh, en }` text in a rendered result has both sides or neither.
pub fn check_bilingual(value: &serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            if let (Some(zh), Some(en)) = (map.get("zh"), map.get("en")) {
                if let (Some(zh), Some(en)) = (zh.as_str(), en.as_str()) {
                    assert_eq!(zh.is_empty(), en.is_empty(), "one language missing: zh {zh:?} en {en:?}");
                }
            }
            map.values().for_each(check_bilingual);
        }
        serde_json::Value::Array(items) => items.iter().for_each(check_bilingual),
        _ => {}
    }
}

/// The golden cases' scenarios (policies/*/cases and tests/cases), read once.
pub fn golden_scenarios() -> &'static [Scenario] {
    static SCENARIOS: OnceLock<Vec<Scenario>> = OnceLock::new();
    SCENARIOS.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut files = Vec::new();
        let mut dirs = vec![root.join("tests/cases")];
        for entry in std::fs::read_dir(root.join("policies")).expect("policies/ is readable") {
            let cases = entry.expect("a directory entry").path().join("cases");
            if cases.is_dir() {
                dirs.push(cases);
            }
        }
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).expect("a case folder is readable") {
                let path = entry.expect("a directory entry").path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "toml") {
                    files.push(path);
                }
            }
        }
        files.sort();
        files
            .iter()
            .filter_map(|path| {
                let text = std::fs::read_to_string(path).ok()?;
                let case: toml::Table = toml::from_str(&text).ok()?;
                sme_subsidy::input::scenario_from(case.get("scenario")?.clone()).ok()
            })
            .collect()
    })
}
