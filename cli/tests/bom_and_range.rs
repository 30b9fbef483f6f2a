//! Files as Windows writes them (a UTF-8 byte-order mark before the JSON)
//! are read like any other, on the command line and through the library;
//! a number JSON cannot carry as a finite value (1e400) is refused where it
//! stands, in Chinese and English.

use std::fs;
use std::process::Command;

use sme_subsidy::input;

const BIN: &str = env!("CARGO_BIN_EXE_sme-subsidy");
const BOM: &str = "\u{feff}";

fn temp(name: &str, text: &str) -> std::path::PathBuf {
    let path = std::env::temp_dir().join(format!("sme-bom-{}-{name}", std::process::id()));
    fs::write(&path, text).unwrap();
    path
}

#[test]
fn a_scenario_with_a_byte_order_mark_is_evaluated_as_without() {
    let text = fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/scenario.json")).unwrap();
    let plain = temp("plain.json", &text);
    let marked = temp("marked.json", &format!("{BOM}{text}"));
    let run = |path: &std::path::Path| {
        Command::new(BIN)
            .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
            .args(["evaluate", path.to_str().unwrap(), "--format", "json"])
            .output()
            .unwrap()
    };
    let (a, b) = (run(&plain), run(&marked));
    assert!(b.status.success(), "{}", String::from_utf8_lossy(&b.stderr));
    assert_eq!(a.stdout, b.stdout);
    assert!(input::scenario_from_json(&format!("{BOM}{text}")).is_ok());
}

#[test]
fn a_json_pack_with_a_byte_order_mark_is_loaded() {
    let exported = Command::new(BIN)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .args(["export-pack", "policies/001-liaocheng-fiscal-finance-2024/pack.toml"])
        .output()
        .unwrap();
    assert!(exported.status.success(), "{}", String::from_utf8_lossy(&exported.stderr));
    let pack = temp("pack.json", &format!("{BOM}{}", String::from_utf8(exported.stdout).unwrap()));
    let checked = Command::new(BIN)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .args(["validate-pack", pack.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(checked.status.success(), "{}", String::from_utf8_lossy(&checked.stderr));
}

#[test]
fn a_number_beyond_range_is_refused_at_its_field_in_both_languages() {
    let mut scenario: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/scenario.json")).unwrap(),
    )
    .unwrap();
    scenario["loans"][0]["contract_rate_percent"] = serde_json::Value::String("RATE".into());
    let text = scenario.to_string().replace("\"RATE\"", "1e400");
    let errors = input::scenario_from_json(&text).unwrap_err();
    assert_eq!(errors[0].field, "loans[0].contract_rate_percent");
    assert!(errors[0].zh.starts_with("数字超出可计算范围"), "{}", errors[0].zh);
    assert!(errors[0].en.starts_with("number out of range"), "{}", errors[0].en);
}
