//! S-1 企业划型: every threshold of 《中小企业划型标准规定》（工信部联企业〔2011〕300号）
//! 第四条, for all sixteen industry groups, tested on both sides — at the bound
//! and one unit below it (one person; one yuan; and for money also one fen).
//!
//! The thresholds below are transcribed independently from the standard's
//! text (data/sme-size-2011.md), not from `src/size.rs`, and the
//! rule applied is the standard's own:
//! - 中小微 (not 大型) when below ANY of the outer bounds;
//! - 中型 needs ALL of the 中型 lower bounds, 小型 ALL of the 小型 lower bounds;
//! - 微型 is any ONE below the 小型 bound;
//! - outside 中小微 is 大型.

use rust_decimal::Decimal;
use sme_subsidy::engine::size_of;
use sme_subsidy::input::scenario_from_json;
use sme_subsidy::result::SizeOutcome;
use sme_subsidy::size::{classify, Industry, Metric, Size, Statistics};

use Metric::{Employees as EMP, OperatingRevenue as REV, TotalAssets as AST};

/// One row of 第四条: bounds in persons (从业人员) or 万元 (营业收入, 资产总额).
struct Row {
    industry: Industry,
    /// The row of the standard, quoted.
    text: &'static str,
    /// 「……以下的为中小微型企业」: below any of these → 中小微.
    sme_below: &'static [(Metric, i64)],
    /// 「……及以上……的为中型企业」: all of these.
    medium_at_least: &'static [(Metric, i64)],
    /// 「……及以上……的为小型企业」: all of these; below any → 微型.
    small_at_least: &'static [(Metric, i64)],
}

