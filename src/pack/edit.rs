//! The pack studio's form: the common edits of a pack written as TOML — a
//! rule's rate or share, cap, quote and readings, the document's dates and
//! status — read from the text and written back into it with toml_edit,
//! so every comment, blank line and key order the author wrote is kept.

use serde::Serialize;
use toml_edit::{DocumentMut, Item, Value};

use super::reference::{self, Unit};

/// One editable value of the form.
#[derive(Debug, Serialize, PartialEq)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct FormField {
    /// Where it is inside the document or the rule: `effective_to`,
    /// `calculation.share_percent`, `readings.cap_year`.
    pub key: String,
    pub zh: String,
    pub en: String,
    pub unit_zh: &'static str,
    pub unit_en: &'static str,
    /// The value as written (empty when the key is absent).
    pub value: String,
    /// The values allowed, for a choice (status, a reading); empty otherwise.
    #[cfg_attr(feature = "typescript", tsify(type = "FormChoice[]"))]
    pub choices: Vec<Choice>,
}

/// One allowed value, with its label.
#[derive(Debug, Serialize, PartialEq)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(rename = "FormChoice"))]
pub struct Choice {
    pub value: String,
    pub zh: String,
    pub en: String,
}

/// A rule's editable values.
#[derive(Debug, Serialize, PartialEq)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct RuleForm {
    pub id: String,
    pub name_zh: String,
    pub template: String,
    pub fields: Vec<FormField>,
}

/// The form of a whole document: its own fields, then each rule's.
#[derive(Debug, Serialize, PartialEq)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(rename = "PackForm"))]
pub struct Form {
    pub document: Vec<FormField>,
    pub rules: Vec<RuleForm>,
}

/// Why an edit could not be made, in both languages.
#[derive(Debug, Serialize, PartialEq)]
pub struct EditError {
    pub zh: String,
    pub en: String,
}

fn edit_error(zh: impl Into<String>, en: impl Into<String>) -> EditError {
    EditError { zh: zh.into(), en: en.into() }
}

/// The calculation parameters the form offers, in this order (the
/// template's own decide which appear).
const PARAMETERS: &[&str] = &[
    "share_of_lpr_percent",
    "rate_bp",
    "share_percent",
    "premium_rate_ceiling_percent",
    "cap_per_enterprise_year_yuan",
    "cap_per_enterprise_yuan",
    "cap_per_item_yuan",
    "total_cap_yuan",
];

const STATUS: &[(&str, &str, &str)] = &[
    ("in_force", "现行有效", "in force"),
    ("expired", "已失效", "expired"),
    ("draft", "征求意见稿", "draft"),
];

fn described(key: &str, path: &str, value: String, choices: Vec<Choice>) -> FormField {
    let entry = reference::field(path);
    let unit = entry.map_or(Unit::Text, |f| f.unit);
    FormField {
        key: key.to_string(),
        zh: entry.map_or(key, |f| f.zh).to_string(),
        en: entry.map_or(key, |f| f.en).to_string(),
        unit_zh: unit.zh(),
        unit_en: unit.en(),
        value,
        choices,
    }
}

fn string_at<'a>(table: &'a dyn toml_edit::TableLike, key: &str) -> Option<&'a str> {
    table.get(key).and_then(Item::as_str)
}

