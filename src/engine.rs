//! The evaluation of one scenario against a policy set: for every rule, in
//! this order, effective dates → jurisdiction and enterprise conditions →
//! the items that qualify → the rule's calculation template → rounding.
//!
//! The order is the statute's: a policy outside its effective period says so
//! and nothing else (ground rule 5); a failed condition is reported
//! with every other failed condition, so the user sees all that stands in
//! the way at once; only a rule whose conditions hold is computed.

use crate::conditions::{self, Checks, ItemVerdict, Located, Place};
use crate::fields::FieldId;
use crate::money::round_to_fen;
use crate::pack::{Calculation, Document, ItemKind, PolicySet, Readings, Rule};
use crate::result::{Evaluation, Field, ItemRef, Reason, RuleResult, SizeOutcome, Status, Step};
use crate::scenario::Scenario;
use crate::size::{self, Statistics};
use crate::templates::{
    self,
    interest::{InterestReadings, SubsidyRate},
    Buffers, Computed, Period, Trace, Window,
};
use time::Date;

/// S-1 for the scenario's enterprise.
pub fn size_of(scenario: &Scenario) -> SizeOutcome {
    let e = &scenario.enterprise;
    let Some(industry) = e.industry else {
        return SizeOutcome::NoIndustry;
    };
    let stats = Statistics {
        employees: e.employees,
        operating_revenue: e.operating_revenue.map(|m| m.amount),
        total_assets: e.total_assets.map(|m| m.amount),
    };
    match size::classify(industry, &stats) {
        Ok(size) => SizeOutcome::Classified(size),
        Err(missing) => SizeOutcome::Missing(missing),
    }
}

/// Evaluate every rule of `set`. The scenario must have passed
/// `validate::scenario` (amounts in range, dates in order).
pub fn evaluate<'p>(set: &'p PolicySet, scenario: &Scenario) -> Evaluation<'p> {
    let mut evaluator = Evaluator::default();
    evaluator.evaluate_located(set, scenario, conditions::locate(scenario));
    evaluator.evaluation
}

/// One rule of `doc` alone: what a whole evaluation gives for it, since a
/// rule's result depends on no other rule (what-ifs and the loan-size
/// series ask for one rule under a changed scenario).
pub fn evaluate_one<'p>(doc: &'p Document, rule: &'p Rule, scenario: &Scenario) -> RuleResult<'p> {
    let place = conditions::jurisdiction(doc, scenario, conditions::locate(scenario));
    let mut result = RuleResult::empty(doc, rule);
    let buffers = (&mut Vec::new(), &mut Vec::new(), &mut Vec::new(), &mut Buffers::default());
    evaluate_rule(doc, rule, scenario, &size_of(scenario), place, buffers, &mut result);
    result
}

/// Evaluations one after another (a batch list) that reuse one result's
/// lists: after the first few scenarios an evaluation allocates nothing.
#[derive(Debug)]
pub struct Evaluator<'p> {
    evaluation: Evaluation<'p>,
    /// The qualifying items of one rule at a time.
    items: Vec<ItemRef>,
    /// A calculation's missing fields and the items it left out for their
    /// dates, before they join the rule's own.
    missing: Vec<Field>,
    left_out: Vec<Reason<'p>>,
    /// The templates' working lists.
    buffers: Buffers,
}

impl Default for Evaluator<'_> {
    fn default() -> Self {
        Evaluator {
            evaluation: Evaluation {
                evaluation_date: Date::MIN,
                size: SizeOutcome::NoIndustry,
                results: Vec::new(),
            },
            items: Vec::with_capacity(8),
            missing: Vec::new(),
            left_out: Vec::new(),
            buffers: Buffers::default(),
        }
    }
}

