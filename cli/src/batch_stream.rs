//! A CSV list streamed through the batch core on all cores (the `sme-subsidy
//! batch` command). Constant memory: rows are read in chunks, each chunk
//! is screened in parallel while the next one is read and the previous one
//! written, and the output keeps the input's order.

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use csv::ByteRecord;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use rust_decimal::Decimal;

use sme_subsidy::batch::csv_list::{
    bounded_reader, output_header, over_row_limit, read_error, read_header, screen_record_reusing, too_big,
    too_many_rows, RowMark,
};
use sme_subsidy::batch::{template_csv, CellError, Options, Scratch, Screener};
use sme_subsidy::limits::{terminal_safe, MAX_LIST_BYTES, MAX_ROWS};
use sme_subsidy::money::Yuan;
use sme_subsidy::pack::PolicySet;

/// Rows read, screened and written at a time: large enough to keep both
/// cores busy, small enough that memory stays flat (a few MB).
const CHUNK: usize = 8192;
/// Rows one task screens and encodes together.
const TASK: usize = 256;

/// What a run did.
#[derive(Clone, Debug, Default)]
pub struct Summary {
    /// Data rows screened (blank rows not counted).
    pub rows: u64,
    pub ok: u64,
    pub failed: u64,
    /// Rows with every cell empty, skipped.
    pub blank: u64,
    /// Sum of the rows' totals to the enterprise.
    pub total: Decimal,
    pub seconds: f64,
    pub threads: usize,
}

impl Summary {
    /// One line for stderr: key=value pairs, then the same in Chinese.
    pub fn line(&self) -> String {
        let rate = if self.seconds > 0.0 { self.rows as f64 / self.seconds } else { 0.0 };
        let blank = if self.blank > 0 { format!(" blank_skipped={}", self.blank) } else { String::new() };
        format!(
            "summary: rows={} ok={} failed={} total_yuan={:.2} seconds={:.2} rows_per_second={:.0} threads={}{blank} | 共{}行，成功{}行，失败{}行，测算合计{}元，用时{:.2}秒",
            self.rows, self.ok, self.failed, self.total, self.seconds, rate, self.threads,
            self.rows, self.ok, self.failed, Yuan(self.total), self.seconds
        )
    }
}

/// One slot of a chunk: a record's bytes.
struct Slot {
    record: ByteRecord,
}

/// What a task produced: its rows as CSV bytes, its counts, its errors.
struct Part {
    bytes: Vec<u8>,
    ok: u64,
    failed: u64,
    blank: u64,
    total: Decimal,
    errors: Vec<Vec<CellError>>,
}