/// The form of a pack's TOML text; `Err` when it is not TOML (the
/// validation errors say where).
pub fn form(text: &str) -> Result<Form, EditError> {
    let doc: DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| {
        edit_error(format!("TOML 格式错误：{}", e.message()), format!("not valid TOML: {}", e.message()))
    })?;
    let mut document = Vec::new();
    for key in ["effective_from", "effective_to"] {
        let value = string_at(doc.as_table(), key).unwrap_or_default().to_string();
        document.push(described(key, key, value, Vec::new()));
    }
    let status = string_at(doc.as_table(), "status").unwrap_or_default().to_string();
    let choices = STATUS
        .iter()
        .map(|(v, zh, en)| Choice { value: v.to_string(), zh: zh.to_string(), en: en.to_string() })
        .collect();
    document.push(described("status", "status", status, choices));

    let mut rules = Vec::new();
    for rule in doc.get("rules").and_then(Item::as_array_of_tables).into_iter().flatten() {
        let calculation = rule.get("calculation").and_then(Item::as_table_like);
        let template = calculation.and_then(|c| string_at(c, "template")).unwrap_or_default();
        let mut fields = Vec::new();
        for param in PARAMETERS {
            let path = format!("rules[].calculation.{param}");
            let applies = reference::field(&path).is_some_and(|f| f.templates.contains(&template));
            if applies {
                let value = calculation.and_then(|c| string_at(c, param)).unwrap_or_default().to_string();
                fields.push(described(&format!("calculation.{param}"), &path, value, Vec::new()));
            }
        }
        let quote = string_at(rule, "quote").unwrap_or_default().to_string();
        fields.push(described("quote", "rules[].quote", quote, Vec::new()));
        for reading in rule.get("readings").and_then(Item::as_array_of_tables).into_iter().flatten() {
            let id = string_at(reading, "id").unwrap_or_default();
            let choices = reading
                .get("alternatives")
                .and_then(Item::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_inline_table)
                .map(|a| Choice {
                    value: a.get("value").and_then(Value::as_str).unwrap_or_default().to_string(),
                    zh: a.get("zh").and_then(Value::as_str).unwrap_or_default().to_string(),
                    en: a.get("en").and_then(Value::as_str).unwrap_or_default().to_string(),
                })
                .collect();
            let name = reading.get("name").and_then(Item::as_table_like);
            let value = string_at(reading, "value").unwrap_or_default().to_string();
            let entry = reference::field("rules[].readings[].value").map_or(Unit::Choice, |f| f.unit);
            fields.push(FormField {
                key: format!("readings.{id}"),
                zh: name.and_then(|n| string_at(n, "zh")).unwrap_or(id).to_string(),
                en: name.and_then(|n| string_at(n, "en")).unwrap_or(id).to_string(),
                unit_zh: entry.zh(),
                unit_en: entry.en(),
                value,
                choices,
            });
        }
        rules.push(RuleForm {
            id: string_at(rule, "id").unwrap_or_default().to_string(),
            name_zh: rule
                .get("name")
                .and_then(Item::as_table_like)
                .and_then(|n| string_at(n, "zh"))
                .unwrap_or_default()
                .to_string(),
            template: template.to_string(),
            fields,
        });
    }
    Ok(Form { document, rules })
}

/// Replace the value at `key` in `table` (a string), keeping the spaces and
/// the comment around the old one; an empty value removes an optional key.
fn put(table: &mut dyn toml_edit::TableLike, key: &str, value: &str) {
    if value.is_empty() {
        table.remove(key);
        return;
    }
    let mut new = Value::from(value);
    match table.get_mut(key) {
        Some(Item::Value(old)) => {
            *new.decor_mut() = old.decor().clone();
            *old = new;
        }
        _ => {
            table.insert(key, Item::Value(new));
        }
    }
}

