//! The evaluation scoped to a bank product (银行产品, [`crate::pack::Product`]):
//! only the rules the product concerns, so the total, what could add to it
//! and what stays outside it are those rules' alone — the same report,
//! rendered by the same code, as for the whole pack.

use crate::pack::Product;
use crate::result::Evaluation;

/// `evaluation` with only the results of the product's rules, in the
/// pack's order. A rule the active set no longer holds (a portal replaced
/// its document) is simply absent.
pub fn scoped<'p>(mut evaluation: Evaluation<'p>, product: &Product) -> Evaluation<'p> {
    evaluation.results.retain(|r| product.rules.contains(&r.rule.id));
    evaluation
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::builtin::builtin;
    use crate::report::{Lang, LeanReport, Report};

    fn evaluate<'p>(json: &str, product: &str) -> Evaluation<'p> {
        let scenario = crate::input::scenario_from_json(json).unwrap();
        let set = builtin();
        scoped(crate::evaluate(set, &scenario), set.product(product).unwrap())
    }

    /// The README example enterprise (examples/scenario.json) on the
    /// 知识产权质押贷 page. From 聊城's text, 二、（四）14:
    /// - LC-I-1 「按照贷款市场报价利率(LPR)的40%给予贴息」, 10万元 a year: the
    ///   5,000,000 loan of 2024-03-01 – 2025-03-01 counts from the document's
    ///   2024-04-20 to 2025-02-28, LPR 3.45% (2024-02-20), act/360 by year:
    ///   2024, 256 days: 5,000,000 × 3.45% × 40% × 256/360 = 49,066.67;
    ///   2025, 59 days: 5,000,000 × 3.45% × 40% × 59/360 = 11,308.33;
    ///   each under the 100,000 cap: 60,375.00.
    /// - LC-G-2 「评估费、担保费的50%」, 2万元 an item: evaluation fee
    ///   30,000 × 50% = 15,000 and guarantee fee 40,000 × 50% = 20,000, each
    ///   within the cap: 35,000.00.
    ///
    /// Product total: 60,375.00 + 35,000.00 = 95,375.00. The whole pack's
    /// total is 260,375.00 (with LC-P-1 120,000.00 and LC-P-2 45,000.00).
    #[test]
    fn patent_pledge_loan_sums_its_two_rules_only() {
        let json =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/scenario.json")).unwrap();
        let scenario = crate::input::scenario_from_json(&json).unwrap();
        assert_eq!(crate::evaluate(builtin(), &scenario).total_to_enterprise().to_string(), "260375.00");
        let e = evaluate(&json, "patent-pledge-loan");
        let ids: Vec<&str> = e.results.iter().map(|r| r.rule.id.as_str()).collect();
        assert_eq!(ids, ["LC-I-1", "LC-G-2"]);
        assert_eq!(e.total_to_enterprise().to_string(), "95375.00");
        let report = LeanReport::lean(&e, Lang::Both);
        assert_eq!(report.total_yuan, "95375.00");
        assert!(report.could_add.is_empty() && report.not_in_total.is_empty(), "{report:?}");
    }

    /// 碳减排贷款 (LC-I-2, 二、（三）10 「给予25BP贴息」): 10,000,000 at 25BP,
    /// act/360 by year: 2024-09-01 – 2024-12-31, 122 days: 8,472.222…;
    /// 2025-01-01 – 2025-08-31, 243 days: 16,875.00; 25,347.222… → 25,347.22.
    /// The clause addresses the banks: the recipient is not settled, so the
    /// amount is listed outside the total and the product's total is 0.00.
    #[test]
    fn carbon_reduction_loan_lists_its_25bp_outside_the_total() {
        let e = evaluate(
            r#"{"evaluation_date":"2025-09-30","enterprise":{"region":{"province":"山东省","city":"聊城市"},
            "industry":"industry","employees":45,"operating_revenue":"18000000 CNY"},
            "loans":[{"principal":"10000000 CNY","start_date":"2024-09-01","end_date":"2025-09-01",
            "contract_rate_percent":"3.2","lender":"local_legal_person_bank","purpose":"clean_energy",
            "carbon_reduction_tool":true}]}"#,
            "carbon-reduction-loan",
        );
        let report = LeanReport::lean(&e, Lang::Zh);
        assert_eq!(report.results.len(), 1);
        assert_eq!(report.results[0].amount_yuan.as_deref(), Some("25347.22"));
        assert_eq!(report.total_yuan, "0.00");
        assert_eq!(report.not_in_total[0].zh, "碳减排贷款贴息：25,347.22 元，拨付对象：文件未明确");
        assert!(report.could_add.is_empty());
    }

    /// 政府性融资担保贷款 with a 1% guarantee (50,000 on 5,000,000 for 12
    /// months: 「不超过1%」 includes 1%): LC-G-1 applies with no published
    /// rate (「一定担保费补贴」), so it could add; the IPO grant the same
    /// enterprise qualifies for is not this product's and is not listed.
    #[test]
    fn guaranteed_loan_could_add_only_its_own_rules() {
        let json = r#"{"evaluation_date":"2024-12-31","enterprise":{"region":{"province":"山东省","city":"聊城市"},
            "industry":"software","employees":60,"operating_revenue":"9000000 CNY"},
            "guarantees":[{"amount":"5000000 CNY","fee":"50000 CNY","fee_paid_date":"2024-06-01",
            "term_months":12,"government_business":true}],
            "ipo":{"stage_reached":"tutoring_filed"}}"#;
        let whole = crate::evaluate(builtin(), &crate::input::scenario_from_json(json).unwrap());
        assert_eq!(LeanReport::lean(&whole, Lang::Zh).could_add.len(), 2, "G-1 and the IPO grant");
        let report = LeanReport::lean(&evaluate(json, "guaranteed-loan"), Lang::Zh);
        assert_eq!(report.results.len(), 6);
        assert_eq!(report.total_yuan, "0.00");
        assert_eq!(
            report.could_add.iter().map(|t| t.zh.as_ref()).collect::<Vec<_>>(),
            ["政府性融资担保业务担保费补贴：金额未公布，文件规定「给予一定担保费补贴」，未公布补贴比例，由市财政部门确定"]
        );
    }

    /// The notes a result shows are those for every enterprise and those for
    /// its size: LC-P-2's note on the gap only a 中型 exporter meets is shown
    /// to a medium enterprise, not to a small one.
    #[test]
    fn notes_follow_the_enterprise_size() {
        let set = builtin();
        let (doc, p2) = set.rules().find(|(_, r)| r.id == "LC-P-2").unwrap();
        let all = crate::report::rule_notes(Lang::Both, doc, p2);
        let sized: Vec<usize> = (0..all.len()).filter(|&i| !all[i].1.is_empty()).collect();
        assert!(!sized.is_empty(), "LC-P-2 has a note for some sizes only");
        let shown = |employees: u32, revenue: &str| {
            let json = format!(
                r#"{{"evaluation_date":"2024-12-31","enterprise":{{"region":{{"province":"山东省","city":"聊城市"}},
                "industry":"industry","employees":{employees},"operating_revenue":"{revenue} CNY"}}}}"#
            );
            let report = Report::new(&evaluate(&json, "export-credit-insurance"), Lang::Zh);
            let lean = LeanReport::lean(&evaluate(&json, "export-credit-insurance"), Lang::Zh);
            let p2 = report.results.iter().position(|r| r.rule_id == "LC-P-2").unwrap();
            (report.results[p2].notes.len(), lean.results[p2].notes.clone())
        };
        // Small (industry: 20 ≤ staff < 300 and 3M ≤ revenue < 20M) and medium (300 ≤ staff < 1000, 20M ≤ revenue < 400M).
        let (small_count, small) = shown(50, "10000000");
        let (medium_count, medium) = shown(500, "100000000");
        assert_eq!(small.len(), small_count);
        assert_eq!(medium.len(), medium_count);
        assert!(sized.iter().all(|i| medium.contains(i)), "{medium:?}");
        assert!(sized.iter().all(|i| !small.contains(i)), "{small:?}");
    }
}
