//! The command's terminal tables: one style, and the lines every result's
//! detail cell shares.

use comfy_table::{presets::UTF8_FULL_CONDENSED, ContentArrangement, Table};
use sme_subsidy::report::{self, Bi};

use crate::Lang;

/// The text in the language shown: English when asked, else Chinese.
pub fn pick(lang: Lang, t: &Bi) -> String {
    if lang == Lang::En {
        t.en.to_string()
    } else {
        t.zh.to_string()
    }
}

/// A terminal table in the CLI's one style, with its header row.
pub fn new_table<const N: usize>(header: [&str; N]) -> Table {
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
pub fn reading_lines(readings: &[report::ReadingReport], lang: Lang) -> Vec<String> {
    if readings.is_empty() {
        return Vec::new();
    }
    let pick = |t: &Bi| pick(lang, t);
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
