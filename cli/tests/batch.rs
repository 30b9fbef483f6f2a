//! Batch screening: the template, located per-row errors, results of good
//! rows checked against single-scenario evaluations, and the `batch` command
//! (exit code, per-row error report, output order, summary line).

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::{Command, Output};

use sme_subsidy::batch::{self, Cells, Header, Options, Screened, Screener, OUTPUT_HEADERS};
use sme_subsidy::pack::builtin::builtin;

const BIN: &str = env!("CARGO_BIN_EXE_sme-subsidy");

fn template_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../examples/batch-template.csv")
}

/// The template's header and example row, read with the csv crate.
fn template() -> (Vec<String>, Vec<String>) {
    let text = std::fs::read_to_string(template_path()).unwrap();
    let mut rows = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = rows.headers().unwrap().iter().map(str::to_string).collect();
    let example: Vec<String> = rows.records().next().unwrap().unwrap().iter().map(str::to_string).collect();
    (header, example)
}

/// The built-in pack's template columns' headers (the pack's questions among them).
fn headers() -> Vec<String> {
    let h = Header::new(&Vec::<String>::new(), builtin());
    h.template_columns().iter().map(|c| c.header().to_string()).collect()
}

/// A row from column → value pairs (the other columns empty), in the
/// template's column order.
fn row(values: &[(&str, &str)]) -> Vec<String> {
    let map: HashMap<&str, &str> = values.iter().copied().collect();
    let headers = headers();
    for k in map.keys() {
        assert!(headers.iter().any(|h| h == k), "test names an unknown column {k}");
    }
    headers.iter().map(|h| map.get(h.as_str()).copied().unwrap_or("").to_string()).collect()
}

/// A small enterprise in 聊城 with every S-2 criterion met; `extra` adds or
/// overrides cells.
fn liaocheng(name: &str, extra: &[(&str, &str)]) -> Vec<String> {
    let mut base: Vec<(&str, &str)> = vec![
        ("企业名称", name),
        ("省", "山东省"),
        ("市", "聊城市"),
        ("所属行业", "工业"),
        ("从业人员", "80"),
        ("营业收入（元）", "50,000,000"),
        ("资产总额（元）", "40,000,000"),
        ("测算日期", "2024-12-31"),
        ("合规持续经营", "是"),
        ("固定经营场所", "是"),
        ("真实融资需求", "是"),
        ("信用状况良好", "是"),
        ("贷款用途依法合规", "是"),
    ];
    for (k, v) in extra {
        base.retain(|(bk, _)| bk != k);
        base.push((k, v));
    }
    row(&base)
}

/// A screened row: its output cells and its errors.
struct Out {
    ok: bool,
    cells: [String; 9],
    errors: Vec<batch::CellError>,
}

fn out(s: Screened) -> Out {
    let mut cells: [String; 9] = Default::default();
    s.write_cells(&mut cells);
    Out { ok: s.is_ok(), cells, errors: s.outcome.err().unwrap_or_default() }
}

fn screen_rows(header: &[String], rows: &[Vec<String>]) -> Vec<Out> {
    let screener = Screener::new(builtin(), Header::new(header, builtin()), Options::default());
    rows.iter().enumerate().map(|(i, r)| out(screener.screen(i as u64 + 2, r))).collect()
}

fn cells(s: &Out) -> [String; 9] {
    s.cells.clone()
}

fn errors(s: &Out) -> &[batch::CellError] {
    &s.errors
}

/// The single-scenario total for a JSON scenario (the path `sme-subsidy
/// evaluate` takes).
fn single_total(json: &str) -> String {
    let scenario = sme_subsidy::input::scenario_from_json(json).unwrap();
    format!("{:.2}", sme_subsidy::evaluate(builtin(), &scenario).total_to_enterprise())
}

// ---------------------------------------------------------------------------
// The template

#[test]
fn the_template_file_is_the_generated_template() {
    let file = std::fs::read(template_path()).unwrap();
    assert!(file.starts_with("\u{feff}".as_bytes()), "UTF-8 with BOM, so Excel reads the Chinese headers");
    assert_eq!(String::from_utf8(file).unwrap(), batch::template_csv(builtin()));
}

/// 聊城's document with LC-P-1's 名单库 question renamed, as a portal
/// publishes it (no `column`: the header is the question and 「（是/否）」).
fn renamed_question_set() -> sme_subsidy::pack::PolicySet {
    let mut set = builtin().clone();
    let mut doc = set.documents.iter().find(|d| d.rules.iter().any(|r| r.id == "LC-P-1")).unwrap().clone();
    let p1 = doc.rules.iter_mut().find(|r| r.id == "LC-P-1").unwrap();
    for c in &mut p1.conditions {
        if let sme_subsidy::pack::Condition::Confirm { id, question, column } = c {
            *id = "on_city_catalogue".into();
            question.zh = "投保产品已列入本市首台（套）产品推广目录".into();
            question.en = "The insured product is in the city's first-set promotion catalogue".into();
            *column = None;
        }
    }
    set.merge(vec![doc]);
    set
}

