//! A list as CSV (逗号分隔的名单), read and written with BurntSushi's csv
//! crate: what the command line (`cli/src/batch_stream.rs`) and the page's Web
//! Worker (`wasm/src/batch.rs`) share, so both read a list — its header,
//! its encoding, its blank rows — and write the screened list identically.

use std::io::{self, Read};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use csv::{ByteRecord, ReaderBuilder, StringRecord, WriterBuilder};

use super::{CellError, Cells, Header, Scratch, Screened, Screener, OUTPUT_HEADERS, WHOLE_ROW};
use crate::limits::{bytes_text, MAX_LIST_BYTES, MAX_ROWS, MAX_ROW_BYTES};
use crate::pack::PolicySet;

/// The csv reader's buffer: a row may reach this far past its start before
/// the reader hands it over.
const BUFFER: usize = 1 << 20;

/// A list's bytes, refused past [`MAX_LIST_BYTES`] in all and past
/// [`MAX_ROW_BYTES`] in one row, while they are read: a file of zeros or
/// one endless quoted cell ends with a message, not with memory exhausted.
/// The csv reader reads ahead by its buffer, so the row bound is checked
/// against where the last whole row ended ([`RowMark`]) plus that buffer.
pub struct Bounded<R> {
    inner: R,
    read: u64,
    row_end: RowMark,
}

/// Where the last row the csv reader handed over ended (its byte offset),
/// shared between the reading loop and [`Bounded`].
#[derive(Clone, Default)]
pub struct RowMark(Arc<AtomicU64>);

impl RowMark {
    pub fn set(&self, offset: u64) {
        self.0.store(offset, Ordering::Relaxed);
    }
}

impl<R: Read> Read for Bounded<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        if self.read > MAX_LIST_BYTES {
            return Err(io::Error::other(too_big()));
        }
        let row_end = self.row_end.0.load(Ordering::Relaxed);
        if self.read.saturating_sub(row_end) > (MAX_ROW_BYTES + BUFFER) as u64 {
            return Err(io::Error::other(format!(
                "有一行超过{}（可能是缺少右引号，或不是表格文件） / a row is longer than {} (perhaps a missing closing quote, or not a spreadsheet file)",
                bytes_text(MAX_ROW_BYTES as u64),
                bytes_text(MAX_ROW_BYTES as u64)
            )));
        }
        Ok(n)
    }
}

/// The message for a list over [`MAX_LIST_BYTES`].
pub fn too_big() -> String {
    let limit = bytes_text(MAX_LIST_BYTES);
    format!("名单文件超过{limit}的上限：请分成几个文件 / the list is larger than the limit of {limit}: split it into several files")
}

/// The message for a list over [`MAX_ROWS`].
pub fn too_many_rows() -> String {
    format!("名单超过{MAX_ROWS}行的上限：请分成几个文件 / the list has more than {MAX_ROWS} rows, the limit: split it into several files")
}

/// A csv reader over `input` with the bounds of [`Bounded`]; the returned
/// mark is to be [`RowMark::set`] after each row read.
pub fn bounded_reader<R: Read>(input: R) -> (csv::Reader<Bounded<R>>, RowMark) {
    let row_end = RowMark::default();
    let bounded = Bounded { inner: input, read: 0, row_end: row_end.clone() };
    let reader =
        ReaderBuilder::new().flexible(true).has_headers(true).buffer_capacity(BUFFER).from_reader(bounded);
    (reader, row_end)
}

