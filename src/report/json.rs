//! The lean report in the language the page shows: every `{zh, en}` text
//! a plain string in that language (half the objects for the browser to
//! build), the rest as the lean report's own serialization. The browser
//! receives it as a JavaScript object (serde-wasm-bindgen); files and tests
//! write it with serde_json.

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use super::{Bi, ConfirmReport, Lang, LeanReport, MissingReport, RuleOutcome, StepReport};
use crate::scenario::{iso_date, iso_date_opt};

impl<'p> LeanReport<'p> {
    /// This report with its texts in `lang`: with [`Lang::Both`] exactly
    /// the report's own serialization; with one language each text is the
    /// string in that language.
    pub fn in_lang(&self, lang: Lang) -> InLang<'_, LeanReport<'p>> {
        InLang(self, lang)
    }
}

/// A part of the lean report serialized with its texts in one language.
pub struct InLang<'a, T>(&'a T, Lang);

impl Serialize for InLang<'_, Bi<'_>> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.1 {
            Lang::Zh => s.serialize_str(&self.0.zh),
            Lang::En => s.serialize_str(&self.0.en),
            Lang::Both => self.0.serialize(s),
        }
    }
}

/// Each item of a list with the same language.
struct Each<'a, T>(&'a [T], Lang);

impl<'a, T> Serialize for Each<'a, T>
where
    for<'b> InLang<'b, T>: Serialize,
{
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(|item| InLang(item, self.1)))
    }
}

struct Date(time::Date);

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        iso_date::serialize(&self.0, s)
    }
}

impl Serialize for InLang<'_, LeanReport<'_>> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (r, lang) = (self.0, self.1);
        let text = |t| InLang(t, lang);
        let size = &r.enterprise_size;
        let mut o = s.serialize_struct("LeanReport", 9)?;
        o.serialize_field("evaluation_date", &Date(r.evaluation_date))?;
        o.serialize_field(
            "enterprise_size",
            &SizeIn {
                size: size.size,
                text: text(&size.text),
                citation: size.citation,
                missing: &size.missing,
            },
        )?;
        o.serialize_field("results", &Each(&r.results, lang))?;
        o.serialize_field("total_yuan", &r.total_yuan)?;
        o.serialize_field("total_text", &text(&r.total_text))?;
        o.serialize_field("not_in_total", &Each(&r.not_in_total, lang))?;
        o.serialize_field("could_add", &Each(&r.could_add, lang))?;
        o.serialize_field("lpr_table_newest", &Date(r.lpr_table_newest))?;
        o.serialize_field("notice", &text(&r.notice))?;
        o.end()
    }
}

#[derive(Serialize)]
struct SizeIn<'a, 'p> {
    size: Option<&'static str>,
    text: InLang<'a, Bi<'p>>,
    citation: &'static str,
    missing: &'a [&'static str],
}

impl Serialize for InLang<'_, RuleOutcome<'_>> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (r, lang) = (self.0, self.1);
        // A struct with the fields left out skipped (see RuleOutcome): a
        // struct's keys are static, which the browser's serializer makes
        // into JavaScript strings once per page rather than once per result.
        let mut o = s.serialize_struct("RuleOutcome", 10)?;
        o.serialize_field("rule_id", r.rule_id)?;
        o.serialize_field("status", &Name(r.status))?;
        o.serialize_field("status_text", &InLang(&r.status_text, lang))?;
        match &r.amount_yuan {
            Some(amount) => o.serialize_field("amount_yuan", amount)?,
            None => o.skip_field("amount_yuan")?,
        }
        if r.counts_in_total {
            o.serialize_field("counts_in_total", &true)?;
        } else {
            o.skip_field("counts_in_total")?;
        }
        optional_list(&mut o, "steps", &r.steps, lang)?;
        optional_list(&mut o, "reasons", &r.reasons, lang)?;
        optional_list(&mut o, "missing", &r.missing, lang)?;
        optional_list(&mut o, "to_confirm", &r.to_confirm, lang)?;
        if r.notes.is_empty() {
            o.skip_field("notes")?;
        } else {
            o.serialize_field("notes", &r.notes)?;
        }
        o.end()
    }
}

/// A list field left out when empty.
fn optional_list<O: SerializeStruct, T>(
    o: &mut O,
    key: &'static str,
    list: &[T],
    lang: Lang,
) -> Result<(), O::Error>
where
    for<'b> InLang<'b, T>: Serialize,
{
    if list.is_empty() {
        o.skip_field(key)
    } else {
        o.serialize_field(key, &Each(list, lang))
    }
}

/// A name from a fixed set (a status, a step's kind): written as a string,
/// through the serializer's unit-variant path, which the browser's
/// serializer turns into a JavaScript string once per page.
struct Name(&'static str);

impl Serialize for Name {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_unit_variant("", 0, self.0)
    }
}

impl Serialize for InLang<'_, StepReport<'_>> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut o = s.serialize_struct("Step", 2)?;
        o.serialize_field("kind", &Name(self.0.kind))?;
        o.serialize_field("text", &InLang(&self.0.text, self.1))?;
        o.end()
    }
}

impl Serialize for InLang<'_, MissingReport<'_>> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut o = s.serialize_struct("Missing", 2)?;
        o.serialize_field("field", &self.0.field)?;
        o.serialize_field("text", &InLang(&self.0.text, self.1))?;
        o.end()
    }
}

impl Serialize for InLang<'_, ConfirmReport<'_>> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let c = self.0;
        let mut o = s.serialize_struct("Confirm", 4)?;
        o.serialize_field("key", &c.key)?;
        o.serialize_field("text", &InLang(&c.text, self.1))?;
        match &c.not_yet {
            Some(n) => {
                o.serialize_field("answerable", &n.answerable)?;
                o.serialize_field("answerable_from", &OptDate(n.answerable_from))?;
            }
            None => {
                o.skip_field("answerable")?;
                o.skip_field("answerable_from")?;
            }
        }
        o.end()
    }
}

struct OptDate(Option<time::Date>);

impl Serialize for OptDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        iso_date_opt::serialize(&self.0, s)
    }
}
