//! The evaluation as people read it: every status, step, reason and open
//! condition rendered in zh-CN and English, with the citation, the total to
//! the enterprise, and what could add to it. This is the shape the CLI
//! prints as JSON and the browser receives (amounts as strings, to keep
//! decimal exactness across the JavaScript boundary).

use std::borrow::Cow;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use time::Date;

use crate::lpr::{self, LprSource, Tenor};
use crate::money::{Grouped, Percent, Yuan};
use crate::pack::{
    CrossReference, Document, DocumentStatus, Family, GuaranteeFact, ItemKind, LoanFact, Recipient, Text,
    Units,
};
use crate::result::{
    CapScope, Evaluation, Field, ItemReason, ItemRef, Open, RateBasis, Reason, RuleResult, SizeOutcome,
    Status, Step,
};
use crate::scenario::{iso_date_opt, IpoStage};
use crate::size::{Size, SIZE_STANDARD};

/// The notice every result carries.
pub const NOTICE_ZH: &str = "测算结果仅供参考，以主管部门审核为准";
pub const NOTICE_EN: &str = "Estimates for reference only; the competent department's review decides.";

/// Which languages to render. The page asks for one (the other stays
/// empty), which halves the work on every keystroke; files and tests ask
/// for both.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    Zh,
    En,
    #[default]
    Both,
}

impl Lang {
    /// Render a text in the languages asked for; the other is left empty
    /// and its closure never runs.
    pub(crate) fn bi<'a, Z, E>(self, zh: impl FnOnce() -> Z, en: impl FnOnce() -> E) -> Bi<'a>
    where
        Z: Into<Cow<'a, str>>,
        E: Into<Cow<'a, str>>,
    {
        Bi {
            zh: if self == Lang::En { Cow::Borrowed("") } else { zh().into() },
            en: if self == Lang::Zh { Cow::Borrowed("") } else { en().into() },
        }
    }

    /// A pack text, borrowed.
    pub(crate) fn text<'a>(self, text: &'a Text) -> Bi<'a> {
        self.bi(|| text.zh.as_str(), || text.en.as_str())
    }
}

/// A text in zh-CN and English (one may be empty, see [`Lang`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Bi<'a> {
    pub zh: Cow<'a, str>,
    pub en: Cow<'a, str>,
}

/// The whole result. Borrows the policy pack's texts rather than copying them.
///
/// Two forms share this shape: the full report ([`Report::new`]: every rule
/// with its name, recipient, notes and citation — the CLI, files, tests) and
/// the lean one ([`Report::lean`], [`LeanReport`]: per rule only what the
/// scenario decides, see [`RuleOutcome`]). The browser page asks for the lean
/// form on every keystroke and takes the rules' static texts from the
/// policy list once: they are more than half of a full report's text.
#[derive(Debug, Serialize)]
pub struct Report<'p, R = RuleReport<'p>> {
    #[serde(serialize_with = "crate::scenario::iso_date::serialize")]
    pub evaluation_date: Date,
    pub enterprise_size: SizeReport<'p>,
    pub results: Vec<R>,
    /// 合计: computed amounts paid to the enterprise (yuan, 2 places).
    pub total_yuan: String,
    pub total_text: Bi<'p>,
    /// Computed amounts paid to a guarantor or bank, or whose recipient the
    /// text leaves open: not the enterprise's cash.
    pub not_in_total: Vec<Bi<'p>>,
    /// Policies that apply but publish no figure: could add to the total.
    pub could_add: Vec<Bi<'p>>,
    /// The newest LPR announcement the built-in table holds.
    #[serde(serialize_with = "crate::scenario::iso_date::serialize")]
    pub lpr_table_newest: Date,
    pub notice: Bi<'p>,
}

#[derive(Debug, Serialize)]
pub struct SizeReport<'p> {
    /// `large` / `medium` / `small` / `micro`, or absent.
    pub size: Option<&'static str>,
    pub text: Bi<'p>,
    pub citation: &'static str,
    pub missing: Vec<&'static str>,
}

#[derive(Debug, Serialize)]
pub struct RuleReport<'p> {
    pub rule_id: &'p str,
    pub provision: Option<&'p str>,
    pub name: Bi<'p>,
    pub family: Family,
    pub family_name: Bi<'p>,
    /// `eligible`, `amount_not_published`, `not_eligible`, `needs_information`,
    /// `outside_effective_dates`.
    pub status: &'static str,
    pub status_text: Bi<'p>,
    pub amount_yuan: Option<String>,
    pub recipient: Recipient,
    pub recipient_text: Bi<'p>,
    pub counts_in_total: bool,
    pub steps: Vec<StepReport<'p>>,
    pub reasons: Vec<Bi<'p>>,
    pub missing: Vec<MissingReport<'p>>,
    pub to_confirm: Vec<ConfirmReport<'p>>,
    pub notes: Vec<Bi<'p>>,
    /// 本测算采用的解读: the readings the rule takes, each with its alternatives.
    pub readings: Vec<ReadingReport<'p>>,
    pub citation: Citation<'p>,
}

/// One reading as shown with a result: what is read, the value taken and
/// why, and the other values a portal's pack may choose.
#[derive(Debug, Serialize)]
pub struct ReadingReport<'p> {
    pub id: &'static str,
    pub name: Bi<'p>,
    /// The label of the value taken.
    pub taken: Bi<'p>,
    pub justification: Bi<'p>,
    pub alternatives: Vec<AlternativeReport<'p>>,
}

#[derive(Debug, Serialize)]
pub struct AlternativeReport<'p> {
    /// The pack value (`value = "…"` in `[[rules.readings]]`).
    pub value: String,
    pub label: Bi<'p>,
    pub taken: bool,
}

/// The readings of a rule (enterprise or institution), in the pack's order.
pub fn readings<'p>(l: Lang, readings: &'p [crate::pack::Reading]) -> Vec<ReadingReport<'p>> {
    readings
        .iter()
        .map(|r| ReadingReport {
            id: r.id(),
            name: l.text(&r.name),
            taken: l.text(r.label()),
            justification: l.text(&r.justification),
            alternatives: r
                .alternatives
                .iter()
                .map(|a| AlternativeReport {
                    value: a.choice.value(),
                    label: l.text(&a.label),
                    taken: a.choice == r.choice,
                })
                .collect(),
        })
        .collect()
}

/// The lean report: per rule only what the scenario decides.
pub type LeanReport<'p> = Report<'p, RuleOutcome<'p>>;

/// What one evaluation decides for one rule: the fields of [`RuleReport`]
/// that depend on the scenario. The others (name, family, recipient, notes,
/// citation) depend on the rule alone. Serialized lean: a missing amount, a
/// `false` and an empty list are left out (most rules of a profile-only
/// scenario carry a status and one reason, nothing else).
#[derive(Debug, Serialize)]
pub struct RuleOutcome<'p> {
    pub rule_id: &'p str,
    pub status: &'static str,
    pub status_text: Bi<'p>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount_yuan: Option<String>,
    #[serde(skip_serializing_if = "is_false")]
    pub counts_in_total: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub steps: Vec<StepReport<'p>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub reasons: Vec<Bi<'p>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<MissingReport<'p>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub to_confirm: Vec<ConfirmReport<'p>>,
    /// The rule's notes this enterprise is shown ([`shown_notes`]): indices
    /// into the rule's notes as the policy list gives them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<usize>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

#[derive(Debug, Serialize)]
pub struct StepReport<'p> {
    pub kind: &'static str,
    pub text: Bi<'p>,
}

#[derive(Debug, Serialize)]
pub struct MissingReport<'p> {
    pub field: String,
    pub text: Bi<'p>,
}

#[derive(Debug, Serialize)]
pub struct ConfirmReport<'p> {
    /// The `answers` key for questions; the scenario field for item facts.
    pub key: String,
    pub text: Bi<'p>,
    /// Set when no answer can settle the item yet (按期还清本息 before the
    /// loan is due): a page shows when, not yes/no buttons.
    #[serde(flatten)]
    pub not_yet: Option<NotYetAnswerable>,
}

