//! `sme-subsidy batch-template`: the batch list template (CSV, UTF-8 with
//! BOM, Chinese headers, an example row); a portal pack's yes/no questions
//! are columns too.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::files::policy_set;

pub fn run(output: Option<&Path>, pack: &[PathBuf]) -> Result<ExitCode, String> {
    let Some(set) = policy_set(pack) else {
        return Ok(ExitCode::from(1));
    };
    crate::batch_stream::write_template(output, &set)?;
    Ok(ExitCode::SUCCESS)
}
