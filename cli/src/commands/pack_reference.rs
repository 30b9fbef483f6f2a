//! `sme-subsidy pack-reference`: the pack format reference (Markdown,
//! zh-CN first), the text of docs/pack-format.md.

use std::process::ExitCode;

pub fn run() -> Result<ExitCode, String> {
    print!("{}", sme_subsidy::pack::reference::markdown());
    Ok(ExitCode::SUCCESS)
}