/// A portal that renames a question gets its column, in the place of the
/// old one, and the list's answer reaches the rule; the old header is now
/// an unknown column.
#[test]
fn a_renamed_question_gets_its_column_and_is_read() {
    let set = renamed_question_set();
    let template = batch::template_csv(&set);
    let mut rows = csv::Reader::from_reader(template.as_bytes());
    let header: Vec<String> = rows.headers().unwrap().iter().map(str::to_string).collect();
    let example: Vec<String> = rows.records().next().unwrap().unwrap().iter().map(str::to_string).collect();
    let new = "投保产品已列入本市首台（套）产品推广目录（是/否）";
    let at = header.iter().position(|h| h == new).expect("the renamed question's column");
    assert_eq!(header[at - 1], "保险起期");
    assert!(!header.iter().any(|h| h == "列入首台套名单库（是/否）"));
    assert_eq!(example[at], "", "the example enterprise answers the built-in question, not this one");
    assert_eq!(header.len(), 51);

    // The example enterprise answering 否: LC-P-1 (120,000.00, min(700,000,
    // 20,000,000 × 3%) × 20%) is not met, so its total is 260,375.00 −
    // 120,000.00 = 140,375.00; 是 keeps it: 260,375.00.
    let screener = Screener::new(&set, Header::new(&header, &set), Options::default());
    let mut no = example.clone();
    no[at] = "否".into();
    let mut yes = example.clone();
    yes[at] = "是".into();
    assert_eq!(screener.scenario(2, &no).unwrap().answers.get("on_city_catalogue"), Some(&false));
    let (no, yes) = (out(screener.screen(2, &no)), out(screener.screen(3, &yes)));
    assert_eq!((no.cells[6].as_str(), yes.cells[6].as_str()), ("140375.00", "260375.00"));
    assert!(!no.cells[5].contains("LC-P-1") && yes.cells[5].contains("LC-P-1"));

    // A bad answer names the renamed column; the old header is unknown.
    let mut bad = example.clone();
    bad[at] = "也许吧".into();
    let bad = out(screener.screen(2, &bad));
    assert_eq!(bad.errors[0].column, new);
    let old: Vec<String> = header
        .iter()
        .map(|h| if h == new { "列入首台套名单库（是/否）".into() } else { h.clone() })
        .collect();
    let problems: Vec<_> = Header::new(&old, &set).problems().map(|(c, _, _)| c.to_string()).collect();
    assert_eq!(problems, ["列入首台套名单库（是/否）"]);
}

#[test]
fn the_template_parses_and_its_example_is_the_readme_example() {
    let (header, example) = template();
    assert_eq!(header.len(), headers().len());
    // The csv crate strips the BOM: the first header is the plain name.
    assert_eq!(header[0], "企业名称");
    let h = Header::new(&header, builtin());
    assert_eq!(h.problems().count(), 0);
    let screened = &screen_rows(&header, &[example])[0];
    let c = cells(screened);
    assert_eq!(c[2], "ok", "{:?}", errors(screened));
    assert_eq!(c[1], "聊城某精密轴承有限公司");
    assert_eq!(c[3], "小型企业");
    assert_eq!(c[4], "符合五项标准");
    // The README example (examples/scenario.json) and its golden total.
    let json =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/scenario.json")).unwrap();
    assert_eq!(single_total(&json), "260375.00");
    assert_eq!(c[6], "260375.00");
    for part in [
        "LC-I-1 知识产权质押贷款贴息（60,375.00元）",
        "LC-G-2 知识产权质押贷款评估费、担保费补助（35,000.00元）",
        "LC-P-1 首台（套）、首批次、首版次保险保费补贴（120,000.00元）",
        "（45,000.00元）",
        "LC-G-1 政府性融资担保业务担保费补贴（金额未公布）",
    ] {
        assert!(c[5].contains(part), "{part} in {}", c[5]);
    }
    // LC-G-3 asks for the guarantee's green class, left blank (a blank fact
    // is not a failed condition).
    assert!(c[7].starts_with("3项："), "{}", c[7]);
    assert!(
        c[7].contains("LC-G-1 政府性融资担保业务担保费补贴（金额未公布）")
            && c[7].contains("LC-G-3 绿色产业贷担保费奖补（需补充信息）")
            && c[7].contains("LC-IPO-1"),
        "{}",
        c[7]
    );
    assert_eq!(c[8], "");
}

// ---------------------------------------------------------------------------
// Good rows: amounts, checked against the same scenario as JSON

