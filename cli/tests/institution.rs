//! Institution-facing calculators (provisions R-1..R-3, docs/ground-rules.md)
//! and the S-2 screening, from the text: every tier boundary under both
//! readings, the > 8% rule, the bank/guarantor split, 临海's rewards with
//! their caps and their expired window, and the five-criteria screen.
//! Each figure has its hand calculation beside it.

use std::path::Path;
use std::process::Command;

use serde_json::Value;
use sme_subsidy::institution::{self, InstitutionReport};
use sme_subsidy::pack::builtin::builtin;
use sme_subsidy::pack::{validate, PolicySet};
use sme_subsidy::report::Lang;
use sme_subsidy::screening::{self, Criterion, Outcome, ScreeningAnswers, ScreeningReport};
use sme_subsidy::InputError;

/// Evaluate one input (a JSON object) against `set`, rendered in both languages.
fn eval_in(set: &PolicySet, json: &str) -> Value {
    let results = institution::evaluate_json(set, json).unwrap_or_else(|e| panic!("{json}\n{e:#?}"));
    assert_eq!(results.len(), 1);
    serde_json::to_value(InstitutionReport::new(&results[0], Lang::Both)).unwrap()
}

fn eval(json: &str) -> Value {
    eval_in(builtin(), json)
}

/// Library amounts always carry two decimals, whatever the inputs' scale.
#[test]
fn amounts_have_fen_scale() {
    let results = institution::evaluate_json(
        builtin(),
        r#"[{"calculator":"tiered_compensation","date":"2024-12-31","payout":"1200000 CNY","payout_rate_percent":"12"},
            {"calculator":"risk_split","rule":"LC-R-2","date":"2024-06-30","outstanding_principal":"1000 CNY","normal_interest":"0 CNY","bank_share_percent":"20"}]"#,
    )
    .unwrap();
    assert_eq!(results[0].amount.unwrap().to_string(), "400000.00");
    let split = results[1].split.unwrap();
    assert_eq!(
        [split.covered, split.guarantor_pays, split.bank_bears, split.excluded].map(|d| d.to_string()),
        ["1000.00", "800.00", "200.00", "0.00"]
    );
}

fn errors(json: &str) -> Vec<InputError> {
    match institution::evaluate_json(builtin(), json) {
        Ok(_) => panic!("expected input errors for {json}"),
        Err(e) => e,
    }
}

fn step_texts(r: &Value) -> Vec<String> {
    r["steps"].as_array().unwrap().iter().map(|s| s["text"]["zh"].as_str().unwrap().to_string()).collect()
}

fn step_kinds(r: &Value) -> Vec<String> {
    r["steps"].as_array().unwrap().iter().map(|s| s["kind"].as_str().unwrap().to_string()).collect()
}

fn keys(r: &Value, list: &str) -> Vec<String> {
    r[list]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["key"].as_str().unwrap_or_else(|| c["kind"].as_str().unwrap()).to_string())
        .collect()
}

/// The built-in set under a portal's pack: the document's own pack.toml
/// with one reading switched (`id` from `from` to `to`), read as the CLI's
/// `--pack` reads a TOML file and merged over the built-in set.
fn portal_reading(pack: &str, id: &str, from: &str, to: &str) -> PolicySet {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(pack)).unwrap();
    let taken = format!("id = \"{id}\"\nvalue = \"{from}\"");
    assert!(text.contains(&taken), "{pack} takes {id} = {from}");
    let text = text.replace(&taken, &format!("id = \"{id}\"\nvalue = \"{to}\""));
    let value: toml::Value = toml::from_str(&text).unwrap();
    let docs = validate::from_deserializer(toml::Value::Array(vec![value]), "portal.toml").unwrap();
    let mut set = builtin().clone();
    set.merge(docs);
    set
}

/// LC-R-1 under the marginal reading of its tiers (`tier_mode`).
fn marginal_set() -> PolicySet {
    portal_reading(
        "policies/000-liaocheng-jiangbei-guarantee-2023/pack.toml",
        "tier_mode",
        "bracket",
        "marginal",
    )
}

/// The reading `id` shown with a result: (value taken, its label in zh).
fn reading_taken(r: &Value, id: &str) -> (String, String) {
    let g = r["readings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["id"] == id)
        .unwrap_or_else(|| panic!("{id} shown"));
    let alt = g["alternatives"].as_array().unwrap().iter().find(|a| a["taken"] == true).unwrap();
    (alt["value"].as_str().unwrap().to_string(), g["taken"]["zh"].as_str().unwrap().to_string())
}

// ---------------------------------------------------------------------------
// R-1 担保代偿补偿 (聊江管办发〔2023〕3号 三、（三）)

fn r1(rate: &str) -> String {
    format!(
        r#"{{"calculator":"tiered_compensation","date":"2024-12-31","payout":"1000000 CNY","payout_rate_percent":"{rate}",
            "answers":{{"municipal_guarantor":true,"qualifying_business":true}}}}"#
    )
}

/// 代偿额 1,000,000 at each boundary. Tiers [0,1) 100%, [1,3) 80%, [3,5) 60%,
/// [5,8] 50%; above 8% the counted 代偿额 is 1,000,000 × 8% / 代偿率.
const R1_TABLE: &[(&str, &str, &str)] = &[
    // (代偿率 %, bracket, marginal)
    // 0.99% < 1%: tier 1. bracket 1,000,000 × 100%; marginal: all of it in [0, 1%) at 100%.
    ("0.99", "1000000.00", "1000000.00"),
    // exactly 1%: 「小于1%」 excludes it → tier 2 (80%): 800,000.
    // marginal: 代偿额 × (1 − 0)/1 at 100% = 1,000,000 (no part above 1%).
    ("1", "800000.00", "1000000.00"),
    // 2%: tier 2: 800,000. marginal: 1/2 × 100% + 1/2 × 80% = 900,000.
    ("2", "800000.00", "900000.00"),
    // exactly 3%: [3,5) → 60%: 600,000.
    // marginal: (1 × 100% + 2 × 80%) / 3 = 2.6/3 → 866,666.666… → 866,666.67.
    ("3", "600000.00", "866666.67"),
    // exactly 5%: [5,8] → 50%: 500,000.
    // marginal: (1 + 1.6 + 2 × 60%) / 5 = 3.8/5 → 760,000.
    ("5", "500000.00", "760000.00"),
    // exactly 8%: 「5%—8%(含)」 → 50%, nothing excluded: 500,000.
    // marginal: (3.8 + 3 × 50%) / 8 = 5.3/8 → 662,500.
    ("8", "500000.00", "662500.00"),
    // 8.01%: counted 1,000,000 × 8/8.01 = 998,751.5605…, × 50% = 499,375.7802… → 499,375.78.
    // marginal: 5.3/8.01 × 1,000,000 = 661,672.9088… → 661,672.91.
    ("8.01", "499375.78", "661672.91"),
    // 12%: counted 1,000,000 × 8/12 = 666,666.666…, × 50% = 333,333.333… → 333,333.33.
    // marginal: 5.3/12 × 1,000,000 = 441,666.666… → 441,666.67.
    ("12", "333333.33", "441666.67"),
];

