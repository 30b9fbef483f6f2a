//! 批量筛查 in the page: the batch core (`sme_subsidy::batch`) for the staff page's
//! Web Worker (`www/batch-worker.js`), in the staff tools' package only.
//!
//! A list comes in whole — the CSV file's bytes, or an XLSX sheet's rows as
//! strings — and is screened a slice at a time (`next`), so the worker can
//! report progress between slices and the page can cancel by ending the
//! worker. CSV is read with the same reader and rules as `sme-subsidy
//! batch` (`sme_subsidy::batch::csv_list`), and the screened list it builds is the
//! command line's output byte for byte, so the page and the command line
//! never disagree about a list.
//!
//! Each slice comes back as one JSON text (see the module notes of
//! `wasm/src/lib.rs`) holding per row only what the page's table sorts and
//! filters on; the rows' full cells stay in the screened list here and the
//! page asks for the few it shows (`cells`). For 100,000 rows that is 8 MB
//! less text to write, copy and parse.

use std::io::Cursor;

use csv::{ByteRecord, ReaderBuilder, WriterBuilder};
use js_sys::{Error, Uint8Array, JSON};
use rust_decimal::Decimal;
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::{from_js, to_js, Calculator};
use sme_subsidy::batch::csv_list::{
    bounded_reader, output_header, over_row_limit, read_error, read_header, screen_record_reusing, too_big,
    too_many_rows, Bounded, RowMark,
};
use sme_subsidy::batch::questions::{question_columns, template_columns};
use sme_subsidy::batch::{parse_date, template_csv, CellError, Header, Options, Scratch, Screened, Screener};
use sme_subsidy::limits::{bytes_text, LIMITS, MAX_LIST_BYTES, MAX_ROWS, MAX_XLSX_UNCOMPRESSED_BYTES};
use sme_subsidy::money::Yuan;
use sme_subsidy::pack::PolicySet;
use sme_subsidy::result::SizeOutcome;

/// A CSV list's bytes, handed over a step of the file at a time (`push`),
/// so that a worker can say how far it has read between steps instead of
/// copying the whole file at once; `Calculator.batchFromBytes` screens them.
#[wasm_bindgen]
pub struct BatchBytes {
    bytes: Vec<u8>,
    /// Line breaks so far: the row limit's first count, made as the bytes come.
    line_breaks: u64,
}

#[wasm_bindgen]
impl BatchBytes {
    /// Room for a file of `size` bytes; throws past the list limit.
    #[wasm_bindgen(constructor)]
    pub fn new(size: f64) -> Result<BatchBytes, JsValue> {
        if size.is_nan() || size > MAX_LIST_BYTES as f64 {
            return Err(list_error(&too_big()));
        }
        Ok(BatchBytes { bytes: Vec::with_capacity(size.max(0.0) as usize), line_breaks: 0 })
    }

    /// The file's next bytes; throws once they pass the list limit.
    pub fn push(&mut self, step: &[u8]) -> Result<(), JsValue> {
        if (self.bytes.len() + step.len()) as u64 > MAX_LIST_BYTES {
            return Err(list_error(&too_big()));
        }
        self.bytes.extend_from_slice(step);
        self.line_breaks += line_breaks(step);
        Ok(())
    }
}

/// The line breaks (`\n`) in `bytes`.
fn line_breaks(bytes: &[u8]) -> u64 {
    bytes.iter().filter(|&&b| b == b'\n').count() as u64
}

/// A list being screened (批量筛查名单).
#[wasm_bindgen]
pub struct BatchList {
    set: PolicySet,
    header: Header,
    options: Options,
    source: Source,
    /// The next row's number (the header is row 1).
    row: u64,
    /// The screened list, as CSV: the command line's output.
    output: csv::Writer<Vec<u8>>,
    /// Where each screened row starts in `output`.
    starts: Vec<usize>,
    /// One row's output cells, reused.
    cells: [String; 9],
    summary: BatchSummary,
    /// A CSV list's part this list screens ([`BatchList::part`]): the
    /// records that start in these bytes.
    part: Option<(u64, u64)>,
}

