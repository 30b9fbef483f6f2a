//! `sme-subsidy`: the calculator on the command line, for portal operators
//! and batch work. Same library, same packs, same results as the browser.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use comfy_table::{presets::UTF8_FULL_CONDENSED, ContentArrangement, Table};

use sme_subsidy::limits::{bytes_text, terminal_safe, MAX_DOCUMENT_BYTES};
use sme_subsidy::pack::{builtin::builtin, product, spans, validate, Document, PolicySet};
use sme_subsidy::scenario::Scenario;
use sme_subsidy::{cases, input, record, report, Report};

/// mimalloc rather than the system allocator: batch screening allocates and
/// frees small vectors for every row on every core (see the commit that
/// added it for the measured gain).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod institution_cli;

#[derive(Parser)]
#[command(name = "sme-subsidy", version, about = "中小企业融资补贴测算 — SME subsidy estimator")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
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
    /// Validate policy pack files (TOML or JSON); errors name the file, rule and field.
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
enum Format {
    Json,
    Table,
}

#[derive(Clone, Copy, PartialEq, ValueEnum)]
enum Lang {
    Zh,
    En,
    Both,
}

impl Lang {
    fn report(self) -> report::Lang {
        match self {
            Lang::Zh => report::Lang::Zh,
            Lang::En => report::Lang::En,
            Lang::Both => report::Lang::Both,
        }
    }
}

fn main() -> ExitCode {
    match run(Cli::parse().command) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("{}", terminal_safe(&message));
            ExitCode::from(2)
        }
    }
}

/// A scenario, pack or answers file (`-`: standard input), without a
/// byte-order mark, refused past
/// [`MAX_DOCUMENT_BYTES`] before more is read (`/dev/zero` is a file too).
fn read(path: &Path) -> Result<String, String> {
    let (name, input): (String, Box<dyn Read>) = if path == Path::new("-") {
        ("standard input".into(), Box::new(std::io::stdin()))
    } else {
        let name = path.display().to_string();
        (name.clone(), Box::new(fs::File::open(path).map_err(|e| format!("{name}: {e}"))?))
    };
    let mut bytes = Vec::new();
    input.take(MAX_DOCUMENT_BYTES + 1).read_to_end(&mut bytes).map_err(|e| format!("{name}: {e}"))?;
    if bytes.len() as u64 > MAX_DOCUMENT_BYTES {
        let limit = bytes_text(MAX_DOCUMENT_BYTES);
        return Err(format!("{name}: 文件超过{limit}的上限 / the file is larger than the limit of {limit}"));
    }
    let text = String::from_utf8(bytes)
        .map_err(|_| format!("{name}: 文件不是 UTF-8 编码 / the file is not UTF-8"))?;
    Ok(input::without_bom(&text).to_string())
}

fn is_toml(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "toml")
}

/// The built-in pack with a portal's packs merged over it, in order; `None`
/// (the errors printed, each naming file, rule and field) when one is bad.
fn policy_set(packs: &[PathBuf]) -> Option<PolicySet> {
    let mut set: PolicySet = builtin().clone();
    for file in packs {
        match load_pack(file) {
            Ok(docs) => set.merge(docs),
            Err(errors) => {
                errors.iter().for_each(|e| eprintln!("{}", terminal_safe(&e.to_string())));
                return None;
            }
        }
    }
    Some(set)
}

/// The scenario file read and checked against the built-in pack with a
/// portal's packs merged over it; `None` (the errors printed, located) when
/// either is bad.
fn scenario_and_set(file: &Path, packs: &[PathBuf]) -> Result<Option<(Scenario, PolicySet)>, String> {
    let text = read(file)?;
    let parsed = if is_toml(file) {
        toml::from_str::<toml::Value>(&text)
            .map_err(|e| {
                vec![input::InputError::new("(scenario)", format!("TOML 格式错误：{e}"), e.to_string())]
            })
            .and_then(input::scenario_from)
    } else {
        input::scenario_from_json(&text)
    };
    let scenario = match parsed {
        Ok(scenario) => scenario,
        Err(errors) => {
            print_input_errors(&errors);
            return Ok(None);
        }
    };
    let Some(set) = policy_set(packs) else {
        return Ok(None);
    };
    if let Err(errors) = input::check_answers(&scenario, &set) {
        print_input_errors(&errors);
        return Ok(None);
    }
    Ok(Some((scenario, set)))
}

