//! Finding and reading the golden-case files: each document's
//! `policies/<document>/cases/<family>/`, then `tests/cases/` (the cases
//! that combine documents). Reading and checking one case is the core's
//! [`sme_subsidy::cases`].

use std::fs;
use std::path::{Path, PathBuf};

pub use sme_subsidy::cases::{run_text, Case, CaseRun};

/// Every folder of golden cases in the repository at `root`: each
/// document's `policies/<document>/cases`, then `tests/cases` (the cases
/// that combine documents), in path order.
pub fn case_folders(root: &Path) -> Result<Vec<PathBuf>, String> {
    let policies = root.join("policies");
    let mut folders = Vec::new();
    for entry in fs::read_dir(&policies).map_err(|e| format!("{}: {e}", policies.display()))? {
        let cases = entry.map_err(|e| format!("{}: {e}", policies.display()))?.path().join("cases");
        if cases.is_dir() {
            folders.push(cases);
        }
    }
    folders.sort();
    folders.push(root.join("tests/cases"));
    Ok(folders)
}

/// Run every `*.toml` case under each of `dirs` (recursively; a path that is
/// a file is run itself), sorted by path.
pub fn run_dirs(dirs: &[PathBuf]) -> Result<Vec<CaseRun>, String> {
    let mut files = Vec::new();
    for dir in dirs {
        if dir.is_file() {
            files.push(dir.clone());
        } else {
            collect(dir, &mut files).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
    }
    files.sort();
    Ok(files.iter().flat_map(|f| run_file(f)).collect())
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
    Ok(())
}

/// Run one case file (or case bundle).
pub fn run_file(path: &Path) -> Vec<CaseRun> {
    match fs::read_to_string(path) {
        Ok(text) => run_text(&text, path),
        Err(e) => vec![CaseRun {
            path: path.to_path_buf(),
            description: String::new(),
            failures: vec![format!("cannot read the case: {e}")],
        }],
    }
}