#[test]
fn good_rows_give_the_single_scenario_results() {
    let rows = vec![
        // G-2 only: 30,000 × 50% = 15,000 (under the 20,000 cap), as the library doc example.
        liaocheng(
            "评估费企业",
            &[
                ("评估费（元）", "30,000"),
                ("评估费用于专利权质押贷款（是/否）", "是"),
                ("评估费支付日期", "2024-06-01"),
            ],
        ),
        // P-2: a small exporter under US$5M, export credit premium paid in full.
        liaocheng(
            "出口企业",
            &[
                ("年出口额（美元）", "3,200,000 美元"),
                ("出口信用保险保费（元）", "45000元"),
                ("出口信用保险起期", "2024-06-01"),
            ],
        ),
        // The same exporter but medium-sized (工业: ≥ 300 people and ≥ 2,000万): P-2 does not apply.
        liaocheng(
            "中型出口企业",
            &[
                ("从业人员", "500"),
                ("营业收入（元）", "300,000,000"),
                ("年出口额（美元）", "3200000"),
                ("出口信用保险保费（元）", "45,000"),
                ("出口信用保险起期", "2024-06-01"),
            ],
        ),
        // A patent-pledge loan (I-1), the README example's loan.
        liaocheng(
            "专利质押企业",
            &[
                ("贷款本金（元）", "5,000,000"),
                ("贷款起始日", "2024/3/1"),
                ("贷款到期日", "2025-03-01"),
                ("合同利率（%）", "3.95%"),
                ("担保方式", "专利权质押、固定资产抵押"),
                ("贷款机构类型", "其他银行"),
                ("贷款投向", "一般生产经营"),
                ("是否专利权质押登记", "是"),
                ("是否按期还本付息", "是"),
            ],
        ),
        // Outside every document's region: nothing applies.
        row(&[
            ("企业名称", "南京企业"),
            ("省", "江苏省"),
            ("市", "南京市"),
            ("所属行业", "软件和信息技术服务业"),
            ("从业人员", "40"),
            ("营业收入（元）", "8000000"),
            ("资产总额（元）", "1"),
            ("测算日期", "2024-12-31"),
        ]),
        // A 临海 tech firm in 2021 with a 科技支行 loan (I-3): 2% × 3,000,000 = 60,000.
        row(&[
            ("企业名称", "临海科技企业"),
            ("省", "浙江省"),
            ("市", "台州市"),
            ("县区", "临海市"),
            ("所属行业", "软件和信息技术服务业"),
            ("从业人员", "60"),
            ("营业收入（元）", "20,000,000"),
            ("资产总额（元）", "10,000,000"),
            ("科技型企业（是/否）", "是"),
            ("贷款本金（元）", "3,000,000"),
            ("月均贷款余额（元）", "3,000,000"),
            ("贷款起始日", "2021-01-01"),
            ("贷款到期日", "2022-06-30"),
            ("贷款机构类型", "科技支行"),
            ("实际支付利息（元）", "120,000"),
            ("测算日期", "2021-12-01"),
        ]),
    ];
    let out = screen_rows(&headers(), &rows);
    let c: Vec<[String; 9]> = out.iter().map(cells).collect();
    for (i, r) in c.iter().enumerate() {
        assert_eq!(r[2], "ok", "row {i}: {:?}", errors(&out[i]));
        assert_eq!(r[0], (i + 2).to_string());
    }
    assert_eq!(c[0][6], "15000.00");
    assert!(c[0][5].contains("LC-G-2 知识产权质押贷款评估费、担保费补助（15,000.00元）"), "{}", c[0][5]);
    assert_eq!(
        c[0][6],
        single_total(
            r#"{"evaluation_date":"2024-12-31","enterprise":{"region":{"province":"山东省","city":"聊城市"},"industry":"industry","employees":80,"operating_revenue":"50000000 CNY","total_assets":"40000000 CNY"},"evaluation_fees":[{"fee":"30000 CNY","for_patent_pledge_loan":true,"paid_date":"2024-06-01"}]}"#
        )
    );
    assert_eq!(c[1][3], "小型企业");
    assert_eq!(c[1][6], "45000.00");
    assert_eq!(
        c[1][6],
        single_total(
            r#"{"evaluation_date":"2024-12-31","enterprise":{"region":{"province":"山东省","city":"聊城市"},"industry":"industry","employees":80,"operating_revenue":"50000000 CNY","total_assets":"40000000 CNY","annual_exports":"3200000 USD"},"insurance":[{"kind":"export_credit","start_date":"2024-06-01","premium":"45000 CNY"}]}"#
        )
    );
    assert_eq!(c[2][3], "中型企业");
    assert_eq!(c[2][6], "0.00");
    assert!(!c[2][5].contains("LC-P-2 "), "{}", c[2][5]);
    // I-1: 5,000,000 × 3.45% (1-year LPR on 2024-03-01) × 40% × 315 / 360 =
    // 60,375.00: the days from the document's effective date 2024-04-20 to
    // 2025-03-01 (the effective_period reading), under the 100,000 cap.
    let i1 = single_total(
        r#"{"evaluation_date":"2024-12-31","enterprise":{"region":{"province":"山东省","city":"聊城市"},"industry":"industry","employees":80,"operating_revenue":"50000000 CNY","total_assets":"40000000 CNY"},"loans":[{"principal":"5000000 CNY","start_date":"2024-03-01","end_date":"2025-03-01","contract_rate_percent":"3.95","collateral":["patent_pledge","fixed_asset_mortgage"],"pledge_registered":true,"lender":"other_bank","purpose":"general","repaid_on_schedule":true}]}"#,
    );
    assert_eq!(c[3][6], i1);
    assert_eq!(c[3][6], "60375.00", "the README example's I-1 figure, same loan");
    assert_eq!(c[4][6], "0.00");
    assert_eq!(c[4][5], "");
    assert_eq!(c[4][3], "小型企业");
    assert_eq!(c[5][6], "60000.00");
    assert!(c[5][5].contains("LH-I-3 "), "{}", c[5][5]);
}