/// Where the rows come from.
enum Source {
    /// A CSV file: read a record at a time.
    Csv {
        reader: csv::Reader<Bounded<Cursor<Vec<u8>>>>,
        mark: RowMark,
        record: ByteRecord,
        length: usize,
        done: bool,
    },
    /// A spreadsheet's rows (XLSX, read by the worker), header removed.
    Rows { rows: std::vec::IntoIter<Vec<String>>, count: usize },
}

/// Counts and the sum of the totals of a list (or of a part of it).
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Default, Serialize, serde::Deserialize)]
struct BatchSummary {
    rows: u64,
    ok: u64,
    failed: u64,
    /// Rows with every cell empty, skipped.
    blank: u64,
    /// Sum of the rows' totals to the enterprise, yuan ("1234.50").
    #[serde(serialize_with = "decimal_text", deserialize_with = "decimal_from_text")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    total: Decimal,
}

fn decimal_from_text<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
    let text = <std::borrow::Cow<str> as serde::Deserialize>::deserialize(d)?;
    text.parse().map_err(serde::de::Error::custom)
}

fn decimal_text<S: serde::Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(&format_args!("{d:.2}"))
}

/// One screened row of a list (批量筛查结果): only what the page's table
/// sorts and filters on, written straight into a slice's JSON text.
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Serialize)]
struct BatchRow<'a> {
    /// Position in the screened list (0 = first screened row): for `cells`.
    index: usize,
    /// Row number in the list, as a spreadsheet shows it (the header is row 1).
    row: u64,
    /// 企业名称 as given.
    name: &'a str,
    ok: bool,
    /// 企业划型 (S-1); absent when the row failed or the figures do not decide it.
    #[serde(skip_serializing_if = "Option::is_none")]
    size: Option<sme_subsidy::size::Size>,
    /// 五项标准初筛 (S-2); absent when the row failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "ScreeningOutcome"))]
    s2: Option<sme_subsidy::screening::Outcome>,
    /// Policies the enterprise qualifies for (with or without a published figure).
    eligible: usize,
    /// 测算合计（元）, "1234.50"; absent when the row failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    total: Option<String>,
    /// Each problem of a failed row: its column and the reason; absent when the row is ok.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    errors: &'a [CellError],
}

/// What one `BatchList.next` call returns.
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Serialize)]
struct BatchSlice {
    /// The slice's rows, parsed from their JSON text (`nextText`).
    #[serde(with = "serde_wasm_bindgen::preserve")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "BatchRow[]"))]
    rows: JsValue,
    /// Every row has been screened.
    done: bool,
    /// Share of the list read so far, 0 to 1.
    read: f64,
}

/// The most rows one `BatchList.next` call screens: a slice's text is
/// built in memory before it is handed over.
const MAX_SLICE: u32 = 100_000;

/// A thrown `Error` whose message is in Chinese and English.
fn list_error(message: &str) -> JsValue {
    let error = Error::new(message);
    error.set_name("BatchError");
    error.into()
}

fn options(default_date: Option<String>) -> Result<Options, JsValue> {
    let default_date = match default_date.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        Some(text) => Some(parse_date(text).ok_or_else(|| {
            list_error(&format!(
                "测算日期「{text}」格式应为 YYYY-MM-DD / evaluation date {text}: expected YYYY-MM-DD"
            ))
        })?),
        None => None,
    };
    Ok(Options { default_date })
}

#[wasm_bindgen]
impl Calculator {
    /// A CSV list (the file's bytes, UTF-8) to screen against the active
    /// policy set. `defaultDate` (YYYY-MM-DD) is the 测算日期 of rows that
    /// leave it empty. Throws when the file has no header row or is not UTF-8.
    #[wasm_bindgen(js_name = batchFromCsv)]
    pub fn batch_from_csv(&self, bytes: Vec<u8>, default_date: Option<String>) -> Result<BatchList, JsValue> {
        let line_breaks = line_breaks(&bytes);
        self.csv_list(bytes, line_breaks, default_date)
    }

    /// A CSV list handed over a step of the file at a time ([`BatchBytes`]),
    /// as `batchFromCsv`.
    #[wasm_bindgen(js_name = batchFromBytes)]
    pub fn batch_from_bytes(
        &self,
        bytes: BatchBytes,
        default_date: Option<String>,
    ) -> Result<BatchList, JsValue> {
        self.csv_list(bytes.bytes, bytes.line_breaks, default_date)
    }

