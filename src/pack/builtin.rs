//! The built-in pack: `policies/*.toml`, turned into JSON by `build.rs` and
//! read once on first use. Natively serde_json reads it; in the browser the
//! JavaScript engine's own `JSON.parse` does, so the WASM build carries no
//! parser of its own for it.

use std::sync::OnceLock;

use super::{Document, PolicySet};

const BUILTIN_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/builtin_pack.json"));

/// The built-in policy set, parsed once.
pub fn builtin() -> &'static PolicySet {
    static SET: OnceLock<PolicySet> = OnceLock::new();
    SET.get_or_init(|| PolicySet { documents: parse() })
}

#[cfg(not(target_arch = "wasm32"))]
fn parse() -> Vec<Document> {
    serde_json::from_str(BUILTIN_JSON).expect("built-in pack is checked by the test suite")
}

#[cfg(target_arch = "wasm32")]
fn parse() -> Vec<Document> {
    let value = js_sys::JSON::parse(BUILTIN_JSON).expect("built-in pack is valid JSON");
    serde_wasm_bindgen::from_value(value).expect("built-in pack is checked by the test suite")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_pack_is_valid() {
        let errors = super::super::validate::documents(&builtin().documents, "policies");
        assert!(errors.is_empty(), "{errors:#?}");
        assert_eq!(builtin().documents.len(), 5);
    }
}