#[test]
fn what_could_add_names_policies_without_a_figure_and_those_needing_facts() {
    // The 临海 loan without the interest paid or the contract rate: I-3 needs it.
    let r = row(&[
        ("企业名称", "临海科技企业"),
        ("省", "浙江省"),
        ("市", "台州市"),
        ("县区", "临海市"),
        ("所属行业", "软件和信息技术服务业"),
        ("从业人员", "60"),
        ("营业收入（元）", "20,000,000"),
        ("资产总额（元）", "10,000,000"),
        ("科技型企业（是/否）", "是"),
        ("月均贷款余额（元）", "3,000,000"),
        ("贷款起始日", "2021-01-01"),
        ("贷款到期日", "2022-06-30"),
        ("贷款机构类型", "科技支行"),
        ("测算日期", "2021-12-01"),
    ]);
    let c = cells(&screen_rows(&headers(), &[r])[0]);
    assert_eq!(c[6], "0.00");
    assert_eq!(c[5], "");
    assert!(c[7].starts_with("1项：LH-I-3 ") && c[7].ends_with("（需补充信息）"), "{}", c[7]);
}

#[test]
fn s2_screening_per_row() {
    let rows = vec![
        liaocheng("全部符合", &[]),
        liaocheng("信用不良", &[("信用状况良好", "否")]),
        liaocheng("未填两项", &[("固定经营场所", ""), ("贷款用途依法合规", "待核实")]),
        liaocheng("一否一空", &[("合规持续经营", "不符合"), ("真实融资需求", "")]),
    ];
    let c: Vec<[String; 9]> = screen_rows(&headers(), &rows).iter().map(cells).collect();
    assert_eq!(c[0][4], "符合五项标准");
    assert_eq!(c[1][4], "不符合：信用状况良好");
    assert_eq!(c[2][4], "待补充：固定经营场所、贷款用途依法合规");
    assert_eq!(c[3][4], "不符合：合规持续经营；待补充：真实融资需求");
    // The same answers through the S-2 screen of `sme-subsidy screen`.
    let s = sme_subsidy::screening::screen_answers([Some(false), Some(true), None, Some(true), Some(true)]);
    assert_eq!(s.outcome, sme_subsidy::screening::Outcome::NotListable);
    assert!(c.iter().all(|r| r[2] == "ok"));
}

// ---------------------------------------------------------------------------
// Bad rows: located, bilingual, and every other row still screened