/// An open item no answer settles yet: `"answerable": false`, and the first
/// day an answer counts (the day after the loan's end date), or null when
/// the end date is not entered.
#[derive(Debug, Serialize)]
pub struct NotYetAnswerable {
    pub answerable: bool,
    #[serde(serialize_with = "iso_date_opt::serialize")]
    pub answerable_from: Option<Date>,
}

#[derive(Debug, Serialize)]
pub struct Citation<'p> {
    pub document_id: &'p str,
    pub title: &'p str,
    pub number: Option<&'p str>,
    pub issuer: &'p str,
    #[serde(serialize_with = "iso_date_opt::serialize")]
    pub issued: Option<Date>,
    #[serde(serialize_with = "iso_date_opt::serialize")]
    pub effective_from: Option<Date>,
    #[serde(serialize_with = "iso_date_opt::serialize")]
    pub effective_to: Option<Date>,
    pub status: DocumentStatus,
    pub status_text: Bi<'p>,
    pub jurisdiction: String,
    pub clause: &'p str,
    pub quote: &'p str,
    pub national_basis: Option<&'p str>,
    /// 「牵头单位：…；责任单位：…」 when the clause names them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub units: Option<Bi<'p>>,
    /// Clauses of other documents the rule quotes too.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub see_also: Vec<SeeAlso<'p>>,
    pub source: &'p str,
    /// One line: 《title》（number）clause.
    pub text: String,
}

/// A citation as the terminal shows it: the clause line, 「牵头单位：…」 under
/// it when the clause names them, and each 「参见」 clause.
pub fn citation_lines(c: &Citation, pick: impl Fn(&Bi) -> String) -> String {
    let mut lines = vec![c.text.clone()];
    lines.extend(c.units.as_ref().map(&pick));
    lines.extend(c.see_also.iter().map(|s| format!("+ {}", s.text)));
    lines.join("\n")
}

/// A clause of another document, cited beside the rule's own.
#[derive(Debug, Serialize)]
pub struct SeeAlso<'p> {
    pub document_id: &'p str,
    pub clause: &'p str,
    pub quote: &'p str,
    /// One line: 《title》（number）clause, when the document is built in;
    /// otherwise its id and the clause.
    pub text: String,
}

impl<'p> Report<'p> {
    /// The full report: every rule with its static texts and citation.
    pub fn new(evaluation: &Evaluation<'p>, l: Lang) -> Report<'p> {
        let size = match evaluation.size {
            SizeOutcome::Classified(size) => Some(size),
            _ => None,
        };
        Report::with_results(evaluation, l, |r| rule_report(l, r, size))
    }
}

impl<'p> LeanReport<'p> {
    /// The lean report: per rule only what the scenario decides
    /// ([`RuleOutcome`]); join it with the rules by `rule_id`.
    pub fn lean(evaluation: &Evaluation<'p>, l: Lang) -> LeanReport<'p> {
        let size = match evaluation.size {
            SizeOutcome::Classified(size) => Some(size),
            _ => None,
        };
        Report::with_results(evaluation, l, |r| rule_outcome(l, r, size))
    }
}

impl<'p, R> Report<'p, R> {
    fn with_results(
        evaluation: &Evaluation<'p>,
        l: Lang,
        rule: impl Fn(&RuleResult<'p>) -> R,
    ) -> Report<'p, R> {
        let results: Vec<R> = evaluation.results.iter().map(rule).collect();
        let total = evaluation.total_to_enterprise();
        let mut not_in_total = Vec::new();
        let mut could_add = Vec::new();
        for r in &evaluation.results {
            let name = &r.rule.name;
            let recipient = r.rule.recipient;
            match (r.status, r.amount) {
                (Status::Eligible, Some(amount)) if !r.counts_in_total() => not_in_total.push(l.bi(
                    || format!("{}：{} 元，拨付对象：{}", name.zh, Yuan(amount), recipient.name_zh()),
                    || format!("{}: {} yuan, paid to {}", name.en, Yuan(amount), recipient.name_en()),
                )),
                (Status::AmountNotPublished, _) => {
                    let set_by = r.steps.iter().find_map(|s| match s {
                        Step::NotPublished { set_by, .. } => Some(*set_by),
                        _ => None,
                    });
                    could_add.push(l.bi(
                        || format!("{}：金额未公布，{}", name.zh, set_by.map_or("", |s| s.zh.as_str())),
                        || {
                            format!(
                                "{}: no published figure; {}",
                                name.en,
                                set_by.map_or("", |s| s.en.as_str())
                            )
                        },
                    ));
                }
                _ => {}
            }
        }
        Report {
            evaluation_date: evaluation.evaluation_date,
            enterprise_size: size_report(l, &evaluation.size),
            results,
            total_yuan: format!("{total:.2}"),
            total_text: l.bi(
                || format!("可测算的企业补贴合计 {} 元", Yuan(total)),
                || format!("Computed subsidies to the enterprise: {} yuan in total", Yuan(total)),
            ),
            not_in_total,
            could_add,
            lpr_table_newest: lpr::newest_date(),
            notice: l.bi(|| NOTICE_ZH, || NOTICE_EN),
        }
    }
}

impl LeanReport<'_> {
    /// The lean report as JSON text for the browser, written directly: it
    /// is asked for on every keystroke, and in the size-optimised
    /// WebAssembly build serde_json's generic writer (a call chain per key,
    /// quote and comma, and a byte-by-byte escape scan) was a third of a
    /// call.
    ///
    /// With [`Lang::Both`] it is exactly `serde_json::to_string(self)`. With
    /// one language (the report rendered in that language), every text is a
    /// plain string in that language instead of a `{zh, en}` object: half
    /// the objects for the browser to build, a third less text to parse.
    pub fn to_json(&self, lang: Lang) -> String {
        let mut out = String::with_capacity(4096);
        let o = &mut out;
        let bi = |o: &mut String, text: &Bi| json::text(o, text, lang);
        o.push_str("{\"evaluation_date\":");
        json::date(o, self.evaluation_date);
        let size = &self.enterprise_size;
        o.push_str(",\"enterprise_size\":{\"size\":");
        json::opt_str(o, size.size);
        o.push_str(",\"text\":");
        bi(o, &size.text);
        o.push_str(",\"citation\":");
        json::str(o, size.citation);
        o.push_str(",\"missing\":");
        json::list(o, &size.missing, |o, m| json::str(o, m));
        o.push_str("},\"results\":");
        json::list(o, &self.results, |o, r| r.write_json(o, lang));
        o.push_str(",\"total_yuan\":");
        json::str(o, &self.total_yuan);
        o.push_str(",\"total_text\":");
        bi(o, &self.total_text);
        o.push_str(",\"not_in_total\":");
        json::list(o, &self.not_in_total, bi);
        o.push_str(",\"could_add\":");
        json::list(o, &self.could_add, bi);
        o.push_str(",\"lpr_table_newest\":");
        json::date(o, self.lpr_table_newest);
        o.push_str(",\"notice\":");
        bi(o, &self.notice);
        o.push('}');
        out
    }
}

impl RuleOutcome<'_> {
    fn write_json(&self, o: &mut String, lang: Lang) {
        let bi = |o: &mut String, text: &Bi| json::text(o, text, lang);
        o.push_str("{\"rule_id\":");
        json::str(o, self.rule_id);
        o.push_str(",\"status\":");
        json::str(o, self.status);
        o.push_str(",\"status_text\":");
        bi(o, &self.status_text);
        if let Some(amount) = &self.amount_yuan {
            o.push_str(",\"amount_yuan\":");
            json::str(o, amount);
        }
        if self.counts_in_total {
            o.push_str(",\"counts_in_total\":true");
        }
        if !self.steps.is_empty() {
            o.push_str(",\"steps\":");
            json::list(o, &self.steps, |o, s| {
                o.push_str("{\"kind\":");
                json::str(o, s.kind);
                o.push_str(",\"text\":");
                bi(o, &s.text);
                o.push('}');
            });
        }
        if !self.reasons.is_empty() {
            o.push_str(",\"reasons\":");
            json::list(o, &self.reasons, bi);
        }
        if !self.missing.is_empty() {
            o.push_str(",\"missing\":");
            json::list(o, &self.missing, |o, m| {
                o.push_str("{\"field\":");
                json::str(o, &m.field);
                o.push_str(",\"text\":");
                bi(o, &m.text);
                o.push('}');
            });
        }
        if !self.to_confirm.is_empty() {
            o.push_str(",\"to_confirm\":");
            json::list(o, &self.to_confirm, |o, c| {
                o.push_str("{\"key\":");
                json::str(o, &c.key);
                o.push_str(",\"text\":");
                bi(o, &c.text);
                if let Some(n) = &c.not_yet {
                    o.push_str(",\"answerable\":false,\"answerable_from\":");
                    match n.answerable_from {
                        Some(d) => json::date(o, d),
                        None => o.push_str("null"),
                    }
                }
                o.push('}');
            });
        }
        if !self.notes.is_empty() {
            o.push_str(",\"notes\":");
            json::list(o, &self.notes, |o, n| {
                o.push_str(&n.to_string());
            });
        }
        o.push('}');
    }
}