/// Whether a list has more than [`MAX_ROWS`] data rows, checked before any
/// row is screened so that a long list is refused at once. Lines are
/// counted first (a row is at least one line; the header is one; a final
/// line break ends the last line rather than starting one): only a list
/// with more lines than that is read as CSV to count its rows.
/// `open` gives the list from its start, each time it is called.
pub fn over_row_limit<R: Read>(mut open: impl FnMut() -> io::Result<R>) -> io::Result<bool> {
    let mut lines: u64 = 0;
    let mut last = b'\n';
    let mut input = open()?.take(MAX_LIST_BYTES + 1);
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = input.read(&mut buf)?;
        if n == 0 {
            break;
        }
        last = buf[n - 1];
        // A sum of 0/1 bytes in blocks vectorises; `filter().count()` did not.
        lines += buf[..n]
            .chunks(255)
            .map(|block| u64::from(block.iter().map(|&b| u8::from(b == b'\n')).sum::<u8>()))
            .sum::<u64>();
    }
    // The line the text ends inside, if it does not end with a break.
    lines += u64::from(last != b'\n');
    if lines <= MAX_ROWS + 1 {
        return Ok(false);
    }
    let (mut reader, mark) = bounded_reader(open()?);
    let mut record = ByteRecord::new();
    let mut rows: u64 = 0;
    while reader.read_byte_record(&mut record).map_err(|e| io::Error::other(read_error(&e)))? {
        mark.set(reader.position().byte());
        rows += 1;
        if rows > MAX_ROWS {
            return Ok(true);
        }
    }
    Ok(false)
}

impl Cells for StringRecord {
    fn count(&self) -> usize {
        self.len()
    }
    fn cell(&self, i: usize) -> Option<&str> {
        self.get(i)
    }
}

/// A record read as bytes and checked for UTF-8 by whoever screens it (one
/// check of the whole record, not one per cell; on the command line, off
/// the reading thread).
struct Utf8Record<'a> {
    record: &'a ByteRecord,
    text: &'a str,
}

impl<'a> Utf8Record<'a> {
    fn new(record: &'a ByteRecord) -> Option<Utf8Record<'a>> {
        let text = std::str::from_utf8(record.as_slice()).ok()?;
        // Valid as a whole is not enough: a character split by a delimiter
        // (invalid input) would join up again; every cell must start on a
        // character boundary.
        let bounds_ok =
            (0..record.len()).all(|i| record.range(i).is_some_and(|r| text.is_char_boundary(r.start)));
        bounds_ok.then_some(Utf8Record { record, text })
    }
}

impl Cells for Utf8Record<'_> {
    fn count(&self) -> usize {
        self.record.len()
    }
    fn cell(&self, i: usize) -> Option<&str> {
        self.text.get(self.record.range(i)?)
    }
}

/// The list's header row (for screening against `set`), or why the file
/// cannot be a list.
pub fn read_header<R: Read>(reader: &mut csv::Reader<R>, set: &PolicySet) -> Result<Header, String> {
    let header = reader.headers().map_err(|e| read_error(&e))?;
    if let Some(message) = Header::too_wide(header.len()) {
        return Err(message);
    }
    if header.is_empty() || (header.len() == 1 && header[0].trim_start_matches('\u{feff}').trim().is_empty())
    {
        return Err("文件为空或没有表头 / the file is empty or has no header row".into());
    }
    Ok(Header::new(header, set))
}

/// A reading error, in Chinese and English; a file saved in a legacy
/// encoding (Excel's default 「CSV（逗号分隔）」 is GBK) says how to fix it.
pub fn read_error(e: &csv::Error) -> String {
    match e.kind() {
        // The bounds of `Bounded` say what they refused, in both languages.
        csv::ErrorKind::Io(io) if io.kind() == io::ErrorKind::Other => io.to_string(),
        csv::ErrorKind::Utf8 { .. } => "文件不是 UTF-8 编码：请在 Excel 中「另存为 → CSV UTF-8（逗号分隔）」，或使用 sme-subsidy batch-template 生成的模板 / the file is not UTF-8: save it from Excel as \"CSV UTF-8 (Comma delimited)\"".into(),
        _ => format!("读取 CSV 失败 / reading the CSV failed: {e}"),
    }
}

/// Screen one record (row `row`; the header is row 1). `None` when every
/// cell is empty: a blank row is skipped and counted, not an error. A
/// record that is not UTF-8 is that row's error, so row numbers stay right
/// and nothing is dropped.
pub fn screen_record<'s>(screener: &'s Screener, row: u64, record: &ByteRecord) -> Option<Screened<'s>> {
    screen_utf8(row, record, |r| screener.screen(row, r))
}