impl<'p> Evaluator<'p> {
    /// [`evaluate`], into the lists of the previous result.
    pub fn evaluate(&mut self, set: &'p PolicySet, scenario: &Scenario) -> &Evaluation<'p> {
        self.evaluate_located(set, scenario, conditions::locate(scenario))
    }

    /// With the enterprise's region already read (batch screening reads it
    /// once to choose the documents, and once is enough).
    pub(crate) fn evaluate_located(
        &mut self,
        set: &'p PolicySet,
        scenario: &Scenario,
        located: Located,
    ) -> &Evaluation<'p> {
        let out = &mut self.evaluation;
        out.evaluation_date = scenario.evaluation_date;
        out.size = size_of(scenario);
        if out.results.is_empty() {
            out.results.reserve(set.documents.iter().map(|d| d.rules.len()).sum());
        }
        let mut n = 0;
        for doc in &set.documents {
            // Whether the enterprise is inside the document's 适用地区 is the
            // same for all its rules: decided once.
            let place = conditions::jurisdiction(doc, scenario, located);
            for rule in &doc.rules {
                if n == out.results.len() {
                    out.results.push(RuleResult::empty(doc, rule));
                }
                let result = &mut out.results[n];
                result.reset(doc, rule);
                let buffers = (&mut self.items, &mut self.missing, &mut self.left_out, &mut self.buffers);
                evaluate_rule(doc, rule, scenario, &out.size, place, buffers, result);
                n += 1;
            }
        }
        out.results.truncate(n);
        &self.evaluation
    }
}

fn item_count(scenario: &Scenario, kind: ItemKind) -> usize {
    match kind {
        ItemKind::Loan => scenario.loans.len(),
        ItemKind::Guarantee => scenario.guarantees.len(),
        ItemKind::EvaluationFee => scenario.evaluation_fees.len(),
        ItemKind::Insurance => scenario.insurance.len(),
    }
}

fn evaluate_rule<'p>(
    doc: &'p Document,
    rule: &'p Rule,
    scenario: &Scenario,
    size: &SizeOutcome,
    place: Place,
    (scratch, trace_missing, trace_left_out, buffers): (
        &mut Vec<ItemRef>,
        &mut Vec<Field>,
        &mut Vec<Reason<'p>>,
        &mut Buffers,
    ),
    result: &mut RuleResult<'p>,
) {
    let date = scenario.evaluation_date;
    if doc.effective_from.is_some_and(|from| date < from) || doc.effective_to.is_some_and(|to| date > to) {
        return;
    }

    // The result's own (empty) lists, filled as the checks go.
    let mut checks = Checks {
        reasons: std::mem::take(&mut result.reasons),
        missing: std::mem::take(&mut result.missing),
        open: std::mem::take(&mut result.to_confirm),
    };
    match place {
        Place::Inside => {}
        Place::Outside => checks.reasons.push(Reason::OutsideJurisdiction),
        Place::Unknown(field) => checks.missing.push(field),
    }
    for &i in &rule.plan().enterprise {
        conditions::enterprise(&rule.conditions[i], scenario, size, &mut checks);
    }
    let enterprise_failed = !checks.reasons.is_empty();

    // When the enterprise itself fails (outside the region, wrong size, too
    // much revenue …) its items are beside the point: the reasons are the
    // enterprise's, not a list of every loan that would not count either.
    let kinds = if enterprise_failed { &[] } else { rule.calculation.item_kinds() };
    let qualifying = scratch;
    qualifying.clear();
    let mut undecided = false;
    let mut any_item = false;
    for &kind in kinds {
        for index in 0..item_count(scenario, kind) {
            any_item = true;
            let item = ItemRef { kind, index };
            match conditions::item(rule, scenario, item, &mut checks) {
                ItemVerdict::Counts => qualifying.push(item),
                ItemVerdict::LeftOut => {}
                ItemVerdict::Undecided => undecided = true,
            }
        }
    }
    // No item entered is a fact left blank, not a failed condition: the
    // rule asks for the list (e.g. 融资担保) rather than refusing.
    if !kinds.is_empty() && !any_item {
        checks.missing.push(Field::enterprise(list_name(kinds[0])));
    }
    let Checks { reasons, missing, open } = checks;
    result.missing = missing;
    result.to_confirm = open;

    let no_items = !kinds.is_empty() && qualifying.is_empty();
    if enterprise_failed || (no_items && !undecided && any_item) {
        result.status = Status::NotEligible;
        result.reasons = reasons;
        result.to_confirm.clear();
        return;
    }
    result.reasons = reasons;
    if no_items || (!result.missing.is_empty() && kinds.is_empty()) || has_enterprise_gap(result) {
        result.status = Status::NeedsInformation;
        return;
    }

    trace_missing.clear();
    trace_left_out.clear();
    // Most traces hold a handful of steps: one allocation, no regrowth.
    if result.steps.capacity() == 0 {
        result.steps = Vec::with_capacity(8);
    }
    let mut trace = Trace {
        steps: std::mem::take(&mut result.steps),
        missing: std::mem::take(trace_missing),
        left_out: std::mem::take(trace_left_out),
        buffers: std::mem::take(buffers),
    };
    let computed = compute(doc, rule, scenario, qualifying, &mut trace);
    result.steps = trace.steps;
    result.missing.append(&mut trace.missing);
    result.reasons.append(&mut trace.left_out);
    *trace_missing = trace.missing;
    *trace_left_out = trace.left_out;
    *buffers = trace.buffers;
    match computed {
        None => result.status = Status::NeedsInformation,
        Some(Computed::NotPublished) => result.status = Status::AmountNotPublished,
        Some(Computed::NothingAccrues) => {
            result.status = Status::NotEligible;
            result.reasons.push(Reason::NothingAccrues);
        }
        Some(Computed::NoneInPeriod) => result.status = Status::NotEligible,
        Some(Computed::Amount(before)) => {
            let after = round_to_fen(before);
            result.steps.push(Step::Rounding { before, after });
            result.amount = Some(after);
            result.status = Status::Eligible;
        }
    }
}

