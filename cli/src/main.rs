//! The `sme-subsidy` command (the subcommands are in the library, `lib.rs`).

use std::process::ExitCode;

use clap::Parser;
use sme_subsidy::limits::terminal_safe;
use sme_subsidy_cli::{run, Cli};

/// mimalloc rather than the system allocator: batch screening allocates and
/// frees small vectors for every row on every core (see the commit that
/// added it for the measured gain).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    match run(Cli::parse().command) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("{}", terminal_safe(&message));
            ExitCode::from(2)
        }
    }
}
