//! `sme-subsidy batch-template`: the batch list template (CSV, UTF-8 with
//! BOM, Chinese headers, an example row).

use std::path::Path;
use std::process::ExitCode;

pub fn run(output: Option<&Path>) -> Result<ExitCode, String> {
    crate::batch_stream::write_template(output)?;
    Ok(ExitCode::SUCCESS)
}
