//! Real and hostile input through the `sme-subsidy` command: lists that
//! other people filled in (formula injection, amplification, oversized
//! files, terminal escapes) and portal packs that pass validation only if
//! every parameter means something (no overflow in evaluation).
//!
//! Big inputs are generated here; every test runs in seconds.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_sme-subsidy");

fn dir() -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("hostile");
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn run(args: &[&str]) -> (Output, Duration) {
    let start = Instant::now();
    let out = Command::new(BIN)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .args(args)
        .output()
        .unwrap();
    (out, start.elapsed())
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The template's header line and example row line (the README's enterprise).
fn template_lines() -> (String, String) {
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/batch-template.csv"))
            .unwrap();
    let mut lines = text.trim_start_matches('\u{feff}').lines();
    (lines.next().unwrap().to_string(), lines.next().unwrap().to_string())
}

/// The example row with its first cell (企业名称) replaced by `name`, already CSV-quoted.
fn example_named(name: &str) -> String {
    let (_, example) = template_lines();
    let rest = example.split_once(',').unwrap().1;
    format!("{name},{rest}")
}

/// The screened list's rows, read back with the csv crate (BOM stripped).
fn output_rows(path: &Path) -> Vec<Vec<String>> {
    let mut r = csv::ReaderBuilder::new().has_headers(true).from_path(path).unwrap();
    r.records().map(|r| r.unwrap().iter().map(str::to_string).collect()).collect()
}

// ---------------------------------------------------------------------------
// Formula injection (OWASP CSV injection)