/// [`screen_record`] with one worker's [`Scratch`] ([`Screener::screen_reusing`]).
pub fn screen_record_reusing<'s>(
    screener: &'s Screener,
    row: u64,
    record: &ByteRecord,
    scratch: &mut Scratch<'s>,
) -> Option<Screened<'s>> {
    screen_utf8(row, record, |r| screener.screen_reusing(row, r, scratch))
}

fn screen_utf8<'s>(
    row: u64,
    record: &ByteRecord,
    screen: impl FnOnce(&Utf8Record) -> Screened<'s>,
) -> Option<Screened<'s>> {
    match Utf8Record::new(record) {
        None => Some(Screened {
            row,
            name: String::new(),
            outcome: Err(vec![CellError {
                row,
                column: WHOLE_ROW.into(),
                zh: "此行含有非 UTF-8 编码的字符：请把文件另存为「CSV UTF-8（逗号分隔）」".into(),
                en: "the row is not valid UTF-8: save the file as \"CSV UTF-8 (Comma delimited)\"".into(),
            }]),
        }),
        Some(r) if Screener::is_blank(&r) => None,
        Some(r) => Some(screen(&r)),
    }
}

/// The screened list's first bytes: a byte-order mark (so Excel reads the
/// Chinese) and the header row.
pub fn output_header() -> Vec<u8> {
    let mut head = WriterBuilder::new().from_writer("\u{feff}".as_bytes().to_vec());
    head.write_record(OUTPUT_HEADERS).expect("writing to memory cannot fail");
    head.into_inner().expect("writing to memory cannot fail")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_character_split_by_a_delimiter_is_not_utf8() {
        let mut split = ByteRecord::new();
        split.push_field(b"a\xE4");
        split.push_field(b"\xB8\xADb");
        assert!(std::str::from_utf8(split.as_slice()).is_ok(), "valid as a whole");
        assert!(Utf8Record::new(&split).is_none());
        let mut ok = ByteRecord::new();
        ok.push_field("中".as_bytes());
        ok.push_field(b"");
        ok.push_field("文".as_bytes());
        ok.push_field(b"");
        let r = Utf8Record::new(&ok).unwrap();
        assert_eq!(
            (r.cell(0), r.cell(1), r.cell(2), r.cell(3), r.cell(4)),
            (Some("中"), Some(""), Some("文"), Some(""), None)
        );
        assert_eq!(r.count(), 4);
    }

    #[test]
    fn a_million_rows_pass_and_one_more_is_refused() {
        let list = |rows: u64| {
            let mut text = b"a,b\n".to_vec();
            text.extend(b"x,y\n".repeat(rows as usize));
            text
        };
        // Read once: the lines alone show a list at the limit is not over it
        // (the header's line and the final break are not rows).
        let at_limit = list(MAX_ROWS);
        for text in [&at_limit[..], &at_limit[..at_limit.len() - 1]] {
            let mut opened = 0;
            let open = || {
                opened += 1;
                Ok(text)
            };
            assert!(!over_row_limit(open).unwrap());
            assert_eq!(opened, 1, "a list at the limit is not read as CSV");
        }
        let over = list(MAX_ROWS + 1);
        assert!(over_row_limit(|| Ok(&over[..])).unwrap());
        assert!(over_row_limit(|| Ok(&over[..over.len() - 1])).unwrap());
        // More lines than rows: line breaks inside quoted cells are not rows.
        let mut quoted = b"a\n".to_vec();
        quoted.extend(b"\"x\ny\"\n".repeat(MAX_ROWS as usize));
        assert!(!over_row_limit(|| Ok(&quoted[..])).unwrap());
    }

    #[test]
    fn the_output_starts_with_a_bom_and_the_header() {
        let head = String::from_utf8(output_header()).unwrap();
        assert_eq!(
            head,
            "\u{feff}行号,企业名称,状态,企业划型,五项标准初筛,符合条件的政策,测算合计（元）,可增加,错误\n"
        );
    }
}