const ROWS: &[Row] = &[
    Row {
        industry: Industry::Agriculture,
        text: "（一）农、林、牧、渔业。营业收入20000万元以下的为中小微型企业。其中，营业收入500万元及以上的为中型企业，营业收入50万元及以上的为小型企业，营业收入50万元以下的为微型企业。",
        sme_below: &[(REV, 20000)],
        medium_at_least: &[(REV, 500)],
        small_at_least: &[(REV, 50)],
    },
    Row {
        industry: Industry::Industry,
        text: "（二）工业。从业人员1000人以下或营业收入40000万元以下的为中小微型企业。其中，从业人员300人及以上，且营业收入2000万元及以上的为中型企业；从业人员20人及以上，且营业收入300万元及以上的为小型企业；从业人员20人以下或营业收入300万元以下的为微型企业。",
        sme_below: &[(EMP, 1000), (REV, 40000)],
        medium_at_least: &[(EMP, 300), (REV, 2000)],
        small_at_least: &[(EMP, 20), (REV, 300)],
    },
    Row {
        industry: Industry::Construction,
        text: "（三）建筑业。营业收入80000万元以下或资产总额80000万元以下的为中小微型企业。其中，营业收入6000万元及以上，且资产总额5000万元及以上的为中型企业；营业收入300万元及以上，且资产总额300万元及以上的为小型企业；营业收入300万元以下或资产总额300万元以下的为微型企业。",
        sme_below: &[(REV, 80000), (AST, 80000)],
        medium_at_least: &[(REV, 6000), (AST, 5000)],
        small_at_least: &[(REV, 300), (AST, 300)],
    },
    Row {
        industry: Industry::Wholesale,
        text: "（四）批发业。从业人员200人以下或营业收入40000万元以下的为中小微型企业。其中，从业人员20人及以上，且营业收入5000万元及以上的为中型企业；从业人员5人及以上，且营业收入1000万元及以上的为小型企业；从业人员5人以下或营业收入1000万元以下的为微型企业。",
        sme_below: &[(EMP, 200), (REV, 40000)],
        medium_at_least: &[(EMP, 20), (REV, 5000)],
        small_at_least: &[(EMP, 5), (REV, 1000)],
    },
    Row {
        industry: Industry::Retail,
        text: "（五）零售业。从业人员300人以下或营业收入20000万元以下的为中小微型企业。其中，从业人员50人及以上，且营业收入500万元及以上的为中型企业；从业人员10人及以上，且营业收入100万元及以上的为小型企业；从业人员10人以下或营业收入100万元以下的为微型企业。",
        sme_below: &[(EMP, 300), (REV, 20000)],
        medium_at_least: &[(EMP, 50), (REV, 500)],
        small_at_least: &[(EMP, 10), (REV, 100)],
    },
    Row {
        industry: Industry::Transport,
        text: "（六）交通运输业。从业人员1000人以下或营业收入30000万元以下的为中小微型企业。其中，从业人员300人及以上，且营业收入3000万元及以上的为中型企业；从业人员20人及以上，且营业收入200万元及以上的为小型企业；从业人员20人以下或营业收入200万元以下的为微型企业。",
        sme_below: &[(EMP, 1000), (REV, 30000)],
        medium_at_least: &[(EMP, 300), (REV, 3000)],
        small_at_least: &[(EMP, 20), (REV, 200)],
    },
    Row {
        industry: Industry::Warehousing,
        text: "（七）仓储业。从业人员200人以下或营业收入30000万元以下的为中小微型企业。其中，从业人员100人及以上，且营业收入1000万元及以上的为中型企业；从业人员20人及以上，且营业收入100万元及以上的为小型企业；从业人员20人以下或营业收入100万元以下的为微型企业。",
        sme_below: &[(EMP, 200), (REV, 30000)],
        medium_at_least: &[(EMP, 100), (REV, 1000)],
        small_at_least: &[(EMP, 20), (REV, 100)],
    },
    Row {
        industry: Industry::Postal,
        text: "（八）邮政业。从业人员1000人以下或营业收入30000万元以下的为中小微型企业。其中，从业人员300人及以上，且营业收入2000万元及以上的为中型企业；从业人员20人及以上，且营业收入100万元及以上的为小型企业；从业人员20人以下或营业收入100万元以下的为微型企业。",
        sme_below: &[(EMP, 1000), (REV, 30000)],
        medium_at_least: &[(EMP, 300), (REV, 2000)],
        small_at_least: &[(EMP, 20), (REV, 100)],
    },
    Row {
        industry: Industry::Accommodation,
        text: "（九）住宿业。从业人员300人以下或营业收入10000万元以下的为中小微型企业。其中，从业人员100人及以上，且营业收入2000万元及以上的为中型企业；从业人员10人及以上，且营业收入100万元及以上的为小型企业；从业人员10人以下或营业收入100万元以下的为微型企业。",
        sme_below: &[(EMP, 300), (REV, 10000)],
        medium_at_least: &[(EMP, 100), (REV, 2000)],
        small_at_least: &[(EMP, 10), (REV, 100)],
    },
    Row {
        industry: Industry::Catering,
        text: "（十）餐饮业。从业人员300人以下或营业收入10000万元以下的为中小微型企业。其中，从业人员100人及以上，且营业收入2000万元及以上的为中型企业；从业人员10人及以上，且营业收入100万元及以上的为小型企业；从业人员10人以下或营业收入100万元以下的为微型企业。",
        sme_below: &[(EMP, 300), (REV, 10000)],
        medium_at_least: &[(EMP, 100), (REV, 2000)],
        small_at_least: &[(EMP, 10), (REV, 100)],
    },
    Row {
        industry: Industry::InformationTransmission,
        text: "（十一）信息传输业。从业人员2000人以下或营业收入100000万元以下的为中小微型企业。其中，从业人员100人及以上，且营业收入1000万元及以上的为中型企业；从业人员10人及以上，且营业收入100万元及以上的为小型企业；从业人员10人以下或营业收入100万元以下的为微型企业。",
        sme_below: &[(EMP, 2000), (REV, 100000)],
        medium_at_least: &[(EMP, 100), (REV, 1000)],
        small_at_least: &[(EMP, 10), (REV, 100)],
    },
    Row {
        industry: Industry::Software,
        text: "（十二）软件和信息技术服务业。从业人员300人以下或营业收入10000万元以下的为中小微型企业。其中，从业人员100人及以上，且营业收入1000万元及以上的为中型企业；从业人员10人及以上，且营业收入50万元及以上的为小型企业；从业人员10人以下或营业收入50万元以下的为微型企业。",
        sme_below: &[(EMP, 300), (REV, 10000)],
        medium_at_least: &[(EMP, 100), (REV, 1000)],
        small_at_least: &[(EMP, 10), (REV, 50)],
    },
    Row {
        industry: Industry::RealEstateDevelopment,
        text: "（十三）房地产开发经营。营业收入200000万元以下或资产总额10000万元以下的为中小微型企业。其中，营业收入1000万元及以上，且资产总额5000万元及以上的为中型企业；营业收入100万元及以上，且资产总额2000万元及以上的为小型企业；营业收入100万元以下或资产总额2000万元以下的为微型企业。",
        sme_below: &[(REV, 200000), (AST, 10000)],
        medium_at_least: &[(REV, 1000), (AST, 5000)],
        small_at_least: &[(REV, 100), (AST, 2000)],
    },
    Row {
        industry: Industry::PropertyManagement,
        text: "（十四）物业管理。从业人员1000人以下或营业收入5000万元以下的为中小微型企业。其中，从业人员300人及以上，且营业收入1000万元及以上的为中型企业；从业人员100人及以上，且营业收入500万元及以上的为小型企业；从业人员100人以下或营业收入500万元以下的为微型企业。",
        sme_below: &[(EMP, 1000), (REV, 5000)],
        medium_at_least: &[(EMP, 300), (REV, 1000)],
        small_at_least: &[(EMP, 100), (REV, 500)],
    },
    Row {
        industry: Industry::LeasingAndBusinessServices,
        text: "（十五）租赁和商务服务业。从业人员300人以下或资产总额120000万元以下的为中小微型企业。其中，从业人员100人及以上，且资产总额8000万元及以上的为中型企业；从业人员10人及以上，且资产总额100万元及以上的为小型企业；从业人员10人以下或资产总额100万元以下的为微型企业。",
        sme_below: &[(EMP, 300), (AST, 120000)],
        medium_at_least: &[(EMP, 100), (AST, 8000)],
        small_at_least: &[(EMP, 10), (AST, 100)],
    },
    Row {
        industry: Industry::Other,
        text: "（十六）其他未列明行业。从业人员300人以下的为中小微型企业。其中，从业人员100人及以上的为中型企业；从业人员10人及以上的为小型企业；从业人员10人以下的为微型企业。",
        sme_below: &[(EMP, 300)],
        medium_at_least: &[(EMP, 100)],
        small_at_least: &[(EMP, 10)],
    },
];

