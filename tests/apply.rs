//! 申报指引: the place choices and which documents concern a place, 待填写 on a
//! blank form, the what-if amounts (worked by hand below) and the interest
//! series, the evidence and units of a rule that applies.

use sme_subsidy::apply::{self, guide, pending_fields, place_options, resolve};
use sme_subsidy::pack::builtin::builtin;
use sme_subsidy::report::Lang;
use sme_subsidy::result::Status;
use sme_subsidy::what_if::{interest_series, what_if};
use sme_subsidy::{evaluate, input};

/// LC-I-1 (二、（四）14): a patent-pledge loan of 1,000,000 from 2024-07-01
/// to 2025-07-01, repaid, the pledge NOT registered; 1-year LPR entered as
/// 3.45%.
const PLEDGE_NOT_REGISTERED: &str = r#"{"evaluation_date":"2025-07-15",
 "enterprise":{"region":{"province":"山东省","city":"聊城市"},"industry":"industry","employees":80,
   "operating_revenue":"50000000 CNY","total_assets":"40000000 CNY"},
 "loans":[{"principal":"1000000 CNY","start_date":"2024-07-01","end_date":"2025-07-01","interest_paid":"40000 CNY",
   "collateral":["patent_pledge"],"pledge_registered":false,"repaid_on_schedule":true}],
 "lpr_override":{"one_year_percent":"3.45"}}"#;

#[test]
fn what_if_the_pledge_is_registered() {
    let set = builtin();
    let scenario = input::scenario_from_json(PLEDGE_NOT_REGISTERED).unwrap();
    let evaluation = evaluate(set, &scenario);
    let i1 = evaluation.results.iter().find(|r| r.rule.id == "LC-I-1").unwrap();
    assert_eq!(i1.status, Status::NotEligible);
    let w = what_if(&scenario, i1).expect("the pledge registration is the enterprise's to do");
    // With the pledge registered: 1,000,000 × 3.45% × 40% = 13,800 a year;
    // 2024: 184 days (07-01 … 12-31) / 360 → 7,053.333…;
    // 2025: 181 days (01-01 … 06-30) / 360 → 6,938.333…;
    // each year under the 100,000 cap, the sum under the 40,000 paid:
    // 13,991.666… → 13,991.67.
    assert_eq!(w.amount_yuan.as_deref(), Some("13991.67"));
    assert_eq!(w.text.zh, "如办理知识产权质押登记手续，预计可获 13,991.67 元");
    assert_eq!(w.status, "eligible");
    assert_eq!(w.scenario.loans[0].pledge_registered, Some(true));
    // The scenario it assumed, evaluated on its own, gives the same amount.
    let again = evaluate(set, &w.scenario);
    let amount = again.results.iter().find(|r| r.rule.id == "LC-I-1").unwrap().amount.unwrap();
    assert_eq!(amount.to_string(), "13991.67");
}

#[test]
fn what_if_the_product_is_on_the_list() {
    // LC-P-1 (二、（四）16): 产品综合险 on 首台（套）equipment, insured
    // 10,000,000, premium 200,000, answered NOT on the 名单库. Listed:
    // base = min(200,000, 10,000,000 × 3% = 300,000) = 200,000;
    // × 20% = 40,000.00 (under the 1,000,000 yearly cap).
    let set = builtin();
    let scenario = input::scenario_from_json(
        r#"{"evaluation_date":"2025-06-30",
        "enterprise":{"region":{"province":"山东省","city":"聊城市"},"industry":"industry","employees":80,
          "operating_revenue":"50000000 CNY","total_assets":"40000000 CNY"},
        "insurance":[{"kind":"product_combined","product":"first_set_equipment","insured_amount":"10000000 CNY",
          "premium":"200000 CNY","start_date":"2025-01-10"}],
        "answers":{"on_first_set_list":false}}"#,
    )
    .unwrap();
    let evaluation = evaluate(set, &scenario);
    let p1 = evaluation.results.iter().find(|r| r.rule.id == "LC-P-1").unwrap();
    assert_eq!(p1.status, Status::NotEligible);
    let w = what_if(&scenario, p1).unwrap();
    assert_eq!(w.amount_yuan.as_deref(), Some("40000.00"));
    assert!(w
        .text
        .zh
        .starts_with("如申请将投保产品列入首台（套）、首批次、首版次名单库，预计可获 40,000.00 元"));
}