fn list_name(kind: ItemKind) -> FieldId {
    match kind {
        ItemKind::Loan => FieldId::Loans,
        ItemKind::Guarantee => FieldId::Guarantees,
        ItemKind::EvaluationFee => FieldId::EvaluationFees,
        ItemKind::Insurance => FieldId::Insurance,
    }
}

/// A missing enterprise-level fact (region, size statistics) leaves the whole
/// rule undecided, whatever the items say.
fn has_enterprise_gap(result: &RuleResult) -> bool {
    result.missing.iter().any(|f| f.item.is_none())
}

fn compute<'p>(
    doc: &Document,
    rule: &'p Rule,
    scenario: &Scenario,
    items: &[ItemRef],
    trace: &mut Trace<'p>,
) -> Option<Computed> {
    let readings = &rule.plan().readings;
    match &rule.calculation {
        Calculation::LprShareInterest { share_of_lpr_percent, cap_per_enterprise_year_yuan } => {
            templates::interest::compute(
                SubsidyRate::LprShare {
                    share_percent: *share_of_lpr_percent,
                    tenor: readings.reading(),
                    date: readings.reading(),
                },
                InterestReadings::of(doc, readings),
                *cap_per_enterprise_year_yuan,
                scenario,
                items,
                trace,
            )
        }
        Calculation::FixedRateInterest { rate_bp, cap_per_enterprise_year_yuan } => {
            templates::interest::compute(
                SubsidyRate::FixedBp(*rate_bp),
                InterestReadings::of(doc, readings),
                *cap_per_enterprise_year_yuan,
                scenario,
                items,
                trace,
            )
        }
        Calculation::BalanceShareInterest { share_percent, cap_per_enterprise_yuan } => {
            templates::balance::compute(
                *share_percent,
                *cap_per_enterprise_yuan,
                Period::balance(doc, readings.reading(), scenario.evaluation_date),
                scenario,
                items,
                trace,
            )
        }
        Calculation::FeeShare { share_percent, cap_per_item_yuan, .. } => templates::fee::compute(
            *share_percent,
            *cap_per_item_yuan,
            readings.reading(),
            Window::of(doc, readings.reading()),
            scenario,
            items,
            trace,
        ),
        Calculation::PremiumShare {
            share_percent,
            premium_rate_ceiling_percent,
            cap_per_enterprise_year_yuan,
        } => templates::premium::compute(
            *share_percent,
            *premium_rate_ceiling_percent,
            cap_per_enterprise_year_yuan.map(|yuan| (yuan, readings.reading())),
            Window::of(doc, readings.reading()),
            scenario,
            items,
            trace,
        ),
        Calculation::StagedGrant { total_cap_yuan, stages, schedule_set_by } => {
            templates::grant::compute(*total_cap_yuan, stages, schedule_set_by, scenario, trace)
        }
        Calculation::EligibilityOnly { amount_set_by, .. } => {
            trace.steps.push(Step::NotPublished { set_by: amount_set_by, cap: None });
            Some(Computed::NotPublished)
        }
    }
}