#[test]
fn r1_every_boundary_under_both_readings() {
    let marginal = marginal_set();
    for (rate, bracket, by_band) in R1_TABLE {
        let r = eval(&r1(rate));
        assert_eq!(r["status"], "computed", "{rate}%");
        assert_eq!(r["amount_yuan"], *bracket, "bracket at {rate}%: {:#?}", step_texts(&r));
        assert_eq!(r["recipient"], "guarantor");
        assert!(r["to_confirm"].as_array().unwrap().is_empty(), "{rate}%");
        let m = eval_in(&marginal, &r1(rate));
        assert_eq!(m["amount_yuan"], *by_band, "marginal at {rate}%: {:#?}", step_texts(&m));
    }
}

#[test]
fn r1_bracket_steps_name_the_tier_and_the_excluded_part() {
    let r = eval(&r1("3"));
    assert_eq!(step_kinds(&r), ["rate_given", "tier_chosen", "tier_share", "rounding"]);
    assert!(step_texts(&r)[1].contains("第3档（3%（含）至5%（不含））"), "{:?}", step_texts(&r));

    let r = eval(&r1("8"));
    assert!(step_texts(&r)[1].contains("第4档（5%（含）至8%（含））"), "{:?}", step_texts(&r));
    assert!(!step_kinds(&r).contains(&"excess_excluded".to_string()));

    // 12%: 1,000,000 × 8% / 12% = 666,666.6666…; excluded 333,333.3333….
    let r = eval(&r1("12"));
    assert_eq!(step_kinds(&r), ["rate_given", "tier_chosen", "excess_excluded", "tier_share", "rounding"]);
    let t = step_texts(&r);
    assert!(
        t[2].contains("代偿率超出 8% 的部分不予补偿")
            && t[2].contains("666,666.6666…")
            && t[2].contains("不予补偿 333,333.3333…"),
        "{t:?}"
    );
    assert!(r["summary"]["zh"].as_str().unwrap().contains("拨付担保机构"));
    assert_eq!(r["citation"]["number"], "聊江管办发〔2023〕3号");
    assert_eq!(r["citation"]["clause"], "三、（三）");
    // 本测算采用的解读: tier_mode, bracket taken, marginal the alternative.
    let (value, label) = reading_taken(&r, "tier_mode");
    assert_eq!(value, "bracket");
    assert!(label.starts_with("整档"), "{label}");
    let g = &r["readings"][0];
    assert_eq!(g["alternatives"][1]["value"], "marginal");
    assert!(g["justification"]["zh"].as_str().unwrap().contains("担保代偿额"));
}

#[test]
fn r1_marginal_bands_at_12_percent() {
    // 代偿额 1,200,000 over 分母 10,000,000 → 12%. Bands of the 分母:
    // 100,000 × 100% + 200,000 × 80% + 200,000 × 60% + 300,000 × 50%
    // = 100,000 + 160,000 + 120,000 + 150,000 = 530,000; 400,000 excluded.
    let json = r#"{"calculator":"tiered_compensation","date":"2024-12-31","payout":"1200000 CNY","guarantee_base":"10000000 CNY"}"#;
    let m = eval_in(&marginal_set(), json);
    assert_eq!(m["amount_yuan"], "530000.00");
    assert_eq!(reading_taken(&m, "tier_mode").0, "marginal");
    assert_eq!(
        step_kinds(&m),
        ["rate_derived", "band", "band", "band", "band", "excess_excluded", "sum", "rounding"]
    );
    let t = step_texts(&m);
    assert!(t[2].contains("200,000 元 × 80% = 160,000 元"), "{t:?}");
    assert!(t[5].contains("不予补偿 400,000 元"), "{t:?}");
    // Bracket: 分母 × 8% = 800,000 counted × 50% = 400,000.
    let b = eval(json);
    assert_eq!(b["amount_yuan"], "400000.00");
}

#[test]
fn r1_rate_derived_from_the_base_is_never_rounded_before_the_tier_test() {
    // (代偿额, 分母, bracket amount)
    let cases = [
        // 99,999.99 / 10,000,000 = 0.9999999% < 1% → 100%: 99,999.99.
        ("99999.99", "10000000", "99999.99"),
        // 100,000 / 10,000,000 = 1% exactly → 80%: 80,000.
        ("100000", "10000000", "80000.00"),
        // 1 / 3 = 33.33…% > 8%: counted 分母 × 8% = 0.24 × 50% = 0.12.
        ("1", "3", "0.12"),
        // 0 / anything = 0% → 100% of nothing.
        ("0", "10000000", "0.00"),
    ];
    for (payout, base, want) in cases {
        let r = eval(&format!(
            r#"{{"calculator":"tiered_compensation","date":"2024-12-31","payout":"{payout} CNY","guarantee_base":"{base} CNY"}}"#
        ));
        assert_eq!(r["amount_yuan"], want, "{payout}/{base}: {:?}", step_texts(&r));
        assert_eq!(step_kinds(&r)[0], "rate_derived");
    }
}

#[test]
fn r1_tier_top_reading_decides_3_and_5_percent() {
    // Default `tier_top = excluded` (R1_TABLE): 3% → 「3%—5%」 60% = 600,000;
    // 5% → 「5%—8%(含)」 50% = 500,000. The text settles 1% (「小于1%」: tier 2)
    // and 8% (「(含)」: tier 4) under either reading.
    let r = eval(&r1("3"));
    assert_eq!(reading_taken(&r, "tier_top").0, "excluded");
    // `included` (a portal's pack): 「A%—B%」 includes B.
    let set = portal_reading(
        "policies/000-liaocheng-jiangbei-guarantee-2023/pack.toml",
        "tier_top",
        "excluded",
        "included",
    );
    for (rate, want) in [
        // 1%: still 「1%—3%」: 1,000,000 × 80% = 800,000.
        ("1", "800000.00"),
        // 3%: now 「1%—3%」: 1,000,000 × 80% = 800,000.
        ("3", "800000.00"),
        // 3.0001%: above 3%, 「3%—5%」: × 60% = 600,000.
        ("3.0001", "600000.00"),
        // 5%: now 「3%—5%」: × 60% = 600,000.
        ("5", "600000.00"),
        // 8%: 「5%—8%(含)」 either way: × 50% = 500,000.
        ("8", "500000.00"),
    ] {
        let r = eval_in(&set, &r1(rate));
        assert_eq!(r["amount_yuan"], want, "{rate}%: {:?}", step_texts(&r));
        assert_eq!(reading_taken(&r, "tier_top").0, "included");
    }
    let t = step_texts(&eval_in(&set, &r1("3")));
    assert!(t[1].contains("第2档（1%（含）至3%（含））"), "{t:?}");
    let t = step_texts(&eval_in(&set, &r1("5")));
    assert!(t[1].contains("第3档（3%（不含）至5%（含））"), "{t:?}");
}

