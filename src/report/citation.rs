//! Citations and notes: the clause a rule comes from (《title》（number）
//! clause, its quote, the departments and 参见 clauses), the notes shown
//! with a result, and the readings a result was computed under.

use crate::pack::institution::InstitutionRule;
use crate::pack::{CrossReference, Document, DocumentStatus, Rule, Text, Units};
use crate::size::Size;

use super::{AlternativeReport, Bi, Citation, Lang, ReadingReport, SeeAlso};

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

/// A citation as the terminal shows it: the clause line, 「牵头单位：…」 under
/// it when the clause names them, and each 「参见」 clause.
pub fn citation_lines(c: &Citation, pick: impl Fn(&Bi) -> String) -> String {
    let mut lines = vec![c.text.clone()];
    lines.extend(c.units.as_ref().map(&pick));
    lines.extend(c.see_also.iter().map(|s| format!("+ {}", s.text)));
    lines.join("\n")
}

/// The notes shown with a rule's result, in order: the document's status
/// when it is not in force, the rule's notes (each to every enterprise, or
/// only to the sizes it names), the recipient note. With the sizes each
/// note is for (empty: every enterprise).
pub fn rule_notes<'p>(l: Lang, doc: &'p Document, rule: &'p Rule) -> Vec<(Bi<'p>, &'p [Size])> {
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
pub fn shown_notes(doc: &Document, rule: &Rule, size: Option<Size>) -> Vec<usize> {
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

/// What a rule's header reads, an enterprise rule's or an institution
/// rule's alike: its id, provision code, name, clause and the clauses it
/// rests on.
pub struct RuleClause<'p> {
    pub id: &'p str,
    pub provision: Option<&'p str>,
    pub name: &'p Text,
    pub clause: &'p str,
    pub quote: &'p str,
    pub units: Option<&'p Units>,
    pub national_basis: Option<&'p str>,
    pub see_also: &'p [CrossReference],
}

impl<'p> From<&'p Rule> for RuleClause<'p> {
    fn from(r: &'p Rule) -> Self {
        RuleClause {
            id: &r.id,
            provision: r.provision.as_deref(),
            name: &r.name,
            clause: &r.clause,
            quote: &r.quote,
            units: r.units.as_ref(),
            national_basis: r.national_basis.as_deref(),
            see_also: &r.see_also,
        }
    }
}

impl<'p> From<&'p InstitutionRule> for RuleClause<'p> {
    fn from(r: &'p InstitutionRule) -> Self {
        RuleClause {
            id: &r.id,
            provision: r.provision.as_deref(),
            name: &r.name,
            clause: &r.clause,
            quote: &r.quote,
            units: r.units.as_ref(),
            national_basis: None,
            see_also: &[],
        }
    }
}

/// The header every rule's result carries (the enterprise report's and the
/// institution report's): the rule, its name and the citation of its clause.
pub struct RuleHeader<'p> {
    pub rule_id: &'p str,
    pub provision: Option<&'p str>,
    pub name: Bi<'p>,
    pub citation: Citation<'p>,
}

pub fn rule_header<'p>(l: Lang, doc: &'p Document, rule: impl Into<RuleClause<'p>>) -> RuleHeader<'p> {
    let r = rule.into();
    let mut citation = clause_citation(l, doc, r.clause, r.quote, r.units);
    citation.national_basis = r.national_basis;
    citation.see_also = r.see_also.iter().map(see_also).collect();
    RuleHeader { rule_id: r.id, provision: r.provision, name: l.text(r.name), citation }
}

/// A rule's citation: the document, the clause and its quoted text.
pub fn citation<'p>(l: Lang, doc: &'p Document, rule: &'p Rule) -> Citation<'p> {
    rule_header(l, doc, rule).citation
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
fn clause_citation<'p>(
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
