//! `sme-subsidy validate-pack` locates each error of a TOML pack by line and
//! column (`file:line:column › rule › field: zh / en`), as the pack studio
//! does in the page (one code path: `pack::spans`).

use std::fs;
use std::path::PathBuf;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_sme-subsidy");
const FIVE: &str = "tests/packs/five-mistakes.toml";

/// The repository, where the command runs (the paths it prints are relative to it).
fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

/// The lines marked `MISTAKE n` in the fixture, in order.
fn marked_lines(text: &str) -> Vec<usize> {
    text.lines().enumerate().filter(|(_, l)| l.contains("# MISTAKE")).map(|(i, _)| i + 1).collect()
}

#[test]
fn five_mistakes_give_five_errors_at_their_lines() {
    let text = fs::read_to_string(root().join(FIVE)).unwrap();
    assert_eq!(marked_lines(&text), [9, 19, 24, 48, 49]);
    let out = Command::new(BIN).current_dir(root()).args(["validate-pack", FIVE]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines,
        [
            "tests/packs/five-mistakes.toml:9:1 › [0].effective_to: 有效期止 2023-12-31 早于起始 2024-01-01 / effective_to 2023-12-31 is before effective_from 2024-01-01",
            "tests/packs/five-mistakes.toml:19:1 › rule DEMO-P-1 › [0].rules[0].quote: 缺少原文摘录 / the quoted clause is empty",
            "tests/packs/five-mistakes.toml:24:1 › rule DEMO-P-1 › [0].rules[0].calculation.share_percent: 参数 share_percent = 120 超出合理范围（须大于0且不超过100） / share_percent = 120 is out of range (must be above 0 and at most 100)",
            "tests/packs/five-mistakes.toml:48:1 › rule DEMO-P-1 › [0].rules[1].id: 规则编号 DEMO-P-1 重复 / rule id DEMO-P-1 is used twice",
            "tests/packs/five-mistakes.toml:49:1 › rule DEMO-P-1 › [0].rules[1].name: 缺少英文文本：结果以中英文显示，两种都须填写 / the English text is empty: results show both languages, give both",
        ]
    );
}

/// A key inside an inline table and an indented key: the column is the
/// key's, counted in characters (a Chinese value before it on the line
/// counts one column per character).
#[test]
fn the_column_is_the_keys_in_characters() {
    let text =
        fs::read_to_string(root().join("policies/001-liaocheng-fiscal-finance-2024/pack.toml")).unwrap();
    let bad = text.replacen(
        "name = { zh = \"首台（套）、首批次、首版次保险保费补贴\", en = \"Premium subsidy for first-set, first-batch and first-version insurance\" }",
        "name = { zh = \"首台（套）、首批次、首版次保险保费补贴\", en = \"Premium subsidy\", fr = \"x\" }",
        1,
    );
    let path = std::env::temp_dir().join(format!("sme-spans-{}.toml", std::process::id()));
    fs::write(&path, &bad).unwrap();
    let out = Command::new(BIN).args(["validate-pack", path.to_str().unwrap()]).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let line = bad[..bad.find("fr = \"x\"").unwrap()].matches('\n').count() + 1;
    let column = bad.lines().nth(line - 1).unwrap().split("fr = ").next().unwrap().chars().count() + 1;
    // name = { zh = "…18 characters…", en = "Premium subsidy", fr
    assert_eq!(column, 62);
    assert!(stdout.starts_with(&format!("{}:{line}:{column} › ", path.display())), "{stdout}");
    assert!(stdout.contains("unknown field `fr`"), "{stdout}");
}