#[test]
fn r1_conditions_and_dates() {
    // Unanswered: 「需满足」, amount still computed.
    let r = eval(
        r#"{"calculator":"tiered_compensation","date":"2024-12-31","payout":"1000000 CNY","payout_rate_percent":"2"}"#,
    );
    assert_eq!(keys(&r, "to_confirm"), ["answers.municipal_guarantor", "answers.qualifying_business"]);
    assert_eq!(r["amount_yuan"], "800000.00");
    // Answered no: not eligible, no amount.
    let r = eval(
        r#"{"calculator":"tiered_compensation","date":"2024-12-31","payout":"1000000 CNY","payout_rate_percent":"2","answers":{"municipal_guarantor":false}}"#,
    );
    assert_eq!(r["status"], "not_eligible");
    assert!(r["amount_yuan"].is_null());
    assert!(r["reasons"][0]["zh"].as_str().unwrap().contains("不满足：担保机构为市级政府性融资担保机构"));
    // Before the document (2023-04-21): 不在政策有效期内.
    let r = eval(
        r#"{"calculator":"tiered_compensation","date":"2023-04-20","payout":"1000000 CNY","payout_rate_percent":"2"}"#,
    );
    assert_eq!(r["status"], "outside_effective_dates");
    assert!(r["status_text"]["zh"].as_str().unwrap().contains("不在政策有效期内（2023-04-21 至 —）"));
    assert!(r["amount_yuan"].is_null());
}