#[test]
fn bad_cells_are_reported_with_row_column_and_reason_in_both_languages() {
    let mut short = liaocheng("短行企业", &[]);
    short.truncate(10);
    let rows = vec![
        liaocheng("好企业甲", &[]),
        liaocheng("字母企业", &[("从业人员", "12a")]),
        liaocheng("行业企业", &[("所属行业", "制造")]),
        liaocheng("日期企业", &[("测算日期", "2024-02-30")]),
        short,
        liaocheng("负数企业", &[("贷款本金（元）", "-5")]),
        liaocheng(
            "到期企业",
            &[("贷款本金（元）", "1000000"), ("贷款起始日", "2024-06-01"), ("贷款到期日", "2024-01-01")],
        ),
        liaocheng(
            "多错企业",
            &[("营业收入（元）", "5千万"), ("是否按期还本付息", "也许"), ("担保方式", "专利权质押、房产")],
        ),
        liaocheng("万元企业", &[("资产总额（元）", "12.5万")]),
        liaocheng("币种企业", &[("营业收入（元）", "100 美元")]),
        liaocheng("", &[]),
        liaocheng("好企业乙", &[]),
    ];
    let out = screen_rows(&headers(), &rows);
    let status: Vec<bool> = out.iter().map(|s| s.ok).collect();
    assert_eq!(status, [true, false, false, false, false, false, false, false, false, false, false, true]);
    let one = |i: usize, column: &str, zh: &str, en: &str| {
        let e = errors(&out[i]);
        let hit = e
            .iter()
            .find(|e| e.column == column)
            .unwrap_or_else(|| panic!("row {}: no error on {column}: {e:?}", i + 2));
        assert_eq!(hit.row, i as u64 + 2);
        assert!(hit.zh.contains(zh), "row {}: {} lacks {zh}", i + 2, hit.zh);
        assert!(hit.en.contains(en), "row {}: {} lacks {en}", i + 2, hit.en);
        let shown = hit.to_string();
        assert!(shown.starts_with(&format!("第{}行「{column}」：", i + 2)), "{shown}");
        assert!(shown.contains(&format!("row {}, column {column}: ", i + 2)), "{shown}");
    };
    one(1, "从业人员", "「12a」不是有效的整数", "`12a` is not a valid whole number");
    one(2, "所属行业", "「制造」不在可选范围内，可选：农林牧渔业、工业", "`制造` is not one of the choices");
    one(3, "测算日期", "「2024-02-30」不是有效的日期", "is not a valid date");
    one(4, "贷款本金（元）", "此行只有10列，表头有51列", "the row has 10 cells but the header has 51");
    one(5, "贷款本金（元）", "金额不能为负数", "amount must not be negative");
    one(6, "贷款到期日", "到期日 2024-01-01 须晚于起始日 2024-06-01", "must be after the start date");
    one(7, "营业收入（元）", "「5千万」不是有效的金额", "`5千万` is not a valid amount");
    one(7, "是否按期还本付息", "应填“是”或“否”", "should be 是 (yes) or 否 (no)");
    one(7, "担保方式", "「房产」不在可选范围内", "`房产` is not one of the choices");
    assert_eq!(errors(&out[7]).len(), 3, "every bad cell of a row, not just the first");
    one(8, "资产总额（元）", "不用“万”“亿”", "not 万 or 亿");
    one(9, "营业收入（元）", "币种不符", "wrong currency");
    one(10, "企业名称", "企业名称不能为空", "must not be empty");
    // The error row's output: status error, the errors in the last column.
    let c = cells(&out[1]);
    assert_eq!(c[1], "字母企业");
    assert_eq!(c[2], "error");
    assert!(c[8].contains("第3行「从业人员」") && c[8].contains("row 3, column 从业人员"), "{}", c[8]);
    assert_eq!(c[6], "", "no total for a row that failed");
}

#[test]
fn header_problems_are_listed_once_each_row_names_its_missing_columns_and_notes_columns_are_ignored() {
    // A typo in a column, a 备注 column, and no 所属行业 column.
    let mut header = headers();
    let industry = header.iter().position(|h| h == "所属行业").unwrap();
    header[industry] = "备注".into();
    let principal = header.iter().position(|h| h == "贷款本金（元）").unwrap();
    header[principal] = "贷款金额（元）".into();
    let problems: Vec<_> = Header::new(&header, builtin())
        .problems()
        .map(|(c, zh, _)| (c.to_string(), zh.to_string()))
        .collect();
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems.iter().any(|(c, zh)| c == "贷款金额（元）" && zh.contains("无法识别的列名")));
    assert!(problems.iter().any(|(c, zh)| c == "所属行业" && zh.contains("表头缺少此必填列")));
    let out = screen_rows(&header, &[liaocheng("甲", &[]), liaocheng("乙", &[])]);
    for (i, s) in out.iter().enumerate() {
        let e = errors(s);
        assert!(
            e.iter().any(|e| e.column == "所属行业"
                && e.zh.contains("表头缺少此必填列")
                && e.row == i as u64 + 2),
            "{e:?}"
        );
        // The unknown column: one line naming it, not the header's problem repeated.
        assert!(
            e.iter().any(|e| e.column == batch::HEADER_COLUMN
                && e.zh.starts_with("表头有1个无法识别或重复的列「贷款金额（元）」")
                && e.en.starts_with("the header has 1 unknown or repeated columns 「贷款金额（元）」")),
            "{e:?}"
        );
        assert_eq!(e.len(), 2, "{e:?}");
        assert!(!e.iter().any(|e| e.column == "备注"));
    }
    // Headers with ASCII brackets, spaces, and the bare name of a unit column are accepted.
    let mut loose = headers();
    loose[principal] = " 贷款本金(元) ".into();
    let revenue = loose.iter().position(|h| h == "营业收入（元）").unwrap();
    loose[revenue] = "营业收入".into();
    assert_eq!(Header::new(&loose, builtin()).problems().count(), 0);
    // A different unit is not the same column.
    loose[revenue] = "营业收入（万元）".into();
    assert_eq!(
        Header::new(&loose, builtin()).problems().count(),
        2,
        "unknown 营业收入（万元）, missing 营业收入（元）"
    );
}