    fn csv_list(
        &self,
        bytes: Vec<u8>,
        line_breaks: u64,
        default_date: Option<String>,
    ) -> Result<BatchList, JsValue> {
        let options = options(default_date)?;
        let length = bytes.len();
        if length as u64 > MAX_LIST_BYTES {
            return Err(list_error(&too_big()));
        }
        // A list has at most as many rows as line breaks, the last row's
        // not counted: within the limit by that count, it is not read
        // through as CSV first (`over_row_limit` reads it when the line
        // breaks alone do not settle it).
        let counted = bytes.strip_suffix(b"\n").unwrap_or(&bytes);
        let line_breaks = line_breaks - u64::from(counted.len() < length);
        if line_breaks > MAX_ROWS && over_row_limit(|| Ok(counted)).map_err(|e| list_error(&e.to_string()))? {
            return Err(list_error(&too_many_rows()));
        }
        let (mut reader, mark) = bounded_reader(Cursor::new(bytes));
        let header = read_header(&mut reader, &self.set).map_err(|e| list_error(&e))?;
        mark.set(reader.position().byte());
        let source = Source::Csv { reader, mark, record: ByteRecord::new(), length, done: false };
        Ok(BatchList::new(self.set.clone(), header, options, source))
    }

    /// A spreadsheet's rows (`string[][]`, the header first) to screen, as
    /// `batchFromCsv`.
    #[wasm_bindgen(js_name = batchFromRows)]
    pub fn batch_from_rows(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string[][]")] rows: &JsValue,
        default_date: Option<String>,
    ) -> Result<BatchList, JsValue> {
        let options = options(default_date)?;
        let rows: Vec<Vec<String>> = from_js(rows)
            .ok()
            .ok_or_else(|| list_error("表格内容须为文字单元格的行 / the sheet must be rows of text cells"))?;
        if rows.len() as u64 > MAX_ROWS + 1 {
            return Err(list_error(&too_many_rows()));
        }
        let mut rows = rows.into_iter();
        let header = match rows.next() {
            Some(h) if !Screener::is_blank(&h) => {
                if let Some(message) = Header::too_wide(h.len()) {
                    return Err(list_error(&message));
                }
                Header::new(&h, &self.set)
            }
            _ => return Err(list_error("文件为空或没有表头 / the file is empty or has no header row")),
        };
        let count = rows.len();
        Ok(BatchList::new(self.set.clone(), header, options, Source::Rows { rows, count }))
    }
}

impl BatchList {
    fn new(set: PolicySet, header: Header, options: Options, source: Source) -> BatchList {
        // The header is written once, with the byte-order mark, as the
        // command line writes it; this writer adds only rows.
        let output = WriterBuilder::new().has_headers(false).from_writer(output_header());
        BatchList {
            set,
            header,
            options,
            source,
            row: 2,
            output,
            starts: Vec::new(),
            cells: Default::default(),
            summary: BatchSummary::default(),
            part: None,
        }
    }

    /// Add a screened row to the list and its summary to `json` (the
    /// slice's rows, comma-separated).
    fn record(&mut self, screened: &Screened, json: &mut Vec<u8>) {
        screened.write_cells(&mut self.cells);
        self.output.flush().expect("writing to memory cannot fail");
        self.starts.push(self.output.get_ref().len());
        self.output.write_record(&self.cells).expect("writing to memory cannot fail");
        let (size, s2, eligible, total, errors) = match &screened.outcome {
            Ok(o) => {
                self.summary.ok += 1;
                self.summary.total += o.total;
                let size = match o.size {
                    SizeOutcome::Classified(s) => Some(s),
                    _ => None,
                };
                (size, Some(o.s2.outcome), o.eligible().count(), Some(format!("{:.2}", o.total)), &[][..])
            }
            Err(errors) => {
                self.summary.failed += 1;
                (None, None, 0, None, &errors[..])
            }
        };
        let row = BatchRow {
            index: self.starts.len() - 1,
            row: screened.row,
            name: &screened.name,
            ok: screened.is_ok(),
            size,
            s2,
            eligible,
            total,
            errors,
        };
        if json.last() != Some(&b'[') {
            json.push(b',');
        }
        serde_json::to_writer(&mut *json, &row).expect("writing to memory cannot fail");
        self.summary.rows += 1;
    }
}

