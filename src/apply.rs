//! 申报指引: from an estimate to an application.
//!
//! - 所在地区: the places the active pack covers, as choices (from the
//!   documents' 适用地区 and the gazetteer, never typed free text), a
//!   portal's own place read from its name, and which rules concern a place.
//! - 待填写: a rule that cannot be decided until facts are entered says so,
//!   with the fields, instead of 「不符合条件」 — including the two tests a
//!   blank form fails rather than leaves open (no IPO entered, no
//!   qualification ticked).
//! - 如何符合条件 ([`crate::what_if`]) and, for each rule that applies, where
//!   to apply (牵头单位、责任单位), what to bring (the pack's evidence for its
//!   conditions, 参考) and the deadline where the text gives one.

use crate::fields::FieldId;
use serde::Serialize;

use crate::pack::apply::Deadline;
use crate::pack::{Document, PolicySet, Text};
use crate::places::{self, PlaceId};
use crate::report::{field_text, Bi, Lang, MissingReport};
use crate::result::{Evaluation, Field, Reason, RuleResult, Status};
use crate::scenario::{Region, Scenario};
use crate::what_if::{self, Series, WhatIf};

/// A place to choose: `value` names it for [`resolve`], `region` is what the
/// scenario's `enterprise.region` becomes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PlaceOption {
    pub value: String,
    pub label: String,
    pub region: PlaceRegion,
}

/// [`Region`] as the form writes it: the levels the place has, no nulls.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PlaceRegion {
    pub province: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub county: Option<String>,
}

impl PlaceRegion {
    pub fn to_region(&self) -> Region {
        Region { province: self.province.clone(), city: self.city.clone(), county: self.county.clone() }
    }
}

/// The place a name means, as a choice: 「聊城」「山东省聊城市」 → 山东省聊城市.
pub fn resolve(text: &str) -> Option<PlaceOption> {
    places::gazetteer().resolve(text).map(option)
}

fn option(id: PlaceId) -> PlaceOption {
    let g = places::gazetteer();
    let mut chain = vec![id];
    while let Some(parent) = g.parent(*chain.last().expect("not empty")) {
        chain.push(parent);
    }
    chain.reverse();
    let names: Vec<String> = chain.iter().map(|&p| g.entry(p).name.clone()).collect();
    let region = PlaceRegion {
        province: names[0].clone(),
        city: names.get(1).cloned(),
        county: names.get(2).cloned(),
    };
    let value = names.concat();
    PlaceOption { label: value.clone(), value, region }
}

/// A document's 适用地区 in the gazetteer (its deepest level), if known.
fn area(doc: &Document) -> Option<PlaceId> {
    let j = &doc.jurisdiction;
    let g = places::gazetteer();
    [Some(&j.province), j.city.as_ref(), j.county.as_ref()]
        .into_iter()
        .flatten()
        .map(|n| g.resolve(n))
        .next_back()?
}

/// The places the active pack's enterprise rules cover — under `within`
/// (a portal's own place, itself first) when given — in the order of the
/// documents.
pub fn place_options(set: &PolicySet, within: Option<&PlaceOption>) -> Vec<PlaceOption> {
    let g = places::gazetteer();
    let within_id = within.and_then(|w| g.resolve(&w.value));
    let mut out: Vec<PlaceOption> = within.cloned().into_iter().collect();
    for doc in set.documents.iter().filter(|d| !d.rules.is_empty()) {
        let Some(id) = area(doc) else { continue };
        if within_id.is_some_and(|w| !g.within(id, w)) {
            continue;
        }
        let o = option(id);
        if !out.contains(&o) {
            out.push(o);
        }
    }
    out
}

/// The deepest place the scenario's region names (its levels agreeing).
pub fn place_of(region: &Region) -> Option<PlaceId> {
    let g = places::gazetteer();
    let mut deepest: Option<PlaceId> = None;
    for text in [Some(&region.province), region.city.as_ref(), region.county.as_ref()].into_iter().flatten() {
        let Some(p) = g.resolve(text) else { continue };
        match deepest {
            Some(d) if !g.within(p, d) => {}
            _ => deepest = Some(p),
        }
    }
    deepest
}

/// Does a document concern the place: its area inside the place (a
/// district's text for its city) or the place inside its area? A document
/// whose area the gazetteer does not know is kept, never hidden.
pub fn concerns(doc: &Document, place: PlaceId) -> bool {
    let g = places::gazetteer();
    area(doc).is_none_or(|a| g.within(a, place) || g.within(place, a))
}

/// What the page shows beside one rule's result.
#[derive(Debug, Serialize)]
pub struct RuleGuide<'p> {
    pub rule_id: &'p str,
    /// The rule concerns the enterprise's place (always, until one is chosen).
    pub in_place: bool,
    /// 待填写: the rule waits on these fields; absent once it is decided.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pending: Option<Vec<MissingReport<'p>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub what_if: Option<WhatIf<'p>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub series: Option<Series<'p>>,
    /// For a rule that applies: where to apply and what to bring.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub apply: Option<Apply<'p>>,
}