/// The few JSON writers [`LeanReport::to_json`] needs, written as serde_json
/// writes them (same escapes, no spaces).
mod json {
    use super::{Bi, Lang};
    use time::Date;

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
}

fn size_report<'p>(l: Lang, size: &SizeOutcome) -> SizeReport<'p> {
    match size {
        SizeOutcome::Classified(s) => SizeReport {
            size: Some(s.name_en()),
            text: l.bi(
                || format!("企业划型：{}企业", s.name_zh()),
                || format!("Enterprise size: {}", s.name_en()),
            ),
            citation: SIZE_STANDARD,
            missing: vec![],
        },
        SizeOutcome::Missing(metrics) => SizeReport {
            size: None,
            text: l.bi(
                || {
                    format!(
                        "企业划型需补充：{}",
                        metrics.iter().map(|m| m.name_zh()).collect::<Vec<_>>().join("、")
                    )
                },
                || {
                    format!(
                        "To classify the enterprise, enter: {}",
                        metrics.iter().map(|m| m.name_en()).collect::<Vec<_>>().join(", ")
                    )
                },
            ),
            citation: SIZE_STANDARD,
            missing: metrics.iter().map(|m| m.field()).collect(),
        },
        SizeOutcome::NoIndustry => SizeReport {
            size: None,
            text: l.bi(|| "企业划型需先选择所属行业", || "Choose the industry to classify the enterprise"),
            citation: SIZE_STANDARD,
            missing: vec!["enterprise.industry"],
        },
    }
}

fn status_key<'p>(l: Lang, status: Status, doc: &Document) -> (&'static str, Bi<'p>) {
    match status {
        Status::Eligible => ("eligible", l.bi(|| "符合条件", || "eligible")),
        Status::AmountNotPublished => {
            ("amount_not_published", l.bi(|| "符合条件，金额未公布", || "eligible, amount not published"))
        }
        Status::NotEligible => ("not_eligible", l.bi(|| "不符合条件", || "not eligible")),
        Status::NeedsInformation => {
            ("needs_information", l.bi(|| "需补充信息", || "more information needed"))
        }
        Status::OutsideEffectiveDates => {
            let range = |d: Option<Date>| d.map_or("—".to_string(), |d| d.to_string());
            let (from, to) = (range(doc.effective_from), range(doc.effective_to));
            (
                "outside_effective_dates",
                l.bi(
                    || format!("不在政策有效期内（{from} 至 {to}）"),
                    || format!("outside the policy's effective dates ({from} to {to})"),
                ),
            )
        }
    }
}

/// The notes shown with a rule's result, in order: the document's status
/// when it is not in force, the rule's notes (each to every enterprise, or
/// only to the sizes it names), the recipient note. With the sizes each
/// note is for (empty: every enterprise).
pub fn rule_notes<'p>(l: Lang, doc: &'p Document, rule: &'p crate::pack::Rule) -> Vec<(Bi<'p>, &'p [Size])> {
    let mut notes: Vec<(Bi, &[Size])> = Vec::new();
    if doc.status != DocumentStatus::InForce {
        notes.push((
            l.bi(
                || format!("本政策文件状态：{}", doc.status.name_zh()),
                || format!("This document is {}", doc.status.name_en()),
            ),
            &[],
        ));
    }
    notes.extend(
        rule.notes.iter().map(|n| (l.bi(|| n.zh.as_str(), || n.en.as_str()), n.only_for_sizes.as_slice())),
    );
    notes.extend(rule.recipient_note.iter().map(|n| (l.text(n), &[][..])));
    notes
}

/// Which of a rule's notes ([`rule_notes`], by index) a result shows: those
/// for every enterprise, and those for the enterprise's size.
pub fn shown_notes(doc: &Document, rule: &crate::pack::Rule, size: Option<Size>) -> Vec<usize> {
    let status = (doc.status != DocumentStatus::InForce).then_some(&[][..]);
    let recipient = rule.recipient_note.as_ref().map(|_| &[][..]);
    let sizes =
        status.into_iter().chain(rule.notes.iter().map(|n| n.only_for_sizes.as_slice())).chain(recipient);
    sizes
        .enumerate()
        .filter(|(_, sizes)| sizes.is_empty() || size.is_some_and(|s| sizes.contains(&s)))
        .map(|(i, _)| i)
        .collect()
}

/// A rule's citation: the document, the clause and its quoted text.
pub fn citation<'p>(l: Lang, doc: &'p Document, rule: &'p crate::pack::Rule) -> Citation<'p> {
    let mut c = clause_citation(l, doc, &rule.clause, &rule.quote, rule.units.as_ref());
    c.national_basis = rule.national_basis.as_deref();
    c.see_also = rule.see_also.iter().map(see_also).collect();
    c
}

fn see_also(r: &CrossReference) -> SeeAlso<'_> {
    let text = match crate::pack::builtin::builtin().documents.iter().find(|d| d.id == r.document) {
        Some(doc) => clause_line(doc, &r.clause),
        None => format!("{} {}", r.document, r.clause),
    };
    SeeAlso { document_id: &r.document, clause: &r.clause, quote: &r.quote, text }
}

/// 《title》（number）clause.
fn clause_line(doc: &Document, clause: &str) -> String {
    let mut text = String::with_capacity(doc.title.len() + clause.len() + 32);
    text.push('《');
    text.push_str(&doc.title);
    text.push('》');
    if let Some(n) = &doc.number {
        text.push('（');
        text.push_str(n);
        text.push('）');
    }
    text.push_str(clause);
    text
}

/// The citation of any clause of a document (enterprise or institution rule).
pub(crate) fn clause_citation<'p>(
    l: Lang,
    doc: &'p Document,
    clause: &'p str,
    quote: &'p str,
    units: Option<&'p Units>,
) -> Citation<'p> {
    let text = clause_line(doc, clause);
    Citation {
        document_id: &doc.id,
        title: &doc.title,
        number: doc.number.as_deref(),
        issuer: &doc.issuer,
        issued: doc.issued,
        effective_from: doc.effective_from,
        effective_to: doc.effective_to,
        status: doc.status,
        status_text: l.bi(|| doc.status.name_zh(), || doc.status.name_en()),
        jurisdiction: doc.jurisdiction.describe(),
        clause,
        quote,
        national_basis: None,
        units: units.map(|u| l.bi(|| u.line_zh(), || u.line_en())),
        see_also: Vec::new(),
        source: &doc.source,
        text,
    }
}

fn rule_outcome<'p>(l: Lang, r: &RuleResult<'p>, size: Option<Size>) -> RuleOutcome<'p> {
    let (status, status_text) = status_key(l, r.status, r.document);
    RuleOutcome {
        rule_id: &r.rule.id,
        status,
        status_text,
        amount_yuan: r.amount.map(|a| format!("{a:.2}")),
        counts_in_total: r.counts_in_total(),
        steps: r.steps.iter().map(|s| StepReport { kind: step_kind(s), text: step_text(l, s) }).collect(),
        reasons: r.reasons.iter().map(|reason| reason_text(l, reason, r)).collect(),
        missing: r
            .missing
            .iter()
            .map(|f| MissingReport { field: f.path(), text: field_text(l, f) })
            .collect(),
        to_confirm: r.to_confirm.iter().map(|o| open_text(l, o)).collect(),
        notes: shown_notes(r.document, r.rule, size),
    }
}

