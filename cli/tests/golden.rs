//! Golden cases: every `policies/<document>/cases/**/*.toml` (a document's
//! own cases) and `tests/cases/**/*.toml` (cases that combine documents) is
//! a scenario, the statuses and amounts expected for named rules, and — in
//! the file's comments — the hand calculation from the policy text. This
//! test runs them all through `sme_subsidy_cli::cases::run_dirs`, prints one
//! line per case, and fails listing every mismatch of every case.
//!
//! The few checks below the runner cover what the case format cannot
//! express (status text with the effective range, document status notes,
//! the README example file itself).

use std::path::{Path, PathBuf};

use sme_subsidy::pack::builtin::builtin;
use sme_subsidy::{evaluate, input, Report};
use sme_subsidy_cli::cases;

/// The cases may grow, never silently shrink: 109 when they moved beside
/// their documents.
const MIN_CASES: usize = 109;

/// Every provision keeps at least three cases, in its document's folder:
/// (document folder, family folder).
const PROVISION_FOLDERS: &[(&str, &str)] = &[
    ("001-liaocheng-fiscal-finance-2024", "i1"),
    ("001-liaocheng-fiscal-finance-2024", "i2"),
    ("001-liaocheng-fiscal-finance-2024", "i4i5"),
    ("001-liaocheng-fiscal-finance-2024", "g1"),
    ("001-liaocheng-fiscal-finance-2024", "g2"),
    ("001-liaocheng-fiscal-finance-2024", "g3"),
    ("001-liaocheng-fiscal-finance-2024", "p1"),
    ("001-liaocheng-fiscal-finance-2024", "p2"),
    ("001-liaocheng-fiscal-finance-2024", "ipo"),
    ("002-wenzhou-guarantee-reform-draft", "g1"),
    ("003-tongchuan-sme-financing-2024", "g1"),
    ("004-linhai-sme-finance-reform-2021", "i3"),
];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

fn family_folder(document: &str, family: &str) -> PathBuf {
    root().join("policies").join(document).join("cases").join(family)
}

#[test]
fn golden_cases() {
    let root = root();
    let folders = cases::case_folders(&root).expect("the case folders are readable");
    let runs = cases::run_dirs(&folders).expect("the case folders are readable");
    let mut failed = Vec::new();
    for run in &runs {
        let rel = run.path.strip_prefix(&root).unwrap_or(&run.path).display().to_string();
        if run.failures.is_empty() {
            println!("ok   {rel} — {}", run.description);
        } else {
            println!("FAIL {rel} — {}", run.description);
            for f in &run.failures {
                println!("       {f}");
            }
            failed.push(format!("{rel}:\n    {}", run.failures.join("\n    ")));
        }
    }
    println!("{} cases, {} failed", runs.len(), failed.len());
    assert!(failed.is_empty(), "{} golden case(s) failed:\n{}", failed.len(), failed.join("\n"));
    assert!(
        runs.len() >= MIN_CASES,
        "only {} golden cases found under {folders:?} (expected at least {MIN_CASES})",
        runs.len(),
    );
}

#[test]
fn at_least_three_cases_per_provision() {
    for (document, family) in PROVISION_FOLDERS {
        let runs = cases::run_dirs(&[family_folder(document, family)]).unwrap_or_else(|e| panic!("{e}"));
        assert!(runs.len() >= 3, "{document}/{family}: {} case(s), at least 3 required", runs.len());
    }
}

/// The repeats of the ≤ 1% ceiling (WZ-G-1, DZ-G-1) and the second sentence
/// of P-2 (LC-P-2B) each keep three cases too.
#[test]
fn at_least_three_cases_per_rule_variant() {
    for rule in ["WZ-G-1", "DZ-G-1", "LC-P-2B", "LC-I-4", "LC-I-5"] {
        let mut n = 0;
        for (document, family) in PROVISION_FOLDERS {
            for entry in std::fs::read_dir(family_folder(document, family)).unwrap() {
                let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
                if text.contains(&format!("rule = \"{rule}\"")) {
                    n += 1;
                }
            }
        }
        assert!(n >= 3, "{rule}: expected in at least 3 case files, found {n}");
    }
}

fn report_for(json: &str) -> serde_json::Value {
    let scenario = input::scenario_from_json(json).expect("valid scenario");
    let evaluation = evaluate(builtin(), &scenario);
    serde_json::to_value(Report::new(&evaluation, sme_subsidy::report::Lang::Both)).unwrap()
}

fn rule<'a>(report: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    report["results"].as_array().unwrap().iter().find(|r| r["rule_id"] == id).unwrap()
}

/// ground rule 5: outside the range, 「不在政策有效期内」 *with the range*;
/// the 临海 document is shown as expired (失效) even when a date inside its
/// window computes.
#[test]
fn effective_range_and_expired_status_are_shown() {
    let scenario = |date: &str| {
        format!(
            r#"{{"evaluation_date":"{date}",
                "enterprise":{{"region":{{"province":"浙江省","city":"台州市","county":"临海市"}},
                               "operating_revenue":"20000000 CNY","qualifications":["tech_enterprise"]}},
                "loans":[{{"monthly_average_balance":"3000000 CNY","interest_paid":"130500 CNY","lender":"tech_branch",
                           "start_date":"2021-01-01","end_date":"2022-06-30"}}]}}"#
        )
    };
    let outside = report_for(&scenario("2022-01-01"));
    let r = rule(&outside, "LH-I-3");
    assert_eq!(r["status"], "outside_effective_dates");
    let zh = r["status_text"]["zh"].as_str().unwrap();
    assert!(
        zh.contains("不在政策有效期内") && zh.contains("2021-08-27") && zh.contains("2021-12-31"),
        "{zh}"
    );
    assert!(r["amount_yuan"].is_null());

    let inside = report_for(&scenario("2021-10-15"));
    let r = rule(&inside, "LH-I-3");
    assert_eq!(r["status"], "eligible");
    // 3,000,000 × 2% = 60,000.00 (临政办发〔2021〕47号 三、（二）8)
    assert_eq!(r["amount_yuan"], "60000.00");
    assert_eq!(r["citation"]["status"], "expired");
    let notes: Vec<&str> = r["notes"].as_array().unwrap().iter().map(|n| n["zh"].as_str().unwrap()).collect();
    assert!(notes.iter().any(|n| n.contains("已失效")), "{notes:?}");
}

