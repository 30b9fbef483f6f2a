//! Reading a pack written as TOML, with every error located by line and
//! column (行:列) in the text: the one path `sme-subsidy validate-pack` and
//! the pack studio share.
//!
//! A syntax error carries its span from the parser. A structure or meaning
//! error names a field path (`[0].rules[3].calculation.share_percent`);
//! the path is walked through the parsed document (toml_edit keeps every
//! key's span) to the key that holds the field, or — when the field is
//! missing — to the nearest table that should hold it.

use toml_edit::{Item, Key, TableLike, Value};

use super::validate::{self, Location, PackError};
use super::Document;

/// One document (`policies/*/pack.toml`) read from TOML text and checked;
/// each error carries its line and column.
pub fn read_toml(text: &str, file: &str) -> Result<Vec<Document>, Vec<PackError>> {
    let value: toml::Value = toml::from_str(text).map_err(|e| {
        vec![PackError {
            file: file.to_string(),
            rule: None,
            field: String::new(),
            zh: format!("格式错误：{e}"),
            en: e.to_string(),
            at: e.span().map(|s| location(text, s.start)),
        }]
    })?;
    validate::from_deserializer(toml::Value::Array(vec![value]), file).map_err(|mut errors| {
        locate_all(text, &mut errors);
        errors
    })
}

/// Give each error of a one-document TOML pack the line and column of its field.
pub fn locate_all(text: &str, errors: &mut [PackError]) {
    let Ok(doc) = toml_edit::Document::parse(text) else { return };
    for e in errors.iter_mut().filter(|e| e.at.is_none()) {
        // serde names an unknown key in its message, its path stops at the table.
        let unknown = e.en.split("unknown field `").nth(1).and_then(|rest| rest.split('`').next());
        e.at = field_offset(doc.as_table(), &e.field, unknown).map(|offset| location(text, offset));
    }
}

/// Line and column (both from 1; the column counts characters, as an
/// editor shows them) of a byte offset.
pub fn location(text: &str, offset: usize) -> Location {
    let before = &text[..offset.min(text.len())];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    Location { line: before.matches('\n').count() + 1, column: before[line_start..].chars().count() + 1 }
}

/// One step of a field path: a key or an index.
#[derive(Debug, PartialEq)]
enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// `[0].rules[3].calculation.share_percent` → steps, without the leading
/// document index (a TOML file holds one document). Keys without an index
/// where the list has several (`stages.bands.amount_yuan`) stop the walk
/// at the list.
fn steps(field: &str) -> Vec<Step<'_>> {
    let field = field.strip_prefix("[0]").unwrap_or(field);
    let mut out = Vec::new();
    for part in field.split('.').filter(|p| !p.is_empty()) {
        let mut pieces = part.split('[');
        if let Some(key) = pieces.next().filter(|k| !k.is_empty()) {
            out.push(Step::Key(key));
        }
        for index in pieces {
            match index.trim_end_matches(']').parse() {
                Ok(i) => out.push(Step::Index(i)),
                Err(_) => return out,
            }
        }
    }
    out
}

