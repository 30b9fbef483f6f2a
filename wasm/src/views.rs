//! The view models the page reads once per pack: the pack's documents, each
//! rule's static texts (name, family, recipient, notes, citation), the
//! questions it asks, and the guided form's family a rule belongs with.

use serde::Serialize;

// Their TypeScript declarations are derived by tsify for the package's .d.ts
// (declarations only): on wasm32, where wasm-bindgen is, as the exports are.

use sme_subsidy::pack::{Condition, Document, Family, Rule, Text};
use sme_subsidy::report::{self, Bi, Citation, Lang};
use sme_subsidy::size::Size;

#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Serialize)]
pub(crate) struct PackInfo<'a> {
    /// Version of the sme-subsidy engine.
    pub(crate) version: &'static str,
    pub(crate) documents: usize,
    pub(crate) rules: usize,
    /// Names of the portal packs loaded on top of the built-in one, in order.
    pub(crate) loaded: &'a [String],
    #[cfg_attr(target_arch = "wasm32", tsify(type = "DateString"))]
    pub(crate) lpr_table_newest: String,
}

#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Serialize)]
/// One policy document of the active pack, with its status and dates.
pub(crate) struct PolicySummary<'a> {
    id: &'a str,
    title: &'a str,
    number: Option<&'a str>,
    issuer: &'a str,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "DateString | null"))]
    issued: Option<String>,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "DateString | null"))]
    effective_from: Option<String>,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "DateString | null"))]
    effective_to: Option<String>,
    status: sme_subsidy::pack::DocumentStatus,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Text"))]
    status_text: Text,
    #[cfg_attr(
        target_arch = "wasm32",
        tsify(type = "{ province: string; city: string | null; county: string | null }")
    )]
    jurisdiction: &'a sme_subsidy::pack::Jurisdiction,
    source: &'a str,
    rules: Vec<RuleSummary<'a>>,
}

impl<'a> From<&'a Document> for PolicySummary<'a> {
    fn from(doc: &'a Document) -> Self {
        PolicySummary {
            id: &doc.id,
            title: &doc.title,
            number: doc.number.as_deref(),
            issuer: &doc.issuer,
            issued: doc.issued.map(|d| d.to_string()),
            effective_from: doc.effective_from.map(|d| d.to_string()),
            effective_to: doc.effective_to.map(|d| d.to_string()),
            status: doc.status,
            status_text: Text { zh: doc.status.name_zh().into(), en: doc.status.name_en().into() },
            jurisdiction: &doc.jurisdiction,
            source: &doc.source,
            rules: doc.rules.iter().map(|rule| RuleSummary::new(doc, rule)).collect(),
        }
    }
}

#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Serialize)]
/// A rule of the active pack with its texts in both languages.
pub(crate) struct RuleSummary<'a> {
    rule_id: &'a str,
    provision: Option<&'a str>,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Text"))]
    name: &'a Text,
    family: Family,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Text"))]
    family_name: Bi<'a>,
    /// The guided-form family this rule belongs with.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "FormFamily"))]
    form_family: &'static str,
    recipient: sme_subsidy::pack::Recipient,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Text"))]
    recipient_text: Bi<'a>,
    /// In the order a full report shows them; a result shows those its
    /// RuleOutcome.notes lists (the engine picks them by the enterprise's size).
    notes: Vec<RuleNote<'a>>,
    /// 本测算采用的解读, shown with every result of this rule.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Reading[]"))]
    readings: Vec<report::ReadingReport<'a>>,
    citation: Citation<'a>,
    questions: Vec<Question<'a>>,
}

#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Serialize)]
/// A note shown with a rule's result: to every enterprise, or only to the sizes listed.
pub(crate) struct RuleNote<'a> {
    zh: std::borrow::Cow<'a, str>,
    en: std::borrow::Cow<'a, str>,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Size[]"))]
    only_for_sizes: &'a [Size],
}

#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Serialize)]
/// A yes/no question the pack asks (answered in Scenario.answers[id]).
pub(crate) struct Question<'a> {
    id: &'a str,
    zh: &'a str,
    en: &'a str,
}

impl<'a> RuleSummary<'a> {
    fn new(doc: &'a Document, rule: &'a Rule) -> Self {
        let l = Lang::Both;
        RuleSummary {
            rule_id: &rule.id,
            provision: rule.provision.as_deref(),
            name: &rule.name,
            family: rule.family,
            family_name: l.bi(|| rule.family.name_zh(), || rule.family.name_en()),
            form_family: rule.form_family(),
            recipient: rule.recipient,
            recipient_text: l.bi(|| rule.recipient.name_zh(), || rule.recipient.name_en()),
            notes: report::rule_notes(l, doc, rule)
                .into_iter()
                .map(|(text, only_for_sizes)| RuleNote { zh: text.zh, en: text.en, only_for_sizes })
                .collect(),
            readings: report::readings(l, &rule.readings),
            citation: report::citation(l, doc, rule),
            questions: rule
                .conditions
                .iter()
                .filter_map(|c| match c {
                    Condition::Confirm { id, question, .. } => {
                        Some(Question { id, zh: &question.zh, en: &question.en })
                    }
                    _ => None,
                })
                .collect(),
        }
    }
}
