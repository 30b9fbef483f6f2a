//! A portal's pack, TOML (first byte even) or JSON (odd) → validated →
//! merged over the built-in pack → evaluated on eight golden scenarios (the
//! second byte picks which) → checked as `check_scenario` checks. A pack
//! that passes validation must evaluate every scenario without a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sme_subsidy::pack::builtin::builtin;
use sme_subsidy::pack::validate;

fuzz_target!(|data: &[u8]| {
    let [format, pick, rest @ ..] = data else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let documents = if format % 2 == 0 {
        let Ok(value) = toml::from_str::<toml::Value>(text) else { return };
        validate::from_deserializer(toml::Value::Array(vec![value]), "fuzz.toml")
    } else {
        validate::from_deserializer(&mut serde_json::Deserializer::from_str(text), "fuzz.json")
    };
    let Ok(documents) = documents else { return };
    let mut set = builtin().clone();
    set.merge(documents);
    let scenarios = sme_subsidy_fuzz::golden_scenarios();
    let start = *pick as usize % scenarios.len();
    for scenario in scenarios.iter().cycle().skip(start).take(8) {
        sme_subsidy_fuzz::check_scenario(&set, scenario);
    }
});
