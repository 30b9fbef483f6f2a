//! `sme-subsidy test <folders>…`: the golden cases in the folders
//! (`crate::cases`), one line each; exit 1 when any fails or none ran.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::cases;

pub fn run(folders: &[PathBuf]) -> Result<ExitCode, String> {
    let runs = cases::run_dirs(folders)?;
    let failed = runs.iter().filter(|r| !r.failures.is_empty()).count();
    for run in &runs {
        let mark = if run.failures.is_empty() { "ok  " } else { "FAIL" };
        println!("{mark} {} — {}", run.path.display(), run.description);
        for f in &run.failures {
            println!("       {f}");
        }
    }
    println!("{} passed, {} failed", runs.len() - failed, failed);
    Ok(if failed == 0 && !runs.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