/// Set one form field (`key` as [`FormField::key`]) of the rule `rule`, or
/// of the document when `rule` is empty, to `value`, and return the new
/// text: only that value changes, comments and layout stay.
pub fn set(text: &str, rule: &str, key: &str, value: &str) -> Result<String, EditError> {
    let mut doc: DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| {
        edit_error(format!("TOML 格式错误：{}", e.message()), format!("not valid TOML: {}", e.message()))
    })?;
    let unknown =
        || edit_error(format!("无法编辑字段 {key}"), format!("the field {key} cannot be edited here"));
    if rule.is_empty() {
        if !["effective_from", "effective_to", "status"].contains(&key) {
            return Err(unknown());
        }
        put(doc.as_table_mut(), key, value);
        return Ok(doc.to_string());
    }
    let rules = doc.get_mut("rules").and_then(Item::as_array_of_tables_mut);
    let Some(target) =
        rules.and_then(|r| r.iter_mut().find(|t| t.get("id").and_then(Item::as_str) == Some(rule)))
    else {
        return Err(edit_error(format!("没有编号为 {rule} 的规则"), format!("there is no rule {rule}")));
    };
    if let Some(param) = key.strip_prefix("calculation.") {
        if !PARAMETERS.contains(&param) {
            return Err(unknown());
        }
        let calculation =
            target.get_mut("calculation").and_then(Item::as_table_like_mut).ok_or_else(unknown)?;
        put(calculation, param, value);
    } else if let Some(id) = key.strip_prefix("readings.") {
        let readings =
            target.get_mut("readings").and_then(Item::as_array_of_tables_mut).ok_or_else(unknown)?;
        let reading = readings
            .iter_mut()
            .find(|r| r.get("id").and_then(Item::as_str) == Some(id))
            .ok_or_else(unknown)?;
        put(reading, "value", value);
    } else if key == "quote" {
        put(target, "quote", value);
    } else {
        return Err(unknown());
    }
    Ok(doc.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const PACK: &str = include_str!("../../policies/001-liaocheng-fiscal-finance-2024/pack.toml");

    /// Changing LC-P-1's share changes that one line, its comment and every
    /// other line kept byte for byte.
    #[test]
    fn an_edit_changes_one_value_and_keeps_the_comments() {
        let edited = set(PACK, "LC-P-1", "calculation.share_percent", "30").unwrap();
        let before: Vec<&str> = PACK.lines().collect();
        let after: Vec<&str> = edited.lines().collect();
        assert_eq!(before.len(), after.len());
        let changed: Vec<(&str, &str)> =
            before.iter().zip(&after).filter(|(a, b)| a != b).map(|(a, b)| (*a, *b)).collect();
        assert_eq!(changed, [("share_percent = \"20\"", "share_percent = \"30\"")]);
        assert!(edited.contains("# 「按照不高于3%的费率上限」"));
    }

    #[test]
    fn a_value_with_a_trailing_comment_keeps_it() {
        let text = "id = \"x\"\n[[rules]]\nid = \"A\"\nquote = \"a\" # from the text\n";
        let edited = set(text, "A", "quote", "b").unwrap();
        assert_eq!(edited, "id = \"x\"\n[[rules]]\nid = \"A\"\nquote = \"b\" # from the text\n");
        let edited = set(text, "", "effective_to", "2025-12-31").unwrap();
        // A key the document lacked goes among its own keys, before the rules.
        assert!(edited.starts_with("id = \"x\"\neffective_to = \"2025-12-31\"\n[[rules]]"), "{edited}");
    }

    #[test]
    fn the_form_lists_a_rules_parameters_and_readings() {
        let form = form(PACK).unwrap();
        let p1 = form.rules.iter().find(|r| r.id == "LC-P-1").unwrap();
        let keys: Vec<(&str, &str)> = p1.fields.iter().map(|f| (f.key.as_str(), f.value.as_str())).collect();
        assert_eq!(
            keys[..4],
            [
                ("calculation.share_percent", "20"),
                ("calculation.premium_rate_ceiling_percent", "3"),
                ("calculation.cap_per_enterprise_year_yuan", "1000000"),
                ("quote", p1.fields[3].value.as_str()),
            ]
        );
        let cap_year = p1.fields.iter().find(|f| f.key == "readings.premium_cap_year").unwrap();
        assert_eq!(cap_year.value, "calendar_year");
        assert_eq!(cap_year.choices.len(), 2);
        assert_eq!(form.document[2].value, "in_force");
        assert_eq!(p1.fields[0].unit_zh, "百分比（大于0，至多100）");
    }

    #[test]
    fn an_unknown_rule_or_field_is_refused() {
        assert!(set(PACK, "LC-X-9", "quote", "x").unwrap_err().zh.contains("LC-X-9"));
        assert!(set(PACK, "LC-P-1", "family", "x").is_err());
        assert!(set(PACK, "", "id", "x").is_err());
    }
}
