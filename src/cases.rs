//! Golden test cases as data files (OpenFisca-style): a scenario, the
//! statuses and amounts expected for named rules, and — in the file's
//! comments — the hand calculation from the policy text. Anyone can read
//! and add one; `cargo test` and `sme-subsidy test <folder>…` run them all.
//!
//! A document's cases live with it, `policies/<document>/cases/<family>/`;
//! only cases that combine documents live in `tests/cases/`. This module
//! reads and checks cases from text (the pack studio runs them in the
//! browser); the command's `cases` module finds and reads the files.
//!
//! ```toml
//! # LC-I-1: 1,000,000 × 3.45% × 40% × 366/360 = 14,030.00
//! description = "I-1 ordinary patent-pledge loan"
//! [scenario]
//! evaluation_date = "2024-12-31"
//! # … as in the scenario format …
//! [[expect]]
//! rule = "LC-I-1"
//! status = "eligible"
//! amount = "14030.00"
//! ```

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::pack::{Document, PolicySet};
use crate::report::Report;
use crate::scenario::Scenario;

/// One case file.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    pub description: String,
    /// Extra policy documents (a portal's own pack) merged over the built-in.
    #[serde(default)]
    pub pack: Vec<Document>,
    pub scenario: toml::Value,
    #[serde(default)]
    pub expect: Vec<Expectation>,
    /// Expected 企业划型: `large`, `medium`, `small`, `micro`.
    #[serde(default)]
    pub expect_size: Option<String>,
    /// Expected total to the enterprise, yuan with 2 places.
    #[serde(default)]
    pub expect_total: Option<String>,
}

/// What one rule must return.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expectation {
    pub rule: String,
    /// `eligible`, `amount_not_published`, `not_eligible`,
    /// `needs_information`, `outside_effective_dates`.
    pub status: String,
    /// Yuan with 2 places; required when `status` is `eligible`.
    #[serde(default)]
    pub amount: Option<String>,
    /// Substrings that must appear among the zh reasons.
    #[serde(default)]
    pub reasons_contain: Vec<String>,
    /// Field paths that must be reported missing.
    #[serde(default)]
    pub missing: Vec<String>,
    /// Keys that must be open as 「需满足」.
    #[serde(default)]
    pub to_confirm: Vec<String>,
    /// Step kinds that must appear in the trace, e.g. `cap`, `paid_bound`.
    #[serde(default)]
    pub steps_include: Vec<String>,
    /// Substrings that must appear in the zh text of some step.
    #[serde(default)]
    pub step_text_contains: Vec<String>,
    /// Substrings that must appear among the zh notes shown with the result.
    #[serde(default)]
    pub notes_contain: Vec<String>,
    /// Readings the result must list as taken, `id=value`
    /// (e.g. `cap_year=calendar_year`).
    #[serde(default)]
    pub readings: Vec<String>,
}

/// The result of running one case: every mismatch found.
#[derive(Debug)]
pub struct CaseRun {
    pub path: PathBuf,
    pub description: String,
    pub failures: Vec<String>,
}

/// A case bundle (用例集): several cases in one file, each `[[case]]`, run
/// against the documents of its `[[pack]]` (and of the case's own `pack`)
/// merged over the built-in pack — what the pack studio publishes with a
/// pack, so `sme-subsidy test bundle.toml` checks the pack on its cases.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bundle {
    #[serde(default)]
    pub pack: Vec<Document>,
    pub case: Vec<Case>,
}

/// The cases a case file's text holds: one, or a bundle's (its pack put
/// before each case's own).
pub fn read_cases(text: &str) -> Result<Vec<Case>, String> {
    let value: toml::Value = toml::from_str(text).map_err(|e| e.to_string())?;
    if value.get("case").is_some() {
        let bundle: Bundle = value.try_into().map_err(|e: toml::de::Error| e.to_string())?;
        Ok(bundle
            .case
            .into_iter()
            .map(|mut case| {
                // A case's own document replaces the bundle's of the same id.
                let own = std::mem::take(&mut case.pack);
                let mut pack: Vec<Document> =
                    bundle.pack.iter().filter(|d| !own.iter().any(|o| o.id == d.id)).cloned().collect();
                pack.extend(own);
                case.pack = pack;
                case
            })
            .collect())
    } else {
        Ok(vec![value.try_into().map_err(|e: toml::de::Error| e.to_string())?])
    }
}

/// Run the cases of one file's text; `path` names them (a bundle's as
/// `path#1`, `path#2` …).
pub fn run_text(text: &str, path: &Path) -> Vec<CaseRun> {
    let cases = match read_cases(text) {
        Ok(cases) => cases,
        Err(e) => {
            return vec![CaseRun {
                path: path.to_path_buf(),
                description: String::new(),
                failures: vec![format!("cannot read the case: {e}")],
            }]
        }
    };
    let bundle = cases.len() > 1 || text.contains("[[case]]");
    cases
        .into_iter()
        .enumerate()
        .map(|(i, case)| {
            let path = if bundle {
                PathBuf::from(format!("{}#{}", path.display(), i + 1))
            } else {
                path.to_path_buf()
            };
            run_case(case, path)
        })
        .collect()
}