/// A bound in the unit of the statistic: persons, or yuan (万元 × 10,000).
fn units(metric: Metric, bound: i64) -> Decimal {
    match metric {
        EMP => Decimal::from(bound),
        _ => Decimal::from(bound) * Decimal::from(10_000),
    }
}

fn stats(values: &[(Metric, Decimal)]) -> Statistics {
    let mut s = Statistics::default();
    for &(metric, v) in values {
        match metric {
            EMP => s.employees = Some(u32::try_from(v).expect("whole persons")),
            REV => s.operating_revenue = Some(v),
            AST => s.total_assets = Some(v),
        }
    }
    s
}

/// Every statistic at the given level's bound.
fn at(bounds: &[(Metric, i64)]) -> Vec<(Metric, Decimal)> {
    bounds.iter().map(|&(m, b)| (m, units(m, b))).collect()
}

/// The same with `metric` lowered by `by`.
fn lowered(bounds: &[(Metric, i64)], metric: Metric, by: Decimal) -> Vec<(Metric, Decimal)> {
    at(bounds).into_iter().map(|(m, v)| if m == metric { (m, v - by) } else { (m, v) }).collect()
}

fn one_unit(metric: Metric) -> Vec<(Decimal, &'static str)> {
    match metric {
        EMP => vec![(Decimal::ONE, "1人")],
        _ => vec![(Decimal::ONE, "1元"), (Decimal::new(1, 2), "1分")],
    }
}

fn name(m: Metric) -> &'static str {
    match m {
        EMP => "从业人员",
        REV => "营业收入",
        AST => "资产总额",
    }
}

