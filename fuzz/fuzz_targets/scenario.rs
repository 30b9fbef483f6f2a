//! A scenario as JSON → read and checked → evaluated against the built-in
//! pack → the report in both languages; the properties of
//! `sme_subsidy_fuzz::check_scenario` hold for every scenario accepted.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sme_subsidy::input;
use sme_subsidy::pack::builtin::builtin;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(scenario) = input::scenario_from_json(text) else { return };
    if input::check_answers(&scenario, builtin()).is_err() {
        return;
    }
    sme_subsidy_fuzz::check_scenario(builtin(), &scenario);
});
