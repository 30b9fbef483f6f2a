//! The page's option lists (`www/vocabulary.js`) are written from the
//! vocabulary (`src/vocabulary.rs`): this test fails when the committed
//! file is stale, and `VOCABULARY_UPDATE=1 cargo test --test vocabulary`
//! rewrites it.

use std::path::Path;

#[test]
fn vocabulary_js_is_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("www/vocabulary.js");
    let written = sme_subsidy::vocabulary::options_js();
    if std::env::var_os("VOCABULARY_UPDATE").is_some() {
        std::fs::write(&path, &written).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == written,
        "www/vocabulary.js is stale: run VOCABULARY_UPDATE=1 cargo test --test vocabulary"
    );
}