/// Runs every check, printing one line each, and returns the mismatches.
fn check_row(row: &Row, failures: &mut Vec<String>, checked: &mut usize) {
    let mut expect = |label: String, values: Vec<(Metric, Decimal)>, want: Size| {
        *checked += 1;
        let got = classify(row.industry, &stats(&values));
        let shown: Vec<String> = values.iter().map(|(m, v)| format!("{} {}", name(*m), v)).collect();
        let line = format!("{:?} {label}: [{}] → {want:?}", row.industry, shown.join(", "));
        if got == Ok(want) {
            println!("ok   {line}");
        } else {
            println!("FAIL {line}, got {got:?}");
            failures.push(format!("{line}, got {got:?}\n      {}", row.text));
        }
    };

    // 大型 / 中小微: at every outer bound → 大型; one unit below any one → 中小微 (here 中型,
    // since every other statistic is still above the 中型 bounds).
    expect("at all 中小微 outer bounds".into(), at(row.sme_below), Size::Large);
    for &(metric, _) in row.sme_below {
        for (by, unit) in one_unit(metric) {
            expect(
                format!("{}低于外限{unit}", name(metric)),
                lowered(row.sme_below, metric, by),
                Size::Medium,
            );
        }
    }

    // 中型: all lower bounds met → 中型; any one a unit below → 小型.
    expect("at all 中型 bounds".into(), at(row.medium_at_least), Size::Medium);
    for &(metric, _) in row.medium_at_least {
        for (by, unit) in one_unit(metric) {
            expect(
                format!("{}低于中型下限{unit}", name(metric)),
                lowered(row.medium_at_least, metric, by),
                Size::Small,
            );
        }
    }

    // 小型: all lower bounds met → 小型; any one a unit below → 微型.
    expect("at all 小型 bounds".into(), at(row.small_at_least), Size::Small);
    for &(metric, _) in row.small_at_least {
        for (by, unit) in one_unit(metric) {
            expect(
                format!("{}低于小型下限{unit}", name(metric)),
                lowered(row.small_at_least, metric, by),
                Size::Micro,
            );
        }
    }

    // 微型 is ANY one below the 小型 bound, even when the other statistics are
    // as large as an SME can be (one unit under the outer bound).
    if row.small_at_least.len() > 1 {
        for &(metric, bound) in row.small_at_least {
            let values: Vec<(Metric, Decimal)> = row
                .sme_below
                .iter()
                .map(|&(m, outer)| {
                    if m == metric {
                        (m, units(m, bound) - Decimal::ONE)
                    } else {
                        (m, units(m, outer) - Decimal::ONE)
                    }
                })
                .collect();
            expect(format!("只有{}低于小型下限", name(metric)), values, Size::Micro);
        }
    }

    // Nothing at all → 微型.
    let zeros: Vec<(Metric, Decimal)> = row.sme_below.iter().map(|&(m, _)| (m, Decimal::ZERO)).collect();
    expect("all zero".into(), zeros, Size::Micro);
}

#[test]
fn every_threshold_of_every_industry_on_both_sides() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for row in ROWS {
        check_row(row, &mut failures, &mut checked);
    }
    println!("{checked} classifications checked");
    assert!(failures.is_empty(), "{} wrong classification(s):\n{}", failures.len(), failures.join("\n"));
    // 16 rows; at least: 大型 + 中型 + 小型 + 微型 checks per bound.
    assert!(checked >= 16 * 7, "only {checked} checks ran");
}

#[test]
fn table_covers_all_sixteen_industries_once() {
    assert_eq!(Industry::ALL.len(), 16);
    for industry in Industry::ALL {
        let n = ROWS.iter().filter(|r| r.industry == industry).count();
        assert_eq!(n, 1, "{industry:?} appears {n} times in the test table");
    }
    // The statistics the standard reads per industry match what the library asks for.
    for row in ROWS {
        let mut mine: Vec<Metric> = row.sme_below.iter().map(|(m, _)| *m).collect();
        mine.sort_by_key(|m| *m as u8);
        let mut lib: Vec<Metric> = row.industry.metrics().to_vec();
        lib.sort_by_key(|m| *m as u8);
        assert_eq!(mine, lib, "{:?}: statistics used", row.industry);
    }
}