#[wasm_bindgen]
impl BatchList {
    /// Screen up to `max` more rows (blank rows are skipped and not
    /// counted), a whole number from 1 to [`MAX_SLICE`]. Returns a
    /// `BatchSlice`; throws if `max` is out of range or the CSV cannot be
    /// read further (e.g. it stops being UTF-8 in a way no row can be split
    /// from).
    #[wasm_bindgen(unchecked_return_type = "BatchSlice")]
    pub fn next(&mut self, max: f64) -> Result<JsValue, JsValue> {
        let rows = self.next_text(max)?;
        let rows = JSON::parse(&rows).expect("the rows are valid JSON");
        Ok(to_js(&BatchSlice { rows, done: self.done(), read: self.read() }))
    }

    /// As [`BatchList::next`], the slice's rows as JSON text (`BatchRow[]`)
    /// left unparsed: a worker passes it on as it is (a string is copied,
    /// not walked, between threads) and the page parses it. `done` and
    /// `read` say where the list then stands.
    #[wasm_bindgen(js_name = nextText)]
    pub fn next_text(&mut self, max: f64) -> Result<String, JsValue> {
        // A number, not u32: JavaScript would turn -1 into 4,294,967,295.
        if !(max >= 1.0 && max <= MAX_SLICE as f64 && max.fract() == 0.0) {
            return Err(list_error(&format!(
                "每批行数须为 1 至 {MAX_SLICE} 的整数，收到 {max} / rows per slice must be a whole number from 1 to {MAX_SLICE}, got {max}"
            )));
        }
        let max = max as u32;
        // The screener borrows the set; one per slice keeps `BatchList`
        // free of self-reference, and costs a few filtered sets per slice.
        let set = std::mem::take(&mut self.set);
        let screener = Screener::new(&set, self.header.clone(), self.options);
        // As the command line's workers: one scenario and evaluation lists
        // reused from row to row, here for a slice's rows.
        let mut scratch = Scratch::default();
        let mut json = Vec::with_capacity(max as usize * 120);
        json.push(b'[');
        let mut failure = None;
        let (mut count, mut skipped) = (0, 0);
        while count < max {
            let row = self.row;
            let screened = match &mut self.source {
                Source::Csv { reader, mark, record, done, .. } => {
                    let start = reader.position().byte();
                    if self.part.is_some_and(|(_, until)| start >= until) {
                        *done = true;
                        break;
                    }
                    let before = self.part.is_some_and(|(from, _)| start < from);
                    match reader.read_byte_record(record) {
                        // Another part's record: read for its row number
                        // only (a few times a slice's rows per call, so a
                        // cancel is still heard between calls).
                        Ok(true) if before => {
                            mark.set(reader.position().byte());
                            self.row += 1;
                            skipped += 1;
                            if skipped >= 8 * max {
                                break;
                            }
                            continue;
                        }
                        Ok(true) => {
                            mark.set(reader.position().byte());
                            screen_record_reusing(&screener, row, record, &mut scratch)
                        }
                        Ok(false) => {
                            *done = true;
                            break;
                        }
                        Err(e) => {
                            failure = Some(read_error(&e));
                            break;
                        }
                    }
                }
                Source::Rows { rows: source, .. } => match source.next() {
                    Some(cells) if Screener::is_blank(&cells) => None,
                    Some(cells) => Some(screener.screen_reusing(row, &cells, &mut scratch)),
                    None => break,
                },
            };
            self.row += 1;
            match screened {
                Some(s) => {
                    self.record(&s, &mut json);
                    scratch.recycle(s);
                    count += 1;
                }
                None => self.summary.blank += 1,
            }
        }
        drop(screener);
        self.set = set;
        if let Some(message) = failure {
            return Err(list_error(&format!("第{}行 / row {}: {message}", self.row, self.row)));
        }
        json.push(b']');
        Ok(String::from_utf8(json).expect("serde_json writes UTF-8"))
    }

    /// Every row has been screened.
    #[wasm_bindgen(getter)]
    pub fn done(&self) -> bool {
        match &self.source {
            Source::Csv { done, .. } => *done,
            Source::Rows { rows, .. } => rows.len() == 0,
        }
    }