#[test]
fn r1_bad_inputs_are_located() {
    let base = r#""calculator":"tiered_compensation","date":"2024-12-31""#;
    let cases: &[(&str, &str, &str)] = &[
        (r#""payout":"-1 CNY","payout_rate_percent":"2""#, "payout", "不能为负数"),
        (r#""payout":"1 CNY","payout_rate_percent":"100.01""#, "payout_rate_percent", "不超过100"),
        (r#""payout":"1 CNY","payout_rate_percent":"-2""#, "payout_rate_percent", "不能为负数"),
        (r#""payout":"1 CNY","payout_rate_percent":"0""#, "payout_rate_percent", "不一致"),
        (r#""payout":"1 CNY""#, "payout_rate_percent", "请填写代偿率"),
        (r#""payout":"1 CNY","payout_rate_percent":"2","guarantee_base":"5 CNY""#, "guarantee_base", "之一"),
        (r#""payout":"6 CNY","guarantee_base":"5 CNY""#, "payout", "超过100%"),
        (r#""payout":"1 CNY","guarantee_base":"0 CNY""#, "guarantee_base", "须大于0"),
        (r#""payout":"1 USD","payout_rate_percent":"2""#, "payout", "人民币"),
        (r#""payout":"1","payout_rate_percent":"2""#, "payout", "币种"),
        (
            r#""payout":"1 CNY","payout_rate_percent":"2","answers":{"typo":true}"#,
            "answers.typo",
            "没有编号为 typo 的问题",
        ),
        (r#""payout":"1 CNY","payout_rate_percent":"2","rule":"WZ-R-2""#, "rule", "不是 tiered_compensation"),
        (r#""payout":"1 CNY","payout_rate_percent":"2","rule":"XX""#, "rule", "没有编号为 XX"),
        (r#""payout":"1 CNY","payout_rate_percent":"2","extra":1"#, "extra", "无法识别的字段"),
        (r#""payout_rate_percent":"2""#, "payout", "缺少必填项"),
    ];
    for (fields, field, zh) in cases {
        let errs = errors(&format!("{{{base},{fields}}}"));
        assert!(errs.iter().any(|e| e.field == *field && e.zh.contains(zh)), "{fields}: {errs:#?}");
        assert!(errs.iter().all(|e| !e.en.is_empty()), "{errs:#?}");
    }
    // A list: errors carry the item's index.
    let errs = errors(&format!(
        r#"[{{{base},"payout":"1 CNY","payout_rate_percent":"2"}}, {{{base},"payout":"-1 CNY","payout_rate_percent":"2"}}]"#
    ));
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].field, "[1].payout");
    // No calculator / an unknown one.
    assert_eq!(errors(r#"{"date":"2024-12-31"}"#)[0].field, "calculator");
    assert!(errors(r#"{"calculator":"bonus"}"#)[0].zh.contains("不在可选范围内"));
    let errs = errors("[1, 2");
    assert!(errs[0].field == "(input)" && errs[0].zh.contains("JSON 格式错误"), "{errs:#?}");
}

/// 温州征求意见稿 二、（四）「对担保机构提供免收保证金」 and 三、（二）「落实融资担保
/// 代偿率放宽至5%」: a deposit asked is flagged, none is a step, not entered is
/// 需满足; a payout rate of exactly 5% is within 「放宽至5%」, 5.01% is flagged.
/// The split itself does not change: 1,020,000 × 75% = 765,000 / 255,000.
#[test]
fn r2_deposit_waived_and_payout_rate_tolerance() {
    let r = r2("WZ-R-2", r#","bank_share_percent":"25","grace_days":30,"deposit":"50000 CNY""#);
    assert_eq!(keys(&r, "flags"), ["deposit_required"]);
    let flag = r["flags"][0]["text"]["zh"].as_str().unwrap();
    assert!(flag.contains("保证金 50,000.00 元") && flag.contains("免收保证金"), "{flag}");
    assert_eq!(split(&r), ["765000.00", "255000.00", "0.00", "0.00"]);
    assert!(r["to_confirm"].as_array().unwrap().is_empty());

    let r = r2(
        "WZ-R-2",
        r#","bank_share_percent":"25","grace_days":30,"deposit":"0 CNY","guarantor_payout_rate_percent":"5""#,
    );
    assert!(r["flags"].as_array().unwrap().is_empty(), "{}", r["flags"]);
    let t = step_texts(&r);
    assert!(t.iter().any(|s| s.contains("代偿率 5%，未超过放宽后的 5%")), "{t:?}");

    let r = r2(
        "WZ-R-2",
        r#","bank_share_percent":"25","grace_days":30,"deposit":"0 CNY","guarantor_payout_rate_percent":"5.01""#,
    );
    assert_eq!(keys(&r, "flags"), ["payout_rate_above_tolerance"]);
    assert!(r["flags"][0]["text"]["zh"].as_str().unwrap().contains("5.01%"));
    assert_eq!(split(&r), ["765000.00", "255000.00", "0.00", "0.00"]);

    // 聊城's R-2 sets neither: nothing asked, nothing flagged.
    let r = r2(
        "LC-R-2",
        r#","bank_share_percent":"25","deposit":"50000 CNY","guarantor_payout_rate_percent":"9""#,
    );
    assert!(r["flags"].as_array().unwrap().is_empty() && r["to_confirm"].as_array().unwrap().is_empty());

    // A negative deposit is an input error, located.
    let e = errors(
        r#"{"calculator":"risk_split","rule":"WZ-R-2","date":"2024-06-30","outstanding_principal":"1 CNY",
        "normal_interest":"0 CNY","bank_share_percent":"20","deposit":"-1 CNY"}"#,
    );
    assert_eq!(e[0].field, "deposit");
}

// ---------------------------------------------------------------------------
// R-4 聊城 2024's capped rewards (items 15, 20, 24): the cap is a maximum.

fn award(rule: &str, date: &str, answers: &str) -> Value {
    eval(&format!(r#"{{"calculator":"capped_award","rule":"{rule}","date":"{date}"{answers}}}"#))
}

#[test]
fn r4_capped_rewards_are_maxima() {
    // 二、（五）15「对我市接入上海票据交易所的供应链票据平台，财政部门给予最高500万元奖励」:
    // at most 5,000,000.00, not a certain amount; the platform's operator is not named.
    let r = award("LC-R-15A", "2024-12-31", r#","answers":{"platform_connected_to_shcpe":true}"#);
    assert_eq!(r["status"], "ceiling");
    assert_eq!(r["amount_yuan"], "5000000.00");
    assert_eq!(r["amount_is_maximum"], true);
    assert_eq!(r["recipient"], "unsettled");
    assert!(step_texts(&r)[0].contains("最高 5,000,000.00 元"));
    assert!(r["summary"]["zh"].as_str().unwrap().contains("最高 5,000,000.00 元"));
    assert_eq!(r["citation"]["units"]["zh"], "牵头单位：人民银行聊城市分行；责任单位：市工业和信息化局、市财政局、市交通运输局、市商务局，各县〔市、区〕人民政府、市属开发区管委会");
    // 「对于开展供应链金融业务成效突出的金融机构……最高50万元」: 500,000.00 to the bank;
    // unanswered, the recognition stays 需满足.
    let r = award("LC-R-15B", "2024-12-31", "");
    assert_eq!((r["status"].as_str(), r["amount_yuan"].as_str()), (Some("ceiling"), Some("500000.00")));
    assert_eq!(keys(&r, "to_confirm"), ["answers.supply_chain_finance_outstanding"]);
    // 二、（七）24「积极争创省级优秀金融创新产品，财政部门给予最高50万元奖励」.
    let r = award("LC-R-24", "2024-12-31", r#","answers":{"provincial_innovation_award":true}"#);
    assert_eq!((r["status"].as_str(), r["amount_yuan"].as_str()), (Some("ceiling"), Some("500000.00")));
    assert_eq!(r["recipient"], "bank");
    // Answered no: not eligible. Before 2024-04-20: outside the dates.
    let r = award("LC-R-24", "2024-12-31", r#","answers":{"provincial_innovation_award":false}"#);
    assert_eq!(r["status"], "not_eligible");
    assert!(r["amount_yuan"].is_null());
    let r = award("LC-R-24", "2024-04-19", r#","answers":{"provincial_innovation_award":true}"#);
    assert_eq!(r["status"], "outside_effective_dates");
}

#[test]
fn r4_lumaodai_compensation_publishes_no_figure() {
    // 二、（六）20「对贷款本金损失，由保险机构、承办银行和财政部门按规定予以补偿」: no share,
    // no cap → applicable, no amount.
    let r = award("LC-R-20", "2025-03-31", r#","answers":{"lumaodai_loan":true}"#);
    assert_eq!(r["status"], "amount_not_published");
    assert!(r["amount_yuan"].is_null());
    assert_eq!(step_kinds(&r), ["not_published"]);
    assert!(r["summary"]["zh"].as_str().unwrap().contains("按规定"));
}

/// 临政办发〔2021〕47号 三、（一）1「对取得显著成效、获得省级以上批示肯定的项目,给予20%—50%的研发费用
/// 补助,具体办法另行制定」: R&D cost 1,000,000 → 200,000—500,000; the maximum 500,000.00 (the
/// share is not set). 12,345.67 × 50% = 6,172.835 → 6,172.84 (half-up, once). Expired: only
/// 2021-08-27 – 2021-12-31 computes.
#[test]
fn r3_item_1_rd_cost_share_top_is_the_maximum() {
    let yes = r#","answers":{"project_commended_at_provincial_level":true}"#;
    let r = award("LH-R-3-1", "2021-10-01", &format!(r#","cost":"1000000 CNY"{yes}"#));
    assert_eq!(r["status"], "ceiling");
    assert_eq!(r["amount_yuan"], "500000.00");
    assert_eq!(r["amount_is_maximum"], true);
    assert!(
        step_texts(&r)[0].contains("1,000,000.00 元 × 20%—50% = 200,000—500,000 元"),
        "{:?}",
        step_texts(&r)
    );
    let r = award("LH-R-3-1", "2021-10-01", &format!(r#","cost":"12345.67 CNY"{yes}"#));
    assert_eq!(r["amount_yuan"], "6172.84");
    assert_eq!(step_kinds(&r), ["cost_share_range", "rounding"]);
    let r = award("LH-R-3-1", "2022-01-01", &format!(r#","cost":"1000000 CNY"{yes}"#));
    assert_eq!(r["status"], "outside_effective_dates");
    let e = errors(r#"{"calculator":"capped_award","rule":"LH-R-3-1","date":"2021-10-01"}"#);
    assert_eq!(e[0].field, "cost");
    assert!(e[0].zh.contains("项目研发费用"));
}

// ---------------------------------------------------------------------------
// S-3 通区府办发〔2024〕23号 三、（一）（二）: referral limits.

fn referral(extra: &str) -> Value {
    eval(&format!(r#"{{"calculator":"referral_check","rule":"DZ-R-REF","date":"2025-01-15"{extra}}}"#))
}

#[test]
fn s3_referral_batch_of_at_most_3_banks() {
    // 「同一家企业同一批次推送不超过3家银行」: 3 is allowed, 4 is flagged.
    let r = referral(r#","banks_in_batch":3,"materials_complete":"2024-12-20","decision_date":"2024-12-28""#);
    assert_eq!(r["status"], "checked");
    assert!(r["flags"].as_array().unwrap().is_empty());
    assert_eq!(step_kinds(&r), ["banks_within_limit", "decided_in_time"]);
    let r = referral(r#","banks_in_batch":4,"materials_complete":"2024-12-20","decision_date":"2024-12-28""#);
    assert_eq!(keys(&r, "flags"), ["too_many_banks"]);
    assert!(r["status_text"]["zh"].as_str().unwrap().contains("不符合文件要求"));
    assert!(r["flags"][0]["text"]["zh"].as_str().unwrap().contains("通区府办发〔2024〕23号"));
}

#[test]
fn s3_decision_within_30_days() {
    // Complete 2024-12-01: days counted from 12-02, the 30th day is 12-31 (included).
    let r = referral(r#","banks_in_batch":2,"materials_complete":"2024-12-01","decision_date":"2024-12-31""#);
    assert!(r["flags"].as_array().unwrap().is_empty());
    assert!(step_texts(&r)[1].contains("第 30 日"));
    // 2025-01-01 is the 31st day: late.
    let r = referral(r#","banks_in_batch":2,"materials_complete":"2024-12-01","decision_date":"2025-01-01""#);
    assert_eq!(keys(&r, "flags"), ["decision_late"]);
    assert!(r["flags"][0]["text"]["zh"].as_str().unwrap().contains("第 31 日"));
    // Not decided yet: on 2025-01-15 the deadline 2024-12-31 has passed; on 2024-12-31 it has not.
    let r = referral(r#","banks_in_batch":2,"materials_complete":"2024-12-01""#);
    assert_eq!(keys(&r, "flags"), ["decision_overdue"]);
    assert!(r["flags"][0]["text"]["zh"].as_str().unwrap().contains("2024-12-31"));
    let r = eval(
        r#"{"calculator":"referral_check","rule":"DZ-R-REF","date":"2024-12-31","banks_in_batch":2,"materials_complete":"2024-12-01"}"#,
    );
    assert_eq!(step_kinds(&r), ["banks_within_limit", "decision_due"]);
    // Materials date unknown: 需满足.
    let r = referral(r#","banks_in_batch":2"#);
    assert_eq!(keys(&r, "to_confirm"), ["materials_complete"]);
    // Before the document (2024-11-28): outside its dates.
    let r =
        eval(r#"{"calculator":"referral_check","rule":"DZ-R-REF","date":"2024-11-27","banks_in_batch":2}"#);
    assert_eq!(r["status"], "outside_effective_dates");
}

#[test]
fn s3_bad_referrals_are_located() {
    let e = errors(r#"{"calculator":"referral_check","date":"2025-01-15","banks_in_batch":0}"#);
    assert_eq!(e[0].field, "banks_in_batch");
    let e = errors(
        r#"{"calculator":"referral_check","date":"2025-01-15","banks_in_batch":2,"materials_complete":"2025-01-10","decision_date":"2025-01-09"}"#,
    );
    assert_eq!(e[0].field, "decision_date");
    assert!(e[0].zh.contains("早于"));
    let e = errors(
        r#"{"calculator":"referral_check","date":"2025-01-15","banks_in_batch":2,"decision_date":"2025-01-09"}"#,
    );
    assert_eq!(e[0].field, "materials_complete");
}

// ---------------------------------------------------------------------------
// R-2 银担风险分担 (温州征求意见稿 二、（四）; 聊江管办发〔2023〕3号 三、（二）)

fn r2(rule: &str, extra: &str) -> Value {
    eval(&format!(
        r#"{{"calculator":"risk_split","rule":"{rule}","date":"2024-06-30",
            "outstanding_principal":"1000000 CNY","normal_interest":"20000 CNY"{extra}}}"#
    ))
}

fn split(r: &Value) -> [String; 4] {
    let s = &r["split"];
    ["guarantor_pays_yuan", "bank_bears_yuan", "excluded_yuan", "left_to_agreement_yuan"]
        .map(|k| s[k].as_str().unwrap().to_string())
}

#[test]
fn r2_split_at_exactly_20_percent() {
    // Covered 1,000,000 + 20,000 = 1,020,000; guarantor × 80% = 816,000; bank 204,000.
    // No deposit asked (「免收保证金」).
    let r = r2("WZ-R-2", r#","bank_share_percent":"20","grace_days":30,"deposit":"0 CNY""#);
    assert_eq!(r["status"], "computed");
    assert_eq!(r["amount_yuan"], "816000.00");
    assert_eq!(split(&r), ["816000.00", "204000.00", "0.00", "0.00"]);
    assert_eq!(r["split"]["covered_yuan"], "1020000.00");
    assert!(r["flags"].as_array().unwrap().is_empty());
    assert_eq!(
        step_kinds(&r),
        [
            "covered",
            "guarantor_share",
            "rounding",
            "bank_share",
            "bank_share_at_least",
            "grace_at_least",
            "deposit_waived"
        ]
    );
    assert!(r["to_confirm"].as_array().unwrap().is_empty());
    assert_eq!(r["recipient"], "bank");
    let notes: Vec<&str> = r["notes"].as_array().unwrap().iter().map(|n| n["zh"].as_str().unwrap()).collect();
    assert!(notes[0].contains("征求意见稿"), "{notes:?}");
}

#[test]
fn r2_share_below_20_percent_is_flagged_with_the_clause() {
    // 19.99%: guarantor 1,020,000 × 80.01% = 816,102.00; bank 203,898.00.
    // At 20% the bank would bear 204,000.00.
    let r = r2("WZ-R-2", r#","bank_share_percent":"19.99","grace_days":30"#);
    assert_eq!(r["status"], "computed");
    assert_eq!(split(&r), ["816102.00", "203898.00", "0.00", "0.00"]);
    assert_eq!(keys(&r, "flags"), ["bank_share_below_minimum"]);
    let flag = r["flags"][0]["text"]["zh"].as_str().unwrap();
    assert!(
        flag.contains("19.99%")
            && flag.contains("不低于 20%")
            && flag.contains("二、（四）")
            && flag.contains("204,000.00"),
        "{flag}"
    );
    assert!(r["status_text"]["zh"].as_str().unwrap().contains("不符合文件要求"));
    // The same under 聊城's 「原则上……不低于20%」, citing its 文号.
    let r = r2("LC-R-2", r#","bank_share_percent":"10""#);
    let flag = r["flags"][0]["text"]["zh"].as_str().unwrap();
    assert!(flag.contains("聊江管办发〔2023〕3号 三、（二）"), "{flag}");
}

#[test]
fn r2_penalty_and_compound_interest_are_excluded() {
    // 罚息 5,000 + 复利 1,000 + 其他 2,000 = 8,000 excluded; the split of
    // 1,020,000 unchanged: 816,000 / 204,000.
    let r = r2(
        "WZ-R-2",
        r#","penalty_interest":"5000 CNY","compound_interest":"1000 CNY","other_charges":"2000 CNY","bank_share_percent":"20","grace_days":45"#,
    );
    assert_eq!(split(&r), ["816000.00", "204000.00", "8000.00", "0.00"]);
    let t = step_texts(&r);
    assert!(
        t[1].contains("罚息 5,000.00 元、复利 1,000.00 元、其他费用 2,000.00 元，合计 8,000.00 元")
            && t[1].contains("不予代偿"),
        "{t:?}"
    );
    assert!(r["summary"]["zh"].as_str().unwrap().contains("不予代偿 8,000.00 元"));
    // 聊城 sets no scope: the charges are left to the agreement, not split.
    let r = r2("LC-R-2", r#","penalty_interest":"5000 CNY","bank_share_percent":"20""#);
    assert_eq!(split(&r), ["816000.00", "204000.00", "0.00", "5000.00"]);
    assert!(step_texts(&r)[1].contains("按银担合作协议约定"));
}

#[test]
fn r2_grace_period() {
    // 29 days < 30: flagged; 30: met; not entered: 「需满足」. 聊城 sets none.
    let r = r2("WZ-R-2", r#","bank_share_percent":"25","grace_days":29"#);
    assert_eq!(keys(&r, "flags"), ["grace_below_minimum"]);
    assert!(r["flags"][0]["text"]["zh"].as_str().unwrap().contains("29 天，短于《"));
    let r = r2("WZ-R-2", r#","bank_share_percent":"25","grace_days":30"#);
    assert!(r["flags"].as_array().unwrap().is_empty());
    let r = r2("WZ-R-2", r#","bank_share_percent":"25""#);
    assert_eq!(keys(&r, "to_confirm"), ["grace_days", "deposit"]);
    let r = r2("LC-R-2", r#","bank_share_percent":"25""#);
    assert!(r["to_confirm"].as_array().unwrap().is_empty());
    // Guarantor 1,020,000 × 75% = 765,000; bank 255,000.
    assert_eq!(split(&r), ["765000.00", "255000.00", "0.00", "0.00"]);
}

#[test]
fn r2_rounds_the_guarantor_once_and_the_two_add_up() {
    // 100,000.01 × 80% = 80,000.008 → 80,000.01; bank 100,000.01 − 80,000.01 = 20,000.00.
    let r = eval(
        r#"{"calculator":"risk_split","rule":"WZ-R-2","date":"2024-06-30","outstanding_principal":"100000.01 CNY",
            "normal_interest":"0 CNY","bank_share_percent":"20","grace_days":30}"#,
    );
    assert_eq!(split(&r), ["80000.01", "20000.00", "0.00", "0.00"]);
    // 1,000 × 66.67% = 666.70; bank 333.30.
    let r = eval(
        r#"{"calculator":"risk_split","rule":"WZ-R-2","date":"2024-06-30","outstanding_principal":"1000 CNY",
            "normal_interest":"0 CNY","bank_share_percent":"33.33","grace_days":30}"#,
    );
    assert_eq!(split(&r), ["666.70", "333.30", "0.00", "0.00"]);
}

#[test]
fn r2_bad_inputs_are_located() {
    let base = r#""calculator":"risk_split","rule":"WZ-R-2","date":"2024-06-30","normal_interest":"0 CNY""#;
    let cases: &[(&str, &str, &str)] = &[
        (r#""outstanding_principal":"1 CNY","bank_share_percent":"120""#, "bank_share_percent", "不超过100"),
        (r#""outstanding_principal":"1 CNY","bank_share_percent":"-1""#, "bank_share_percent", "不能为负数"),
        (
            r#""outstanding_principal":"1.001 CNY","bank_share_percent":"20""#,
            "outstanding_principal",
            "精确到分",
        ),
        (
            r#""outstanding_principal":"-1 CNY","bank_share_percent":"20""#,
            "outstanding_principal",
            "不能为负数",
        ),
        (
            r#""outstanding_principal":"1 CNY","bank_share_percent":"20","penalty_interest":"-3 CNY""#,
            "penalty_interest",
            "不能为负数",
        ),
        (
            r#""outstanding_principal":"1 CNY","bank_share_percent":"20","grace_days":-3"#,
            "grace_days",
            "整数",
        ),
        (r#""outstanding_principal":"1 CNY""#, "bank_share_percent", "缺少必填项"),
    ];
    for (fields, field, zh) in cases {
        let errs = errors(&format!("{{{base},{fields}}}"));
        assert!(errs.iter().any(|e| e.field == *field && e.zh.contains(zh)), "{fields}: {errs:#?}");
    }
    // Two rules fit risk_split: without `rule` the input must name one.
    let errs = errors(
        r#"{"calculator":"risk_split","date":"2024-06-30","outstanding_principal":"1 CNY","normal_interest":"0 CNY","bank_share_percent":"20"}"#,
    );
    assert!(errs[0].field == "rule" && errs[0].zh.contains("LC-R-2、WZ-R-2"), "{errs:#?}");
}

// ---------------------------------------------------------------------------
// R-3 临海金融机构奖补 (临政办发〔2021〕47号, 失效; 2021-08-27 至 2021-12-31)

fn per_unit(rule: &str, date: &str, counts: &str, answers: &str) -> Value {
    eval(&format!(
        r#"{{"calculator":"per_unit_reward","rule":"{rule}","date":"{date}","counts":{counts},"answers":{answers}}}"#
    ))
}

#[test]
fn r3_fixed_rewards() {
    // Item 7: 2 outlets in 集镇 × 100,000 + 1 in 头门港 × 200,000 = 400,000.
    let r = per_unit(
        "LH-R-3-7",
        "2021-10-01",
        r#"{"town_outlet":2,"port_zone_outlet":1}"#,
        r#"{"outlet_runs_deposits_and_loans":true}"#,
    );
    assert_eq!(r["amount_yuan"], "400000.00");
    assert_eq!(step_kinds(&r), ["unit", "unit", "sum", "rounding"]);
    assert!(
        step_texts(&r)[1].contains("在浙江头门港经济开发区设立营业网点：1 × 200,000.00 元 = 200,000.00 元")
    );
    assert_eq!(r["recipient"], "bank");
    // Item 8: 3 特色支行 × 100,000 = 300,000; 「通过年审」 unanswered → 需满足.
    let r = per_unit("LH-R-3-8", "2021-12-31", r#"{"featured_branch":3}"#, "{}");
    assert_eq!(r["amount_yuan"], "300000.00");
    assert_eq!(keys(&r, "to_confirm"), ["answers.branch_passed_annual_review"]);
    // Item 11: 123 首保客户 × 500 = 61,500.
    let r = per_unit("LH-R-3-11B", "2021-12-31", r#"{"first_guarantee_customer":123}"#, "{}");
    assert_eq!(r["amount_yuan"], "61500.00");
    // Item 7 without 存贷 business: not eligible.
    let r = per_unit(
        "LH-R-3-7",
        "2021-10-01",
        r#"{"town_outlet":1}"#,
        r#"{"outlet_runs_deposits_and_loans":false}"#,
    );
    assert_eq!(r["status"], "not_eligible");
    // Unknown unit: located.
    let errs = errors(
        r#"{"calculator":"per_unit_reward","rule":"LH-R-3-7","date":"2021-10-01","counts":{"city_outlet":1}}"#,
    );
    assert!(
        errs[0].field == "counts.city_outlet" && errs[0].zh.contains("town_outlet、port_zone_outlet"),
        "{errs:#?}"
    );
}

#[test]
fn r3_is_labelled_expired_and_answers_outside_its_window() {
    for (date, inside) in [
        ("2021-08-26", false),
        ("2021-08-27", true),
        ("2021-12-31", true),
        ("2022-01-01", false),
        ("2024-06-30", false),
    ] {
        let r = per_unit("LH-R-3-8", date, r#"{"featured_branch":1}"#, "{}");
        let notes: Vec<&str> =
            r["notes"].as_array().unwrap().iter().map(|n| n["zh"].as_str().unwrap()).collect();
        assert!(notes[0].contains("已失效（有效期 2021-08-27 至 2021-12-31）"), "{notes:?}");
        assert_eq!(r["citation"]["status"], "expired");
        if inside {
            assert_eq!(r["amount_yuan"], "100000.00", "{date}");
        } else {
            assert_eq!(r["status"], "outside_effective_dates", "{date}");
            assert_eq!(r["status_text"]["zh"], "不在政策有效期内（2021-08-27 至 2021-12-31）");
            assert!(r["amount_yuan"].is_null());
            assert!(r["steps"].as_array().unwrap().is_empty());
        }
    }
}

fn item11(balance: &str, city: &str) -> Value {
    eval(&format!(
        r#"{{"calculator":"balance_share_reward","rule":"LH-R-3-11","date":"2021-12-31",
            "lines":[{{"monthly_average_balance":"{balance} CNY"}}],"city_comparison":{city}}}"#
    ))
}

const ABOVE: &str = r#"{"year_end_guarantee_balance":"90000000 CNY","city_average_year_end_guarantee_balance":"80000000 CNY"}"#;

#[test]
fn r3_item_11_ceiling_and_the_1_000_000_cap() {
    // 150,000,000 × 0.5% = 750,000: a maximum, under the 1,000,000 cap.
    let r = item11("150000000", ABOVE);
    assert_eq!(r["status"], "ceiling");
    assert_eq!(r["amount_yuan"], "750000.00");
    assert_eq!(r["amount_is_maximum"], true);
    assert_eq!(
        step_kinds(&r),
        ["city_average_met", "line", "balance_total", "ceiling_rate", "institution_cap", "rounding"]
    );
    let s = r["summary"]["zh"].as_str().unwrap();
    assert!(
        s.contains("最高 750,000.00 元") && s.contains("不是确定金额") && s.contains("不高于0.5%"),
        "{s}"
    );
    assert!(step_texts(&r)[3].contains("非确定比例"));
    // 200,000,000 × 0.5% = 1,000,000: exactly the cap.
    assert_eq!(item11("200000000", ABOVE)["amount_yuan"], "1000000.00");
    // 300,000,000 × 0.5% = 1,500,000 → capped at 1,000,000 per institution.
    let r = item11("300000000", ABOVE);
    assert_eq!(r["amount_yuan"], "1000000.00");
    assert!(step_texts(&r)[4].contains("超过单家金融机构最高 1,000,000.00 元"));
}

#[test]
fn r3_item_11_city_average_test() {
    // Balance not above (equal) but growth above: either suffices → 0.5% of 10,000,000 = 50,000.
    let r = item11(
        "10000000",
        r#"{"year_end_guarantee_balance":"80000000 CNY","city_average_year_end_guarantee_balance":"80000000 CNY",
            "annual_growth_percent":"12.5","city_average_annual_growth_percent":"10"}"#,
    );
    assert_eq!(r["amount_yuan"], "50000.00");
    assert!(step_texts(&r)[0].contains("年度增速 12.5%，超过全市平均 10%"));
    // Both equal: 「超过」 is strict → not eligible.
    let r = item11(
        "10000000",
        r#"{"year_end_guarantee_balance":"80000000 CNY","city_average_year_end_guarantee_balance":"80000000 CNY",
            "annual_growth_percent":"-3","city_average_annual_growth_percent":"-3"}"#,
    );
    assert_eq!(r["status"], "not_eligible");
    assert!(r["reasons"][0]["zh"].as_str().unwrap().contains("不满足「超过全市平均」"));
    // Not entered: computed as a maximum, the test left 「需满足」.
    let r = item11("10000000", "{}");
    assert_eq!(r["amount_yuan"], "50000.00");
    assert_eq!(keys(&r, "to_confirm"), ["city_comparison"]);
}

#[test]
fn r3_item_15_per_enterprise_limit_of_10_000_000() {
    // A 首贷户 12,000,000 → 10,000,000 counted.
    // B 首贷户 6,000,000 + 5,000,000 = 11,000,000 → 10,000,000.
    // C 科技型 10,000,000, sales exactly 30,000,000 (及以下) → 10,000,000.
    // D 科技型 5,000,000, sales 30,000,000.01 → not counted.
    // E 动产 12,000,000 (no per-enterprise limit) → 12,000,000.
    // F 金融科技 2,000,000 → 2,000,000.
    // Counted 10,000,000 + 10,000,000 + 10,000,000 + 12,000,000 + 2,000,000
    // = 44,000,000 × 0.5% = 220,000 (maximum; no per-institution cap).
    let r = eval(
        r#"{"calculator":"balance_share_reward","rule":"LH-R-3-15","date":"2021-12-31","lines":[
            {"enterprise":"A","category":"first_loan","monthly_average_balance":"12000000 CNY"},
            {"enterprise":"B","category":"first_loan","monthly_average_balance":"6000000 CNY"},
            {"enterprise":"B","category":"first_loan","monthly_average_balance":"5000000 CNY"},
            {"enterprise":"C","category":"tech_enterprise","monthly_average_balance":"10000000 CNY","annual_sales":"30000000 CNY"},
            {"enterprise":"D","category":"tech_enterprise","monthly_average_balance":"5000000 CNY","annual_sales":"30000000.01 CNY"},
            {"enterprise":"E","category":"movable_collateral","monthly_average_balance":"12000000 CNY"},
            {"category":"fintech_project","monthly_average_balance":"2000000 CNY"}]}"#,
    );
    assert_eq!(r["status"], "ceiling");
    assert_eq!(r["amount_yuan"], "220000.00", "{:#?}", step_texts(&r));
    let t = step_texts(&r);
    assert!(
        t.iter().any(
            |s| s.contains("第5行（未计入）：借款企业年销售收入 30,000,000.01 元，超过 30,000,000.00 元")
        ),
        "{t:#?}"
    );
    assert!(t.iter().any(|s| s.contains("B（小微企业首贷户贷款）：月均余额合计 11,000,000.00 元，超过单户企业上限 10,000,000.00 元 → 计入 10,000,000.00 元")), "{t:#?}");
    assert!(
        t.iter().any(|s| s.contains("C（科技型企业贷款）：月均余额合计 10,000,000.00 元，未超过")),
        "{t:#?}"
    );
    assert!(t.iter().any(|s| s == "计入的月均贷款余额合计 44,000,000.00 元"), "{t:#?}");
    assert!(!step_kinds(&r).contains(&"institution_cap".to_string()));
    assert_eq!(
        keys(&r, "to_confirm"),
        [
            "category.first_loan",
            "category.tech_enterprise",
            "category.movable_collateral",
            "category.fintech_project"
        ]
    );
    assert!(r["summary"]["zh"].as_str().unwrap().contains("以总额控制的方式设立"));
}

#[test]
fn r3_item_15_limit_across_categories_is_a_portal_choice() {
    // E: 首贷户 7,000,000 + 科技型 6,000,000.
    // per_category (default): 7,000,000 + 6,000,000 = 13,000,000 → 65,000.
    // across_categories: min(13,000,000, 10,000,000) → 50,000.
    let json = r#"{"calculator":"balance_share_reward","rule":"LH-R-3-15","date":"2021-12-31","lines":[
        {"enterprise":"E","category":"first_loan","monthly_average_balance":"7000000 CNY"},
        {"enterprise":"E","category":"tech_enterprise","monthly_average_balance":"6000000 CNY","annual_sales":"1000000 CNY"}]}"#;
    let r = eval(json);
    assert_eq!(r["amount_yuan"], "65000.00");
    let (value, label) = reading_taken(&r, "per_enterprise_cap");
    assert_eq!(value, "per_category");
    assert!(label.starts_with("按类别"), "{label}");
    let set = portal_reading(
        "policies/004-linhai-sme-finance-reform-2021/pack.toml",
        "per_enterprise_cap",
        "per_category",
        "across_categories",
    );
    let r = eval_in(&set, json);
    assert_eq!(r["amount_yuan"], "50000.00");
    assert_eq!(reading_taken(&r, "per_enterprise_cap").0, "across_categories");
}

#[test]
fn r3_item_15_bad_lines_are_located() {
    let errs = errors(
        r#"{"calculator":"balance_share_reward","rule":"LH-R-3-15","date":"2021-12-31","lines":[
            {"category":"first_loan","monthly_average_balance":"1 CNY"},
            {"enterprise":"X","category":"startup","monthly_average_balance":"1 CNY"},
            {"enterprise":"Y","monthly_average_balance":"-1 CNY"}]}"#,
    );
    let fields: Vec<&str> = errs.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(
        fields,
        ["lines[0].enterprise", "lines[1].category", "lines[2].monthly_average_balance", "lines[2].category"],
        "{errs:#?}"
    );
    // Item 11 has no categories.
    let errs = errors(
        r#"{"calculator":"balance_share_reward","rule":"LH-R-3-11","date":"2021-12-31","lines":[
            {"category":"first_loan","monthly_average_balance":"1 CNY"}]}"#,
    );
    assert_eq!(errs[0].field, "lines[0].category");
}

// ---------------------------------------------------------------------------
// S-2 推荐清单五项标准 (通区府办发〔2024〕23号 二、（一）)

fn all_yes() -> ScreeningAnswers {
    let mut a =
        ScreeningAnswers { enterprise: Some("通川某机械厂".into()), ..ScreeningAnswers::default() };
    for c in Criterion::ALL {
        a.set(c, Some(true));
    }
    a
}

#[test]
fn s2_all_yes_one_no_unanswered() {
    let a = all_yes();
    let s = screening::screen(&a);
    assert_eq!(s.outcome, Outcome::Listable);
    assert!(s.failed.is_empty() && s.unanswered.is_empty());
    let r = serde_json::to_value(ScreeningReport::new(&a, &s, Lang::Both)).unwrap();
    assert_eq!(r["outcome"], "listable");
    assert_eq!(r["outcome_text"]["zh"], "五项标准均满足：可列入申报清单");
    assert!(r["citation"].as_str().unwrap().contains("通区府办发〔2024〕23号"));

    let mut b = all_yes();
    b.good_credit = Some(false);
    let s = screening::screen(&b);
    assert_eq!(s.outcome, Outcome::NotListable);
    assert_eq!(s.failed.iter().collect::<Vec<_>>(), [Criterion::GoodCredit]);
    let r = serde_json::to_value(ScreeningReport::new(&b, &s, Lang::Both)).unwrap();
    assert_eq!(r["outcome_text"]["zh"], "不满足：信用状况良好——不列入申报清单");
    assert_eq!(r["failed"], serde_json::json!(["good_credit"]));
    assert_eq!(
        r["outcome_text"]["en"],
        "Not met: has a good credit record — not put on the application list"
    );

    let mut c = all_yes();
    c.fixed_premises = None;
    c.lawful_loan_purpose = None;
    let s = screening::screen(&c);
    assert_eq!(s.outcome, Outcome::Incomplete);
    let r = serde_json::to_value(ScreeningReport::new(&c, &s, Lang::Zh)).unwrap();
    assert_eq!(r["outcome_text"]["zh"], "尚未确认：固定经营场所、贷款用途依法合规——请向企业核实后再判断");
    assert_eq!(r["to_ask"][0]["zh"], "企业是否有固定经营场所？");
    assert_eq!(r["to_ask"][0]["en"], "");

    // A no and an unanswered: not listable, and the unanswered still listed.
    let mut d = c.clone();
    d.compliant_ongoing_operation = Some(false);
    let s = screening::screen(&d);
    assert_eq!(s.outcome, Outcome::NotListable);
    assert_eq!(s.failed.names_zh(), "合规持续经营");
    assert_eq!(s.unanswered.names_zh(), "固定经营场所、贷款用途依法合规");

    // Nothing answered.
    let s = screening::screen(&ScreeningAnswers::default());
    assert_eq!(s.outcome, Outcome::Incomplete);
    assert_eq!(s.unanswered.len(), 5);

    let list = [a, b, c, d];
    let summary = screening::summarize(&screening::screen_all(&list));
    assert_eq!((summary.total, summary.listable, summary.not_listable, summary.incomplete), (4, 1, 2, 1));
}

#[test]
fn s2_per_row_entry_point_for_lists() {
    // The batch calls this per row: five answers in the text's order.
    let s = screening::screen_answers([Some(true), Some(true), None, Some(false), Some(true)]);
    assert_eq!(s.outcome, Outcome::NotListable);
    assert_eq!(s.failed.0, 0b01000);
    assert_eq!(s.unanswered.0, 0b00100);
}

#[test]
fn s2_answers_as_people_type_them() {
    for (text, want) in [
        ("是", Some(true)),
        (" 否 ", Some(false)),
        ("", None),
        ("Y", Some(true)),
        ("no", Some(false)),
        ("1", Some(true)),
        ("待核实", None),
    ] {
        assert_eq!(screening::parse_answer(text), Ok(want), "{text:?}");
    }
    assert!(screening::parse_answer("maybe").is_err());
    let list = screening::answers_from_json(
        r#"[{"enterprise":"甲","compliant_ongoing_operation":"是","fixed_premises":true,"genuine_financing_need":1,"good_credit":null,"lawful_loan_purpose":"否"}]"#,
    )
    .unwrap();
    assert_eq!(list[0].compliant_ongoing_operation, Some(true));
    assert_eq!(list[0].genuine_financing_need, Some(true));
    assert_eq!(list[0].good_credit, None);
    assert_eq!(list[0].lawful_loan_purpose, Some(false));
    let errs =
        screening::answers_from_json(r#"[{"good_credit":true},{"good_credit":"maybe"},{"credit":true}]"#)
            .unwrap_err();
    let fields: Vec<&str> = errs.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["[1].good_credit", "[2].credit"], "{errs:#?}");
    assert!(errs[0].zh.contains("是/否"), "{}", errs[0].zh);
}

// ---------------------------------------------------------------------------
// CLI

fn cli(args: &[&str], stdin: &str) -> (i32, String, String) {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_sme-subsidy"))
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

#[test]
fn cli_institution_and_screen() {
    let (code, out, _) = cli(&["institution", "-", "--format", "json"], &r1("12"));
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v[0]["amount_yuan"], "333333.33");
    let (code, out, _) = cli(&["institution", "-"], &r1("12"));
    assert_eq!(code, 0);
    assert!(out.contains("LC-R-1: 担保代偿补偿 333,333.33 元，拨付担保机构"), "{out}");
    let (code, _, err) = cli(
        &["institution", "-"],
        r#"{"calculator":"risk_split","rule":"WZ-R-2","date":"2024-01-01","outstanding_principal":"1 CNY","normal_interest":"0 CNY","bank_share_percent":"101"}"#,
    );
    assert_eq!(code, 1);
    assert!(err.contains("bank_share_percent"), "{err}");

    let (code, out, _) = cli(
        &["screen", "-"],
        r#"[{"enterprise":"甲","compliant_ongoing_operation":true,"fixed_premises":true,"genuine_financing_need":true,"good_credit":true,"lawful_loan_purpose":true},{"enterprise":"乙","good_credit":false}]"#,
    );
    assert_eq!(code, 0);
    assert!(out.contains("共 2 户：可列入申报清单 1 户，不列入 1 户，待核实 0 户"), "{out}");
    let (code, _, err) = cli(&["screen", "-"], r#"{"good_credit":"maybe"}"#);
    assert_eq!(code, 1);
    assert!(err.contains("good_credit"), "{err}");
}
