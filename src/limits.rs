//! Input limits (输入上限): how much of a list or a file the calculator
//! takes, in one place for the command line and the page (which reads
//! them through the WebAssembly API, `batchLimits()`).
//!
//! Lists come from other people and files from anyone, so every dimension
//! of an input is bounded and a file past a bound is refused with a clear
//! message rather than read until memory runs out. The bounds sit far above
//! any real list: the largest measured list (`scripts/batch-figures.sh`,
//! 1,000,000 rows) is 224 MB.

use serde::Serialize;

/// A list's size in bytes (CSV file, or the page's upload): 256 MiB.
pub const MAX_LIST_BYTES: u64 = 256 * 1024 * 1024;
/// Data rows in a list (the header not counted).
pub const MAX_ROWS: u64 = 1_000_000;
/// Columns in a list's header: the template has 48; room for the user's 备注 columns.
pub const MAX_COLUMNS: usize = 256;
/// Characters in one cell: a name, an amount or a note, never a document.
pub const MAX_CELL_CHARS: usize = 1_000;
/// Bytes in one row of a CSV list (all its cells, quoted line breaks included).
pub const MAX_ROW_BYTES: usize = 256 * 1024;
/// An Excel file's sheets and shared strings once unzipped (the page reads
/// `.xlsx` in JavaScript and must check this before inflating it): a small
/// zip can expand a thousandfold.
pub const MAX_XLSX_UNCOMPRESSED_BYTES: u64 = 256 * 1024 * 1024;
/// Errors written for one row; the rest are counted (「另有N处错误」).
pub const MAX_ERRORS_PER_ROW: usize = 20;
/// A scenario, pack, institution or screening file (JSON or TOML): 16 MiB.
pub const MAX_DOCUMENT_BYTES: u64 = 16 * 1024 * 1024;
/// Characters of a cell quoted back in a message; longer text is cut with “…”.
pub const QUOTED_CHARS: usize = 40;

/// The input limits as one object, for the page: the command line's own
/// (src/limits.rs).
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(rename = "BatchLimits"))]
#[derive(Clone, Copy, Debug, Serialize)]
pub struct Limits {
    /// A list's size in bytes (CSV or Excel file).
    pub list_bytes: u64,
    /// Data rows, the header not counted.
    pub rows: u64,
    /// Columns in the header.
    pub columns: usize,
    /// Characters in one cell.
    pub cell_chars: usize,
    /// Bytes in one CSV row.
    pub row_bytes: usize,
    /// An Excel file's parts once unzipped, in bytes.
    pub xlsx_uncompressed_bytes: u64,
    /// Errors listed for one row.
    pub errors_per_row: usize,
    /// A scenario or pack file (JSON/TOML).
    pub document_bytes: u64,
}

pub const LIMITS: Limits = Limits {
    list_bytes: MAX_LIST_BYTES,
    rows: MAX_ROWS,
    columns: MAX_COLUMNS,
    cell_chars: MAX_CELL_CHARS,
    row_bytes: MAX_ROW_BYTES,
    xlsx_uncompressed_bytes: MAX_XLSX_UNCOMPRESSED_BYTES,
    errors_per_row: MAX_ERRORS_PER_ROW,
    document_bytes: MAX_DOCUMENT_BYTES,
};

/// A byte count for people: `256 MiB`, `16 MiB`, `256 KiB`.
pub fn bytes_text(n: u64) -> String {
    match n {
        n if n >= 1 << 20 && n % (1 << 20) == 0 => format!("{} MiB", n >> 20),
        n if n >= 1 << 10 && n % (1 << 10) == 0 => format!("{} KiB", n >> 10),
        n => format!("{n} B"),
    }
}

/// User text quoted in a message: at most [`QUOTED_CHARS`] characters, and
/// no control character (a terminal escape sequence in a cell must not
/// reach a terminal when an error is printed).
pub fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(QUOTED_CHARS * 4));
    for (i, c) in text.chars().enumerate() {
        if i == QUOTED_CHARS {
            out.push('…');
            break;
        }
        out.push(if c.is_control() { '\u{fffd}' } else { c });
    }
    out
}

/// Text for a terminal: control characters (ESC, BEL, CR, the C1 set) and
/// the bidirectional overrides become visible escapes, so a cell or a file
/// name cannot move the cursor, recolour, retitle or hide text when echoed
/// to stderr. Line breaks stay.
pub fn terminal_safe(text: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| {
        (c.is_control() && c != '\n')
            || ('\u{202a}'..='\u{202e}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c)
    };
    if !text.chars().any(unsafe_char) {
        return text.into();
    }
    text.chars()
        .map(|c| if unsafe_char(c) { c.escape_unicode().to_string() } else { c.to_string() })
        .collect::<String>()
        .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_cuts_and_blanks_controls() {
        assert_eq!(quoted("abc"), "abc");
        assert_eq!(quoted("a\u{1b}[31mb"), "a\u{fffd}[31mb");
        let long = "长".repeat(100);
        assert_eq!(quoted(&long).chars().count(), QUOTED_CHARS + 1);
        assert!(quoted(&long).ends_with('…'));
    }

    #[test]
    fn terminal_text_shows_escapes() {
        assert_eq!(terminal_safe("第2行「企业名称」"), "第2行「企业名称」");
        assert_eq!(terminal_safe("x\u{1b}]0;pwned\u{7}y"), "x\\u{1b}]0;pwned\\u{7}y");
        assert_eq!(terminal_safe("a\u{202e}b\nc"), "a\\u{202e}b\nc");
        assert_eq!(terminal_safe("\u{9b}2J"), "\\u{9b}2J");
    }

    #[test]
    fn byte_counts_read_plainly() {
        assert_eq!(bytes_text(MAX_LIST_BYTES), "256 MiB");
        assert_eq!(bytes_text(MAX_ROW_BYTES as u64), "256 KiB");
        assert_eq!(bytes_text(1000), "1000 B");
    }
}