/// Screen a CSV list from `input` into `output` (CSV, UTF-8 with a BOM, in
/// input order). `progress(rows, bytes_read)` is called after each chunk;
/// `on_error` gets each failed row's errors, in order.
pub fn screen_csv<R, W, P, E>(
    set: &PolicySet,
    input: R,
    output: W,
    options: Options,
    mut progress: P,
    mut on_error: E,
) -> Result<Summary, String>
where
    R: Read + Send,
    W: Write + Send,
    P: FnMut(u64, u64) + Send,
    E: FnMut(&[CellError]) + Send,
{
    let start = Instant::now();
    let (mut reader, mark) = bounded_reader(input);
    let header = read_header(&mut reader, set)?;
    mark.set(reader.position().byte());
    // The header's problems go to `on_error` once, as row 1; each row says
    // only that the header is wrong.
    let problems = header.problem_errors();
    if !problems.is_empty() {
        on_error(&problems);
    }
    let screener = Screener::new(set, header, options);

    // Smaller than a task's text, so each task's rows go straight to the
    // output rather than being copied into the buffer first.
    let mut out = BufWriter::with_capacity(1 << 16, output);
    let io_err = |e: io::Error| format!("写入输出失败 / writing the output failed: {e}");
    out.write_all(&output_header()).map_err(io_err)?;

    // Room for a usual row from the start: a record that grows is read
    // again from its start, each time it doubles.
    let new_chunk =
        || (0..CHUNK).map(|_| Slot { record: ByteRecord::with_capacity(512, 64) }).collect::<Vec<_>>();
    let (mut current, mut next) = (new_chunk(), new_chunk());
    let mut summary = Summary { threads: rayon::current_num_threads(), ..Summary::default() };
    let mut n = read_chunk(&mut reader, &mark, &mut current, 0)?;
    let mut first_row: u64 = 2; // the header is row 1
    let mut pending: Option<Vec<Part>> = None;
    let mut bytes_read = reader.position().byte();

    // Screen chunk k on all cores while one task writes chunk k-1 and reads
    // chunk k+1.
    let mut write = |parts: Vec<Part>, summary: &mut Summary, out: &mut BufWriter<W>| -> Result<(), String> {
        for part in parts {
            out.write_all(&part.bytes).map_err(io_err)?;
            summary.ok += part.ok;
            summary.failed += part.failed;
            summary.blank += part.blank;
            summary.rows += part.ok + part.failed;
            summary.total += part.total;
            for errors in &part.errors {
                on_error(errors);
            }
        }
        Ok(())
    };
    while n > 0 {
        let chunk = &current[..n];
        let (parts, side) = rayon::join(
            || screen_chunk(&screener, chunk, first_row),
            || -> Result<(usize, u64), String> {
                if let Some(parts) = pending.take() {
                    write(parts, &mut summary, &mut out)?;
                    progress(summary.rows + summary.blank, bytes_read);
                }
                let m = read_chunk(&mut reader, &mark, &mut next, first_row - 2 + n as u64)?;
                Ok((m, reader.position().byte()))
            },
        );
        let (m, pos) = side?;
        pending = Some(parts);
        first_row += n as u64;
        bytes_read = pos;
        std::mem::swap(&mut current, &mut next);
        n = m;
    }
    if let Some(parts) = pending.take() {
        write(parts, &mut summary, &mut out)?;
    }
    out.flush().map_err(io_err)?;
    progress(summary.rows + summary.blank, bytes_read);
    summary.seconds = start.elapsed().as_secs_f64();
    Ok(summary)
}

/// Fill `slots` with the next records, as bytes: a record that is not valid
/// UTF-8 is reported as that row's error by its worker, so row numbers stay
/// right and nothing is dropped.
/// right and nothing is dropped. `before` rows were read already: past
/// [`MAX_ROWS`] the list is refused (a file was counted before it was
/// screened; standard input is refused here, when the row is reached).
fn read_chunk<R: Read>(
    reader: &mut csv::Reader<R>,
    mark: &RowMark,
    slots: &mut [Slot],
    before: u64,
) -> Result<usize, String> {
    let mut n = 0;
    while n < slots.len() {
        match reader.read_byte_record(&mut slots[n].record) {
            Ok(true) => {
                mark.set(reader.position().byte());
                if before + n as u64 >= MAX_ROWS {
                    return Err(too_many_rows());
                }
                n += 1;
            }
            Ok(false) => break,
            Err(e) => return Err(read_error(&e)),
        }
    }
    Ok(n)
}

fn screen_chunk(screener: &Screener, chunk: &[Slot], first_row: u64) -> Vec<Part> {
    chunk
        .par_chunks(TASK)
        .enumerate()
        // One scratch per worker's run of tasks, not per task.
        .map_init(Scratch::default, |scratch, (t, slots)| {
            // Room for the longer rows (several policies named) without regrowth.
            let mut text = String::with_capacity(slots.len() * 512);
            let mut part = Part {
                bytes: Vec::new(),
                ok: 0,
                failed: 0,
                blank: 0,
                total: Decimal::ZERO,
                errors: Vec::new(),
            };
            for (k, slot) in slots.iter().enumerate() {
                let row = first_row + (t * TASK + k) as u64;
                let Some(mut screened) = screen_record_reusing(screener, row, &slot.record, scratch) else {
                    part.blank += 1;
                    continue;
                };
                screened.write_csv(&mut text);
                match &mut screened.outcome {
                    Ok(o) => {
                        part.ok += 1;
                        part.total += o.total;
                    }
                    Err(errors) => {
                        part.failed += 1;
                        part.errors.push(std::mem::take(errors));
                    }
                }
                scratch.recycle(screened);
            }
            part.bytes = text.into_bytes();
            part
        })
        .collect()
}