fn rule_report<'p>(l: Lang, r: &RuleResult<'p>, size: Option<Size>) -> RuleReport<'p> {
    let doc = r.document;
    let rule = r.rule;
    let o = rule_outcome(l, r, size);
    let notes = rule_notes(l, doc, rule)
        .into_iter()
        .enumerate()
        .filter(|(i, _)| o.notes.contains(i))
        .map(|(_, (note, _))| note)
        .collect();
    RuleReport {
        rule_id: o.rule_id,
        provision: rule.provision.as_deref(),
        name: l.text(&rule.name),
        family: rule.family,
        family_name: l.bi(|| rule.family.name_zh(), || rule.family.name_en()),
        status: o.status,
        status_text: o.status_text,
        amount_yuan: o.amount_yuan,
        recipient: rule.recipient,
        recipient_text: l.bi(|| rule.recipient.name_zh(), || rule.recipient.name_en()),
        counts_in_total: o.counts_in_total,
        steps: o.steps,
        reasons: o.reasons,
        missing: o.missing,
        to_confirm: o.to_confirm,
        notes,
        readings: readings(l, &rule.readings),
        citation: citation(l, doc, rule),
    }
}

fn item_name<'p>(l: Lang, item: ItemRef) -> Bi<'p> {
    let n = item.index + 1;
    match item.kind {
        ItemKind::Loan => l.bi(|| format!("贷款{n}"), || format!("loan {n}")),
        ItemKind::Guarantee => l.bi(|| format!("担保{n}"), || format!("guarantee {n}")),
        ItemKind::EvaluationFee => l.bi(|| format!("评估费{n}"), || format!("evaluation fee {n}")),
        ItemKind::Insurance => l.bi(|| format!("保单{n}"), || format!("insurance policy {n}")),
    }
}

/// 贷款1的评估费 — one fee kind of one loan.
fn fee_kind_of_loan<'p>(l: Lang, kind: ItemKind, loan_number: Option<usize>) -> Bi<'p> {
    let (kz, ke) = match kind {
        ItemKind::EvaluationFee => ("评估费", "evaluation fees"),
        _ => ("担保费", "guarantee fees"),
    };
    match loan_number {
        Some(n) => l.bi(|| format!("贷款{n}的{kz}"), || format!("the {ke} of loan {n}")),
        None => l.bi(|| kz.to_string(), || format!("the {ke}")),
    }
}

fn y(d: Decimal) -> Yuan {
    Yuan(d)
}

/// An amount before rounding, for people: at most four decimals, with `…`
/// where more were cut.
fn unrounded(d: Decimal) -> String {
    let short = d.round_dp_with_strategy(4, rust_decimal::RoundingStrategy::ToZero);
    let cut = if short == d { "" } else { "…" };
    format!("{}{cut}", Grouped(short))
}

fn step_kind(step: &Step) -> &'static str {
    match step {
        Step::AccrualClipped { .. } => "accrual_clipped",
        Step::Lpr { .. } => "lpr",
        Step::InterestSlice { .. } => "interest_slice",
        Step::FutureExcluded { .. } => "future_excluded",
        Step::Projected { .. } => "projected",
        Step::BalanceAverage { .. } => "balance_average",
        Step::FeeGroup { .. } => "fee_group",
        Step::YearSubtotal { .. } => "year_subtotal",
        Step::BalanceShare { .. } => "balance_share",
        Step::FeeShare { .. } => "fee_share",
        Step::PremiumBase { .. } => "premium_base",
        Step::PremiumShare { .. } => "premium_share",
        Step::StageAmount { .. } => "stage_amount",
        Step::Sum { .. } => "sum",
        Step::Cap { .. } => "cap",
        Step::NoCapPublished => "no_cap_published",
        Step::PaidBound { .. } => "paid_bound",
        Step::Rounding { .. } => "rounding",
        Step::NotPublished { .. } => "not_published",
    }
}

fn stage_name<'p>(l: Lang, stage: IpoStage) -> Bi<'p> {
    match stage {
        IpoStage::TutoringFiled => l.bi(|| "辅导备案", || "tutoring filed"),
        IpoStage::ApplicationAccepted => l.bi(|| "申报受理", || "application accepted"),
        IpoStage::Listed => l.bi(|| "成功上市", || "listed"),
    }
}