    /// Share of the list (of its part, for a part) read so far, 0 to 1.
    #[wasm_bindgen(getter)]
    pub fn read(&self) -> f64 {
        match &self.source {
            Source::Csv { reader, length, .. } => {
                let (from, until) = self.part.unwrap_or((0, *length as u64));
                let (at, size) = (reader.position().byte().clamp(from, until) - from, until - from);
                if size == 0 {
                    1.0
                } else {
                    at as f64 / size as f64
                }
            }
            Source::Rows { rows, count } => {
                if *count == 0 {
                    1.0
                } else {
                    1.0 - rows.len() as f64 / *count as f64
                }
            }
        }
    }

    /// Screen only the records that start at a byte offset in [`from`,
    /// `until`) of the CSV file (the header is read in any case): one part
    /// of a list that several workers screen at once. The records before
    /// `from` are read for their row numbers only; `read` is the share of
    /// the part. Offsets past the file's end are its end.
    pub fn part(&mut self, from: f64, until: f64) {
        self.part = Some((from.max(0.0) as u64, until.max(0.0) as u64));
    }

    /// The screened rows so far as CSV, without the byte-order mark and the
    /// header row: a part that follows another in the screened list.
    #[wasm_bindgen(js_name = csvRows)]
    pub fn csv_rows(&mut self) -> Uint8Array {
        self.output.flush().expect("writing to memory cannot fail");
        Uint8Array::from(&self.output.get_ref()[output_header().len()..])
    }

    /// Problems with the header row (a missing required column, an unknown
    /// or repeated one), row 1 being the header. Every row reports them too.
    #[wasm_bindgen(
        js_name = headerProblems,
        unchecked_return_type = "CellError[]"
    )]
    pub fn header_problems(&self) -> JsValue {
        let problems = self.header.problem_errors();
        to_js(&problems)
    }

    /// Counts and the sum of the totals so far (`BatchSummary`).
    #[wasm_bindgen(unchecked_return_type = "BatchSummary")]
    pub fn summary(&self) -> JsValue {
        to_js(&self.summary)
    }

    /// The sum of the totals so far, formatted: "1,234.50".
    #[wasm_bindgen(js_name = totalText)]
    pub fn total_text(&self) -> String {
        Yuan(self.summary.total).to_string()
    }

    /// The screened list so far as CSV (UTF-8 with a byte-order mark): the
    /// same bytes `sme-subsidy batch` writes for the same list. Copied
    /// once, straight into the array returned.
    pub fn csv(&mut self) -> Uint8Array {
        self.output.flush().expect("writing to memory cannot fail");
        Uint8Array::from(&self.output.get_ref()[..])
    }

    /// The output cells of the screened rows at `indices` (`BatchRow.index`),
    /// in that order (`string[][]`): 行号, 企业名称, 状态, 企业划型, 五项标准初筛,
    /// 符合条件的政策, 测算合计（元）, 可增加, 错误. Read back from the list by
    /// the same CSV reader, so they are exactly the download's cells.
    #[wasm_bindgen(unchecked_return_type = "string[][]")]
    pub fn cells(&mut self, indices: Vec<u32>) -> JsValue {
        self.output.flush().expect("writing to memory cannot fail");
        let bytes = self.output.get_ref();
        let rows: Vec<Vec<String>> = indices
            .iter()
            .filter_map(|&i| self.starts.get(i as usize))
            .map(|&start| read_row(&bytes[start..]))
            .collect();
        to_js(&rows)
    }

    /// Every screened row's output cells (`string[][]`, no header), for a
    /// spreadsheet download whose cells are exactly the CSV's.
    #[wasm_bindgen(js_name = outputRows, unchecked_return_type = "string[][]")]
    pub fn output_rows(&mut self) -> JsValue {
        self.output.flush().expect("writing to memory cannot fail");
        let bytes = self.output.get_ref();
        let rows: Vec<Vec<String>> = self.starts.iter().map(|&start| read_row(&bytes[start..])).collect();
        to_js(&rows)
    }
}

/// The first record of `bytes` (our own output: valid CSV).
fn read_row(bytes: &[u8]) -> Vec<String> {
    let mut reader = ReaderBuilder::new().has_headers(false).from_reader(bytes);
    let mut record = csv::StringRecord::new();
    reader.read_record(&mut record).expect("our own output is valid CSV");
    record.iter().map(str::to_string).collect()
}

