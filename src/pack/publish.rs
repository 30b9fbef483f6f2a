//! Publishing a pack from the studio (发布): the JSON the widget loads
//! (`sme-subsidy export-pack`'s, byte for byte), its Subresource-Integrity
//! hash, the embed snippet, and the document's golden cases as one case
//! bundle that `sme-subsidy test` runs against the pack.

use base64::Engine as _;
use sha2::{Digest, Sha384};

use super::Document;

/// The JSON a portal serves for `policy-set`, as `export-pack` prints it.
pub fn pack_json(documents: &[Document]) -> String {
    serde_json::to_string_pretty(documents).expect("documents serialize to JSON")
}

/// `sha384-…`: the Subresource-Integrity hash of a file's bytes.
pub fn integrity(bytes: &[u8]) -> String {
    format!("sha384-{}", base64::engine::general_purpose::STANDARD.encode(Sha384::digest(bytes)))
}

/// The widget's tag and its script, for a pack served at `url` whose
/// bytes have the SRI hash `integrity` (the widget refuses other bytes).
pub fn embed_snippet(url: &str, integrity: &str) -> String {
    let url = url.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;");
    format!(
        "<script type=\"module\" src=\"/sme-subsidy/widget.js\"></script>\n\
         <sme-subsidy-calculator policy-set=\"{url}\"\n  policy-set-integrity=\"{integrity}\"></sme-subsidy-calculator>\n"
    )
}

/// `text` (a TOML document or case) with every table header moved under
/// `root` (`[rules.calculation]` → `[pack.rules.calculation]`) and the
/// whole opened by `[[root]]`, comments and multi-line strings kept.
fn rerooted(text: &str, root: &str) -> String {
    let mut out = format!("[[{root}]]\n");
    let mut in_string = false;
    for line in text.lines() {
        let trimmed = line.trim_start();
        if !in_string && trimmed.starts_with('[') && is_header(trimmed) {
            let (open, rest) = match trimmed.strip_prefix("[[") {
                Some(rest) => ("[[", rest),
                None => ("[", &trimmed[1..]),
            };
            out.push_str(&format!("{open}{root}.{rest}\n"));
        } else {
            out.push_str(line);
            out.push('\n');
        }
        for delimiter in ["\"\"\"", "'''"] {
            if line.matches(delimiter).count() % 2 == 1 {
                in_string = !in_string;
            }
        }
    }
    out
}

/// `[name]`, `[[a.b]]` with an optional comment after: a table header, not
/// an array value written on its own line.
fn is_header(line: &str) -> bool {
    let inner = line.trim_start_matches('[');
    let name_end = inner.find(']').unwrap_or(0);
    let name = &inner[..name_end];
    !name.is_empty()
        && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
        && inner[name_end..].trim_start_matches(']').trim_start().chars().next().is_none_or(|c| c == '#')
}

/// One case bundle: the edited document as `[[pack]]`, then each case
/// file as `[[case]]` with its comments (the hand calculations) kept. The
/// expectations stay the hand-worked ones: a case the edit changes fails
/// under `sme-subsidy test` until it is worked again from the new text.
pub fn case_bundle(pack_toml: &str, cases: &[(&str, &str)]) -> String {
    let mut out = String::from(
        "# 用例集 · case bundle: run with `sme-subsidy test <this file>`.\n\
         # 每个用例都按下面的政策包（合并在内置政策包之上）测算；预期金额是按原文手算的，\n\
         # 修改政策后须按新文本重新手算。\n\
         # Each case runs against the pack below, merged over the built-in one; the\n\
         # expected amounts are worked by hand from the text: after an edit, work them again.\n\n",
    );
    out.push_str(&rerooted(pack_toml, "pack"));
    for (name, text) in cases {
        out.push_str(&format!("\n# ---- {name}\n"));
        out.push_str(&rerooted(text, "case"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_moved_under_the_root() {
        let text = "id = \"x\"\n[[rules]] # one\nquote = \"\"\"\n[not a header]\n\"\"\"\n[rules.calculation]\nv = [\n  [1],\n]\n";
        assert_eq!(
            rerooted(text, "pack"),
            "[[pack]]\nid = \"x\"\n[[pack.rules]] # one\nquote = \"\"\"\n[not a header]\n\"\"\"\n[pack.rules.calculation]\nv = [\n  [1],\n]\n"
        );
    }

    #[test]
    fn the_integrity_hash_is_sha384_base64() {
        // printf 'abc' | openssl dgst -sha384 -binary | base64
        assert_eq!(
            integrity(b"abc"),
            "sha384-ywB1P0WjXou1oD1pmsZQBycsMqsO3tFjGotgWkP/W+2AhgcroefMI1i67KE0yCWn"
        );
    }

    /// Every built-in document's cases, bundled with the document, run as
    /// they do from their folder: same count, same failures (none).
    #[test]
    fn a_bundle_runs_as_its_case_files() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        for folder in ["001-liaocheng-fiscal-finance-2024", "000-liaocheng-jiangbei-guarantee-2023"] {
            let dir = root.join("policies").join(folder);
            let pack = std::fs::read_to_string(dir.join("pack.toml")).unwrap();
            let mut files = Vec::new();
            for family in std::fs::read_dir(dir.join("cases")).unwrap() {
                for case in std::fs::read_dir(family.unwrap().path()).unwrap() {
                    let path = case.unwrap().path();
                    files.push((path.display().to_string(), std::fs::read_to_string(&path).unwrap()));
                }
            }
            files.sort();
            let cases: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
            let bundle = case_bundle(&pack, &cases);
            let runs = crate::cases::run_text(&bundle, std::path::Path::new("bundle.toml"));
            assert_eq!(runs.len(), files.len());
            let failed: Vec<_> = runs.iter().filter(|r| !r.failures.is_empty()).collect();
            assert!(failed.is_empty(), "{failed:#?}");
        }
    }
}