/// One step in words, with the actual numbers.
pub fn step_text<'p>(l: Lang, step: &Step<'p>) -> Bi<'p> {
    match step {
        Step::AccrualClipped { item, start, end, from, until } => {
            let n = item_name(l, *item);
            if from == until {
                l.bi(|| format!("{}：贷款期间 {start} 至 {end} 不在政策有效期内，不计贴息", n.zh), || format!("{}: the loan period {start} to {end} lies outside the policy's effective dates; no subsidy accrues", n.en))
            } else {
                let last = until.previous_day().unwrap_or(*until);
                l.bi(|| format!("{}：贷款期间 {start} 至 {end}，按政策有效期只计 {from} 至 {last} 的天数", n.zh), || format!("{}: of the loan period {start} to {end}, only {from} to {last} falls within the policy's effective dates", n.en))
            }
        }
        Step::Lpr { item, quote } => {
            let n = item_name(l, *item);
            let (tz, te) = match quote.tenor {
                Tenor::OneYear => ("1年期", "1-year"),
                Tenor::FiveYear => ("5年期以上", "5-year-plus"),
            };
            let p = Percent(quote.percent);
            match quote.source {
                LprSource::UserOverride => l.bi(
                    || format!("{}：采用用户输入的{tz}LPR {p}", n.zh),
                    || format!("{}: {te} LPR {p} as entered by the user", n.en),
                ),
                LprSource::Table { effective_from, beyond_newest } => {
                    let (stale_zh, stale_en) = if beyond_newest {
                        (
                            format!("；内置数据最新至 {effective_from}，已按最新已知值计算，如LPR已调整请输入当期利率"),
                            format!("; the built-in table ends at {effective_from}, so the newest known value was used — enter the current rate if it has changed"),
                        )
                    } else {
                        (String::new(), String::new())
                    };
                    l.bi(
                        || {
                            format!(
                                "{}：{} 适用的{tz}LPR为 {p}（{effective_from} 公布）{stale_zh}",
                                n.zh, quote.on
                            )
                        },
                        || {
                            format!(
                                "{}: {te} LPR in force on {} is {p} (announced {effective_from}){stale_en}",
                                n.en, quote.on
                            )
                        },
                    )
                }
            }
        }
        Step::InterestSlice {
            item,
            year,
            loan_year_from,
            dates,
            principal,
            rate,
            days,
            future_days,
            basis,
            amount,
        } => {
            let n = item_name(l, *item);
            let (rz, re) = match rate {
                RateBasis::LprShare { lpr_percent, share_percent } => (
                    format!("LPR {} × {}", Percent(*lpr_percent), Percent(*share_percent)),
                    format!("LPR {} × {}", Percent(*lpr_percent), Percent(*share_percent)),
                ),
                RateBasis::FixedBp(bp) => (format!("{}BP", Grouped(*bp)), format!("{} bp", Grouped(*bp))),
            };
            let (yz, ye) = match loan_year_from {
                Some(d) => (format!("贷款年度（{d}起）"), format!("in the loan year from {d}")),
                None => (format!("{year}年"), format!("in {year}")),
            };
            let (dz, de, pz, pe) = match dates {
                Some((a, b)) => {
                    let last = b.previous_day().unwrap_or(*b);
                    (format!("{a} 至 {last} "), format!(" {a} to {last}"), "贷款余额", "balance outstanding")
                }
                None => (String::new(), String::new(), "本金", "principal"),
            };
            let (fz, fe) = match *future_days {
                0 => (String::new(), String::new()),
                f if f == *days => ("（预计：均在测算日期之后）".to_string(), " (projected: all after the evaluation date)".to_string()),
                f => (format!("（其中{f}天在测算日期之后，为预计）"), format!(" ({f} of the days are after the evaluation date: projected)")),
            };
            l.bi(
                || {
                    format!(
                        "{} {yz}：{dz}{pz} {} 元 × {rz} × {days}天 / {basis} = {} 元{fz}",
                        n.zh,
                        y(*principal),
                        y(*amount)
                    )
                },
                || {
                    format!(
                        "{} {ye}{de}: {pe} {} × {re} × {days} days / {basis} = {} yuan{fe}",
                        n.en,
                        y(*principal),
                        y(*amount)
                    )
                },
            )
        }
        Step::FutureExcluded { item, from } => {
            let n = item_name(l, *item);
            l.bi(
                || format!("{}：{from} 起的天数在测算日期之后，本测算只计已发生的利息，未计入", n.zh),
                || format!("{}: the days from {from} are after the evaluation date; only accrued interest is counted", n.en),
            )
        }
        Step::Projected { evaluation_date, accrued, projected } => l.bi(
            || {
                format!(
                    "按公式，截至测算日期 {evaluation_date} 已发生 {} 元；测算日期之后至到期为预计 {} 元（须到期按期还清本息后方可确认）",
                    y(*accrued),
                    y(*projected)
                )
            },
            || {
                format!(
                    "by formula, {} yuan has accrued up to the evaluation date {evaluation_date}; {} yuan to maturity is projected (confirmed only once the loan is repaid on schedule)",
                    y(*accrued),
                    y(*projected)
                )
            },
        ),
        Step::BalanceAverage { item, balance, from, until, loan_days, period_days, average } => {
            let n = item_name(l, *item);
            let last = until.previous_day().unwrap_or(*until);
            l.bi(
                || {
                    format!(
                        "{}：计算期 {from} 至 {last} 共 {period_days} 天，贷款在其中 {loan_days} 天；月均贷款余额 {} 元 × {loan_days} / {period_days} = {} 元",
                        n.zh,
                        y(*balance),
                        y(*average)
                    )
                },
                || {
                    format!(
                        "{}: the period {from} to {last} has {period_days} days, {loan_days} of them with the loan; monthly-average balance {} × {loan_days} / {period_days} = {} yuan",
                        n.en,
                        y(*balance),
                        y(*average)
                    )
                },
            )
        }
        Step::FeeGroup { kind, loan_number, count, amount } => {
            let f = fee_kind_of_loan(l, *kind, *loan_number);
            l.bi(
                || format!("{}共 {count} 笔，合计补助 {} 元，作为一个单项", f.zh, y(*amount)),
                || format!("{}: {count} fees, {} yuan together, one item under the cap", f.en, y(*amount)),
            )
        }
        Step::YearSubtotal { year, loan_year: false, amount } => l.bi(
            || format!("{year}年度合计 {} 元", y(*amount)),
            || format!("{year} subtotal {} yuan", y(*amount)),
        ),
        Step::YearSubtotal { year, loan_year: true, amount } => l.bi(
            || format!("{year}年起的贷款年度合计 {} 元", y(*amount)),
            || format!("loan years from {year}: subtotal {} yuan", y(*amount)),
        ),
        Step::BalanceShare { item, balance, share_percent, amount } => {
            let n = item_name(l, *item);
            l.bi(
                || {
                    format!(
                        "{}：月均贷款余额 {} 元 × {} = {} 元",
                        n.zh,
                        y(*balance),
                        Percent(*share_percent),
                        y(*amount)
                    )
                },
                || {
                    format!(
                        "{}: monthly-average balance {} × {} = {} yuan",
                        n.en,
                        y(*balance),
                        Percent(*share_percent),
                        y(*amount)
                    )
                },
            )
        }
        Step::FeeShare { item, fee, share_percent, amount } => {
            let n = item_name(l, *item);
            l.bi(
                || format!("{}：费用 {} 元 × {} = {} 元", n.zh, y(*fee), Percent(*share_percent), y(*amount)),
                || format!("{}: fee {} × {} = {} yuan", n.en, y(*fee), Percent(*share_percent), y(*amount)),
            )
        }
        Step::PremiumBase { item, premium, insured, ceiling_percent, base } => {
            let n = item_name(l, *item);
            let c = Percent(*ceiling_percent);
            l.bi(|| format!(
                    "{}：按费率上限 {c} 计，保费基数 = min(实际保费 {} 元, 保险金额 {} 元 × {c}) = {} 元",
                    n.zh, y(*premium), y(*insured), y(*base)
                ), || format!(
                    "{}: under the {c} rate ceiling, premium base = min(premium paid {}, insured amount {} × {c}) = {} yuan",
                    n.en, y(*premium), y(*insured), y(*base)
                ))
        }
        Step::PremiumShare { item, base, share_percent, amount } => {
            let n = item_name(l, *item);
            l.bi(
                || {
                    format!(
                        "{}：保费 {} 元 × {} = {} 元",
                        n.zh,
                        y(*base),
                        Percent(*share_percent),
                        y(*amount)
                    )
                },
                || {
                    format!(
                        "{}: premium {} × {} = {} yuan",
                        n.en,
                        y(*base),
                        Percent(*share_percent),
                        y(*amount)
                    )
                },
            )
        }
        Step::StageAmount { stage, fundraising, from, below, amount } => {
            let s = stage_name(l, *stage);
            let band_zh = match below {
                Some(b) => format!("{} 元至 {} 元以下", y(*from), y(*b)),
                None => format!("{} 元及以上", y(*from)),
            };
            let band_en = match below {
                Some(b) => format!("from {} to below {}", y(*from), y(*b)),
                None => format!("{} or more", y(*from)),
            };
            l.bi(
                || {
                    format!(
                        "{}阶段：募集资金 {} 元，属 {band_zh} 档，补助 {} 元",
                        s.zh,
                        y(*fundraising),
                        y(*amount)
                    )
                },
                || {
                    format!(
                        "{} stage: fundraising {} falls in the band {band_en}: {} yuan",
                        s.en,
                        y(*fundraising),
                        y(*amount)
                    )
                },
            )
        }
        Step::Sum { amount } => {
            l.bi(|| format!("合计 {} 元", y(*amount)), || format!("sum {} yuan", y(*amount)))
        }
        Step::Cap { scope, before, cap, after } => {
            let (sz, se) = match scope {
                CapScope::Item(item) => {
                    let n = item_name(l, *item);
                    (format!("{}单项最高", n.zh), format!("{} item cap", n.en))
                }
                CapScope::FeeKindOfLoan { kind, loan_number } => {
                    let f = fee_kind_of_loan(l, *kind, *loan_number);
                    (format!("{}单项最高", f.zh), format!("item cap for {}", f.en))
                }
                CapScope::PolicyYear(item) => {
                    let n = item_name(l, *item);
                    (format!("{}投保年度同一企业最高", n.zh), format!("per-enterprise cap for the policy year of {}", n.en))
                }
                CapScope::LoanYear(year) => {
                    (format!("{year}年起的贷款年度同一企业最高"), format!("per-enterprise cap for the loan year from {year}"))
                }
                CapScope::EnterpriseYear(year) => {
                    (format!("{year}年度同一企业最高"), format!("per-enterprise cap for {year}"))
                }
                CapScope::Enterprise => ("单个企业最高".to_string(), "per-enterprise cap".to_string()),
                CapScope::Total => ("累计最高".to_string(), "total cap".to_string()),
            };
            if before > cap {
                l.bi(
                    || format!("按公式 {} 元；超过{sz} {} 元 → {} 元", y(*before), y(*cap), y(*after)),
                    || {
                        format!(
                            "by formula {}; above the {se} of {} → {} yuan",
                            y(*before),
                            y(*cap),
                            y(*after)
                        )
                    },
                )
            } else {
                l.bi(
                    || format!("按公式 {} 元；未超过{sz} {} 元 → {} 元", y(*before), y(*cap), y(*after)),
                    || {
                        format!(
                            "by formula {}; within the {se} of {} → {} yuan",
                            y(*before),
                            y(*cap),
                            y(*after)
                        )
                    },
                )
            }
        }
        Step::NoCapPublished => l.bi(|| "文件未规定补贴上限", || "the text publishes no cap"),
        Step::PaidBound { before, paid, estimated, after } => {
            let (pz, pe) = if *estimated {
                ("按合同利率估算的应付利息", "interest implied by the contract rate (estimate)")
            } else {
                ("实际支付利息", "interest actually paid")
            };
            if before > paid {
                l.bi(
                    || {
                        format!(
                            "{} 元 超过{pz} {} 元，补贴不超过实际支付 → {} 元",
                            y(*before),
                            y(*paid),
                            y(*after)
                        )
                    },
                    || {
                        format!(
                            "{} exceeds the {pe} of {}; a subsidy never exceeds what was paid → {} yuan",
                            y(*before),
                            y(*paid),
                            y(*after)
                        )
                    },
                )
            } else {
                l.bi(
                    || format!("未超过{pz} {} 元 → {} 元", y(*paid), y(*after)),
                    || format!("within the {pe} of {} → {} yuan", y(*paid), y(*after)),
                )
            }
        }
        Step::Rounding { before, after } => {
            let b = unrounded(*before);
            l.bi(
                || format!("四舍五入到分：{b} → {} 元", y(*after)),
                || format!("rounded half-up to the fen: {b} → {} yuan", y(*after)),
            )
        }
        Step::NotPublished { set_by, cap } => {
            let (cap_zh, cap_en) = match cap {
                Some(cap) => (
                    format!("；文件规定最高 {} 元", y(*cap)),
                    format!("; the published cap is {} yuan", y(*cap)),
                ),
                None => (String::new(), String::new()),
            };
            l.bi(
                || format!("文件未公布具体金额：{}{cap_zh}", set_by.zh),
                || format!("The text publishes no amount: {}{cap_en}", set_by.en),
            )
        }
    }
}