#[test]
fn names_a_spreadsheet_would_run_as_formulas_are_made_text_and_numbers_stay_numbers() {
    let (header, _) = template_lines();
    // (cell as written in the CSV, the name as the output must hold it)
    let cases = [
        (r#""=HYPERLINK(""http://x"",""click"")""#, r#"'=HYPERLINK("http://x","click")"#),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("@SUM(1)", "'@SUM(1)"),
        ("-1+1", "'-1+1"),
        // A leading tab or CR is trimmed from the name; what is left must not run.
        ("\"\t=1+1\"", "'=1+1"),
        ("\"\r=1+1\"", "'=1+1"),
        ("-5", "-5"),
        ("+3.5", "+3.5"),
        ("聊城某公司", "聊城某公司"),
    ];
    let input = dir().join("injection.csv");
    let mut text = format!("{header}\n");
    for (cell, _) in &cases {
        text.push_str(&example_named(cell));
        text.push('\n');
    }
    std::fs::write(&input, text).unwrap();
    let output = dir().join("injection-out.csv");
    let (out, _) = run(&["batch", input.to_str().unwrap(), "-o", output.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let rows = output_rows(&output);
    assert_eq!(rows.len(), cases.len());
    for (row, (_, want)) in rows.iter().zip(cases) {
        assert_eq!(row[1], want);
        assert_eq!(row[2], "ok");
        // The example enterprise's total, as `evaluate examples/scenario.json`.
        assert_eq!(row[6], "260375.00");
    }
}

#[test]
fn a_portal_pack_cannot_put_a_formula_in_the_policies_column() {
    // The built-in 聊城 document, its LC-G-1 rule renamed to a formula.
    let (out, _) = run(&[
        "export-pack",
        concat!(env!("CARGO_MANIFEST_DIR"), "/../policies/001-liaocheng-fiscal-finance-2024/pack.toml"),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let pack = String::from_utf8(out.stdout).unwrap().replacen("\"LC-G-1\"", "\"=1+2\"", 1);
    assert!(pack.contains("\"=1+2\""));
    let pack_file = dir().join("formula-pack.json");
    std::fs::write(&pack_file, pack).unwrap();
    let (header, _) = template_lines();
    let input = dir().join("formula-pack-list.csv");
    std::fs::write(&input, format!("{header}\n{}\n", example_named("甲公司"))).unwrap();
    let output = dir().join("formula-pack-out.csv");
    let (out, _) = run(&[
        "batch",
        input.to_str().unwrap(),
        "-o",
        output.to_str().unwrap(),
        "--pack",
        pack_file.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let policies = &output_rows(&output)[0][5];
    // LC-G-1 comes first among the rules the example qualifies for.
    assert!(policies.starts_with("'=1+2 "), "{policies}");
}

// ---------------------------------------------------------------------------
// Amplification and limits

#[test]
fn a_header_of_ten_thousand_unknown_columns_is_refused_at_once() {
    let (header, example) = template_lines();
    let mut text = header.clone();
    for i in 0..10_000 {
        text.push_str(&format!(",未知列{i}"));
    }
    text.push('\n');
    for _ in 0..200 {
        text.push_str(&example);
        text.push('\n');
    }
    let input = dir().join("wide.csv");
    std::fs::write(&input, &text).unwrap();
    let output = dir().join("wide-out.csv");
    let (out, took) = run(&["batch", input.to_str().unwrap(), "-o", output.to_str().unwrap()]);
    let err = stderr(&out);
    let columns = header.split(',').count() + 10_000;
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains(&format!("表头有{columns}列，超过上限256列")), "{err}");
    assert!(err.contains(&format!("the header has {columns} columns, more than the limit of 256")), "{err}");
    assert!(err.lines().count() <= 2, "one message, not one per column: {err}");
    assert!(took < Duration::from_secs(2), "{took:?}");
    assert!(std::fs::metadata(&output).map_or(0, |m| m.len()) < 1024, "nothing screened");
}

#[test]
fn header_problems_are_not_repeated_in_every_row() {
    // 200 unknown columns (under the column limit) and 2,000 rows: each
    // row says in one line that the header is wrong; the problems are
    // listed once, on stderr.
    let (header, example) = template_lines();
    let mut text = header.clone();
    for i in 0..200 {
        text.push_str(&format!(",未知列{i}"));
    }
    text.push('\n');
    let row = format!("{example}{}\n", ",".repeat(200));
    for _ in 0..2_000 {
        text.push_str(&row);
    }
    let input = dir().join("unknown-columns.csv");
    std::fs::write(&input, &text).unwrap();
    let output = dir().join("unknown-columns-out.csv");
    let (out, _) = run(&["batch", input.to_str().unwrap(), "-o", output.to_str().unwrap()]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let bytes_in = text.len() as u64;
    let bytes_out = std::fs::metadata(&output).unwrap().len();
    // Each row's error cell is one sentence (about 300 bytes) instead of 200 problems (about 60 KB).
    assert!(bytes_out < 2 * bytes_in, "{bytes_in} bytes in, {bytes_out} bytes out");
    let rows = output_rows(&output);
    assert_eq!(rows.len(), 2_000);
    for r in &rows {
        assert_eq!(r[2], "error");
        assert!(r[8].contains("表头有200个无法识别或重复的列「未知列0」「未知列1」「未知列2」…"), "{}", r[8]);
        assert_eq!(r[8].matches("第").count(), 1, "one error: {}", r[8]);
    }
    assert!(err.contains("第1行「未知列0」：无法识别的列名"), "{err}");
    assert!(err.contains("summary: rows=2000 ok=0 failed=2000"), "{err}");
}

#[test]
fn a_row_lists_at_most_twenty_errors_and_quotes_long_cells_cut() {
    let (header, _) = template_lines();
    let columns = header.split(',').count();
    // Every cell but the name is a long bad value.
    let long = "x".repeat(500);
    let mut cells = vec!["甲".to_string()];
    cells.extend((1..columns).map(|_| long.clone()));
    let input = dir().join("many-errors.csv");
    std::fs::write(&input, format!("{header}\n{}\n", cells.join(","))).unwrap();
    let output = dir().join("many-errors-out.csv");
    let (out, _) = run(&["batch", input.to_str().unwrap(), "-o", output.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let errors = &output_rows(&output)[0][8];
    let listed: Vec<&str> = errors.split('；').collect();
    assert_eq!(listed.len(), 20, "{errors}");
    assert!(listed[19].starts_with("第2行「（整行）」：另有"), "{}", listed[19]);
    assert!(!errors.contains(&"x".repeat(41)), "cells are quoted cut to 40 characters");
    assert!(errors.contains(&format!("「{}…」", "x".repeat(40))), "{errors}");
}

#[test]
fn a_cell_over_a_thousand_characters_is_its_rows_error() {
    let (header, _) = template_lines();
    let input = dir().join("long-cell.csv");
    let long_name = "长".repeat(1_001);
    std::fs::write(&input, format!("{header}\n{}\n{}\n", example_named(&long_name), example_named("乙公司")))
        .unwrap();
    let output = dir().join("long-cell-out.csv");
    let (out, _) = run(&["batch", input.to_str().unwrap(), "-o", output.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let rows = output_rows(&output);
    assert_eq!(rows[0][2], "error");
    assert!(
        rows[0][8].contains("第2行「企业名称」：单元格有1001个字符，超过上限1000个 / row 2, column 企业名称: the cell has 1001 characters, more than the limit of 1000"),
        "{}",
        rows[0][8]
    );
    assert!(!rows[0][8].contains("不能为空"), "{}", rows[0][8]);
    assert_eq!(
        (rows[1][1].as_str(), rows[1][2].as_str(), rows[1][6].as_str()),
        ("乙公司", "ok", "260375.00")
    );
}

#[test]
fn a_file_of_zeros_is_refused_at_the_row_limit() {
    let (out, took) = run(&["batch", "/dev/zero", "-o", dir().join("zero-out.csv").to_str().unwrap()]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("有一行超过256 KiB"), "{err}");
    assert!(err.contains("a row is longer than 256 KiB"), "{err}");
    assert!(took < Duration::from_secs(2), "{took:?}");
    // The same bound on standard input.
    let mut child = Command::new(BIN)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .args(["batch", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let feeder = std::thread::spawn(move || {
        let zeros = vec![0u8; 1 << 16];
        // Stops when the command closes its input.
        while stdin.write_all(&zeros).is_ok() {}
    });
    let out = child.wait_with_output().unwrap();
    feeder.join().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("a row is longer than 256 KiB"), "{}", stderr(&out));
}

#[test]
fn a_scenario_or_pack_file_of_zeros_is_refused_at_sixteen_mib() {
    for args in
        [vec!["evaluate", "/dev/zero"], vec!["validate-pack", "/dev/zero"], vec!["screen", "/dev/zero"]]
    {
        let (out, took) = run(&args);
        let all = format!("{}{}", stderr(&out), String::from_utf8_lossy(&out.stdout));
        assert!(all.contains("the file is larger than the limit of 16 MiB"), "{args:?}: {all}");
        assert_ne!(out.status.code(), Some(0));
        assert!(took < Duration::from_secs(2), "{args:?}: {took:?}");
    }
}

#[test]
fn a_list_over_256_mib_is_refused_before_it_is_read() {
    // A sparse file: 257 MiB long, nothing written.
    let input = dir().join("huge.csv");
    let file = std::fs::File::create(&input).unwrap();
    file.set_len(257 << 20).unwrap();
    drop(file);
    let (out, took) =
        run(&["batch", input.to_str().unwrap(), "-o", dir().join("huge-out.csv").to_str().unwrap()]);
    std::fs::remove_file(&input).unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("名单文件超过256 MiB的上限") && err.contains("larger than the limit of 256 MiB"),
        "{err}"
    );
    assert!(took < Duration::from_secs(2), "{took:?}");
}

#[test]
fn a_list_over_a_million_rows_is_refused_before_any_row_is_screened() {
    let (header, _) = template_lines();
    let input = dir().join("long.csv");
    let mut text = format!("{header}\n");
    text.push_str(&"x\n".repeat(1_000_001));
    std::fs::write(&input, &text).unwrap();
    let output = dir().join("long-out.csv");
    let (out, took) = run(&["batch", input.to_str().unwrap(), "-o", output.to_str().unwrap()]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("名单超过1000000行的上限") && err.contains("more than 1000000 rows"), "{err}");
    assert!(took < Duration::from_secs(2), "{took:?}");
}

#[test]
fn more_threads_than_cores_are_refused() {
    let cores = std::thread::available_parallelism().unwrap().get();
    let too_many = (cores + 1).to_string();
    let (out, took) = run(&["batch", "examples/batch-template.csv", "--threads", &too_many]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains(&format!("本机只有{cores}个核心"))
            && err.contains(&format!("at most --threads {cores}")),
        "{err}"
    );
    assert!(took < Duration::from_secs(2));
    let (out, _) = run(&[
        "batch",
        "examples/batch-template.csv",
        "--threads",
        &cores.to_string(),
        "--date",
        "2024-12-31",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn terminal_escapes_in_cells_do_not_reach_stderr() {
    let (header, _) = template_lines();
    // An OSC title change and a colour in a bad amount, a bell in the name.
    let row = example_named("\u{7}甲").replace("48,000,000", "\u{1b}]0;pwned\u{7}\u{1b}[31m12");
    let input = dir().join("escapes.csv");
    std::fs::write(&input, format!("{header}\n{row}\n")).unwrap();
    let (out, _) =
        run(&["batch", input.to_str().unwrap(), "-o", dir().join("escapes-out.csv").to_str().unwrap()]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("营业收入（元）"), "{err}");
    assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "{err:?}");
    // The same for a scenario whose unknown field carries an escape.
    let scenario = dir().join("escape.json");
    std::fs::write(&scenario, r#"{"evaluation_date": "2024-12-31", "enterprise": {}, "\u001b[2J": 1}"#)
        .unwrap();
    let (out, _) = run(&["evaluate", scenario.to_str().unwrap()]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("\\u{1b}[2J"), "{err}");
    assert!(!err.contains('\u{1b}'), "{err:?}");
}

// ---------------------------------------------------------------------------
// Numbers too large for the amount type

#[test]
fn an_amount_too_large_to_hold_is_out_of_range_not_a_bad_number() {
    let (header, _) = template_lines();
    let big = example_named("甲").replace("48,000,000", "1e30");
    let digits = example_named("乙").replace("48,000,000", &"9".repeat(40));
    let bad = example_named("丙").replace("48,000,000", "12a");
    let input = dir().join("too-large.csv");
    std::fs::write(&input, format!("{header}\n{big}\n{digits}\n{bad}\n")).unwrap();
    let output = dir().join("too-large-out.csv");
    let (out, _) = run(&["batch", input.to_str().unwrap(), "-o", output.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let rows = output_rows(&output);
    assert!(
        rows[0][8].contains("「1e30」超出合理范围 / row 2, column 营业收入（元）: `1e30` is out of range"),
        "{}",
        rows[0][8]
    );
    assert!(rows[1][8].contains("超出合理范围") && !rows[1][8].contains("不是有效"), "{}", rows[1][8]);
    assert!(rows[2][8].contains("「12a」不是有效的金额"), "{}", rows[2][8]);

    // A scenario: the amount as text and a rate as a JSON number.
    let scenario =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/scenario.json")).unwrap();
    for (from, to, field) in [
        ("\"5000000 CNY\"", "\"1e30 CNY\"", "loans[0].principal: 1e30 超出合理范围"),
        ("\"3.95\"", "1e30", "loans[0].contract_rate_percent: 数字 1e+30 超出合理范围"),
        // Found by the scenario fuzzer: 20 to 24 digits overflowed the number reader (a panic in debug builds).
        (
            "\"5000000 CNY\"",
            "\"99999999999999999999999 CNY\"",
            "loans[0].principal: 金额 99,999,999,999,999,999,999,999 超出合理范围",
        ),
    ] {
        let file = dir().join("too-large.json");
        std::fs::write(&file, scenario.replacen(from, to, 1)).unwrap();
        let (out, _) = run(&["evaluate", file.to_str().unwrap()]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert!(err.contains(field), "{err}");
        assert!(!err.contains("不是有效的数字"), "{err}");
    }
}

// ---------------------------------------------------------------------------
// Packs that would overflow in evaluation

/// The built-in 聊城 document with `from` replaced by `to` (once), as a JSON pack file.
fn liaocheng_pack_with(name: &str, from: &str, to: &str) -> PathBuf {
    let (out, _) = run(&[
        "export-pack",
        concat!(env!("CARGO_MANIFEST_DIR"), "/../policies/001-liaocheng-fiscal-finance-2024/pack.toml"),
    ]);
    let pack = String::from_utf8(out.stdout).unwrap();
    assert!(pack.contains(from), "{from}");
    let file = dir().join(name);
    std::fs::write(&file, pack.replacen(from, to, 1)).unwrap();
    file
}

#[test]
fn a_rate_of_a_quadrillion_basis_points_is_refused_with_its_place() {
    // LC-I-2's 25BP.
    let pack =
        liaocheng_pack_with("rate-pack.json", "\"rate_bp\": \"25\"", "\"rate_bp\": \"1000000000000000\"");
    let (out, _) = run(&["validate-pack", pack.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("rule LC-I-2 › [0].rules[3].calculation.rate_bp: 参数 rate_bp = 1000000000000000 超出合理范围（须大于0且不超过10000个基点（年率100%））"), "{text}");
    assert!(text.contains("rate_bp = 1000000000000000 is out of range (must be above 0 and at most 10,000 basis points (100% a year))"), "{text}");
    // `evaluate --pack` refuses the pack (exit 1) instead of panicking (101),
    // with the principal at the largest amount accepted.
    let scenario = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/scenario.json"))
        .unwrap()
        .replacen("\"5000000 CNY\"", "\"1000000000000 CNY\"", 1)
        .replacen("\"other_bank\"", "\"local_legal_person_bank\", \"carbon_reduction_tool\": true", 1)
        .replacen("\"general\"", "\"clean_energy\"", 1);
    let file = dir().join("max-principal.json");
    std::fs::write(&file, scenario).unwrap();
    let (out, _) = run(&["evaluate", file.to_str().unwrap(), "--pack", pack.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("rate_bp"), "{}", stderr(&out));
}

#[test]
fn pack_amounts_and_dates_beyond_meaning_are_refused() {
    for (name, from, to, field, zh) in [
        (
            "cap.json",
            "\"cap_per_enterprise_year_yuan\": \"100000\"",
            "\"cap_per_enterprise_year_yuan\": \"79228162514264337593543950335\"",
            "rule LC-I-1 › [0].rules[5].calculation.cap_per_enterprise_year_yuan",
            "超出合理范围（须大于0且不超过1,000,000,000,000（一万亿））",
        ),
        // A text the results show in both languages, given in one.
        (
            "text.json",
            "\"en\": \"Interest subsidy for patent-pledge loans\"",
            "\"en\": \" \"",
            "rule LC-I-1 › [0].rules[5].name",
            "缺少英文文本：结果以中英文显示，两种都须填写 / the English text is empty",
        ),
        (
            "share.json",
            "\"share_of_lpr_percent\": \"40\"",
            "\"share_of_lpr_percent\": \"400\"",
            "calculation.share_of_lpr_percent",
            "须大于0且不超过100",
        ),
        (
            "date.json",
            "\"effective_from\": \"2024-04-20\"",
            "\"effective_from\": \"9999-04-20\"",
            "[0].effective_from",
            "日期 9999-04-20 超出范围（1990—2100年）",
        ),
        (
            "exports.json",
            "\"usd\": \"5000000\"",
            "\"usd\": \"1e20\"",
            "conditions[1].usd",
            "超出合理范围（须不小于0且不超过1,000,000,000,000（一万亿））",
        ),
    ] {
        let pack = liaocheng_pack_with(name, from, to);
        let (out, _) = run(&["validate-pack", pack.to_str().unwrap()]);
        let text = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(1), "{name}: {text}");
        assert!(text.contains(field) && text.contains(zh), "{name}: {text}");
    }
}

/// A portal pack whose IPO stages pay amounts near `Decimal`'s maximum: the
/// sum of two stages overflowed and `batch --pack` lost every row. Now the
/// pack is refused with the band located, and the bounds it must keep are
/// the ones evaluation is safe within (the largest accepted pack is
/// evaluated in `the_largest_pack_figures_with_the_largest_inputs_evaluate`).
#[test]
fn staged_grant_amounts_near_decimals_maximum_are_refused() {
    let pack = dir().join("ipo-pack.json");
    let near_max = "70000000000000000000000000000";
    std::fs::write(
        &pack,
        format!(
            r#"[{{"id": "portal-ipo", "title": "某市上市奖励", "issuer": "某市", "status": "in_force",
            "jurisdiction": {{"province": "山东省"}}, "source": "test",
            "rules": [{{"id": "P-IPO", "name": {{"zh": "上市奖励", "en": "IPO grant"}}, "family": "ipo",
              "clause": "一", "quote": "分阶段奖励", "recipient": "enterprise",
              "calculation": {{"template": "staged_grant", "schedule_set_by": {{"zh": "市", "en": "city"}},
                "stages": [
                  {{"stage": "tutoring_filed", "bands": [{{"fundraising_from_yuan": "0", "amount_yuan": "{near_max}"}}]}},
                  {{"stage": "application_accepted", "bands": [{{"fundraising_from_yuan": "0", "amount_yuan": "{near_max}"}}]}}
                ]}}}}]}}]"#
        ),
    )
    .unwrap();
    let (header, example) = template_lines();
    let input = dir().join("ipo-list.csv");
    let ipo = example.replace("辅导备案", "申报受理");
    std::fs::write(&input, format!("{header}\n{example}\n{ipo}\n")).unwrap();
    let (out, _) = run(&["batch", input.to_str().unwrap(), "--pack", pack.to_str().unwrap()]);
    let err = stderr(&out);
    assert_ne!(out.status.code(), Some(101), "{err}");
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("rule P-IPO › [0].rules[0].calculation.stages.bands.amount_yuan: 参数 stages.bands.amount_yuan = 70000000000000000000000000000 超出合理范围"),
        "{err}"
    );
}

/// Every template at the largest parameters validation accepts (rate_bp
/// 10,000, shares 100%, caps and band amounts 10^12 yuan), with the largest
/// inputs (50 loans of 10^12 yuan at 100% over 1990-01-01 – 2100-12-31, fees,
/// premiums and fundraising of 10^12): everything evaluates and renders.
///
/// Fixed rate, by hand: each year the 50 loans accrue about
/// 50 × 10^12 × 100% × 365/360 ≈ 5.07 × 10^13, above the 10^12 cap, so each of
/// the 111 calendar years 1990–2100 pays the cap: 111 × 10^12; the interest
/// implied by the contract rate (50 × 10^12 × 40,541/360 ≈ 5.6 × 10^15) does
/// not bind. Fees: 100 items × min(10^12, 10^12) = 10^14. Staged grant: three
/// stages of 10^12 = 3 × 10^12, capped at 10^12.
#[test]
fn the_largest_pack_figures_with_the_largest_inputs_evaluate() {
    use sme_subsidy::pack::{builtin::builtin, validate};
    let max = "1000000000000";
    // The readings that give the most: every day of every loan, the contract
    // principal, each fee its own cap.
    let readings = |pairs: &[(&str, &str)]| {
        let one = |(id, value): &(&str, &str)| {
            let [a, b] = match *id {
                "day_count" => ["act360", "act365"],
                "effective_period" => ["within", "any_date"],
                "future_interest" => ["estimate_labelled", "accrued_only"],
                "principal_basis" => ["outstanding", "contract_principal"],
                "cap_year" => ["calendar_year", "loan_year"],
                "lpr_tenor" => ["one_year", "five_year"],
                "lpr_date" => ["contract_date", "reprice_each_january"],
                "balance_period" => ["effective_period_months", "calendar_year"],
                "fee_cap_unit" => ["per_fee_kind_per_loan", "per_fee_entered"],
                "premium_cap_year" => ["calendar_year", "policy_year"],
                other => panic!("no alternatives listed for {other}"),
            };
            format!(
                r#"{{"id": "{id}", "value": "{value}", "name": {{"zh": "解读", "en": "reading"}},
                   "alternatives": [{{"value": "{a}", "zh": "甲", "en": "a"}}, {{"value": "{b}", "zh": "乙", "en": "b"}}],
                   "justification": {{"zh": "测试", "en": "test"}}}}"#
            )
        };
        pairs.iter().map(one).collect::<Vec<_>>().join(",")
    };
    let rule = |id: &str, family: &str, calculation: String, read: &[(&str, &str)]| {
        format!(
            r#"{{"id": "{id}", "name": {{"zh": "最大{id}", "en": "max {id}"}}, "family": "{family}", "clause": "一",
               "quote": "最大", "recipient": "enterprise", "calculation": {calculation}, "readings": [{}]}}"#,
            readings(read)
        )
    };
    let interest = [
        ("day_count", "act360"),
        ("effective_period", "any_date"),
        ("future_interest", "estimate_labelled"),
        ("principal_basis", "contract_principal"),
    ];
    let rules = [
        rule(
            "MAX-FIXED",
            "interest",
            format!(
                r#"{{"template": "fixed_rate_interest", "rate_bp": "10000", "cap_per_enterprise_year_yuan": "{max}"}}"#
            ),
            &[interest.as_slice(), &[("cap_year", "calendar_year")]].concat(),
        ),
        rule(
            "MAX-LPR",
            "interest",
            format!(
                r#"{{"template": "lpr_share_interest", "share_of_lpr_percent": "100",
                    "cap_per_enterprise_year_yuan": "{max}"}}"#
            ),
            &[
                ("lpr_tenor", "five_year"),
                ("lpr_date", "reprice_each_january"),
                ("day_count", "act365"),
                ("effective_period", "any_date"),
                ("cap_year", "calendar_year"),
                ("future_interest", "estimate_labelled"),
                ("principal_basis", "contract_principal"),
            ],
        ),
        rule(
            "MAX-BALANCE",
            "interest",
            format!(
                r#"{{"template": "balance_share_interest", "share_percent": "100", "cap_per_enterprise_yuan": "{max}"}}"#
            ),
            &[("balance_period", "calendar_year")],
        ),
        rule(
            "MAX-FEE",
            "guarantee_fee",
            format!(
                r#"{{"template": "fee_share", "items": ["guarantee", "evaluation_fee"], "share_percent": "100",
                    "cap_per_item_yuan": "{max}"}}"#
            ),
            &[("fee_cap_unit", "per_fee_entered"), ("effective_period", "any_date")],
        ),
        rule(
            "MAX-PREMIUM",
            "premium",
            format!(
                r#"{{"template": "premium_share", "share_percent": "100", "premium_rate_ceiling_percent": "100",
                    "cap_per_enterprise_year_yuan": "{max}"}}"#
            ),
            &[("effective_period", "any_date"), ("premium_cap_year", "calendar_year")],
        ),
        rule(
            "MAX-IPO",
            "ipo",
            format!(
                r#"{{"template": "staged_grant", "total_cap_yuan": "{max}", "schedule_set_by": {{"zh": "市", "en": "the city"}},
                    "stages": [
                      {{"stage": "tutoring_filed", "bands": [{{"fundraising_from_yuan": "0", "amount_yuan": "{max}"}}]}},
                      {{"stage": "application_accepted", "bands": [{{"fundraising_from_yuan": "0", "amount_yuan": "{max}"}}]}},
                      {{"stage": "listed", "bands": [{{"fundraising_from_yuan": "0", "fundraising_below_yuan": "{max}", "amount_yuan": "{max}"}}]}}
                    ]}}"#
            ),
            &[],
        ),
    ];
    let pack = format!(
        r#"[{{"id": "max", "title": "最大", "issuer": "某市", "status": "in_force", "effective_from": "1990-01-01",
             "effective_to": "2100-12-31", "jurisdiction": {{"province": "山东省"}}, "source": "test",
             "rules": [{}]}}]"#,
        rules.join(",")
    );
    let documents =
        validate::from_deserializer(&mut serde_json::Deserializer::from_str(&pack), "max.json").unwrap();
    let mut set = builtin().clone();
    set.merge(documents);

    let m = format!("\"{max} CNY\"");
    let loan = format!(
        r#"{{"principal": {m}, "monthly_average_balance": {m}, "start_date": "1990-01-01", "end_date": "2100-12-31",
            "contract_rate_percent": "100"}}"#
    );
    let guarantee = format!(r#"{{"amount": {m}, "fee": {m}, "term_months": 600}}"#);
    let fee = format!(r#"{{"fee": {m}}}"#);
    let policy = format!(r#"{{"insured_amount": {m}, "premium": {m}, "start_date": "2100-01-01"}}"#);
    let list = |item: &str| vec![item; 50].join(",");
    let scenario = format!(
        r#"{{"evaluation_date": "2100-12-31",
            "enterprise": {{"region": {{"province": "山东省"}}, "industry": "industry", "employees": 10000000,
                            "operating_revenue": {m}, "total_assets": {m}}},
            "loans": [{}], "guarantees": [{}], "evaluation_fees": [{}], "insurance": [{}],
            "ipo": {{"stage_reached": "listed", "planned_fundraising": "999999999999 CNY"}},
            "lpr_override": {{"one_year_percent": "100", "five_year_percent": "100"}}}}"#,
        list(&loan),
        list(&guarantee),
        list(&fee),
        list(&policy)
    );
    let scenario = sme_subsidy::input::scenario_from_json(&scenario).unwrap();
    let evaluation = sme_subsidy::evaluate(&set, &scenario);
    let amount = |id: &str| {
        let r = evaluation.results.iter().find(|r| r.rule.id == id).unwrap();
        format!("{:.2}", r.amount.unwrap_or_else(|| panic!("{id}: {:?}", r.status)))
    };
    assert_eq!(amount("MAX-FIXED"), "111000000000000.00");
    assert_eq!(amount("MAX-LPR"), "111000000000000.00");
    assert_eq!(amount("MAX-BALANCE"), "1000000000000.00");
    assert_eq!(amount("MAX-FEE"), "100000000000000.00");
    // One 投保年度 (2100): 50 premiums of 10^12, capped at 10^12.
    assert_eq!(amount("MAX-PREMIUM"), "1000000000000.00");
    assert_eq!(amount("MAX-IPO"), "1000000000000.00");
    for lang in [sme_subsidy::report::Lang::Zh, sme_subsidy::report::Lang::En] {
        let json = serde_json::to_string(&sme_subsidy::Report::new(&evaluation, lang)).unwrap();
        assert!(json.contains("111,000,000,000,000.00"), "the report renders the figures");
    }
}