#[test]
fn a_missing_date_takes_the_default_or_is_an_error() {
    let header = headers();
    let r = liaocheng("无日期", &[("测算日期", "")]);
    let without = Screener::new(builtin(), Header::new(&header, builtin()), Options::default());
    assert_eq!(errors(&out(without.screen(2, &r)))[0].column, "测算日期");
    let date = batch::parse_date("2024-12-31");
    let with = Screener::new(builtin(), Header::new(&header, builtin()), Options { default_date: date });
    assert!(with.screen(2, &r).is_ok());
    // Blank rows are recognised (and skipped by the stream).
    assert!(Screener::is_blank(&vec![" ", "", "\u{3000}"]));
    assert!(!Screener::is_blank(&r));
    assert_eq!(r.count(), headers().len());
}

// ---------------------------------------------------------------------------
// The command

fn csv_text(header: &[String], rows: &[Vec<String>]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(header).unwrap();
    for r in rows {
        w.write_record(r).unwrap();
    }
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN).current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/..")).args(args).output().unwrap()
}

fn tmp(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("batch");
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

/// The output file's rows (BOM stripped by the csv crate), header checked.
fn read_output(text: &[u8]) -> Vec<Vec<String>> {
    assert!(text.starts_with("\u{feff}".as_bytes()), "output is UTF-8 with BOM");
    let mut r = csv::Reader::from_reader(text);
    let h: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(h, OUTPUT_HEADERS);
    r.records().map(|r| r.unwrap().iter().map(str::to_string).collect()).collect()
}

fn summary_line(stderr: &str) -> HashMap<String, String> {
    let line = stderr.lines().last().unwrap_or("");
    assert!(line.starts_with("summary: "), "last stderr line is the summary: {stderr}");
    line.trim_start_matches("summary: ")
        .split(" | ")
        .next()
        .unwrap()
        .split(' ')
        .filter_map(|kv| kv.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn cli_all_good_exits_zero_with_a_summary() {
    let out_path = tmp("good.csv");
    let o = run(&["batch", template_path().to_str().unwrap(), "-o", out_path.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{stderr}");
    assert!(o.stdout.is_empty(), "with -o nothing goes to stdout");
    let s = summary_line(&stderr);
    assert_eq!(s["rows"], "1");
    assert_eq!(s["ok"], "1");
    assert_eq!(s["failed"], "0");
    assert_eq!(s["total_yuan"], "260375.00");
    assert!(s["seconds"].parse::<f64>().is_ok());
    assert!(stderr.contains("共1行，成功1行，失败0行，测算合计260,375.00元"), "{stderr}");
    // No progress bar when stderr is not a terminal: only the summary.
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    let rows = read_output(&std::fs::read(&out_path).unwrap());
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0][2], "ok");
    assert_eq!(rows[0][6], "260375.00");
}

#[test]
fn cli_bad_rows_exit_nonzero_and_are_reported_per_row() {
    let rows = vec![
        liaocheng(
            "好企业甲",
            &[
                ("评估费（元）", "30,000"),
                ("评估费用于专利权质押贷款（是/否）", "是"),
                ("评估费支付日期", "2024-06-01"),
            ],
        ),
        liaocheng("字母企业", &[("从业人员", "12a")]),
        liaocheng("好企业乙", &[]),
        liaocheng("行业企业", &[("所属行业", "制造"), ("测算日期", "2024-13-01")]),
        liaocheng(
            "好企业丙",
            &[
                ("年出口额（美元）", "3,200,000"),
                ("出口信用保险保费（元）", "45,000"),
                ("出口信用保险起期", "2024-06-01"),
            ],
        ),
    ];
    let input = tmp("bad-in.csv");
    std::fs::write(&input, csv_text(&headers(), &rows)).unwrap();
    // No -o: the screened list goes to stdout.
    let o = run(&["batch", input.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    // Per-row errors on stderr, located and in both languages, in row order.
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 4, "{stderr}");
    assert!(
        lines[0].starts_with("第3行「从业人员」：「12a」不是有效的整数")
            && lines[0].contains("row 3, column 从业人员: `12a` is not a valid whole number"),
        "{}",
        lines[0]
    );
    // A row's errors in column order.
    assert!(
        lines[1].starts_with("第5行「所属行业」：「制造」不在可选范围内")
            && lines[1].contains("row 5, column 所属行业"),
        "{}",
        lines[1]
    );
    assert!(
        lines[2].starts_with("第5行「测算日期」") && lines[2].contains("is not a valid date"),
        "{}",
        lines[2]
    );
    let s = summary_line(&stderr);
    assert_eq!((s["rows"].as_str(), s["ok"].as_str(), s["failed"].as_str()), ("5", "3", "2"));
    assert_eq!(s["total_yuan"], "60000.00", "15,000 + 0 + 45,000");
    // Every row in the output, in input order, with its status and errors.
    let out = read_output(&o.stdout);
    let names: Vec<&str> = out.iter().map(|r| r[1].as_str()).collect();
    assert_eq!(names, ["好企业甲", "字母企业", "好企业乙", "行业企业", "好企业丙"]);
    let numbers: Vec<&str> = out.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(numbers, ["2", "3", "4", "5", "6"]);
    let status: Vec<&str> = out.iter().map(|r| r[2].as_str()).collect();
    assert_eq!(status, ["ok", "error", "ok", "error", "ok"]);
    assert_eq!(out[0][6], "15000.00");
    assert_eq!(out[4][6], "45000.00");
    assert!(out[3][8].contains("「所属行业」") && out[3][8].contains("「测算日期」"), "{}", out[3][8]);
    assert!(out[1][8].contains("`12a` is not a valid whole number"));
}

#[test]
fn cli_keeps_input_order_across_chunks_and_threads() {
    // More rows than one chunk (8,192), every tenth bad, on two threads.
    let n = 20_000;
    let rows: Vec<Vec<String>> = (0..n)
        .map(|i| {
            let name = format!("企业{i:05}");
            let employees = if i % 10 == 7 { "x".to_string() } else { (10 + i % 900).to_string() };
            liaocheng(
                &name,
                &[
                    ("从业人员", employees.as_str()),
                    ("评估费（元）", "1,000"),
                    ("评估费用于专利权质押贷款（是/否）", "是"),
                    ("评估费支付日期", "2024-06-01"),
                ],
            )
        })
        .collect();
    let input = tmp("order-in.csv");
    let output = tmp("order-out.csv");
    std::fs::write(&input, csv_text(&headers(), &rows)).unwrap();
    let o = run(&["batch", input.to_str().unwrap(), "-o", output.to_str().unwrap(), "--threads", "2"]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1));
    // 20 errors shown in full, the rest counted.
    assert!(stderr.contains("另有1980处错误"), "{stderr}");
    let s = summary_line(&stderr);
    assert_eq!((s["rows"].as_str(), s["ok"].as_str(), s["failed"].as_str()), ("20000", "18000", "2000"));
    assert_eq!(s["threads"], "2");
    let out = read_output(&std::fs::read(&output).unwrap());
    assert_eq!(out.len(), n);
    for (i, r) in out.iter().enumerate() {
        assert_eq!(r[0], (i + 2).to_string());
        assert_eq!(r[1], format!("企业{i:05}"));
        assert_eq!(r[2], if i % 10 == 7 { "error" } else { "ok" }, "row {}", i + 2);
    }
    // 工业 with 10–909 people and 5,000万 revenue: small or medium, both
    // in G-2's sizes; 1,000 × 50% = 500 each.
    assert_eq!(s["total_yuan"], format!("{}.00", 18_000 * 500));
}

#[test]
fn cli_reports_rows_that_are_not_utf8_and_screens_the_rest() {
    let mut bytes = csv_text(&headers(), &[liaocheng("好企业", &[])]).into_bytes();
    let mut bad = csv_text(&headers(), &[liaocheng("坏企业", &[])]).into_bytes();
    // The second file's data row, with its name in GBK bytes.
    let start = bad.iter().position(|&b| b == b'\n').unwrap() + 1;
    bad.splice(start..start + "坏企业".len(), [0xBB, 0xB5, 0xC6, 0xF3, 0xD2, 0xB5]);
    bytes.extend_from_slice(&bad[start..]);
    bytes.extend_from_slice(&bad[start..]);
    bytes.extend_from_slice(
        csv_text(&headers(), &[liaocheng("好企业二", &[])]).split_once('\n').unwrap().1.as_bytes(),
    );
    let input = tmp("gbk-rows.csv");
    std::fs::write(&input, bytes).unwrap();
    let o = run(&["batch", input.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let out = read_output(&o.stdout);
    let status: Vec<&str> = out.iter().map(|r| r[2].as_str()).collect();
    assert_eq!(status, ["ok", "error", "error", "ok"]);
    assert_eq!(out[3][0], "5");
    assert!(out[1][8].contains("UTF-8"), "{}", out[1][8]);
}

#[test]
fn cli_refuses_a_file_that_is_not_utf8_with_advice() {
    let input = tmp("gbk.csv");
    std::fs::write(&input, [0xC6, 0xF3, 0xD2, 0xB5, 0xC3, 0xFB, 0xB3, 0xC6, b'\n', b'a', b'\n']).unwrap();
    let o = run(&["batch", input.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("CSV UTF-8"));
}

#[test]
fn cli_default_date_and_blank_rows() {
    let mut rows = vec![liaocheng(
        "无日期企业",
        &[
            ("测算日期", ""),
            ("评估费（元）", "30,000"),
            ("评估费用于专利权质押贷款（是/否）", "是"),
            ("评估费支付日期", "2024-06-01"),
        ],
    )];
    rows.push(vec![String::new(); headers().len()]);
    rows.push(liaocheng("有日期企业", &[]));
    let input = tmp("dates.csv");
    std::fs::write(&input, csv_text(&headers(), &rows)).unwrap();
    let o = run(&["batch", input.to_str().unwrap(), "--date", "2024-12-31"]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{stderr}");
    let s = summary_line(&stderr);
    assert_eq!((s["rows"].as_str(), s["blank_skipped"].as_str()), ("2", "1"));
    let out = read_output(&o.stdout);
    assert_eq!(out[0][6], "15000.00");
    assert_eq!(out[1][0], "4", "row numbers count the blank row");
    let bad = run(&["batch", input.to_str().unwrap(), "--date", "31/12/2024"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn cli_batch_template_writes_the_template() {
    let path = tmp("template.csv");
    let o = run(&["batch-template", "-o", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(std::fs::read(&path).unwrap(), std::fs::read(template_path()).unwrap());
    let o = run(&["batch-template"]);
    assert_eq!(o.stdout, std::fs::read(template_path()).unwrap());
}

#[test]
fn a_row_lists_what_the_full_evaluation_of_its_scenario_lists() {
    // The screener evaluates a row against only the documents whose dates
    // and region can concern it; the row must read exactly as the full
    // evaluation of the same scenario would.
    use sme_subsidy::result::Status;
    let places: [(&str, &str, &str); 6] = [
        ("山东省", "聊城市", "东昌府区"),
        ("山东省", "聊城市", "江北水城旅游度假区"),
        ("山东省", "", ""),
        ("浙江省", "温州市", "鹿城区"),
        ("四川省", "达州市", "通川区"),
        ("浙江省", "台州市", "临海市"),
    ];
    let mut rows = Vec::new();
    for (p, c, k) in places {
        for date in ["2021-12-01", "2024-12-31"] {
            rows.push(row(&[
                ("企业名称", "比对企业"),
                ("省", p),
                ("市", c),
                ("县区", k),
                ("所属行业", "工业"),
                ("从业人员", "80"),
                ("营业收入（元）", "20,000,000"),
                ("资产总额（元）", "10,000,000"),
                ("科技型企业（是/否）", "是"),
                ("贷款本金（元）", "3,000,000"),
                ("贷款起始日", "2021-09-01"),
                ("贷款到期日", "2025-09-01"),
                ("担保方式", "专利权质押"),
                ("贷款机构类型", "科技支行"),
                ("月均贷款余额（元）", "3,000,000"),
                ("贷款起始日", "2021-01-01"),
                ("贷款到期日", "2022-06-30"),
                ("担保金额（元）", "3,000,000"),
                ("担保费（元）", "24,000"),
                ("担保费支付日期", "2024-06-01"),
                ("政府性融资担保业务（是/否）", "是"),
                ("评估费（元）", "30,000"),
                ("评估费用于专利权质押贷款（是/否）", "是"),
                ("评估费支付日期", "2024-06-01"),
                ("测算日期", date),
            ]));
        }
    }
    let set = builtin();
    let screener = Screener::new(set, Header::new(&headers(), builtin()), Options::default());
    for (i, r) in rows.iter().enumerate() {
        let screened = screener.screen(i as u64 + 2, r);
        let o = screened.outcome.as_ref().unwrap();
        let full = sme_subsidy::evaluate(set, &screener.scenario(i as u64 + 2, r).unwrap());
        let listed = |status: Status| {
            matches!(status, Status::Eligible | Status::AmountNotPublished | Status::NeedsInformation)
        };
        let want: Vec<(&str, Status, Option<String>)> = full
            .results
            .iter()
            .filter(|r| listed(r.status))
            .map(|r| (r.rule.id.as_str(), r.status, r.amount.map(|a| a.to_string())))
            .collect();
        let got: Vec<(&str, Status, Option<String>)> = o
            .policies
            .iter()
            .map(|h| (h.rule.id.as_str(), h.status, h.amount.map(|a| a.to_string())))
            .collect();
        assert_eq!(got, want, "row {}", i + 2);
        assert_eq!(o.total, full.total_to_enterprise());
        assert_eq!(o.size, full.size);
    }
}