fn list<T>(items: &[T], f: impl Fn(&T) -> String, sep: &str) -> String {
    items.iter().map(f).collect::<Vec<_>>().join(sep)
}

fn reason_text<'p>(l: Lang, reason: &Reason<'p>, r: &RuleResult<'p>) -> Bi<'p> {
    let eligible =
        matches!(r.status, Status::Eligible | Status::AmountNotPublished | Status::NeedsInformation);
    match reason {
        Reason::OutsideJurisdiction => {
            let j = r.document.jurisdiction.describe();
            l.bi(
                || format!("本政策仅适用于{j}的企业"),
                || format!("this policy applies only to enterprises in {j}"),
            )
        }
        Reason::SizeNotAllowed { actual, allowed } => l.bi(
            || {
                format!(
                    "企业划型为{}企业，本政策适用于{}企业",
                    actual.name_zh(),
                    list(allowed, |s| s.name_zh().to_string(), "、")
                )
            },
            || {
                format!(
                    "the enterprise is {}; the policy covers {} enterprises",
                    actual.name_en(),
                    list(allowed, |s| s.name_en().to_string(), ", ")
                )
            },
        ),
        Reason::LacksQualification(q) => {
            let (z, e) = qualification_name(*q);
            l.bi(|| format!("需为{z}"), || format!("the enterprise must be a {e}"))
        }
        Reason::RevenueAbove { actual, max } => l.bi(
            || format!("营业收入（年销售）{} 元，超过 {} 元", y(*actual), y(*max)),
            || format!("operating revenue {} exceeds {} yuan", y(*actual), y(*max)),
        ),
        Reason::ExportsAbove { actual, max } => l.bi(
            || format!("年出口额 {} 美元，超过 {} 美元", Grouped(*actual), Grouped(*max)),
            || format!("annual exports of US${} exceed US${}", Grouped(*actual), Grouped(*max)),
        ),
        Reason::ExportsNotAbove { actual, min } => l.bi(
            || format!("年出口额 {} 美元，未超过 {} 美元", Grouped(*actual), Grouped(*min)),
            || format!("annual exports of US${} do not exceed US${}", Grouped(*actual), Grouped(*min)),
        ),
        Reason::IpoStageNotReached { actual, required } => {
            let req = stage_name(l, *required);
            match actual {
                Some(a) => {
                    let a = stage_name(l, *a);
                    l.bi(
                        || format!("上市进展为{}，尚未达到{}", a.zh, req.zh),
                        || format!("IPO stage is {}, not yet {}", a.en, req.en),
                    )
                }
                None => l.bi(
                    || format!("未填写上市进展，需达到{}", req.zh),
                    || format!("no IPO in progress; requires {}", req.en),
                ),
            }
        }
        Reason::NoIpo => l.bi(
            || "未填写上市进展：本政策适用于首次公开发行股票（IPO）的企业",
            || "no IPO entered: the policy is for enterprises going for an initial public offering",
        ),
        Reason::ItemOutsidePeriod { item, date } => {
            let n = item_name(l, *item);
            let range = |d: Option<time::Date>| d.map_or("—".to_string(), |d| d.to_string());
            let (from, to) = (range(r.document.effective_from), range(r.document.effective_to));
            let (wz, we) = match item.kind {
                ItemKind::Insurance => ("保险起期", "policy year begins"),
                _ => ("费用支付日期", "fee was paid"),
            };
            l.bi(
                || format!("{}（未计入）：{wz} {date} 不在政策有效期（{from} 至 {to}）内", n.zh),
                || format!("{} (not counted): the {we} on {date}, outside the policy's effective dates ({from} to {to})", n.en),
            )
        }
        Reason::NothingAccrues => {
            let range = |d: Option<time::Date>| d.map_or("—".to_string(), |d| d.to_string());
            let (from, to) = (range(r.document.effective_from), range(r.document.effective_to));
            l.bi(
                || format!("贷款期间均不在政策有效期（{from} 至 {to}）内"),
                || format!("no loan period falls within the policy's effective dates ({from} to {to})"),
            )
        }
        Reason::AnsweredNo(question) => {
            l.bi(|| format!("不满足：{}", question.zh), || format!("not met: {}", question.en))
        }
        Reason::Item { item, why } => {
            let n = item_name(l, *item);
            let (pz, pe) = if eligible { ("（未计入）", " (not counted)") } else { ("", "") };
            let w = item_reason_text(l, why);
            l.bi(|| format!("{}{pz}：{}", n.zh, w.zh), || format!("{}{pe}: {}", n.en, w.en))
        }
    }
}

fn qualification_name(q: crate::scenario::Qualification) -> (&'static str, &'static str) {
    use crate::scenario::Qualification::*;
    match q {
        TechEnterprise => ("科技型企业", "technology-based enterprise (科技型企业)"),
    }
}

fn loan_fact_text<'p>(l: Lang, fact: LoanFact) -> Bi<'p> {
    match fact {
        LoanFact::PledgeRegistered => l.bi(|| "已办理知识产权质押登记", || "the patent pledge is registered"),
        LoanFact::RepaidOnSchedule => l.bi(|| "按期还清本息", || "principal and interest repaid on schedule"),
        LoanFact::CarbonReductionTool => {
            l.bi(|| "纳入人民银行碳减排支持工具", || "covered by the PBoC carbon-reduction tool")
        }
    }
}

fn guarantee_fact_text<'p>(l: Lang, fact: GuaranteeFact) -> Bi<'p> {
    match fact {
        GuaranteeFact::GovernmentBusiness => {
            l.bi(|| "纳入政府性融资担保业务", || "government financing-guarantee business")
        }
        GuaranteeFact::ForPatentPledgeLoan => {
            l.bi(|| "因专利权质押贷款发生", || "incurred for a patent-pledge loan")
        }
    }
}

