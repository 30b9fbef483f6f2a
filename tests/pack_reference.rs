//! docs/pack-format.md is the pack reference as `sme-subsidy pack-reference`
//! prints it from src/pack/reference.rs: a stale copy fails here.

#[test]
fn the_committed_pack_reference_is_current() {
    let committed = std::fs::read_to_string("docs/pack-format.md").unwrap_or_default();
    assert!(
        committed == sme_subsidy::pack::reference::markdown(),
        "docs/pack-format.md is stale: run `cargo run -- pack-reference > docs/pack-format.md`"
    );
}