#[test]
fn a_statistic_the_industry_needs_is_reported_missing() {
    // 工业 reads 从业人员 and 营业收入; 资产总额 is irrelevant to it.
    let s = Statistics { employees: Some(50), operating_revenue: None, total_assets: Some(Decimal::from(1)) };
    assert_eq!(classify(Industry::Industry, &s), Err(vec![REV]));
    // 建筑业 reads 营业收入 and 资产总额, not 从业人员.
    let s = Statistics { employees: Some(50), operating_revenue: None, total_assets: None };
    assert_eq!(classify(Industry::Construction, &s), Err(vec![REV, AST]));
    // 其他未列明行业 needs only 从业人员: money alone is not enough.
    let s = Statistics { employees: None, operating_revenue: Some(Decimal::from(1)), total_assets: None };
    assert_eq!(classify(Industry::Other, &s), Err(vec![EMP]));
    // 农、林、牧、渔业 needs only 营业收入: employees are not asked for.
    let s =
        Statistics { employees: None, operating_revenue: Some(Decimal::from(5_000_000)), total_assets: None };
    assert_eq!(classify(Industry::Agriculture, &s), Ok(Size::Medium));
}

fn size_for(enterprise_json: &str) -> SizeOutcome {
    let json = format!(r#"{{"evaluation_date":"2024-12-31","enterprise":{enterprise_json}}}"#);
    let scenario = scenario_from_json(&json).unwrap_or_else(|e| panic!("{json}: {e:?}"));
    size_of(&scenario)
}

/// Through the scenario (money typed with its currency, industries by code
/// or by their Chinese names), as every rule sees it.
#[test]
fn through_the_scenario_path() {
    // （二）工业: 20 人 且 300万 → 小型; 19 人 → 微型; 300 人 且 2000万 → 中型.
    assert_eq!(
        size_for(r#"{"industry":"industry","employees":20,"operating_revenue":"3000000 CNY"}"#),
        SizeOutcome::Classified(Size::Small)
    );
    assert_eq!(
        size_for(r#"{"industry":"industry","employees":19,"operating_revenue":"3000000 CNY"}"#),
        SizeOutcome::Classified(Size::Micro)
    );
    assert_eq!(
        size_for(r#"{"industry":"工业","employees":300,"operating_revenue":"20,000,000 CNY"}"#),
        SizeOutcome::Classified(Size::Medium)
    );
    // （十二）软件和信息技术服务业 by its Chinese name: 10 人 且 50万 → 小型; 49.9999万 → 微型.
    assert_eq!(
        size_for(r#"{"industry":"软件和信息技术服务业","employees":10,"operating_revenue":"500000 CNY"}"#),
        SizeOutcome::Classified(Size::Small)
    );
    assert_eq!(
        size_for(r#"{"industry":"软件和信息技术服务业","employees":10,"operating_revenue":"499999 CNY"}"#),
        SizeOutcome::Classified(Size::Micro)
    );
    // （十五）租赁和商务服务业 reads 资产总额: 100 人 且 8000万 → 中型.
    assert_eq!(
        size_for(
            r#"{"industry":"leasing_and_business_services","employees":100,"total_assets":"80000000 CNY"}"#
        ),
        SizeOutcome::Classified(Size::Medium)
    );
    // （十三）房地产开发经营: 资产总额 exactly 10000万 and 营业收入 200000万 → 大型.
    assert_eq!(
        size_for(
            r#"{"industry":"real_estate_development","operating_revenue":"2000000000 CNY","total_assets":"100000000 CNY"}"#
        ),
        SizeOutcome::Classified(Size::Large)
    );
    // Missing statistic: 工业 without 营业收入 → the field is named, no size guessed.
    assert_eq!(size_for(r#"{"industry":"industry","employees":80}"#), SizeOutcome::Missing(vec![REV]));
    // 建筑业 with nothing → both of its statistics named.
    assert_eq!(size_for(r#"{"industry":"construction"}"#), SizeOutcome::Missing(vec![REV, AST]));
    // No industry → cannot classify at all.
    assert_eq!(size_for(r#"{"employees":80,"operating_revenue":"50000000 CNY"}"#), SizeOutcome::NoIndustry);
}