fn item_reason_text<'p>(l: Lang, why: &ItemReason<'p>) -> Bi<'p> {
    match why {
        ItemReason::Collateral { allowed } => l.bi(|| format!("担保方式不含{}", list(allowed, |c| collateral(*c).0.to_string(), "或")), || format!("not secured by {}", list(allowed, |c| collateral(*c).1.to_string(), " or "))),
        ItemReason::Lender { actual, allowed } => l.bi(|| format!("贷款机构为{}，本政策要求{}", lender(*actual).0, list(allowed, |x| lender(*x).0.to_string(), "或")), || format!("lender is {}; the policy requires {}", lender(*actual).1, list(allowed, |x| lender(*x).1.to_string(), " or "))),
        ItemReason::Purpose { actual, allowed } => l.bi(|| format!("贷款投向为{}，本政策限于{}", purpose(*actual).0, list(allowed, |p| purpose(*p).0.to_string(), "、")), || format!("loan purpose is {}; the policy covers {}", purpose(*actual).1, list(allowed, |p| purpose(*p).1.to_string(), ", "))),
        ItemReason::LoanFactNo(fact) => {
            let f = loan_fact_text(l, *fact);
            l.bi(|| format!("不满足“{}”", f.zh), || format!("not met: {}", f.en))
        }
        ItemReason::GuaranteeFactNo(fact) => {
            let f = guarantee_fact_text(l, *fact);
            let (more_zh, more_en) = match fact {
                GuaranteeFact::GovernmentBusiness => ("，不属于政府性融资担保业务", "; not government financing-guarantee business"),
                GuaranteeFact::ForPatentPledgeLoan => ("", ""),
            };
            l.bi(|| format!("不满足“{}”{more_zh}", f.zh), || format!("not met: {}{more_en}", f.en))
        }
        ItemReason::AmountAbove { actual, max, borrower_total: false } => l.bi(|| format!("单户担保金额 {} 元，超过 {} 元", y(*actual), y(*max)), || format!("guarantee amount {} exceeds {} yuan", y(*actual), y(*max))),
        ItemReason::AmountAbove { actual, max, borrower_total: true } => l.bi(|| format!("单户担保金额（本企业各笔担保合计）{} 元，超过 {} 元", y(*actual), y(*max)), || format!("the borrower's guarantees together come to {}, above {} yuan", y(*actual), y(*max))),
        ItemReason::FeeRateAbove { actual_percent, max_percent } => {
            let shown = Percent(distinct_from(*actual_percent, *max_percent));
            l.bi(|| format!("年化担保费率 {shown}，超过 {}，不属于政策性担保业务", Percent(*max_percent)), || format!("annualised fee rate {shown} exceeds {}: not policy guarantee business", Percent(*max_percent)))
        }
        ItemReason::NotGreenIndustry { .. } => l.bi(|| "不属于降碳减排、节能环保、清洁生产、清洁能源、生态环境、基础设施绿色升级、绿色服务等七类产业", || "not one of the seven green industry classes"),
        ItemReason::InsuranceKind { actual, allowed } => l.bi(|| format!("险种为{}，本政策限于{}", insurance_kind(*actual).0, list(allowed, |k| insurance_kind(*k).0.to_string(), "、")), || format!("insurance kind is {}; the policy covers {}", insurance_kind(*actual).1, list(allowed, |k| insurance_kind(*k).1.to_string(), ", "))),
        ItemReason::InsuranceProduct { .. } => l.bi(|| "投保标的不是首台（套）、首批次或首版次产品", || "the insured product is not first-set equipment, first-batch material or first-version software"),
    }
}

/// `value` with as few decimals as show it differs from `bound` (2 to 10),
/// so a rate just above a limit never reads as equal to it.
fn distinct_from(value: Decimal, bound: Decimal) -> Decimal {
    (2..=10)
        .map(|dp| value.round_dp_with_strategy(dp, rust_decimal::RoundingStrategy::ToZero))
        .find(|shown| *shown != bound)
        .unwrap_or(value)
}

fn collateral(c: crate::scenario::Collateral) -> (&'static str, &'static str) {
    use crate::scenario::Collateral::*;
    match c {
        PatentPledge => ("专利权质押", "a patent pledge"),
        FixedAssetMortgage => ("固定资产抵押", "a fixed-asset mortgage"),
        GuaranteeInstitution => ("融资担保", "a guarantee institution"),
        Unsecured => ("信用", "nothing (unsecured)"),
        Other => ("其他", "other collateral"),
    }
}

fn lender(l: crate::scenario::Lender) -> (&'static str, &'static str) {
    use crate::scenario::Lender::*;
    match l {
        LocalLegalPersonBank => ("地方法人银行", "a local legal-person bank"),
        TechBranch => ("科技支行", "a technology sub-branch (科技支行)"),
        OtherBank => ("其他银行", "another bank"),
    }
}

fn purpose(p: crate::scenario::LoanPurpose) -> (&'static str, &'static str) {
    use crate::scenario::LoanPurpose::*;
    match p {
        CleanEnergy => ("清洁能源", "clean energy"),
        EnergySavingEnvironmental => ("节能环保", "energy saving and environmental protection"),
        CarbonReductionTechnology => ("碳减排技术", "carbon-reduction technology"),
        StartupGuaranteed => ("创业担保贷款", "a start-up guaranteed loan"),
        VeteranStartup => ("退役军人创业贷款", "a veteran's start-up loan"),
        General => ("一般生产经营", "general operations"),
    }
}

fn insurance_kind(k: crate::scenario::InsuranceKind) -> (&'static str, &'static str) {
    use crate::scenario::InsuranceKind::*;
    match k {
        QualityGuarantee => ("质量保证保险", "quality-guarantee insurance"),
        ProductLiability => ("产品责任保险", "product-liability insurance"),
        ProductCombined => ("产品综合险", "combined product insurance"),
        ExportCredit => ("出口信用保险", "export credit insurance"),
        Other => ("其他险种", "other insurance"),
    }
}

/// A field's name for people.
pub fn field_text<'p>(l: Lang, field: &Field) -> Bi<'p> {
    let (z, e) = match field.name {
        "enterprise.region" => ("所在地区", "region"),
        "enterprise.region.province" => ("所在省份", "province"),
        "enterprise.region.city" => ("所在城市", "city"),
        "enterprise.region.county" => ("所在县（市、区）", "county"),
        "enterprise.industry" => ("所属行业", "industry"),
        "enterprise.employees" => ("从业人员", "employees"),
        "enterprise.operating_revenue" => ("营业收入", "operating revenue"),
        "enterprise.total_assets" => ("资产总额", "total assets"),
        "enterprise.annual_exports" => ("年出口额（美元）", "annual exports (USD)"),
        "ipo.stage_reached" => ("上市进展阶段", "IPO stage reached"),
        "ipo.planned_fundraising" => ("申请募集资金规模", "planned fundraising"),
        "lpr_override.one_year_percent" => ("当期1年期LPR", "current 1-year LPR"),
        "lpr_override.five_year_percent" => ("当期5年期以上LPR", "current 5-year LPR"),
        "principal" => ("贷款本金", "principal"),
        "monthly_average_balance" => ("月均贷款余额", "monthly-average balance"),
        "start_date" if field.item.is_some_and(|i| i.kind == ItemKind::Insurance) => {
            ("保险起期", "policy start date")
        }
        "start_date" => ("贷款起始日", "start date"),
        "end_date" => ("贷款到期日", "end date"),
        "interest_paid" => ("实付利息（或合同利率）", "interest paid (or the contract rate)"),
        "collateral" => ("担保方式", "collateral"),
        "lender" => ("贷款机构类型", "lender type"),
        "purpose" => ("贷款投向", "loan purpose"),
        "amount" => ("担保金额", "guarantee amount"),
        "fee" => ("实际支付费用", "fee paid"),
        "fee_rate_percent" => ("年化担保费率", "annualised guarantee fee rate"),
        "term_months" => ("担保期限（月）", "term (months)"),
        "kind" => ("险种", "insurance kind"),
        "premium" => ("实际支付保费", "premium paid"),
        "insured_amount" => ("保险金额", "insured amount"),
        "product" => ("投保产品类别（首台套/首批次/首版次）", "insured product class"),
        "loans" => ("本政策适用的贷款", "the loan this policy covers"),
        "guarantees" => ("本政策适用的融资担保", "the guarantee this policy covers"),
        "evaluation_fees" => ("本政策适用的评估费", "the evaluation fee this policy covers"),
        "insurance" => ("本政策适用的保险保单", "the insurance policy this policy covers"),
        "green_industry" => {
            ("绿色产业类别（七类之一，或不属于七类）", "green industry class (one of the seven, or none)")
        }
        "paid_date" | "fee_paid_date" => ("费用支付日期", "date the fee was paid"),
        "loan_number" => ("对应贷款（第几笔贷款）", "the loan it was paid for (its number)"),
        "for_patent_pledge_loan" => {
            ("是否因专利权质押贷款发生", "whether it was incurred for a patent-pledge loan")
        }
        other => (other, other),
    };
    match field.item {
        _ if field.unrecognised => l.bi(
            || format!("未能识别所填{z}，请按营业执照上的名称填写（如「临海市」「江北水城旅游度假区」）"),
            || format!("the {e} entered was not recognised: enter it as on the business licence"),
        ),
        Some(item) => {
            let n = item_name(l, item);
            l.bi(|| format!("请填写{}的{z}", n.zh), || format!("enter the {e} of {}", n.en))
        }
        None => l.bi(|| format!("请填写{z}"), || format!("enter the {e}")),
    }
}

