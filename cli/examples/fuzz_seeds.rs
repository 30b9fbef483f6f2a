//! The fuzz targets' seed corpora, written from the project's own inputs
//! (scripts/fuzz.sh runs it; nothing generated is committed):
//!
//! - `scenario/`: the README's and the benchmark's scenarios, and every
//!   golden case's scenario (policies/*/cases, tests/cases), as JSON;
//! - `pack/`: each built-in document as TOML (first byte 0) and as JSON
//!   (first byte 1), and every golden case's own pack as JSON; the second
//!   byte picks the golden scenarios the target evaluates on;
//! - `batch_row/`: the template's example row, and the example with each
//!   cell in turn left empty;
//! - `institution/`: examples/institution.json, whole and one input at a time.
//!
//! `cargo run --example fuzz_seeds -- fuzz/seeds`

use std::fs;
use std::path::{Path, PathBuf};

use sme_subsidy::pack::validate;

fn files(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, ext, out);
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
    out.sort();
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    fs::write(dir.join(name), bytes).unwrap();
}

fn main() {
    let out = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "fuzz/seeds".into()));
    // The project's root (this crate is cli/).
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let dirs = ["scenario", "pack", "batch_row", "institution"].map(|t| {
        let d = out.join(t);
        // Written anew: a seed of an input that is gone must not linger.
        if d.exists() {
            fs::remove_dir_all(&d).unwrap();
        }
        fs::create_dir_all(&d).unwrap();
        d
    });
    let [scenario, pack, batch_row, institution] = &dirs;

    // Scenarios and the golden cases' packs.
    for name in ["examples/scenario.json", "benches/rich-scenario.json"] {
        write(scenario, name.replace('/', "-").as_str(), &fs::read(root.join(name)).unwrap());
    }
    let mut cases = Vec::new();
    for folder in sme_subsidy_cli::cases::case_folders(root).unwrap() {
        files(&folder, "toml", &mut cases);
    }
    let mut case_packs = 0;
    for (i, path) in cases.iter().enumerate() {
        let case: toml::Table = toml::from_str(&fs::read_to_string(path).unwrap()).unwrap();
        if let Some(s) = case.get("scenario") {
            let s = sme_subsidy::input::scenario_from(s.clone()).unwrap();
            write(
                scenario,
                &format!("case-{i:03}.json"),
                serde_json::to_string_pretty(&s).unwrap().as_bytes(),
            );
        }
        if let Some(p) = case.get("pack") {
            let docs = validate::from_deserializer(p.clone(), "case").unwrap();
            let mut bytes = vec![1, i as u8];
            bytes.extend(serde_json::to_string(&docs).unwrap().bytes());
            write(pack, &format!("case-{i:03}.json"), &bytes);
            case_packs += 1;
        }
    }

    // The built-in documents, as TOML and as JSON.
    let mut policies: Vec<PathBuf> = fs::read_dir(root.join("policies"))
        .unwrap()
        .map(|e| e.unwrap().path().join("pack.toml"))
        .filter(|p| p.is_file())
        .collect();
    policies.sort();
    for (i, path) in policies.iter().enumerate() {
        let text = fs::read_to_string(path).unwrap();
        let mut bytes = vec![0, (i * 8) as u8];
        bytes.extend(text.bytes());
        write(pack, &format!("policy-{i}.toml"), &bytes);
        let value: toml::Value = toml::from_str(&text).unwrap();
        let docs = validate::from_deserializer(toml::Value::Array(vec![value]), "policy").unwrap();
        let mut bytes = vec![1, (i * 8 + 4) as u8];
        bytes.extend(serde_json::to_string(&docs).unwrap().bytes());
        write(pack, &format!("policy-{i}.json"), &bytes);
    }

    // One row of a list: the template's example, then with each cell empty.
    let template = sme_subsidy::batch::template_csv(sme_subsidy::pack::builtin::builtin());
    let example = template.lines().nth(1).unwrap();
    write(batch_row, "example.csv", example.as_bytes());
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(example.as_bytes());
    let cells: Vec<String> = reader.records().next().unwrap().unwrap().iter().map(str::to_string).collect();
    for i in 0..cells.len() {
        let mut row = cells.clone();
        row[i].clear();
        let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
        w.write_record(&row).unwrap();
        write(batch_row, &format!("without-{i:02}.csv"), &w.into_inner().unwrap());
    }

    // Institution inputs.
    let text = fs::read_to_string(root.join("examples/institution.json")).unwrap();
    write(institution, "all.json", text.as_bytes());
    if let serde_json::Value::Array(items) = serde_json::from_str(&text).unwrap() {
        for (i, item) in items.iter().enumerate() {
            write(
                institution,
                &format!("item-{i}.json"),
                serde_json::to_string_pretty(item).unwrap().as_bytes(),
            );
        }
    }
    println!(
        "seeds: {} scenarios, {} packs ({case_packs} from cases), {} rows, institution inputs → {}",
        fs::read_dir(scenario).unwrap().count(),
        fs::read_dir(pack).unwrap().count(),
        fs::read_dir(batch_row).unwrap().count(),
        out.display()
    );
}