fn print_input_errors(errors: &[input::InputError]) {
    for e in errors {
        eprintln!("输入错误 input error — {}", terminal_safe(&e.to_string()));
    }
}

/// A pack file holds one document (TOML, as `policies/*/pack.toml`; errors
/// located by line and column) or a JSON array of them.
fn load_pack(path: &Path) -> Result<Vec<Document>, Vec<validate::PackError>> {
    let name = path.display().to_string();
    let text = read(path).map_err(|e| {
        vec![validate::PackError {
            file: name.clone(),
            rule: None,
            field: String::new(),
            zh: "无法读取文件".into(),
            en: e,
            at: None,
        }]
    })?;
    let documents = if is_toml(path) {
        spans::read_toml(&text, &name)
    } else {
        validate::from_deserializer(&mut serde_json::Deserializer::from_str(&text), &name)
    }?;
    // A product's rules are the built-in pack's or the file's own.
    let mut set = builtin().clone();
    set.merge(documents.clone());
    let mut errors = product::check_documents(&documents, &set, &name);
    if is_toml(path) {
        spans::locate_all(&text, &mut errors);
    }
    if errors.is_empty() {
        Ok(documents)
    } else {
        Err(errors)
    }
}

fn run(command: Command) -> Result<ExitCode, String> {
    match command {
        Command::Evaluate { scenario, format, lang, pack, product } => {
            let Some((scenario, set)) = scenario_and_set(&scenario, &pack)? else {
                return Ok(ExitCode::from(1));
            };
            let mut evaluation = sme_subsidy::evaluate(&set, &scenario);
            if let Some(id) = product {
                let Some(product) = set.product(&id) else {
                    let known: Vec<&str> = set.products().map(|p| p.id.as_str()).collect();
                    eprintln!(
                        "输入错误 input error — product: 政策包中没有产品 {0}（可选：{1}） / the pack has no product {0} (one of: {1})",
                        terminal_safe(&id),
                        known.join(", ")
                    );
                    return Ok(ExitCode::from(1));
                };
                evaluation = sme_subsidy::product::scoped(evaluation, product);
            }
            match format {
                Format::Json => {
                    let report = Report::new(&evaluation, lang.unwrap_or(Lang::Both).report());
                    println!("{}", serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?)
                }
                Format::Table => {
                    let lang = if lang == Some(Lang::En) { Lang::En } else { Lang::Zh };
                    print_table(&Report::new(&evaluation, lang.report()), lang)
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Record { scenario, pack } => {
            let Some((scenario, set)) = scenario_and_set(&scenario, &pack)? else {
                return Ok(ExitCode::from(1));
            };
            let made = record::record(&set, &scenario);
            println!("{}", serde_json::to_string_pretty(&made).map_err(|e| e.to_string())?);
            Ok(ExitCode::SUCCESS)
        }
        Command::Verify { record: file, pack } => {
            let (recorded, scenario) = match record::read(&read(&file)?) {
                Ok(read) => read,
                Err(errors) => {
                    print_input_errors(&errors);
                    return Ok(ExitCode::from(2));
                }
            };
            let Some(set) = policy_set(&pack) else {
                return Ok(ExitCode::from(2));
            };
            let differences = record::verify(&recorded, &scenario, &set);
            if differences.is_empty() {
                println!(
                    "一致：本程序重新测算的结果与记录完全相同 / identical: recomputed exactly as recorded"
                );
                return Ok(ExitCode::SUCCESS);
            }
            println!("不一致：{} 处不同 / {} difference(s):", differences.len(), differences.len());
            for d in &differences {
                let side = |v: &Option<String>| v.clone().unwrap_or_else(|| "（无 none）".into());
                // Ids and values come from the record and the packs: shown inert.
                println!("- {}", terminal_safe(&format!("{}：{} / {}", d.field, d.zh, d.en)));
                println!("  记录 recorded: {}", terminal_safe(&side(&d.recorded)));
                println!("  现在 now:      {}", terminal_safe(&side(&d.now)));
            }
            Ok(ExitCode::from(1))
        }
        Command::ValidatePack { files } => {
            let mut failed = false;
            for file in &files {
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
            Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
        }
        Command::ExportPack { file } => match load_pack(&file) {
            Ok(docs) => {
                println!("{}", serde_json::to_string_pretty(&docs).map_err(|e| e.to_string())?);
                Ok(ExitCode::SUCCESS)
            }
            Err(errors) => {
                errors.iter().for_each(|e| eprintln!("{}", terminal_safe(&e.to_string())));
                Ok(ExitCode::from(1))
            }
        },
        Command::PackReference => {
            print!("{}", sme_subsidy::pack::reference::markdown());
            Ok(ExitCode::SUCCESS)
        }
        Command::Batch { input, output, date, threads, pack } => {
            use sme_subsidy::batch::{self, stream};
            let default_date = match date {
                Some(text) => Some(
                    batch::parse_date(&text)
                        .ok_or(format!("--date {text}: 日期格式应为 YYYY-MM-DD / expected YYYY-MM-DD"))?,
                ),
                None => Some(time::OffsetDateTime::now_utc().to_offset(time::macros::offset!(+8)).date()),
            };
            let Some(set) = policy_set(&pack) else {
                return Ok(ExitCode::from(2));
            };
            let options = batch::Options { default_date };
            stream::run_cli(&set, stream::BatchArgs { input, output, options, threads })
        }
        Command::Institution { input, format, lang, pack } => {
            institution_cli::institution(&input, format, lang, &pack)
        }
        Command::Screen { answers, format, lang } => institution_cli::screen(&answers, format, lang),
        Command::BatchTemplate { output, pack } => {
            let Some(set) = policy_set(&pack) else {
                return Ok(ExitCode::from(1));
            };
            sme_subsidy::batch::stream::write_template(output.as_deref(), &set)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Test { folders } => {
            let runs = cases::run_dirs(&folders)?;
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
    }
}

/// A terminal table in the CLI's one style, with its header row.
fn new_table<const N: usize>(header: [&str; N]) -> Table {
    let mut table = Table::new();
    table
        .load_preset(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(120)
        .set_header(header);
    table
}

/// 本测算采用的解读 as lines of a table cell: a heading, then each reading
/// taken, why, and the others (enterprise and institution results alike).
fn reading_lines(readings: &[report::ReadingReport], lang: Lang) -> Vec<String> {
    if readings.is_empty() {
        return Vec::new();
    }
    let pick = |t: &report::Bi| if lang == Lang::En { t.en.to_string() } else { t.zh.to_string() };
    let (heading, sep, or, why) = if lang == Lang::En {
        ("Readings taken by this estimate:", "; ", "other readings", "why")
    } else {
        ("本测算采用的解读：", "；", "其他解读", "理由")
    };
    let mut lines = vec![heading.to_string()];
    for g in readings {
        let others: Vec<String> =
            g.alternatives.iter().filter(|a| !a.taken).map(|a| pick(&a.label)).collect();
        lines.push(format!(
            "◆ {}：{}（{why}：{}{sep}{or}：{}）",
            pick(&g.name),
            pick(&g.taken),
            pick(&g.justification),
            others.join(sep)
        ));
    }
    lines
}

fn print_table(report: &Report, lang: Lang) {
    let pick = |t: &report::Bi| {
        if lang == Lang::En {
            t.en.to_string()
        } else {
            t.zh.to_string()
        }
    };
    println!("{} — {}", report.evaluation_date, pick(&report.enterprise_size.text));
    let header = if lang == Lang::Zh {
        ["政策", "状态", "金额（元）", "计算过程 / 原因", "出处"]
    } else {
        ["Policy", "Status", "Amount (yuan)", "Steps / reasons", "Source"]
    };
    let mut table = new_table(header);
    for r in &report.results {
        let mut detail: Vec<String> = r.steps.iter().map(|s| format!("· {}", pick(&s.text))).collect();
        detail.extend(r.reasons.iter().map(|t| format!("✗ {}", pick(t))));
        detail.extend(r.missing.iter().map(|m| format!("? {}", pick(&m.text))));
        detail.extend(r.to_confirm.iter().map(|c| format!("☐ {}", pick(&c.text))));
        detail.extend(r.notes.iter().map(|n| format!("※ {}", pick(n))));
        detail.extend(reading_lines(&r.readings, lang));
        table.add_row(vec![
            format!("{} {}", r.rule_id, pick(&r.name)),
            pick(&r.status_text),
            r.amount_yuan.clone().unwrap_or_else(|| "—".into()),
            detail.join("\n"),
            report::citation_lines(&r.citation, |t| pick(t)),
        ]);
    }
    println!("{table}");
    println!("{}", pick(&report.total_text));
    for line in report.not_in_total.iter().chain(&report.could_add) {
        println!("  + {}", pick(line));
    }
    println!("{}", pick(&report.notice));
}