/// `sme-subsidy batch` arguments.
pub struct BatchArgs {
    /// The list (CSV); `-` reads standard input.
    pub input: PathBuf,
    /// The screened list; standard output when absent.
    pub output: Option<PathBuf>,
    pub options: Options,
    /// Worker threads (default: one per core).
    pub threads: Option<usize>,
}

/// Errors printed in full on stderr; the rest are in the output's 错误 column.
const ERRORS_SHOWN: usize = 20;

/// `sme-subsidy batch`: progress bar on a terminal, per-row errors and the
/// summary line on stderr; exit 0 when every row was screened, 1 when any
/// row failed (its errors are in the output too).
pub fn run_cli(set: &PolicySet, args: BatchArgs) -> Result<ExitCode, String> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let threads = args.threads.unwrap_or(0);
    if threads > cores {
        return Err(format!(
            "--threads {threads}：本机只有{cores}个核心，最多 --threads {cores} / this machine has {cores} cores: at most --threads {cores}"
        ));
    }
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().map_err(|e| e.to_string())?;

    let (input, size): (Box<dyn Read + Send>, Option<u64>) = if args.input == Path::new("-") {
        (Box::new(io::stdin()), None)
    } else {
        let name = args.input.display();
        let open = || File::open(&args.input);
        let file = open().map_err(|e| format!("{name}: {e}"))?;
        let meta = file.metadata().map_err(|e| format!("{name}: {e}"))?;
        // A regular file is measured and its rows counted before any is
        // screened, so a list over a limit is refused at once.
        if meta.is_file() {
            if meta.len() > MAX_LIST_BYTES {
                return Err(format!("{name}: {}", too_big()));
            }
            if over_row_limit(open).map_err(|e| format!("{name}: {e}"))? {
                return Err(format!("{name}: {}", too_many_rows()));
            }
        }
        (Box::new(file), meta.is_file().then_some(meta.len()))
    };
    let output: Box<dyn Write + Send> = match &args.output {
        Some(path) => Box::new(File::create(path).map_err(|e| format!("{}: {e}", path.display()))?),
        None => Box::new(io::stdout()),
    };

    let bar = if io::stderr().is_terminal() {
        let bar = match size {
            Some(len) => ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr()).with_style(
                ProgressStyle::with_template(
                    "{spinner} 筛查 screening [{bar:30}] {percent}% {msg} {elapsed_precise} (ETA {eta})",
                )
                .map_err(|e| e.to_string())?
                .progress_chars("=> "),
            ),
            None => ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()).with_style(
                ProgressStyle::with_template("{spinner} 筛查 screening {msg} {elapsed_precise}")
                    .map_err(|e| e.to_string())?,
            ),
        };
        bar.enable_steady_tick(Duration::from_millis(200));
        bar
    } else {
        ProgressBar::hidden()
    };

    let mut shown = 0usize;
    let mut hidden = 0usize;
    let progress_bar = bar.clone();
    let error_bar = bar.clone();
    let summary = pool.install(|| {
        screen_csv(
            set,
            input,
            output,
            args.options,
            |rows, bytes| {
                progress_bar.set_message(format!("{rows} 行 rows"));
                if size.is_some() {
                    progress_bar.set_position(bytes);
                }
            },
            |errors| {
                for e in errors {
                    if shown < ERRORS_SHOWN {
                        shown += 1;
                        error_bar.suspend(|| eprintln!("{}", terminal_safe(&e.to_string())));
                    } else {
                        hidden += 1;
                    }
                }
            },
        )
    });
    bar.finish_and_clear();
    let summary = summary?;
    if hidden > 0 {
        eprintln!("……另有{hidden}处错误，见输出文件的「错误」列 / … {hidden} more errors: see the 错误 column of the output");
    }
    eprintln!("{}", summary.line());
    Ok(if summary.failed == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// `sme-subsidy batch-template`: the template for `set` to a file, or to stdout.
pub fn write_template(output: Option<&Path>, set: &PolicySet) -> Result<(), String> {
    let text = template_csv(set);
    match output {
        Some(path) => std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display())),
        None => io::stdout().write_all(text.as_bytes()).map_err(|e| e.to_string()),
    }
}