/// 申报准备: where to apply, what to bring, by when.
#[derive(Debug, Serialize)]
pub struct Apply<'p> {
    /// 「牵头单位：…；责任单位：…」, when the clause names them.
    pub units: Option<Bi<'p>>,
    /// 申报材料（参考）, one per document, in the order of the conditions.
    pub evidence: Vec<Bi<'p>>,
    pub deadline: Option<DeadlineReport<'p>>,
}

#[derive(Debug, Serialize)]
pub struct DeadlineReport<'p> {
    pub clause: &'p str,
    pub quote: &'p str,
    pub text: Bi<'p>,
}

/// The guide for a whole evaluation.
#[derive(Debug, Serialize)]
pub struct Guide<'p> {
    /// The place the scenario's region names, as a choice; null until chosen.
    pub place: Option<PlaceOption>,
    /// 先填写: the fields most rules of the place wait on, most first (at
    /// most three), while no rule of the place is decided.
    pub first_steps: Vec<MissingReport<'p>>,
    pub rules: Vec<RuleGuide<'p>>,
}

/// Fields to suggest first.
const FIRST_STEPS: usize = 3;

pub fn guide<'p>(set: &'p PolicySet, scenario: &Scenario, evaluation: &Evaluation<'p>, l: Lang) -> Guide<'p> {
    let place = scenario.enterprise.region.as_ref().and_then(place_of);
    let mut counts: Vec<(Field, usize)> = Vec::new();
    let rules: Vec<RuleGuide> = evaluation
        .results
        .iter()
        .map(|r| {
            let in_place = place.is_none_or(|p| concerns(r.document, p));
            let pending = pending_fields(r, scenario);
            if in_place {
                for f in pending.iter().flatten() {
                    match counts.iter_mut().find(|(g, _)| g == f) {
                        Some((_, n)) => *n += 1,
                        None => counts.push((*f, 1)),
                    }
                }
            }
            let applies = matches!(r.status, Status::Eligible | Status::AmountNotPublished);
            RuleGuide {
                rule_id: &r.rule.id,
                in_place,
                pending: pending.map(|fields| fields.iter().map(|f| missing(l, f)).collect()),
                what_if: what_if::what_if(set, scenario, r),
                series: what_if::interest_series(set, scenario, r),
                apply: applies.then(|| apply(l, r)),
            }
        })
        .collect();
    // Most-needed first; a stable sort keeps the pack's order among equals.
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    // Once a rule of the place is decided the results speak for themselves:
    // 「先填写」 is for a form that decides nothing yet.
    let decided = rules.iter().zip(&evaluation.results).any(|(g, r): (&RuleGuide, _)| {
        g.in_place && g.pending.is_none() && r.status != Status::OutsideEffectiveDates
    });
    let first_steps = if decided {
        Vec::new()
    } else {
        counts.iter().take(FIRST_STEPS).map(|(f, _)| missing(l, f)).collect()
    };
    Guide { place: place.map(option), first_steps, rules }
}

fn missing<'p>(l: Lang, field: &Field) -> MissingReport<'p> {
    let text = match field.id {
        FieldId::Qualifications => l.bi(
            || "请勾选企业资质（如科技型企业）",
            || "tick the enterprise's qualifications (e.g. technology enterprise)",
        ),
        _ => field_text(l, field),
    };
    MissingReport { field: field.path(), text }
}

/// 待填写: the fields a rule still waits on, or `None` once it is decided.
/// A rule needing information waits on its missing fields; a rule that
/// fails only because a blank form has no IPO or no qualification ticked
/// waits on those (the form cannot tell 「没有」 from 「未填写」 there).
pub fn pending_fields(r: &RuleResult, scenario: &Scenario) -> Option<Vec<Field>> {
    match r.status {
        Status::NeedsInformation => Some(r.missing.clone()),
        Status::NotEligible => {
            let blank = |reason: &Reason| match reason {
                Reason::NoIpo => Some(Field::enterprise(FieldId::IpoStage)),
                Reason::LacksQualification(_) if scenario.enterprise.qualifications.is_empty() => {
                    Some(Field::enterprise(FieldId::Qualifications))
                }
                _ => None,
            };
            let blanks = r.reasons.iter().map(blank).collect::<Option<Vec<_>>>()?;
            if blanks.is_empty() {
                return None;
            }
            // The enterprise's own gaps (its region) first, as the engine lists them.
            let mut fields = r.missing.clone();
            fields.extend(blanks);
            Some(fields)
        }
        _ => None,
    }
}

fn apply<'p>(l: Lang, r: &RuleResult<'p>) -> Apply<'p> {
    let rule = r.rule;
    let mut evidence: Vec<&'p Text> = Vec::new();
    for condition in &rule.conditions {
        for text in rule.guide_for(condition).into_iter().flat_map(|g| &g.evidence) {
            if !evidence.contains(&text) {
                evidence.push(text);
            }
        }
    }
    Apply {
        units: rule.units.as_ref().map(|u| l.bi(|| u.line_zh(), || u.line_en())),
        evidence: evidence.into_iter().map(|t| l.text(t)).collect(),
        deadline: rule.deadline.as_ref().map(|d: &'p Deadline| DeadlineReport {
            clause: &d.clause,
            quote: &d.quote,
            text: l.text(&d.text),
        }),
    }
}
