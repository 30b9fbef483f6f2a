//! Build-time work, so the library (and its WASM build) carries no TOML or
//! CSV parser:
//! - `policies/*/pack.toml` → one JSON array of policy documents, embedded by
//!   `src/pack/builtin.rs` (TOML → JSON is structural; the pack's own
//!   validation runs in the test suite and in `sme-subsidy validate-pack`);
//! - `policies/products.toml` → the built-in products' JSON, the same way;
//! - `data/lpr.csv` → a constant table in basis points for `src/lpr.rs`;
//! - `data/places.toml` → the gazetteer's JSON for `src/places.rs`.

use std::env;
use std::fs;
use std::path::{Path, PathBuf};

fn main() {
    let out = PathBuf::from(env::var("OUT_DIR").unwrap());
    println!("cargo:rerun-if-changed=policies");
    println!("cargo:rerun-if-changed=data/lpr.csv");
    println!("cargo:rerun-if-changed=data/places.toml");
    embed_policies(Path::new("policies"), &out.join("builtin_pack.json"));
    println!("cargo:rerun-if-changed=policies/products.toml");
    let products = toml_file(Path::new("policies/products.toml"));
    fs::write(out.join("builtin_products.json"), serde_json::to_string(&products).unwrap()).unwrap();
    embed_sources(Path::new("policies"), &out.join("builtin_sources.json"));
    embed_lpr(Path::new("data/lpr.csv"), &out.join("lpr_table.rs"));
    let places = toml_file(Path::new("data/places.toml"));
    fs::write(out.join("places.json"), serde_json::to_string(&places).unwrap()).unwrap();
}

fn toml_file(file: &Path) -> serde_json::Value {
    let text = fs::read_to_string(file).unwrap();
    let value: toml::Value =
        toml::from_str(&text).unwrap_or_else(|e| panic!("{}: not valid TOML: {e}", file.display()));
    serde_json::to_value(value).unwrap()
}

fn embed_policies(dir: &Path, dest: &Path) {
    // One folder per document: its pack beside its source text and cases.
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .expect("policies/ folder")
        .map(|e| e.unwrap().path().join("pack.toml"))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    let mut documents = Vec::new();
    for file in &files {
        println!("cargo:rerun-if-changed={}", file.display());
        documents.push(toml_file(file));
    }
    fs::write(dest, serde_json::to_string(&documents).unwrap()).unwrap();
}

/// The pack studio's templates (staff tools only): each document's TOML as
/// written, comments and all, with its golden cases' texts.
fn embed_sources(dir: &Path, dest: &Path) {
    let mut folders: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("pack.toml").is_file())
        .collect();
    folders.sort();
    let mut sources = Vec::new();
    for folder in folders {
        let text = fs::read_to_string(folder.join("pack.toml")).unwrap();
        let mut cases = Vec::new();
        collect_cases(&folder.join("cases"), &folder, &mut cases);
        cases.sort();
        let id = toml_file(&folder.join("pack.toml"))["id"].clone();
        sources.push(serde_json::json!({
            "folder": folder.file_name().unwrap().to_string_lossy(),
            "id": id,
            "toml": text,
            "cases": cases,
        }));
    }
    fs::write(dest, serde_json::to_string(&sources).unwrap()).unwrap();
}

fn collect_cases(dir: &Path, root: &Path, out: &mut Vec<(String, String)>) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for path in entries.map(|e| e.unwrap().path()) {
        if path.is_dir() {
            collect_cases(&path, root, out);
        } else if path.extension().is_some_and(|e| e == "toml") {
            println!("cargo:rerun-if-changed={}", path.display());
            let name = path.strip_prefix(root).unwrap().display().to_string();
            out.push((name, fs::read_to_string(&path).unwrap()));
        }
    }
}

fn embed_lpr(csv: &Path, dest: &Path) {
    let text = fs::read_to_string(csv).unwrap();
    let mut rows = String::from("&[\n");
    for line in text.lines().filter(|l| !l.starts_with('#') && !l.starts_with("effective_from")) {
        if line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split(',').map(str::trim).collect();
        assert_eq!(cols.len(), 3, "data/lpr.csv: bad line `{line}`");
        let date: Vec<u32> = cols[0].split('-').map(|p| p.parse().unwrap()).collect();
        let bp = |s: &str| -> i64 {
            let (int, frac) = s.split_once('.').unwrap_or((s, "0"));
            let frac = format!("{frac:0<2}");
            int.parse::<i64>().unwrap() * 100 + frac[..2].parse::<i64>().unwrap()
        };
        rows.push_str(&format!(
            "    LprRow {{ effective_from: ({}, {}, {}), one_year_bp: {}, five_year_bp: {} }},\n",
            date[0],
            date[1],
            date[2],
            bp(cols[1]),
            bp(cols[2])
        ));
    }
    rows.push(']');
    fs::write(dest, rows).unwrap();
}