/// The medium-sized exporter at or below US$5M: the result must say plainly
/// that neither sentence of 二、（六）20 covers it (ground rules, P-2).
#[test]
fn p2_medium_gap_is_explained() {
    let report = report_for(
        r#"{"evaluation_date":"2024-12-31",
            "enterprise":{"region":{"province":"山东省","city":"聊城市"},"industry":"industry",
                          "employees":300,"operating_revenue":"50000000 CNY","annual_exports":"4000000 USD"},
            "insurance":[{"kind":"export_credit","premium":"30000 CNY"}]}"#,
    );
    for id in ["LC-P-2", "LC-P-2B"] {
        let r = rule(&report, id);
        assert_eq!(r["status"], "not_eligible", "{id}");
        let notes: Vec<&str> =
            r["notes"].as_array().unwrap().iter().map(|n| n["zh"].as_str().unwrap()).collect();
        assert!(notes.iter().any(|n| n.contains("中型、大型企业")), "{id}: {notes:?}");
    }
    assert_eq!(report["total_yuan"], "0.00");
}

/// The README's example file itself (tests/cases/combined/01-readme-example.toml
/// holds the hand calculation): total 60,375.00 + 35,000 + 120,000 + 45,000.
/// LC-I-1 counts only the loan days from the document's effective date
/// 2024-04-20 (accrual = "effective_period"): 69,000 × (256 + 59)/360 = 60,375.00.
#[test]
fn readme_example_file_total() {
    let text = std::fs::read_to_string(root().join("examples/scenario.json")).unwrap();
    let report = report_for(&text);
    assert_eq!(report["enterprise_size"]["size"], "small");
    assert_eq!(rule(&report, "LC-I-1")["amount_yuan"], "60375.00");
    assert_eq!(rule(&report, "LC-G-2")["amount_yuan"], "35000.00");
    assert_eq!(rule(&report, "LC-P-1")["amount_yuan"], "120000.00");
    assert_eq!(rule(&report, "LC-P-2")["amount_yuan"], "45000.00");
    assert_eq!(report["total_yuan"], "260375.00");
}

/// Amounts that do not reach the enterprise (paid to a guarantor or bank, or
/// recipient unsettled) are listed apart from the total (ground rule 8).
#[test]
fn unsettled_recipient_is_listed_outside_the_total() {
    // I-2: 20,000,000 × 0.25% × 365/360 = 50,694.44 (二、（三）10), recipient unsettled.
    let report = report_for(
        r#"{"evaluation_date":"2025-05-31",
            "enterprise":{"region":{"province":"山东省","city":"聊城市"}},
            "loans":[{"principal":"20000000 CNY","start_date":"2024-05-01","end_date":"2025-05-01",
                      "interest_paid":"700000 CNY","lender":"local_legal_person_bank",
                      "carbon_reduction_tool":true,"purpose":"clean_energy"}]}"#,
    );
    let r = rule(&report, "LC-I-2");
    assert_eq!(r["amount_yuan"], "50694.44");
    assert_eq!(r["counts_in_total"], false);
    assert_eq!(report["total_yuan"], "0.00");
    let not_in_total: Vec<&str> =
        report["not_in_total"].as_array().unwrap().iter().map(|t| t["zh"].as_str().unwrap()).collect();
    assert!(not_in_total.iter().any(|t| t.contains("50,694.44")), "{not_in_total:?}");
}

/// A clause's 牵头单位 and 责任单位 travel with its citation, as one line in
/// each language; a rule resting on another document's clause cites it too.
#[test]
fn citation_names_the_units_and_the_other_document() {
    let text = std::fs::read_to_string(root().join("examples/scenario.json")).unwrap();
    let report = report_for(&text);
    let c = &rule(&report, "LC-I-1")["citation"];
    assert_eq!(
        c["units"]["zh"],
        "牵头单位：市市场监管局、人民银行聊城市分行；责任单位：市财政局、国家金融监督管理总局聊城监管分局，各县〔市、区〕人民政府、市属开发区管委会"
    );
    assert_eq!(
        c["units"]["en"],
        "Lead: 市市场监管局、人民银行聊城市分行; responsible: 市财政局、国家金融监督管理总局聊城监管分局，各县〔市、区〕人民政府、市属开发区管委会"
    );
    let g1 = &rule(&report, "LC-G-1")["citation"];
    assert_eq!(g1["clause"], "二、（一）1");
    let see = &g1["see_also"][0];
    assert_eq!(see["clause"], "三、（三）");
    assert!(see["text"].as_str().unwrap().contains("（聊江管办发〔2023〕3号）三、（三）"), "{see}");
    assert!(see["quote"].as_str().unwrap().contains("由市财政给予一定担保费补贴"));
    // The 温州 draft names only 责任单位.
    let wz = &rule(&report, "WZ-G-1")["citation"]["units"];
    assert!(wz["en"].as_str().unwrap().starts_with("Responsible: 市金融办"), "{wz}");
}