/// Where a node of the document is, as the walk goes down.
enum Node<'a> {
    Table(&'a dyn TableLike),
    Item(&'a Item),
    Value(&'a Value),
}

impl<'a> Node<'a> {
    fn table(&self) -> Option<&'a dyn TableLike> {
        match *self {
            Node::Table(t) => Some(t),
            Node::Item(i) => i.as_table_like(),
            Node::Value(v) => v.as_inline_table().map(|t| t as &dyn TableLike),
        }
    }

    /// The child at `step`, with the span that names it (the key, or the
    /// list element).
    fn child(&self, step: &Step<'_>) -> Option<(Node<'a>, Option<std::ops::Range<usize>>)> {
        match *step {
            Step::Key(k) => {
                let (key, item): (&Key, &Item) = self.table()?.get_key_value(k)?;
                Some((Node::Item(item), key.span().or_else(|| item.span())))
            }
            Step::Index(i) => {
                let array = match *self {
                    Node::Item(Item::ArrayOfTables(a)) => {
                        let t = a.get(i)?;
                        return Some((Node::Table(t), t.span()));
                    }
                    Node::Item(Item::Value(Value::Array(a))) | Node::Value(Value::Array(a)) => a,
                    _ => return None,
                };
                let v = array.get(i)?;
                Some((Node::Value(v), v.span()))
            }
        }
    }
}

/// The byte offset of the field a path names (and then of the key
/// `unknown` in it, when given), or of the nearest table that holds (or
/// should hold) it.
fn field_offset(root: &toml_edit::Table, field: &str, unknown: Option<&str>) -> Option<usize> {
    let mut node = Node::Table(root);
    let mut found = None;
    for step in steps(field).into_iter().chain(unknown.map(Step::Key)) {
        match node.child(&step) {
            Some((child, span)) => {
                found = span.map(|s| s.start).or(found);
                node = child;
            }
            None => break,
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    const PACK: &str = include_str!("../../policies/001-liaocheng-fiscal-finance-2024/pack.toml");

    /// The line (from 1) on which `needle` first appears after `after`.
    fn line_of(text: &str, after: &str, needle: &str) -> usize {
        let start = text.find(after).unwrap();
        let at = start + text[start..].find(needle).unwrap();
        text[..at].matches('\n').count() + 1
    }

    #[test]
    fn steps_of_a_field_path() {
        assert_eq!(
            steps("[0].rules[12].calculation.share_percent"),
            [Step::Key("rules"), Step::Index(12), Step::Key("calculation"), Step::Key("share_percent")]
        );
        assert_eq!(steps("[0].effective_to"), [Step::Key("effective_to")]);
        assert_eq!(
            steps("stages.bands.amount_yuan"),
            [Step::Key("stages"), Step::Key("bands"), Step::Key("amount_yuan")]
        );
    }

    #[test]
    fn location_counts_characters_not_bytes() {
        let text = "a = 1\n名称 = \"x\"\n";
        assert_eq!(location(text, text.find('=').unwrap()), Location { line: 1, column: 3 });
        let second = text.rfind('=').unwrap();
        assert_eq!(location(text, second), Location { line: 2, column: 4 });
    }

    /// A share out of range is located at its key, in the rule's own
    /// calculation table (LC-P-1's is far down the file).
    #[test]
    fn a_meaning_error_is_located_at_its_key() {
        let bad = PACK.replacen("share_percent = \"20\"", "share_percent = \"120\"", 1);
        let errors = read_toml(&bad, "pack.toml").unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:#?}");
        let line = line_of(&bad, "id = \"LC-P-1\"", "share_percent = \"120\"");
        assert_eq!(errors[0].at, Some(Location { line, column: 1 }), "{errors:#?}");
        assert_eq!(errors[0].rule.as_deref(), Some("LC-P-1"));
        assert!(
            errors[0].to_string().starts_with(&format!("pack.toml:{line}:1 › rule LC-P-1 › ")),
            "{}",
            errors[0]
        );
    }

    /// An unknown key (a structure error from serde) is located at that key;
    /// a syntax error at the parser's span.
    #[test]
    fn structure_and_syntax_errors_are_located() {
        let bad = PACK.replacen("premium_rate_ceiling_percent = \"3\"", "premium_rate_ceiling = \"3\"", 1);
        let errors = read_toml(&bad, "p.toml").unwrap_err();
        let line = line_of(&bad, "id = \"LC-P-1\"", "premium_rate_ceiling = ");
        assert_eq!(errors[0].at, Some(Location { line, column: 1 }), "{errors:#?}");
        assert!(errors[0].zh.contains("premium_rate_ceiling"), "{errors:#?}");

        let bad = PACK.replacen("share_percent = \"20\"", "share_percent = \"20", 1);
        let errors = read_toml(&bad, "p.toml").unwrap_err();
        let line = line_of(&bad, "id = \"LC-P-1\"", "share_percent = \"20");
        assert_eq!(errors[0].at.map(|l| l.line), Some(line), "{errors:#?}");
    }

    /// A field the rule lacks is located at the table that should hold it.
    #[test]
    fn a_missing_field_is_located_at_its_table() {
        let bad = PACK.replacen("share_percent = \"20\"\n", "", 1);
        let errors = read_toml(&bad, "p.toml").unwrap_err();
        let line = line_of(&bad, "id = \"LC-P-1\"", "[rules.calculation]");
        assert_eq!(errors[0].at.map(|l| l.line), Some(line), "{errors:#?}");
    }
}
