//! `sme-subsidy batch <list.csv>`: a list of enterprises screened on all
//! cores (`crate::batch_stream`); exit 1 when any row failed, 2 when the
//! list or a pack cannot be read.

use std::path::PathBuf;
use std::process::ExitCode;

use sme_subsidy::batch;

use crate::batch_stream::{self, BatchArgs};
use crate::files::policy_set;

pub fn run(
    input: PathBuf,
    output: Option<PathBuf>,
    date: Option<String>,
    threads: Option<usize>,
    pack: &[PathBuf],
) -> Result<ExitCode, String> {
    let default_date = match date {
        Some(text) => Some(
            batch::parse_date(&text)
                .ok_or(format!("--date {text}: 日期格式应为 YYYY-MM-DD / expected YYYY-MM-DD"))?,
        ),
        None => Some(time::OffsetDateTime::now_utc().to_offset(time::macros::offset!(+8)).date()),
    };
    let Some(set) = policy_set(pack) else {
        return Ok(ExitCode::from(2));
    };
    let options = batch::Options { default_date };
    batch_stream::run_cli(&set, BatchArgs { input, output, options, threads })
}
