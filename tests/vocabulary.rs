//! The page's option lists (`www/vocabulary.js`) and the TypeScript unions
//! of the choices (`wasm/src/types.rs`, between its vocabulary markers) are
//! written from the vocabulary (`src/vocabulary.rs`): these tests fail when
//! the committed text is stale, and `VOCABULARY_UPDATE=1 cargo test --test
//! vocabulary` rewrites it.

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

#[test]
fn the_typescript_unions_are_current() {
    const BEGIN: &str = "/* vocabulary: written from src/vocabulary.rs (tests/vocabulary.rs) */\n";
    const END: &str = "/* end of vocabulary */";
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("wasm/src/types.rs");
    let text = std::fs::read_to_string(&path).unwrap();
    let start = text.find(BEGIN).expect("the begin marker") + BEGIN.len();
    let end = text.find(END).expect("the end marker");
    let written = sme_subsidy::vocabulary::typescript();
    if std::env::var_os("VOCABULARY_UPDATE").is_some() {
        std::fs::write(&path, format!("{}{written}{}", &text[..start], &text[end..])).unwrap();
        return;
    }
    assert!(
        text[start..end] == written,
        "the unions in wasm/src/types.rs are stale: run VOCABULARY_UPDATE=1 cargo test --test vocabulary"
    );
}