fn open_text<'p>(l: Lang, open: &Open<'p>) -> ConfirmReport<'p> {
    match open {
        Open::LoanFact { item, fact } => {
            let n = item_name(l, *item);
            let f = loan_fact_text(l, *fact);
            let name = match fact {
                LoanFact::PledgeRegistered => "pledge_registered",
                LoanFact::RepaidOnSchedule => "repaid_on_schedule",
                LoanFact::CarbonReductionTool => "carbon_reduction_tool",
            };
            ConfirmReport {
                not_yet: None,
                key: format!("{}.{name}", item.path()),
                text: l
                    .bi(|| format!("需满足：{}{}", n.zh, f.zh), || format!("to be met: {} — {}", n.en, f.en)),
            }
        }
        Open::NotYetDue { item, end } => {
            let n = item_name(l, *item);
            let f = loan_fact_text(l, LoanFact::RepaidOnSchedule);
            let (ez, ee) = match end {
                Some(end) => (format!("到期日 {end} 尚未届满"), format!("the end date {end} has not passed")),
                None => ("未填写到期日".to_string(), "no end date entered".to_string()),
            };
            ConfirmReport {
                // Due once the end date has passed (the condition's test):
                // an answer counts from the day after it.
                not_yet: Some(NotYetAnswerable {
                    answerable: false,
                    answerable_from: end.and_then(|e| e.next_day()),
                }),
                key: format!("{}.repaid_on_schedule", item.path()),
                text: l.bi(
                    || format!("需满足：{}{}（{ez}，须到期后确认）", n.zh, f.zh),
                    || format!("to be met: {} — {} ({ee}; it can be confirmed only once due)", n.en, f.en),
                ),
            }
        }
        Open::GuaranteeFact { item, fact } => {
            let n = item_name(l, *item);
            let f = guarantee_fact_text(l, *fact);
            let name = match fact {
                GuaranteeFact::GovernmentBusiness => "government_business",
                GuaranteeFact::ForPatentPledgeLoan => "for_patent_pledge_loan",
            };
            ConfirmReport {
                not_yet: None,
                key: format!("{}.{name}", item.path()),
                text: l
                    .bi(|| format!("需满足：{}{}", n.zh, f.zh), || format!("to be met: {} — {}", n.en, f.en)),
            }
        }
        Open::Question { id, question } => ConfirmReport {
            not_yet: None,
            key: format!("answers.{id}"),
            text: l.bi(|| format!("需满足：{}", question.zh), || format!("to be met: {}", question.en)),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hand-written lean JSON is serde_json's, byte for byte.
    #[test]
    fn repaid_on_schedule_is_not_answerable_before_due() {
        // The example's loan runs 2024-03-01 → 2025-03-01, evaluated 2024-12-31:
        // 按期还清本息 can be answered from 2025-03-02, the day after the end date.
        let set = crate::pack::builtin::builtin();
        let example =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/scenario.json")).unwrap();
        let item = |text: &str| {
            let scenario = crate::input::scenario_from_json(text).unwrap();
            let lean = LeanReport::lean(&crate::evaluate(set, &scenario), Lang::Zh);
            let json: serde_json::Value = serde_json::from_str(&lean.to_json(Lang::Zh)).unwrap();
            let i1 = json["results"]
                .as_array()
                .unwrap()
                .iter()
                .find(|r| r["rule_id"] == "LC-I-1")
                .unwrap()
                .clone();
            let open = i1["to_confirm"].as_array().cloned().unwrap_or_default();
            open.into_iter().find(|c| c["key"] == "loans[0].repaid_on_schedule")
        };
        let open = item(&example).expect("open before due");
        assert_eq!(open["answerable"], false);
        assert_eq!(open["answerable_from"], "2025-03-02");
        // Evaluated the day after the end date, a yes settles it: no open item.
        assert_eq!(item(&example.replace("2024-12-31", "2025-03-02")), None);
        // Evaluated on the end date itself it is still not due.
        let open = item(&example.replace("2024-12-31", "2025-03-01")).expect("open on the end date");
        assert_eq!(open["answerable_from"], "2025-03-02");
    }

    #[test]
    fn lean_json_is_serde_json() {
        let set = crate::pack::builtin::builtin();
        let example =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/scenario.json")).unwrap();
        let scenarios = [
            example.clone(),
            // No end date: 按期还清本息 not answerable, and no date yet.
            example.replace("\"end_date\": \"2025-03-01\",", ""),
            example.replace("\"employees\": 120", "\"employees\": 500").replace("48000000 CNY", "300000000 CNY"),
            r#"{"evaluation_date": "2024-12-31", "enterprise": {}}"#.to_string(),
            r#"{"evaluation_date": "2021-10-01", "enterprise": {"region": {"province": "浙江省", "city": "台州市", "county": "临海市"}, "industry": "software", "employees": 10}, "loans": [{}]}"#.to_string(),
        ];
        for text in &scenarios {
            let scenario = crate::input::scenario_from_json(text).unwrap();
            let evaluation = crate::evaluate(set, &scenario);
            let lean = LeanReport::lean(&evaluation, Lang::Both);
            assert_eq!(lean.to_json(Lang::Both), serde_json::to_string(&lean).unwrap());
            // One language: the same, each {zh, en} text replaced by its string.
            for (l, key) in [(Lang::Zh, "zh"), (Lang::En, "en")] {
                fn one(v: serde_json::Value, key: &str) -> serde_json::Value {
                    use serde_json::Value;
                    match v {
                        Value::Object(m) if m.len() == 2 && m.contains_key("zh") && m.contains_key("en") => {
                            m[key].clone()
                        }
                        Value::Object(m) => {
                            Value::Object(m.into_iter().map(|(k, v)| (k, one(v, key))).collect())
                        }
                        Value::Array(a) => Value::Array(a.into_iter().map(|v| one(v, key)).collect()),
                        v => v,
                    }
                }
                let lean = LeanReport::lean(&evaluation, l);
                let written: serde_json::Value = serde_json::from_str(&lean.to_json(l)).unwrap();
                assert_eq!(written, one(serde_json::to_value(&lean).unwrap(), key));
            }
        }
        for s in ["", "a\"b\\c\n\r\t\u{8}\u{c}\u{1}\u{1f}\u{7f}中文", "《文》（号）"] {
            let mut out = String::new();
            json::str(&mut out, s);
            assert_eq!(out, serde_json::to_string(s).unwrap());
        }
        for d in ["0001-01-01", "2024-03-09", "9999-12-31"] {
            let date = crate::scenario::parse_iso_date(d).unwrap();
            let mut out = String::new();
            json::date(&mut out, date);
            assert_eq!(out, format!("\"{date}\""));
        }
    }
}
