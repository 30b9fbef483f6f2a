//! An institution calculation as JSON (R-1..R-3, one or a list) → evaluated
//! against the built-in pack → its report in both languages. Amounts are
//! ≥ 0 and to the fen; a risk split adds up.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rust_decimal::Decimal;
use sme_subsidy::institution::{self, InstitutionReport};
use sme_subsidy::pack::builtin::builtin;
use sme_subsidy::report::Lang;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(results) = institution::evaluate_json(builtin(), text) else { return };
    for r in &results {
        if let Some(amount) = r.amount {
            assert!(amount >= Decimal::ZERO && amount.scale() <= 2, "{}: {amount}", r.rule.id);
        }
        if let Some(split) = &r.split {
            assert!(split.guarantor_pays >= Decimal::ZERO && split.bank_bears >= Decimal::ZERO, "{split:?}");
            assert_eq!(split.guarantor_pays + split.bank_bears, split.covered, "{split:?}");
        }
        let report = InstitutionReport::new(r, Lang::Both);
        sme_subsidy_fuzz::check_bilingual(&serde_json::to_value(&report).expect("a report serializes"));
    }
});