/// The case's scenario, and the policy set it runs against (its pack merged
/// over the built-in one); the problems found reading them.
pub fn scenario_and_set(case: &Case, name: &str) -> (Option<Scenario>, PolicySet, Vec<String>) {
    let mut failures = Vec::new();
    let scenario = match crate::input::scenario_from(case.scenario.clone()) {
        Ok(s) => Some(s),
        Err(errors) => {
            failures.extend(errors.iter().map(|e| format!("scenario: {e}")));
            None
        }
    };
    let mut set: PolicySet = crate::pack::builtin::builtin().clone();
    if !case.pack.is_empty() {
        let errors = crate::pack::validate::documents(&case.pack, name);
        failures.extend(errors.iter().map(|e| e.to_string()));
        set.merge(case.pack.clone());
    }
    (scenario, set, failures)
}

fn run_case(case: Case, path: PathBuf) -> CaseRun {
    let mut run = CaseRun { description: case.description.clone(), failures: Vec::new(), path };
    let (scenario, set, failures) = scenario_and_set(&case, &run.path.display().to_string());
    run.failures = failures;
    let Some(scenario) = scenario else { return run };
    if let Err(errors) = crate::input::check_answers(&scenario, &set) {
        run.failures.extend(errors.iter().map(|e| format!("scenario: {e}")));
    }
    let evaluation = crate::evaluate(&set, &scenario);
    let report = Report::new(&evaluation, crate::report::Lang::Both);
    check(
        &case.expect,
        case.expect_size.as_deref(),
        case.expect_total.as_deref(),
        &report,
        &mut run.failures,
    );
    run
}

fn check(
    expect: &[Expectation],
    size: Option<&str>,
    total: Option<&str>,
    report: &Report,
    failures: &mut Vec<String>,
) {
    if let Some(size) = size {
        if report.enterprise_size.size != Some(size) {
            failures.push(format!("size: expected {size}, got {:?}", report.enterprise_size.size));
        }
    }
    if let Some(total) = total {
        if report.total_yuan != total {
            failures.push(format!("total: expected {total}, got {}", report.total_yuan));
        }
    }
    for e in expect {
        let Some(r) = report.results.iter().find(|r| r.rule_id == e.rule) else {
            failures.push(format!("{}: no such rule in the pack", e.rule));
            continue;
        };
        let context = || {
            let reasons: Vec<&str> = r.reasons.iter().map(|t| t.zh.as_ref()).collect();
            let missing: Vec<&str> = r.missing.iter().map(|m| m.field.as_str()).collect();
            format!("(reasons {reasons:?}, missing {missing:?})")
        };
        if r.status != e.status {
            failures.push(format!(
                "{}: status expected {}, got {} {}",
                e.rule,
                e.status,
                r.status,
                context()
            ));
        }
        if r.amount_yuan.as_deref() != e.amount.as_deref() {
            failures.push(format!("{}: amount expected {:?}, got {:?}", e.rule, e.amount, r.amount_yuan));
        }
        for want in &e.reasons_contain {
            if !r.reasons.iter().any(|t| t.zh.contains(want.as_str())) {
                failures.push(format!("{}: no reason contains {want:?} {}", e.rule, context()));
            }
        }
        for want in &e.missing {
            if !r.missing.iter().any(|m| &m.field == want) {
                failures.push(format!("{}: {want} not reported missing {}", e.rule, context()));
            }
        }
        for want in &e.to_confirm {
            if !r.to_confirm.iter().any(|c| &c.key == want) {
                let open: Vec<&str> = r.to_confirm.iter().map(|c| c.key.as_str()).collect();
                failures.push(format!("{}: {want} not open as 需满足 (open: {open:?})", e.rule));
            }
        }
        for want in &e.steps_include {
            if !r.steps.iter().any(|s| s.kind == want) {
                failures.push(format!("{}: no {want} step", e.rule));
            }
        }
        for want in &e.notes_contain {
            if !r.notes.iter().any(|t| t.zh.contains(want.as_str())) {
                let notes: Vec<&str> = r.notes.iter().map(|t| t.zh.as_ref()).collect();
                failures.push(format!("{}: no note says {want:?} (notes: {notes:?})", e.rule));
            }
        }
        for want in &e.readings {
            let taken = |g: &crate::report::ReadingReport| {
                g.alternatives.iter().find(|a| a.taken).map(|a| format!("{}={}", g.id, a.value))
            };
            if !r.readings.iter().any(|g| taken(g).as_deref() == Some(want.as_str())) {
                let shown: Vec<String> = r.readings.iter().filter_map(taken).collect();
                failures.push(format!("{}: reading {want} not shown (readings: {shown:?})", e.rule));
            }
        }
        for want in &e.step_text_contains {
            if !r.steps.iter().any(|s| s.text.zh.contains(want.as_str())) {
                let steps: Vec<&str> = r.steps.iter().map(|s| s.text.zh.as_ref()).collect();
                failures.push(format!("{}: no step says {want:?} (steps: {steps:?})", e.rule));
            }
        }
    }
}
