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
use rust_decimal::Decimal;

use crate::pack::{Document, PolicySet, Product, Text};
use crate::places::{self, PlaceId};
use crate::report::{field_text, Bi, InLang, Lang, LeanReport, MissingReport};
use crate::result::{Evaluation, Field, Reason, RuleResult, Status};
use crate::scenario::{Region, Scenario};
use crate::what_if::{self, Series, WhatIf};

/// A place to choose: `value` names it for [`resolve`], `region` is what the
/// scenario's `enterprise.region` becomes.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PlaceOption {
    pub value: String,
    pub label: String,
    pub region: PlaceRegion,
}

/// [`Region`] as the form writes it: the levels the place has, no nulls.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
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
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[derive(Debug, Serialize)]
pub struct RuleGuide<'p> {
    pub rule_id: &'p str,
    /// The rule concerns the enterprise's place (always, until one is chosen).
    pub in_place: bool,
    /// 待填写: the rule waits on these fields; absent once it is decided.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(type = "MissingField[]"))]
    pub pending: Option<Vec<MissingReport<'p>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub what_if: Option<WhatIf<'p>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub series: Option<Series<'p>>,
    /// For a rule that applies: where to apply and what to bring.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(type = "ApplyGuide"))]
    pub apply: Option<Apply<'p>>,
}

/// 申报准备: where to apply, what to bring, by when.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(rename = "ApplyGuide", missing_as_null))]
#[derive(Debug, Serialize)]
pub struct Apply<'p> {
    /// 「牵头单位：…；责任单位：…」, when the clause names them.
    #[cfg_attr(feature = "typescript", tsify(type = "Text | null"))]
    pub units: Option<Bi<'p>>,
    /// 申报材料（参考）, one per document, in the order of the conditions.
    #[cfg_attr(feature = "typescript", tsify(type = "Text[]"))]
    pub evidence: Vec<Bi<'p>>,
    #[cfg_attr(feature = "typescript", tsify(type = "Deadline | null"))]
    pub deadline: Option<DeadlineReport<'p>>,
}

#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(rename = "Deadline"))]
#[derive(Debug, Serialize)]
/// 申报期限: the clause that sets it.
pub struct DeadlineReport<'p> {
    pub clause: &'p str,
    pub quote: &'p str,
    #[cfg_attr(feature = "typescript", tsify(type = "Text"))]
    pub text: Bi<'p>,
}

/// The guide for a whole evaluation.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Serialize)]
pub struct Guide<'p> {
    /// The place the scenario's region names, as a choice; null until chosen.
    pub place: Option<PlaceOption>,
    /// 先填写: the fields most rules of the place wait on, most first (at
    /// most three), while no rule of the place is decided.
    #[cfg_attr(feature = "typescript", tsify(type = "MissingField[]"))]
    pub first_steps: Vec<MissingReport<'p>>,
    pub rules: Vec<RuleGuide<'p>>,
}

/// Fields to suggest first.
const FIRST_STEPS: usize = 3;

/// The guide for a whole evaluation, every rule.
pub fn guide<'p>(scenario: &Scenario, evaluation: &Evaluation<'p>, l: Lang) -> Guide<'p> {
    guide_shown(scenario, evaluation, l, |_| true)
}

/// The guide, with per-rule parts (what-if, series, where to apply) for the
/// rules `shown` keeps alone: 「先填写」 still counts every rule of the place.
fn guide_shown<'p>(
    scenario: &Scenario,
    evaluation: &Evaluation<'p>,
    l: Lang,
    shown: impl Fn(&RuleResult<'p>) -> bool,
) -> Guide<'p> {
    let place = scenario.enterprise.region.as_ref().and_then(place_of);
    let mut counts: Vec<(Field, usize)> = Vec::new();
    // Once a rule of the place is decided the results speak for themselves:
    // 「先填写」 is for a form that decides nothing yet.
    let mut decided = false;
    let mut rules = Vec::new();
    for r in &evaluation.results {
        let in_place = place.is_none_or(|p| concerns(r.document, p));
        let pending = pending_fields(r, scenario);
        if in_place {
            for f in pending.iter().flatten() {
                match counts.iter_mut().find(|(g, _)| g == f) {
                    Some((_, n)) => *n += 1,
                    None => counts.push((*f, 1)),
                }
            }
            decided |= pending.is_none() && r.status != Status::OutsideEffectiveDates;
        }
        if !shown(r) {
            continue;
        }
        let applies = matches!(r.status, Status::Eligible | Status::AmountNotPublished);
        rules.push(RuleGuide {
            rule_id: &r.rule.id,
            in_place,
            pending: pending.map(|fields| fields.iter().map(|f| missing(l, f)).collect()),
            what_if: what_if::what_if(scenario, r),
            series: what_if::interest_series(scenario, r),
            apply: applies.then(|| apply(l, r)),
        });
    }
    // Most-needed first; a stable sort keeps the pack's order among equals.
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    let first_steps = if decided {
        Vec::new()
    } else {
        counts.iter().take(FIRST_STEPS).map(|(f, _)| missing(l, f)).collect()
    };
    Guide { place: place.map(option), first_steps, rules }
}

