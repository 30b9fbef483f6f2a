//! `sme-subsidy record <scenario>`: the calculation record (测算记录) of a
//! scenario as JSON (docs/record.schema.json); exit 1 on input or pack errors.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use sme_subsidy::record;

use crate::files::scenario_and_set;

pub fn run(scenario: &Path, pack: &[PathBuf]) -> Result<ExitCode, String> {
    let Some((scenario, set)) = scenario_and_set(scenario, pack)? else {
        return Ok(ExitCode::from(1));
    };
    let made = record::record(&set, &scenario);
    println!("{}", serde_json::to_string_pretty(&made).map_err(|e| e.to_string())?);
    Ok(ExitCode::SUCCESS)
}
