//! The built-in pack: `policies/*/pack.toml` and `policies/products.toml`,
//! turned into JSON by `build.rs` (so
//! no TOML parser is compiled in) and read once, on first use: by
//! serde_json natively (feature `embedded-json`), by the browser's
//! `JSON.parse` and serde-wasm-bindgen in the browser module, which
//! installs the set here.

use std::sync::OnceLock;

#[cfg(feature = "embedded-json")]
use super::product::Catalogue;
#[cfg(feature = "embedded-json")]
use super::Document;
use super::PolicySet;

/// The built-in pack as `build.rs` wrote it: the one copy the native and
/// the browser builds read.
pub const BUILTIN_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/builtin_pack.json"));
/// Each built-in document's TOML as written, with its golden cases, as
/// `build.rs` gathered them: the pack studio's templates (staff tools only).
#[cfg(feature = "studio")]
pub const SOURCES_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/builtin_sources.json"));
/// The built-in products, as `build.rs` wrote them.
pub const PRODUCTS_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/builtin_products.json"));

static SET: OnceLock<PolicySet> = OnceLock::new();

/// The built-in policy set, parsed once.
pub fn builtin() -> &'static PolicySet {
    SET.get_or_init(|| {
        #[cfg(feature = "embedded-json")]
        return PolicySet { documents: parse(), products: products().products };
        #[cfg(not(feature = "embedded-json"))]
        panic!("the embedder installs the built-in pack (builtin::install) before use")
    })
}

/// The built-in set, read by the embedder from [`BUILTIN_JSON`] and
/// [`PRODUCTS_JSON`] with its own deserializer on first use (without the
/// `embedded-json` feature; with it, `read` is not called either).
pub fn install_with(read: impl FnOnce() -> PolicySet) -> &'static PolicySet {
    SET.get_or_init(read)
}

#[cfg(feature = "embedded-json")]
fn parse() -> Vec<Document> {
    serde_json::from_str(BUILTIN_JSON).expect("built-in pack is checked by the test suite")
}

/// The built-in products (`policies/products.toml`).
#[cfg(feature = "embedded-json")]
pub fn products() -> Catalogue {
    serde_json::from_str(PRODUCTS_JSON).expect("built-in products are checked by the test suite")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_pack_is_valid() {
        let errors = super::super::validate::documents(&builtin().documents, "policies");
        assert!(errors.is_empty(), "{errors:#?}");
        assert_eq!(builtin().documents.len(), 5);
        // R-1, R-2 (度假区, 温州), R-4 (聊城 items 15 ×2, 20, 24), S-3 (通川) and
        // R-3 (临海 items 1, 7, 8, 11 ×2, 15).
        let ids: Vec<&str> = builtin().institution_rules().map(|(_, r)| r.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "LC-R-1",
                "LC-R-2",
                "LC-R-15A",
                "LC-R-15B",
                "LC-R-20",
                "LC-R-24",
                "WZ-R-2",
                "DZ-R-REF",
                "LH-R-3-1",
                "LH-R-3-7",
                "LH-R-3-8",
                "LH-R-3-11",
                "LH-R-3-11B",
                "LH-R-3-15"
            ]
        );
    }

    /// A reading the calculation reads is required, one it does not read is
    /// refused, each with the rule and the field.
    #[test]
    fn readings_are_checked_against_what_the_rule_reads() {
        let mut docs = builtin().documents.clone();
        let doc = docs.iter_mut().find(|d| d.rules.iter().any(|r| r.id == "LC-I-1")).unwrap();
        let i1 = doc.rules.iter().position(|r| r.id == "LC-I-1").unwrap();
        let cap_year = doc.rules[i1].readings.iter().position(|r| r.id() == "cap_year").unwrap();
        let taken = doc.rules[i1].readings.remove(cap_year);
        let g1 = doc.rules.iter().position(|r| r.id == "LC-G-1").unwrap();
        doc.rules[g1].readings.push(taken);
        let errors = super::super::validate::documents(&docs, "policies");
        let found: Vec<(&str, &str, bool)> = errors
            .iter()
            .map(|e| (e.rule.as_deref().unwrap(), e.field.as_str(), e.zh.contains("cap_year")))
            .collect();
        assert_eq!(
            found,
            [
                ("LC-G-1", format!("[1].rules[{g1}].readings[1].id").as_str(), true),
                ("LC-I-1", format!("[1].rules[{i1}].readings").as_str(), true),
            ],
            "{errors:#?}"
        );
    }

    /// An institution rule's readings are checked the same way: R-1 without
    /// `tier_mode`, and with a reading it does not read.
    #[test]
    fn institution_readings_are_checked_against_what_the_rule_reads() {
        let mut docs = builtin().documents.clone();
        let d = docs.iter().position(|d| d.institution_rules.iter().any(|r| r.id == "LH-R-3-15")).unwrap();
        let cap = docs[d].institution_rules.iter().position(|r| r.id == "LH-R-3-15").unwrap();
        let per_enterprise = docs[d].institution_rules[cap].readings[0].clone();
        let r1 = &mut docs[0].institution_rules[0];
        assert_eq!(r1.id, "LC-R-1");
        r1.readings.retain(|r| r.id() != "tier_mode");
        r1.readings.push(per_enterprise);
        let errors = super::super::validate::documents(&docs, "policies");
        let found: Vec<(&str, &str)> =
            errors.iter().map(|e| (e.rule.as_deref().unwrap(), e.field.as_str())).collect();
        assert_eq!(
            found,
            [
                ("LC-R-1", "[0].institution_rules[0].readings[1].id"),
                ("LC-R-1", "[0].institution_rules[0].readings")
            ],
            "{errors:#?}"
        );
        assert!(
            errors[0].en.contains("per_enterprise_cap") && errors[1].en.contains("tier_mode"),
            "{errors:#?}"
        );
    }

    /// A broken institution rule is reported with the file, the rule and the field.
    #[test]
    fn institution_rule_errors_are_located() {
        let mut docs = builtin().documents.clone();
        let doc = docs.iter_mut().find(|d| !d.institution_rules.is_empty()).unwrap();
        let rule = &mut doc.institution_rules[0];
        let super::super::InstitutionCalculation::TieredCompensation { tiers, .. } = &mut rule.calculation
        else {
            panic!("LC-R-1 is tiered")
        };
        tiers[1].from_percent = "0.5".parse().unwrap(); // overlaps the first tier
        tiers[3].top = None; // 8% no longer in the last tier
        tiers[2].share_percent = "120".parse().unwrap();
        let errors = super::super::validate::documents(&docs, "policies");
        let fields: Vec<(&str, &str)> =
            errors.iter().map(|e| (e.rule.as_deref().unwrap(), e.field.as_str())).collect();
        assert_eq!(
            fields,
            [
                ("LC-R-1", "[0].institution_rules[0].calculation.tiers[1].from_percent"),
                ("LC-R-1", "[0].institution_rules[0].calculation.tiers[2].share_percent"),
                ("LC-R-1", "[0].institution_rules[0].calculation.tiers[3].top"),
            ],
            "{errors:#?}"
        );
        assert!(errors[0].zh.contains("档位不连续"), "{}", errors[0].zh);
        assert!(errors[2].en.contains("must include its top"), "{}", errors[2].en);
    }
}