#[wasm_bindgen]
impl Calculator {
    /// The list template for the active pack as CSV text (UTF-8 with a
    /// byte-order mark): Chinese headers, the pack's questions among them,
    /// and one example row, as `sme-subsidy batch-template --pack` writes it.
    #[wasm_bindgen(js_name = batchTemplateCsv)]
    pub fn batch_template_csv(&self) -> String {
        template_csv(&self.set)
    }

    /// The list's columns for the active pack in template order
    /// (`BatchColumn[]`), for a spreadsheet template and for the page's help.
    #[wasm_bindgen(js_name = batchColumns, unchecked_return_type = "BatchColumn[]")]
    pub fn batch_columns(&self) -> JsValue {
        let questions = question_columns(&self.set);
        let columns: Vec<BatchColumn> = template_columns(&questions)
            .iter()
            .map(|c| BatchColumn {
                header: c.header(),
                en: c.en(),
                required: c.required(),
                example: c.example(),
            })
            .collect();
        to_js(&columns)
    }
}

/// A column of the list, as the template has it.
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Serialize)]
struct BatchColumn<'a> {
    header: &'a str,
    en: &'a str,
    required: bool,
    example: &'a str,
}

/// The input limits (`src/limits.rs`, the command line's too), for a
/// portal's own pages; the batch worker has them applied by
/// `batchFileRefusal` and the list readers.
#[wasm_bindgen(js_name = batchLimits, unchecked_return_type = "BatchLimits")]
pub fn batch_limits() -> JsValue {
    to_js(&LIMITS)
}

/// Why a list file is refused before it is read, in Chinese and English;
/// `undefined` when it is within the limits. `bytes` is the file's size
/// (over `list_bytes`: 「名单文件超过…」, as the command line says);
/// `unzipped`, for an Excel file, its parts' total once unzipped as its zip
/// directory declares them (over `xlsx_uncompressed_bytes`: a zip bomb or a
/// sheet too large to read), so the worker asks before inflating anything.
/// A size that is not a number is refused as too large.
#[wasm_bindgen(js_name = batchFileRefusal)]
pub fn batch_file_refusal(bytes: f64, unzipped: Option<f64>) -> Option<String> {
    let within = |size: f64, limit: u64| size <= limit as f64;
    if !within(bytes, MAX_LIST_BYTES) {
        return Some(too_big());
    }
    match unzipped {
        Some(size) if !within(size, MAX_XLSX_UNCOMPRESSED_BYTES) => {
            let limit = bytes_text(MAX_XLSX_UNCOMPRESSED_BYTES);
            Some(format!(
                "Excel 文件解压后超过{limit}的上限：请分成几个文件 / the Excel file is larger than the limit of {limit} once unzipped: split it into several files"
            ))
        }
        _ => None,
    }
}

/// The summaries of a list's parts (`BatchSummary[]`, in order) as one,
/// with the total formatted for people: `{ summary, totalText }`.
#[wasm_bindgen(js_name = batchSummarySum, unchecked_return_type = "BatchSummarySum")]
pub fn batch_summary_sum(
    #[wasm_bindgen(unchecked_param_type = "BatchSummary[]")] parts: &JsValue,
) -> Result<JsValue, JsValue> {
    let parts: Vec<BatchSummary> = from_js(parts).ok().ok_or_else(|| {
        list_error("各部分的汇总须为 BatchSummary 数组 / the parts' summaries must be BatchSummary[]")
    })?;
    let mut sum = BatchSummary::default();
    for part in parts {
        sum.rows += part.rows;
        sum.ok += part.ok;
        sum.failed += part.failed;
        sum.blank += part.blank;
        sum.total += part.total;
    }
    let total_text = Yuan(sum.total).to_string();
    Ok(to_js(&BatchSummarySum { summary: sum, total_text }))
}

/// A list's parts' summaries as one (`batchSummarySum`).
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Serialize)]
struct BatchSummarySum {
    summary: BatchSummary,
    /// The total formatted for people: 「1,234.50」.
    #[serde(rename = "totalText")]
    total_text: String,
}

/// The output list's header row, for a spreadsheet download.
#[wasm_bindgen(js_name = batchOutputHeaders)]
pub fn batch_output_headers() -> Vec<String> {
    sme_subsidy::batch::OUTPUT_HEADERS.iter().map(|h| h.to_string()).collect()
}
