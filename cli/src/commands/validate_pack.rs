//! `sme-subsidy validate-pack <files>…`: each pack file checked; its errors
//! name the file, rule and field; exit 1 when any file is bad.

use std::path::PathBuf;
use std::process::ExitCode;

use sme_subsidy::limits::terminal_safe;

use crate::files::load_pack;

pub fn run(files: &[PathBuf]) -> ExitCode {
    let mut failed = false;
    for file in files {
        match load_pack(file) {
            Ok(docs) => {
                let rules: usize = docs.iter().map(|d| d.rules.len()).sum();
                println!("{}: ok ({} document(s), {rules} rule(s))", file.display(), docs.len());
            }
            Err(errors) => {
                failed = true;
                errors.iter().for_each(|e| println!("{}", terminal_safe(&e.to_string())));
            }
        }
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
