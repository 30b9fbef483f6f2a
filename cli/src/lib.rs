//! `sme-subsidy`: the calculator on the command line, for portal operators
//! and batch work. Same library, same packs, same results as the browser.
//! One module per subcommand (`commands/`); the files it reads (`files`),
//! its tables (`table`), the batch list streamed on all cores
//! (`batch_stream`) and the golden-case runner (`cases`).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use sme_subsidy::report;

pub mod batch_stream;
pub mod cases;
mod commands;
mod files;
mod table;

#[derive(Parser)]
#[command(name = "sme-subsidy", version, about = "中小企业融资补贴测算 — SME subsidy estimator")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Evaluate a scenario file (JSON, or TOML by extension) against the built-in pack.
    Evaluate {
        /// The scenario file; `-` reads standard input (JSON).
        scenario: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// Language: the table shows one (zh unless asked), JSON carries both unless asked.
        #[arg(long, value_enum)]
        lang: Option<Lang>,
        /// A portal's policy pack (TOML or JSON) merged over the built-in one; repeatable.
        #[arg(long)]
        pack: Vec<PathBuf>,
        /// A bank product of the pack (`policies/products.toml`, or a portal's
        /// `[[products]]`): only its rules, and the total of those alone.
        #[arg(long)]
        product: Option<String>,
    },
    /// Write the calculation record of a scenario (JSON, docs/record.schema.json):
    /// the scenario and its hash, the engine version, the pack's documents and
    /// their content hashes, the LPR table's date, each rule's status and amount.
    Record {
        /// The scenario file; `-` reads standard input (JSON).
        scenario: PathBuf,
        /// A portal's policy pack (TOML or JSON) merged over the built-in one; repeatable.
        #[arg(long)]
        pack: Vec<PathBuf>,
    },
    /// Recompute a calculation record with this engine and the built-in pack
    /// (or --pack): exit 0 when identical, 1 listing what changed (a pack
    /// revision, a rule's result), 2 when the record cannot be read.
    Verify {
        /// The record (JSON, from 「下载测算记录」 or `sme-subsidy record`).
        record: PathBuf,
        /// A portal's policy pack (TOML or JSON) merged over the built-in one; repeatable.
        #[arg(long)]
        pack: Vec<PathBuf>,
    },
    /// Validate policy pack files (TOML or JSON); errors name the file (line:column for TOML), rule and field.
    ValidatePack { files: Vec<PathBuf> },
    /// Print a policy pack file as JSON, the form a portal loads in the browser.
    ExportPack { file: PathBuf },
    /// Print the pack format reference (Markdown, zh-CN first): docs/pack-format.md.
    PackReference,
    /// Run folders of golden test cases, e.g. `tests/cases policies/*/cases`, or case files
    /// (a case bundle from the pack studio: its cases against its pack).
    Test {
        #[arg(required = true)]
        folders: Vec<PathBuf>,
    },
    /// Screen a CSV list of enterprises (one per row; see `batch-template`):
    /// size, five criteria, eligible policies and totals per row, CSV out.
    /// Exit 1 when any row failed; its errors are on stderr and in the output.
    Batch {
        /// The list (CSV, UTF-8); `-` reads standard input.
        input: PathBuf,
        /// Write the screened list here (default: standard output).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// 测算日期 (YYYY-MM-DD) for rows that leave it empty (default: today, Beijing time).
        #[arg(long)]
        date: Option<String>,
        /// Worker threads (default: one per core).
        #[arg(long)]
        threads: Option<usize>,
        /// A portal's policy pack (TOML or JSON) merged over the built-in one; repeatable.
        #[arg(long)]
        pack: Vec<PathBuf>,
    },
    /// Write the batch list template (CSV, UTF-8 with BOM, Chinese headers, an example row).
    BatchTemplate {
        /// Write it here (default: standard output).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// A portal's policy pack (TOML or JSON) merged over the built-in one;
        /// repeatable. Its yes/no questions are columns of the template.
        #[arg(long)]
        pack: Vec<PathBuf>,
    },
    /// Institution-facing calculators (R-1 代偿补偿, R-2 银担分险, R-3 临海奖补):
    /// a JSON object, or a list, whose `calculator` names the calculation.
    Institution {
        /// The input file (JSON); `-` reads standard input.
        input: PathBuf,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// Language: the table shows one (zh unless asked), JSON carries both unless asked.
        #[arg(long, value_enum)]
        lang: Option<Lang>,
        /// A portal's policy pack (TOML or JSON) merged over the built-in one; repeatable.
        #[arg(long)]
        pack: Vec<PathBuf>,
    },
    /// S-2 推荐清单五项标准: screen one enterprise's answers (a JSON object) or a list (an array).
    Screen {
        /// The answers file (JSON); `-` reads standard input.
        answers: PathBuf,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        #[arg(long, value_enum)]
        lang: Option<Lang>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    Json,
    Table,
}

#[derive(Clone, Copy, PartialEq, ValueEnum)]
pub enum Lang {
    Zh,
    En,
    Both,
}

impl Lang {
    pub fn report(self) -> report::Lang {
        match self {
            Lang::Zh => report::Lang::Zh,
            Lang::En => report::Lang::En,
            Lang::Both => report::Lang::Both,
        }
    }
}

/// Runs one subcommand: its exit code, or a message for standard error
/// (exit 2) when a file cannot be read at all.
pub fn run(command: Command) -> Result<ExitCode, String> {
    use commands::*;
    match command {
        Command::Evaluate { scenario, format, lang, pack, product } => {
            evaluate::run(&scenario, format, lang, &pack, product.as_deref())
        }
        Command::Record { scenario, pack } => record::run(&scenario, &pack),
        Command::Verify { record: file, pack } => verify::run(&file, &pack),
        Command::ValidatePack { files } => Ok(validate_pack::run(&files)),
        Command::ExportPack { file } => export_pack::run(&file),
        Command::PackReference => pack_reference::run(),
        Command::Batch { input, output, date, threads, pack } => {
            batch::run(input, output, date, threads, &pack)
        }
        Command::Institution { input, format, lang, pack } => institution::run(&input, format, lang, &pack),
        Command::Screen { answers, format, lang } => screen::run(&answers, format, lang),
        Command::BatchTemplate { output, pack } => batch_template::run(output.as_deref(), &pack),
        Command::Test { folders } => test::run(&folders),
    }
}
