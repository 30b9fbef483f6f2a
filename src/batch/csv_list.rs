//! A list as CSV (逗号分隔的名单), read and written with BurntSushi's csv
//! crate: what the command line ([`super::stream`]) and the page's Web
//! Worker (`src/wasm/batch.rs`) share, so both read a list — its header,
//! its encoding, its blank rows — and write the screened list identically.

use std::io::Read;

use csv::{ByteRecord, StringRecord, WriterBuilder};

use super::{CellError, Cells, Header, Screened, Screener, OUTPUT_HEADERS};

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

/// The list's header row, or why the file cannot be a list.
pub fn read_header<R: Read>(reader: &mut csv::Reader<R>) -> Result<Header, String> {
    let header = reader.headers().map_err(|e| read_error(&e))?;
    if header.is_empty() || (header.len() == 1 && header[0].trim_start_matches('\u{feff}').trim().is_empty())
    {
        return Err("文件为空或没有表头 / the file is empty or has no header row".into());
    }
    Ok(Header::new(header))
}

/// A reading error, in Chinese and English; a file saved in a legacy
/// encoding (Excel's default 「CSV（逗号分隔）」 is GBK) says how to fix it.
pub fn read_error(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Utf8 { .. } => "文件不是 UTF-8 编码：请在 Excel 中「另存为 → CSV UTF-8（逗号分隔）」，或使用 sme-subsidy batch-template 生成的模板 / the file is not UTF-8: save it from Excel as \"CSV UTF-8 (Comma delimited)\"".into(),
        _ => format!("读取 CSV 失败 / reading the CSV failed: {e}"),
    }
}

/// Screen one record (row `row`; the header is row 1). `None` when every
/// cell is empty: a blank row is skipped and counted, not an error. A
/// record that is not UTF-8 is that row's error, so row numbers stay right
/// and nothing is dropped.
pub fn screen_record<'s>(screener: &'s Screener, row: u64, record: &ByteRecord) -> Option<Screened<'s>> {
    match Utf8Record::new(record) {
        None => Some(Screened {
            row,
            name: String::new(),
            outcome: Err(vec![CellError {
                row,
                column: "（整行）".into(),
                zh: "此行含有非 UTF-8 编码的字符：请把文件另存为「CSV UTF-8（逗号分隔）」".into(),
                en: "the row is not valid UTF-8: save the file as \"CSV UTF-8 (Comma delimited)\"".into(),
            }]),
        }),
        Some(r) if Screener::is_blank(&r) => None,
        Some(r) => Some(screener.screen(row, &r)),
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
    fn the_output_starts_with_a_bom_and_the_header() {
        let head = String::from_utf8(output_header()).unwrap();
        assert_eq!(
            head,
            "\u{feff}行号,企业名称,状态,企业划型,五项标准初筛,符合条件的政策,测算合计（元）,可增加,错误\n"
        );
    }
}
