//! The view models the page reads once per pack: the pack's documents, each
//! rule's static texts (name, family, recipient, notes, citation), the
//! questions it asks, and the guided form's family a rule belongs with.

use serde::Serialize;

use sme_subsidy::pack::{Condition, Document, Family, Rule, Text};
use sme_subsidy::report::{self, Bi, Citation, Lang};
use sme_subsidy::size::Size;

#[derive(Serialize)]
pub(crate) struct PackInfo<'a> {
    pub(crate) version: &'static str,
    pub(crate) documents: usize,
    pub(crate) rules: usize,
    pub(crate) loaded: &'a [String],
    pub(crate) lpr_table_newest: String,
}

#[derive(Serialize)]
pub(crate) struct PolicySummary<'a> {
    id: &'a str,
    title: &'a str,
    number: Option<&'a str>,
    issuer: &'a str,
    issued: Option<String>,
    effective_from: Option<String>,
    effective_to: Option<String>,
    status: sme_subsidy::pack::DocumentStatus,
    status_text: Text,
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

#[derive(Serialize)]
pub(crate) struct RuleSummary<'a> {
    rule_id: &'a str,
    provision: Option<&'a str>,
    name: &'a Text,
    family: Family,
    family_name: Bi<'a>,
    form_family: &'static str,
    recipient: sme_subsidy::pack::Recipient,
    recipient_text: Bi<'a>,
    notes: Vec<RuleNote<'a>>,
    readings: Vec<report::ReadingReport<'a>>,
    citation: Citation<'a>,
    questions: Vec<Question<'a>>,
}

#[derive(Serialize)]
pub(crate) struct RuleNote<'a> {
    zh: std::borrow::Cow<'a, str>,
    en: std::borrow::Cow<'a, str>,
    only_for_sizes: &'a [Size],
}

#[derive(Serialize)]
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