#[test]
fn no_what_if_for_what_the_enterprise_cannot_change() {
    let set = builtin();
    // Repaid late: not a step to take now.
    let late = PLEDGE_NOT_REGISTERED.replace(r#""repaid_on_schedule":true"#, r#""repaid_on_schedule":false"#);
    let scenario = input::scenario_from_json(&late).unwrap();
    let evaluation = evaluate(set, &scenario);
    let i1 = evaluation.results.iter().find(|r| r.rule.id == "LC-I-1").unwrap();
    assert_eq!(i1.status, Status::NotEligible);
    assert!(what_if(&scenario, i1).is_none());
    // A large enterprise: its size is not a step either.
    let large = PLEDGE_NOT_REGISTERED
        .replace(r#""employees":80"#, r#""employees":5000"#)
        .replace(r#""operating_revenue":"50000000 CNY""#, r#""operating_revenue":"900000000 CNY""#);
    let scenario = input::scenario_from_json(&large).unwrap();
    let evaluation = evaluate(set, &scenario);
    let i1 = evaluation.results.iter().find(|r| r.rule.id == "LC-I-1").unwrap();
    assert_eq!(i1.status, Status::NotEligible);
    assert!(what_if(&scenario, i1).is_none());
}

#[test]
fn fee_rate_what_if_says_the_conditions_are_met_without_an_amount() {
    // LC-G-1 publishes no figure: the what-if says the conditions could be
    // met, never a sum.
    let set = builtin();
    let scenario = input::scenario_from_json(
        r#"{"evaluation_date":"2025-06-30","enterprise":{"region":{"province":"山东省","city":"聊城市"}},
        "guarantees":[{"amount":"5000000 CNY","fee_rate_percent":"1.5","government_business":true}],
        "answers":{"fits_industry_policy":true}}"#,
    )
    .unwrap();
    let evaluation = evaluate(set, &scenario);
    let g1 = evaluation.results.iter().find(|r| r.rule.id == "LC-G-1").unwrap();
    assert_eq!(g1.status, Status::NotEligible);
    let w = what_if(&scenario, g1).unwrap();
    assert_eq!(w.status, "amount_not_published");
    assert_eq!(w.amount_yuan, None);
    assert_eq!(w.text.zh, "如与担保机构约定年化担保费率不超过1%，可符合本政策条件（文件未公布金额）");
}

#[test]
fn interest_series_rises_to_the_cap() {
    let set = builtin();
    let met = PLEDGE_NOT_REGISTERED.replace(r#""pledge_registered":false"#, r#""pledge_registered":true"#);
    let scenario = input::scenario_from_json(&met).unwrap();
    let evaluation = evaluate(set, &scenario);
    let i1 = evaluation.results.iter().find(|r| r.rule.id == "LC-I-1").unwrap();
    let s = interest_series(&scenario, i1).unwrap();
    assert_eq!(s.cap_yuan.as_deref(), Some("100000.00"));
    assert_eq!(s.points.first().unwrap(), &("0.00".to_string(), "0.00".to_string()));
    // Each year is capped at 100,000 and the two years reach 13,991.67 per
    // 1,000,000 of loan; the interest paid scales with the loan (4%), so the
    // series rises with the loan and never falls.
    let amounts: Vec<f64> = s.points.iter().map(|(_, a)| a.parse().unwrap()).collect();
    assert!(amounts.windows(2).all(|w| w[0] <= w[1]), "{amounts:?}");
    // At 1,000,000 exactly (if a point lands there) the amount is the result's.
    for (principal, amount) in &s.points {
        if principal == "1000000.00" {
            assert_eq!(amount, "13991.67");
        }
    }
    // The last point is past the cap: two capped years at most.
    assert!(*amounts.last().unwrap() <= 200_000.0);
    assert!(*amounts.last().unwrap() > 100_000.0, "the series reaches past one year's cap: {amounts:?}");
}

#[test]
fn places_come_from_the_pack_and_the_gazetteer() {
    let set = builtin();
    let all: Vec<String> = place_options(set, None).into_iter().map(|o| o.value).collect();
    assert_eq!(
        all,
        [
            "山东省聊城市江北水城旅游度假区",
            "山东省聊城市",
            "浙江省温州市",
            "四川省达州市通川区",
            "浙江省台州市临海市",
        ]
    );
    // A portal's place, spelled any way the gazetteer knows.
    let liaocheng = resolve("聊城").unwrap();
    assert_eq!(liaocheng.value, "山东省聊城市");
    assert_eq!(liaocheng.region.city.as_deref(), Some("聊城市"));
    assert_eq!(liaocheng.region.county, None);
    assert_eq!(resolve("山东省聊城市").unwrap(), liaocheng);
    assert!(resolve("东城区").is_none());
    let within: Vec<String> = place_options(set, Some(&liaocheng)).into_iter().map(|o| o.value).collect();
    assert_eq!(within, ["山东省聊城市", "山东省聊城市江北水城旅游度假区"]);
    // Which documents concern 聊城: the city's and the district's, no other.
    let place = apply::place_of(&liaocheng.region.to_region()).unwrap();
    let concerned: Vec<&str> =
        set.documents.iter().filter(|d| apply::concerns(d, place)).map(|d| d.id.as_str()).collect();
    assert_eq!(concerned, ["liaocheng-jiangbei-2023-guarantee", "liaocheng-2024-fiscal-finance"]);
    // 临海: only 临海's.
    let linhai = apply::place_of(&resolve("临海").unwrap().region.to_region()).unwrap();
    let concerned: Vec<&str> =
        set.documents.iter().filter(|d| apply::concerns(d, linhai)).map(|d| d.id.as_str()).collect();
    assert_eq!(concerned, ["linhai-2021-sme-finance-reform"]);
}

#[test]
fn a_blank_form_waits_and_is_never_refused() {
    let set = builtin();
    // The form's first state: no region, one empty loan.
    let scenario =
        input::scenario_from_json(r#"{"evaluation_date":"2025-06-30","enterprise":{},"loans":[{}]}"#)
            .unwrap();
    let evaluation = evaluate(set, &scenario);
    for r in &evaluation.results {
        if r.status == Status::OutsideEffectiveDates {
            continue;
        }
        let pending = pending_fields(r, &scenario);
        assert!(pending.as_ref().is_some_and(|p| !p.is_empty()), "{} is decided on a blank form", r.rule.id);
    }
    // LC-IPO-1 fails on a blank form (no IPO entered): it waits instead.
    let ipo = evaluation.results.iter().find(|r| r.rule.id == "LC-IPO-1").unwrap();
    assert_eq!(ipo.status, Status::NotEligible, "the engine's status is unchanged");
    let fields: Vec<String> = pending_fields(ipo, &scenario).unwrap().iter().map(|f| f.path()).collect();
    assert!(fields.contains(&"ipo.stage_reached".to_string()), "{fields:?}");
    // The first thing to fill: the region, which every rule waits on.
    let g = guide(&scenario, &evaluation, Lang::Zh);
    assert_eq!(g.first_steps[0].field, "enterprise.region");
    assert_eq!(g.first_steps[0].text.zh, "请填写所在地区");
    assert!(g.place.is_none());
    assert!(g.rules.iter().all(|r| r.in_place), "no place chosen: nothing is set aside");
}

#[test]
fn a_complete_outside_scenario_is_decided() {
    // 温州 chosen, a guarantee at 3%: 温州's rule is refused (not pending),
    // 聊城's are set aside as another place's.
    let set = builtin();
    let scenario = input::scenario_from_json(
        r#"{"evaluation_date":"2025-06-30","enterprise":{"region":{"province":"浙江省","city":"温州市"}},
        "guarantees":[{"amount":"5000000 CNY","fee_rate_percent":"3","government_business":true}]}"#,
    )
    .unwrap();
    let evaluation = evaluate(set, &scenario);
    let g = guide(&scenario, &evaluation, Lang::Zh);
    assert_eq!(g.place.as_ref().unwrap().value, "浙江省温州市");
    let in_place: Vec<&str> = g.rules.iter().filter(|r| r.in_place).map(|r| r.rule_id).collect();
    assert_eq!(in_place, ["WZ-G-1"]);
    let wz = g.rules.iter().find(|r| r.rule_id == "WZ-G-1").unwrap();
    assert!(wz.pending.is_none());
    let w = wz.what_if.as_ref().expect("the fee rate is the enterprise's to agree");
    assert_eq!(w.text.zh, "如与担保机构约定年化担保费率不超过1%，可符合本政策条件（文件未公布金额）");
}

#[test]
fn a_rule_that_applies_says_where_and_what_to_bring() {
    let set = builtin();
    let met = PLEDGE_NOT_REGISTERED.replace(r#""pledge_registered":false"#, r#""pledge_registered":true"#);
    let scenario = input::scenario_from_json(&met).unwrap();
    let evaluation = evaluate(set, &scenario);
    let g = guide(&scenario, &evaluation, Lang::Zh);
    let i1 = g.rules.iter().find(|r| r.rule_id == "LC-I-1").unwrap();
    assert!(g.first_steps.is_empty(), "a rule is decided: no 先填写 box");
    let apply = i1.apply.as_ref().unwrap();
    assert_eq!(
        apply.units.as_ref().unwrap().zh,
        "牵头单位：市市场监管局、人民银行聊城市分行；责任单位：市财政局、国家金融监督管理总局聊城监管分局，各县〔市、区〕人民政府、市属开发区管委会"
    );
    let evidence: Vec<&str> = apply.evidence.iter().map(|e| e.zh.as_ref()).collect();
    assert!(evidence.contains(&"知识产权质押登记证明"), "{evidence:?}");
    assert!(evidence.contains(&"还本付息凭证（银行回单）"), "{evidence:?}");
    // The 2024 text gives no application date: none is shown.
    assert!(apply.deadline.is_none());
    // A rule that does not apply has no checklist entry.
    let p1 = g.rules.iter().find(|r| r.rule_id == "LC-P-1").unwrap();
    assert!(p1.apply.is_none());
}

#[test]
fn a_guide_entry_must_name_a_condition_of_its_rule() {
    let mut set = builtin().clone();
    let rule = set.documents.iter_mut().flat_map(|d| d.rules.iter_mut()).find(|r| r.id == "LC-I-1").unwrap();
    rule.guide[0].condition = "loan_fact.no_such_fact".into();
    let errors = sme_subsidy::pack::validate::documents(&set.documents, "portal.json");
    assert!(
        errors
            .iter()
            .any(|e| e.field.ends_with("guide[0].condition") && e.zh.contains("loan_fact.no_such_fact")),
        "{errors:?}"
    );
}

/// One call gives what the page shows for the README example (聊城东昌府区,
/// the 贷款贴息 tab open): the report, its guide in the same order, and the
/// groups the page lays out — each result in exactly one of this tab / the
/// other tabs / other places, each group by status (符合条件 first), the
/// checklist the place's rules that apply, the amounts those above zero.
#[test]
fn shown_groups_the_results_as_the_page_lays_them_out() {
    let set = builtin();
    let json =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/scenario.json")).unwrap();
    let scenario = input::scenario_from_json(&json).unwrap();
    let shown = apply::shown(&scenario, evaluate(set, &scenario), Lang::Zh, None, Some("interest"));
    let ids =
        |group: &[usize]| -> Vec<&str> { group.iter().map(|&i| shown.report.results[i].rule_id).collect() };
    let g = &shown.groups;
    assert_eq!(ids(&g.this_family), ["LC-I-1", "LC-I-4", "LC-I-5", "LC-I-2"]);
    assert_eq!(
        ids(&g.other_families),
        ["LC-G-2", "LC-P-1", "LC-P-2", "LC-G-1", "LC-IPO-1", "LC-G-3", "LC-P-2B"]
    );
    // 金华, 温州, 德州 and 临海 are other places; 临海's text has expired.
    assert_eq!(ids(&g.elsewhere), ["JB-G-1", "WZ-G-1", "DZ-G-1", "LH-I-3"]);
    let mut all: Vec<usize> =
        [&g.this_family, &g.other_families, &g.elsewhere].into_iter().flatten().copied().collect();
    all.sort();
    assert_eq!(all, (0..shown.report.results.len()).collect::<Vec<_>>());
    assert_eq!(ids(&g.checklist), ["LC-G-1", "LC-I-1", "LC-G-2", "LC-P-1", "LC-IPO-1", "LC-P-2"]);
    let bars: Vec<(&str, &str, bool)> = g
        .amounts
        .iter()
        .map(|b| (shown.report.results[b.result].rule_id, b.amount_yuan.as_str(), b.assumed))
        .collect();
    // The README's figures: 60,375 + 35,000 + 120,000 + 45,000 = 260,375.
    assert_eq!(
        bars,
        [
            ("LC-I-1", "60375.00", false),
            ("LC-G-2", "35000.00", false),
            ("LC-P-1", "120000.00", false),
            ("LC-P-2", "45000.00", false)
        ]
    );
    assert_eq!(shown.report.total_yuan, "260375.00");
    let guide_ids: Vec<&str> = shown.guide.rules.iter().map(|r| r.rule_id).collect();
    let report_ids: Vec<&str> = shown.report.results.iter().map(|r| r.rule_id).collect();
    assert_eq!(guide_ids, report_ids, "the guide's rules in the report's order");
    assert!(shown.guide.rules[g.this_family[0]].series.is_some(), "LC-I-1's loan-size chart");

    // Under the 知识产权质押贷 product: its two rules alone, and the same
    // 「先填写」 as for the whole pack (it counts every rule of the place).
    let product = set.product("patent-pledge-loan").unwrap();
    let scoped = apply::shown(&scenario, evaluate(set, &scenario), Lang::Zh, Some(product), Some("interest"));
    let ids =
        |group: &[usize]| -> Vec<&str> { group.iter().map(|&i| scoped.report.results[i].rule_id).collect() };
    assert_eq!(ids(&scoped.groups.this_family), ["LC-I-1"]);
    assert_eq!(ids(&scoped.groups.other_families), ["LC-G-2"]);
    assert_eq!(scoped.report.total_yuan, "95375.00");
    assert_eq!(scoped.guide.rules.len(), 2);
    let blank = input::scenario_from_json(r#"{"evaluation_date":"2025-06-30","enterprise":{}}"#).unwrap();
    let whole = guide(&blank, &evaluate(set, &blank), Lang::Zh);
    let scoped = apply::shown(&blank, evaluate(set, &blank), Lang::Zh, Some(product), None);
    let fields = |g: &apply::Guide| g.first_steps.iter().map(|m| m.field.clone()).collect::<Vec<_>>();
    assert_eq!(fields(&scoped.guide), fields(&whole));
    assert!(scoped.groups.this_family.is_empty() && scoped.groups.amounts.is_empty());
}
