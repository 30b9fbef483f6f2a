//! `sme-subsidy export-pack <file>`: a pack file as JSON, the form a portal
//! loads in the browser; exit 1 when the file is bad.

use std::path::Path;
use std::process::ExitCode;

use sme_subsidy::limits::terminal_safe;

use crate::files::load_pack;

pub fn run(file: &Path) -> Result<ExitCode, String> {
    match load_pack(file) {
        Ok(docs) => {
            println!("{}", serde_json::to_string_pretty(&docs).map_err(|e| e.to_string())?);
            Ok(ExitCode::SUCCESS)
        }
        Err(errors) => {
            errors.iter().for_each(|e| eprintln!("{}", terminal_safe(&e.to_string())));
            Ok(ExitCode::from(1))
        }
    }
}
