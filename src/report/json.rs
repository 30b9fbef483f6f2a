//! The lean report as JSON text for the browser, written directly: the few
//! writers [`LeanReport::to_json`] needs, written as serde_json writes them
//! (same escapes, no spaces).

use time::Date;

use super::{Bi, Lang, LeanReport, RuleOutcome};

impl LeanReport<'_> {
    /// The lean report as JSON text for the browser, written directly: it
    /// is asked for on every keystroke, and in the size-optimised
    /// WebAssembly build serde_json's generic writer (a call chain per key,
    /// quote and comma, and a byte-by-byte escape scan) was a third of a
    /// call.
    ///
    /// With [`Lang::Both`] it is exactly `serde_to_string(self)`. With
    /// one language (the report rendered in that language), every text is a
    /// plain string in that language instead of a `{zh, en}` object: half
    /// the objects for the browser to build, a third less text to parse.
    pub fn to_json(&self, lang: Lang) -> String {
        let mut out = String::with_capacity(4096);
        let o = &mut out;
        let bi = |o: &mut String, t: &Bi| text(o, t, lang);
        o.push_str("{\"evaluation_date\":");
        date(o, self.evaluation_date);
        let size = &self.enterprise_size;
        o.push_str(",\"enterprise_size\":{\"size\":");
        opt_str(o, size.size);
        o.push_str(",\"text\":");
        bi(o, &size.text);
        o.push_str(",\"citation\":");
        str(o, size.citation);
        o.push_str(",\"missing\":");
        list(o, &size.missing, |o, m| str(o, m));
        o.push_str("},\"results\":");
        list(o, &self.results, |o, r| r.write_json(o, lang));
        o.push_str(",\"total_yuan\":");
        str(o, &self.total_yuan);
        o.push_str(",\"total_text\":");
        bi(o, &self.total_text);
        o.push_str(",\"not_in_total\":");
        list(o, &self.not_in_total, bi);
        o.push_str(",\"could_add\":");
        list(o, &self.could_add, bi);
        o.push_str(",\"lpr_table_newest\":");
        date(o, self.lpr_table_newest);
        o.push_str(",\"notice\":");
        bi(o, &self.notice);
        o.push('}');
        out
    }
}

impl RuleOutcome<'_> {
    fn write_json(&self, o: &mut String, lang: Lang) {
        let bi = |o: &mut String, t: &Bi| text(o, t, lang);
        o.push_str("{\"rule_id\":");
        str(o, self.rule_id);
        o.push_str(",\"status\":");
        str(o, self.status);
        o.push_str(",\"status_text\":");
        bi(o, &self.status_text);
        if let Some(amount) = &self.amount_yuan {
            o.push_str(",\"amount_yuan\":");
            str(o, amount);
        }
        if self.counts_in_total {
            o.push_str(",\"counts_in_total\":true");
        }
        if !self.steps.is_empty() {
            o.push_str(",\"steps\":");
            list(o, &self.steps, |o, s| {
                o.push_str("{\"kind\":");
                str(o, s.kind);
                o.push_str(",\"text\":");
                bi(o, &s.text);
                o.push('}');
            });
        }
        if !self.reasons.is_empty() {
            o.push_str(",\"reasons\":");
            list(o, &self.reasons, bi);
        }
        if !self.missing.is_empty() {
            o.push_str(",\"missing\":");
            list(o, &self.missing, |o, m| {
                o.push_str("{\"field\":");
                str(o, &m.field);
                o.push_str(",\"text\":");
                bi(o, &m.text);
                o.push('}');
            });
        }
        if !self.to_confirm.is_empty() {
            o.push_str(",\"to_confirm\":");
            list(o, &self.to_confirm, |o, c| {
                o.push_str("{\"key\":");
                str(o, &c.key);
                o.push_str(",\"text\":");
                bi(o, &c.text);
                if let Some(n) = &c.not_yet {
                    o.push_str(",\"answerable\":false,\"answerable_from\":");
                    match n.answerable_from {
                        Some(d) => date(o, d),
                        None => o.push_str("null"),
                    }
                }
                o.push('}');
            });
        }
        if !self.notes.is_empty() {
            o.push_str(",\"notes\":");
            list(o, &self.notes, |o, n| {
                o.push_str(&n.to_string());
            });
        }
        o.push('}');
    }
}

pub fn str(o: &mut String, s: &str) {
    o.push('"');
    if s.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\') {
        o.push_str(s);
    } else {
        for c in s.chars() {
            match c {
                '"' => o.push_str("\\\""),
                '\\' => o.push_str("\\\\"),
                '\n' => o.push_str("\\n"),
                '\r' => o.push_str("\\r"),
                '\t' => o.push_str("\\t"),
                '\u{8}' => o.push_str("\\b"),
                '\u{c}' => o.push_str("\\f"),
                c if (c as u32) < 0x20 => {
                    const HEX: &[u8; 16] = b"0123456789abcdef";
                    o.push_str("\\u00");
                    o.push(HEX[(c as usize) >> 4] as char);
                    o.push(HEX[(c as usize) & 0xf] as char);
                }
                c => o.push(c),
            }
        }
    }
    o.push('"');
}

pub fn opt_str(o: &mut String, s: Option<&str>) {
    match s {
        Some(s) => str(o, s),
        None => o.push_str("null"),
    }
}

/// `{"zh": …, "en": …}` for both languages, else the one asked for.
pub fn text(o: &mut String, text: &Bi, lang: Lang) {
    match lang {
        Lang::Zh => str(o, &text.zh),
        Lang::En => str(o, &text.en),
        Lang::Both => {
            o.push_str("{\"zh\":");
            str(o, &text.zh);
            o.push_str(",\"en\":");
            str(o, &text.en);
            o.push('}');
        }
    }
}

pub fn list<T>(o: &mut String, items: &[T], mut each: impl FnMut(&mut String, &T)) {
    o.push('[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            o.push(',');
        }
        each(o, item);
    }
    o.push(']');
}

/// `YYYY-MM-DD`, as `time` displays a date of years 0–9999.
pub fn date(o: &mut String, d: Date) {
    let year = d.year();
    if !(0..=9999).contains(&year) {
        o.push('"');
        o.push_str(&d.to_string());
        o.push('"');
        return;
    }
    let digits = |o: &mut String, n: u32, width: u32| {
        for p in (0..width).rev() {
            o.push(char::from(b'0' + (n / 10u32.pow(p) % 10) as u8));
        }
    };
    o.push('"');
    digits(o, year as u32, 4);
    o.push('-');
    digits(o, u8::from(d.month()) as u32, 2);
    o.push('-');
    digits(o, d.day() as u32, 2);
    o.push('"');
}
