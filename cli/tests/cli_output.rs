//! The command line's output, pinned byte for byte: `evaluate` (table and
//! JSON, both languages) for the README's example and golden scenarios, an
//! input error, the batch CSV of a sample list (good rows, bad cells, a
//! missing date), the template, and the institution and S-2 calculators.
//! A refactoring must leave every file under `cli/tests/pinned/expected/` as it
//! is; a change meant to alter the output rewrites them with
//! `PIN_UPDATE=1 cargo test --test cli_output` and shows the difference in
//! its commit.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The project's root, where the command is run from.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

fn pinned() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pinned")
}

/// Runs the binary from the project's root; (exit code, stdout, stderr).
fn run(args: &[&str]) -> (i32, Vec<u8>, String) {
    let out =
        Command::new(env!("CARGO_BIN_EXE_sme-subsidy")).args(args).current_dir(root()).output().unwrap();
    (out.status.code().unwrap(), out.stdout, String::from_utf8(out.stderr).unwrap())
}

/// Compares `actual` with the expected file `name`, or writes it under
/// `PIN_UPDATE=1`; returns the names that differ.
fn check(name: &str, actual: &[u8], differ: &mut Vec<String>) {
    let path = pinned().join("expected").join(name);
    if std::env::var_os("PIN_UPDATE").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    if expected != actual {
        differ.push(format!(
            "{name}: expected {} bytes, got {} bytes; first difference at byte {}",
            expected.len(),
            actual.len(),
            expected.iter().zip(actual).position(|(a, b)| a != b).unwrap_or(expected.len().min(actual.len()))
        ));
    }
}

fn scenarios() -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = std::fs::read_dir(pinned())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json") && !p.ends_with("bad-input.json"))
        .map(|p| (stem(&p), format!("cli/tests/pinned/{}", p.file_name().unwrap().to_str().unwrap())))
        .collect();
    files.sort();
    files.insert(0, ("readme-example".into(), "examples/scenario.json".into()));
    files
}

fn stem(p: &Path) -> String {
    p.file_stem().unwrap().to_str().unwrap().to_string()
}

#[test]
fn evaluate_table_and_json_are_unchanged() {
    let mut differ = Vec::new();
    let scenarios = scenarios();
    assert_eq!(scenarios.len(), 9, "the README example and eight golden scenarios");
    for (name, file) in &scenarios {
        for (suffix, args) in [
            ("table.txt", vec!["--format", "table"]),
            ("table-en.txt", vec!["--format", "table", "--lang", "en"]),
            ("json", vec!["--format", "json"]),
        ] {
            // English once: the README example.
            if suffix == "table-en.txt" && name != "readme-example" {
                continue;
            }
            let mut all = vec!["evaluate", file.as_str()];
            all.extend(args);
            let (code, stdout, stderr) = run(&all);
            assert_eq!(code, 0, "{name}: {stderr}");
            check(&format!("evaluate/{name}.{suffix}"), &stdout, &mut differ);
        }
    }
    assert!(differ.is_empty(), "changed output:\n{}", differ.join("\n"));
}

#[test]
fn an_input_error_is_unchanged() {
    let (code, stdout, stderr) = run(&["evaluate", "cli/tests/pinned/bad-input.json"]);
    assert_eq!(code, 1);
    assert!(stdout.is_empty());
    let mut differ = Vec::new();
    check("evaluate/bad-input.stderr.txt", stderr.as_bytes(), &mut differ);
    assert!(differ.is_empty(), "changed output:\n{}", differ.join("\n"));
}

#[test]
fn the_batch_csv_and_its_errors_are_unchanged() {
    let mut differ = Vec::new();
    for threads in ["1", "2"] {
        let args = ["batch", "cli/tests/pinned/batch-in.csv", "--date", "2024-12-31", "--threads", threads];
        let (code, stdout, stderr) = run(&args);
        assert_eq!(code, 1, "two rows of the sample list are bad");
        check("batch/out.csv", &stdout, &mut differ);
        // The summary's last line carries the time taken: everything before it.
        let (errors, summary) = stderr.trim_end().rsplit_once('\n').unwrap();
        assert!(summary.starts_with("summary: rows=8 ok=6 failed=2 total_yuan=780375.00 "), "{summary}");
        check("batch/errors.txt", errors.as_bytes(), &mut differ);
    }
    let (code, stdout, _) = run(&["batch-template"]);
    assert_eq!(code, 0);
    check("batch/template.csv", &stdout, &mut differ);
    assert!(differ.is_empty(), "changed output:\n{}", differ.join("\n"));
}

#[test]
fn the_institution_and_screening_output_is_unchanged() {
    let mut differ = Vec::new();
    for (command, file) in [("institution", "examples/institution.json"), ("screen", "examples/screen.json")]
    {
        for format in ["table", "json"] {
            let (code, stdout, stderr) = run(&[command, file, "--format", format]);
            assert_eq!(code, 0, "{command}: {stderr}");
            let ext = if format == "json" { "json" } else { "txt" };
            check(&format!("{command}/example.{ext}"), &stdout, &mut differ);
        }
    }
    assert!(differ.is_empty(), "changed output:\n{}", differ.join("\n"));
}