/// What the calculator page shows for one input, from one evaluation: the
/// lean report in the page's language, its 申报指引, and the results in the
/// groups the page lays out, so the page neither filters nor sorts rules.
#[derive(Debug)]
pub struct Shown<'p> {
    pub report: LeanReport<'p>,
    pub guide: Guide<'p>,
    pub groups: Groups,
    lang: Lang,
}

/// The page's groups: indices into the report's results (and the guide's
/// rules, which are in the same order).
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[derive(Debug, Default, Serialize)]
pub struct Groups {
    /// Rules of the open tab's family concerning the place, by status
    /// (符合条件 first).
    pub this_family: Vec<usize>,
    /// The place's rules of the other families, by status.
    pub other_families: Vec<usize>,
    /// Rules of other places, by status (folded into one line).
    pub elsewhere: Vec<usize>,
    /// 申报准备清单: the place's rules that apply, in the pack's order.
    pub checklist: Vec<usize>,
    /// 各项政策测算金额, once a place is chosen: each of the place's rules
    /// with an amount above zero, or else a what-if amount (assumed).
    pub amounts: Vec<AmountBar>,
}

/// One bar of the amounts chart.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[derive(Debug, Serialize)]
pub struct AmountBar {
    pub result: usize,
    pub amount_yuan: String,
    pub assumed: bool,
}

impl Serialize for Shown<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        ShownView { report: self.report.in_lang(self.lang), guide: &self.guide, groups: &self.groups }
            .serialize(s)
    }
}

/// show(): the lean report in the page's language, its 申报指引, and the
/// page's groups.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(rename = "Shown"))]
#[derive(Serialize)]
pub struct ShownView<'a, 'p> {
    #[cfg_attr(feature = "typescript", tsify(type = "LeanReport"))]
    report: InLang<'a, LeanReport<'p>>,
    guide: &'a Guide<'p>,
    groups: &'a Groups,
}

/// The order of the results on the page: what applies first.
fn status_rank(status: Status) -> u8 {
    match status {
        Status::Eligible => 0,
        Status::AmountNotPublished => 1,
        Status::NeedsInformation => 2,
        Status::NotEligible => 3,
        Status::OutsideEffectiveDates => 4,
    }
}

/// [`Shown`] for a scenario's evaluation: with `product`, only the
/// product's rules (their total alone, see [`crate::product::scoped`]);
/// `family` the form's open tab (`interest`, `guarantee_fee`, …).
pub fn shown<'p>(
    scenario: &Scenario,
    evaluation: Evaluation<'p>,
    l: Lang,
    product: Option<&Product>,
    family: Option<&str>,
) -> Shown<'p> {
    let guide =
        guide_shown(scenario, &evaluation, l, |r| product.is_none_or(|p| p.rules.contains(&r.rule.id)));
    let evaluation = match product {
        Some(p) => crate::product::scoped(evaluation, p),
        None => evaluation,
    };
    let report = LeanReport::lean(&evaluation, l);
    let results = &evaluation.results;
    let mut groups = Groups::default();
    for (i, (r, g)) in results.iter().zip(&guide.rules).enumerate() {
        let group = if !g.in_place {
            &mut groups.elsewhere
        } else if family == Some(r.rule.form_family()) {
            &mut groups.this_family
        } else {
            &mut groups.other_families
        };
        group.push(i);
        if g.in_place && g.apply.is_some() {
            groups.checklist.push(i);
        }
        if g.in_place && guide.place.is_some() {
            let bar = match (r.amount, &g.what_if) {
                (Some(amount), _) if amount > Decimal::ZERO => Some((format!("{amount:.2}"), false)),
                (_, Some(WhatIf { amount_yuan: Some(amount), .. })) => Some((amount.clone(), true)),
                _ => None,
            };
            if let Some((amount_yuan, assumed)) = bar {
                groups.amounts.push(AmountBar { result: i, amount_yuan, assumed });
            }
        }
    }
    for group in [&mut groups.this_family, &mut groups.other_families, &mut groups.elsewhere] {
        group.sort_by_key(|&i| status_rank(results[i].status));
    }
    Shown { report, guide, groups, lang: l }
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
