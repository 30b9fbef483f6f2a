//! The calculation record (`sme-subsidy record`) and its check
//! (`sme-subsidy verify`): identical when recomputed with the same engine and
//! pack (exit 0); a revised pack document is named with the rules whose
//! results it changed (exit 1); an unreadable record exits 2 with a located
//! error.

use std::fs;
use std::path::PathBuf;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_sme-subsidy");

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .args(args)
        .output()
        .expect("the sme-subsidy binary runs")
}

fn temp(name: &str, text: &str) -> PathBuf {
    let path = std::env::temp_dir().join(format!("sme-record-{}-{name}", std::process::id()));
    fs::write(&path, text).unwrap();
    path
}

/// The record of `examples/scenario.json` against the built-in pack.
fn example_record(name: &str) -> PathBuf {
    let out = run(&["record", "examples/scenario.json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    temp(name, &String::from_utf8(out.stdout).unwrap())
}

/// The fields `verify` lists as different, with their recorded and current values.
fn differences(stdout: &str) -> Vec<(String, String, String)> {
    let lines: Vec<&str> = stdout.lines().collect();
    lines
        .iter()
        .enumerate()
        .filter_map(|(i, line)| {
            let field = line.strip_prefix("- ")?.split('：').next()?.to_string();
            let value = |l: &str, label: &str| l.trim().strip_prefix(label).unwrap().trim().to_string();
            Some((field, value(lines[i + 1], "记录 recorded:"), value(lines[i + 2], "现在 now:")))
        })
        .collect()
}

#[test]
fn a_record_verifies_identical_with_the_same_engine_and_pack() {
    let file = example_record("same.json");
    let text = fs::read_to_string(&file).unwrap();
    let record: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(record["format"], "sme-subsidy-record/1");
    assert_eq!(record["engine_version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(record["lpr_table_newest"], "2025-05-20");
    assert_eq!(record["pack"]["documents"].as_array().unwrap().len(), 5);
    // The README example's hand-worked total (LC-I-1 60,375.00 + LC-G-2
    // 35,000.00 + LC-P-1 120,000.00 + LC-P-2 45,000.00).
    assert_eq!(record["total_yuan"], "260375.00");

    let out = run(&["verify", file.to_str().unwrap()]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("identical"), "{stdout}");
    fs::remove_file(file).unwrap();
}

#[test]
fn a_revised_pack_is_named_with_the_rule_it_changed() {
    let file = example_record("revised.json");
    // 聊城 2024 二、（五）16 revised: LC-P-1's share 20% → 25%. The example's
    // product combined policy: premium 700,000, insured 20,000,000, the
    // premium counted at most 3% of it = 600,000; × 25% = 150,000.00 (was
    // × 20% = 120,000.00), under the 1,000,000 cap; the total
    // 260,375.00 + 30,000.00 = 290,375.00.
    let pack = fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../policies/001-liaocheng-fiscal-finance-2024/pack.toml"
    ))
    .unwrap();
    let rule = pack.find("id = \"LC-P-1\"").unwrap();
    let share = rule + pack[rule..].find("share_percent = \"20\"").unwrap();
    let revised = format!(
        "{}share_percent = \"25\"{}",
        &pack[..share],
        &pack[share + "share_percent = \"20\"".len()..]
    );
    let revised = temp("revised.toml", &revised);

    let out = run(&["verify", file.to_str().unwrap(), "--pack", revised.to_str().unwrap()]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    let found = differences(&stdout);
    let fields: Vec<&str> = found.iter().map(|(f, _, _)| f.as_str()).collect();
    assert_eq!(
        fields,
        ["pack.documents[liaocheng-2024-fiscal-finance]", "results[LC-P-1]", "total_yuan"],
        "{stdout}"
    );
    assert_eq!(found[1].1, "eligible 120000.00");
    assert_eq!(found[1].2, "eligible 150000.00");
    assert_eq!((found[2].1.as_str(), found[2].2.as_str()), ("260375.00", "290375.00"));
    assert!(stdout.contains("政策 LC-P-1 的测算结果不同"), "{stdout}");
    fs::remove_file(file).unwrap();
    fs::remove_file(revised).unwrap();
}

#[test]
fn an_edited_record_is_caught() {
    let file = example_record("edited.json");
    // An amount changed by hand, and the scenario changed after the record
    // was made (its hash no longer matches).
    let text = fs::read_to_string(&file)
        .unwrap()
        .replace("\"45000.00\"", "\"54000.00\"")
        .replace("\"name\": \"聊城某精密轴承有限公司\"", "\"name\": \"另一家公司\"");
    let edited = temp("edited-2.json", &text);
    let out = run(&["verify", edited.to_str().unwrap()]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    let fields: Vec<String> = differences(&stdout).into_iter().map(|(f, _, _)| f).collect();
    assert_eq!(fields, ["scenario_sha256", "results[LC-P-2]"], "{stdout}");
    fs::remove_file(file).unwrap();
    fs::remove_file(edited).unwrap();
}

#[test]
fn an_unreadable_record_exits_2_with_a_located_error() {
    let other =
        temp("other-format.json", &r#"{"format": "sme-subsidy-record/9"}"#.replace("}", r#", "x": 1}"#));
    let out = run(&["verify", other.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("测算记录格式错误") && stderr.contains("not a calculation record"), "{stderr}");

    let file = example_record("bad-scenario.json");
    let text = fs::read_to_string(&file).unwrap().replace("\"employees\": 120", "\"employees\": -1");
    let bad = temp("bad-scenario-2.json", &text);
    let out = run(&["verify", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("scenario.enterprise.employees"), "{stderr}");
    for f in [other, file, bad] {
        fs::remove_file(f).unwrap();
    }
}

/// Every object of a record has exactly the fields the schema lists (all
/// required), so docs/record.schema.json cannot drift from the format; each
/// status is one the schema names.
#[test]
fn the_schema_lists_exactly_the_record_fields() {
    fn check(schema: &serde_json::Value, value: &serde_json::Value, at: &str) {
        if let Some(properties) = schema["properties"].as_object() {
            let mut listed: Vec<&String> = properties.keys().collect();
            let mut present: Vec<&String> = value.as_object().unwrap().keys().collect();
            let mut required: Vec<&str> =
                schema["required"].as_array().unwrap().iter().map(|r| r.as_str().unwrap()).collect();
            listed.sort();
            present.sort();
            required.sort();
            assert_eq!(listed, present, "{at}");
            assert_eq!(listed, required, "{at}: every field required");
            for (key, sub) in properties {
                check(sub, &value[key], &format!("{at}.{key}"));
            }
        }
        if let Some(items) = schema.get("items") {
            for item in value.as_array().unwrap() {
                check(items, item, &format!("{at}[]"));
            }
        }
        if let Some(allowed) = schema["enum"].as_array() {
            assert!(allowed.contains(value), "{at}: {value}");
        }
    }
    let schema: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/record.schema.json")).unwrap(),
    )
    .unwrap();
    let file = example_record("schema.json");
    let record: serde_json::Value = serde_json::from_str(&fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(schema["properties"]["format"]["const"], record["format"]);
    check(&schema, &record, "record");
    fs::remove_file(file).unwrap();
}
