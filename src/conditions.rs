//! Checking a rule's conditions (适用条件) against the scenario.
//!
//! Each test answers one of four ways: met; failed, with the reason; not
//! decidable until a field is filled in; or met so far but resting on a fact
//! the calculator cannot verify, which stays open as a 「需满足」 item
//! (ground rule 7). Nothing unknown is assumed either way.

use crate::fields::FieldId;
use rust_decimal::Decimal;

use crate::pack::{
    Condition, Document, GuaranteeAmountScope, GuaranteeFact, ItemKind, LoanFact, Readings, Rule,
};
use crate::places;
use crate::result::{Field, ItemReason, ItemRef, Open, Reason, SizeOutcome};
use crate::scenario::{Guarantee, Scenario};
use crate::size::Metric;

/// What the checks of one rule found.
#[derive(Debug, Default)]
pub(crate) struct Checks<'p> {
    pub reasons: Vec<Reason<'p>>,
    pub missing: Vec<Field>,
    pub open: Vec<Open<'p>>,
}

impl Condition {
    /// The item kinds an item test reads; `None` for enterprise-level tests.
    pub fn item_scope(&self) -> Option<&'static [ItemKind]> {
        use Condition::*;
        match self {
            EnterpriseSize { .. }
            | Qualification { .. }
            | OperatingRevenueAtMost { .. }
            | AnnualExportsAtMost { .. }
            | AnnualExportsAbove { .. }
            | IpoStageAtLeast { .. }
            | IpoUnderway
            | Confirm { .. } => None,
            LoanCollateral { .. } | LoanLender { .. } | LoanPurpose { .. } | LoanFact { .. } => {
                Some(&[ItemKind::Loan])
            }
            GuaranteeFact { fact: crate::pack::GuaranteeFact::ForPatentPledgeLoan } => {
                Some(&[ItemKind::Guarantee, ItemKind::EvaluationFee])
            }
            GuaranteeFact { .. }
            | GuaranteeAmountAtMost { .. }
            | GuaranteeFeeRateAtMost { .. }
            | GuaranteeGreenIndustry { .. } => Some(&[ItemKind::Guarantee]),
            InsuranceKind { .. } | InsuranceProduct { .. } => Some(&[ItemKind::Insurance]),
        }
    }
}

/// Place names compare without their administrative suffix, so 聊城 and
/// 聊城市 are the same city: for a portal's area the gazetteer does not know.
fn same_place(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    fn core(s: &str) -> &str {
        let s = s.trim();
        ["省", "市", "区", "县", "自治区"]
            .iter()
            .find_map(|suffix| s.strip_suffix(suffix).filter(|rest| !rest.is_empty()))
            .unwrap_or(s)
    }
    core(a) == core(b)
}

/// Where the enterprise stands against a document's 适用地区.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Place {
    Inside,
    Outside,
    /// This part of the enterprise's region is needed (or must be checked) to tell.
    Unknown(Field),
}

const REGION_FIELDS: [FieldId; 3] = [FieldId::Province, FieldId::City, FieldId::County];

/// The enterprise's region read against the gazetteer: the same for every
/// document, so an evaluation reads it once ([`locate`]).
#[derive(Clone, Copy, Debug)]
pub(crate) enum Located {
    /// No region entered.
    NoRegion,
    /// A field names a place outside the one another field names (a city
    /// not in the province given): which one is meant?
    Conflict(FieldId),
    /// The deepest place the fields name, and the first field the
    /// gazetteer does not know.
    Read { deepest: Option<places::PlaceId>, unknown: Option<FieldId> },
}

/// Read the enterprise's region against the gazetteer.
pub(crate) fn locate(scenario: &Scenario) -> Located {
    let Some(region) = &scenario.enterprise.region else {
        return Located::NoRegion;
    };
    let g = places::gazetteer();
    let mut deepest = None;
    let mut unknown = None;
    let given = [Some(&region.province), region.city.as_ref(), region.county.as_ref()];
    for (field, text) in REGION_FIELDS.into_iter().zip(given) {
        let Some(text) = text.filter(|t| !t.trim().is_empty()) else { continue };
        match (g.resolve(text), deepest) {
            (Some(p), None) => deepest = Some(p),
            (Some(p), Some(d)) if g.within(p, d) => deepest = Some(p),
            (Some(p), Some(d)) if g.within(d, p) => {}
            (Some(_), Some(_)) => return Located::Conflict(field),
            (None, _) => unknown = unknown.or(Some(field)),
        }
    }
    Located::Read { deepest, unknown }
}

/// Is the enterprise (its region read by [`locate`]) inside the document's
/// 适用地区? Both are read against the gazetteer ([`crate::places`]), so
/// 「浙江省临海市」 typed as the city is 临海, under 台州. A name the gazetteer
/// does not know is asked about when it decides the answer, never taken as
/// outside.
pub(crate) fn jurisdiction(doc: &Document, scenario: &Scenario, located: Located) -> Place {
    let Some(region) = &scenario.enterprise.region else {
        return Place::Unknown(Field::enterprise(FieldId::Region));
    };
    let j = &doc.jurisdiction;
    let g = places::gazetteer();
    // The area's deepest level, when the gazetteer knows every level named.
    let area = *j.area.get_or_init(|| {
        let mut area = None;
        for name in [Some(&j.province), j.city.as_ref(), j.county.as_ref()].into_iter().flatten() {
            area = Some(g.resolve(name)?);
        }
        area
    });
    let Some(area) = area else {
        return by_name(j, region);
    };
    let (deepest, unknown) = match located {
        Located::NoRegion => return Place::Unknown(Field::enterprise(FieldId::Region)),
        Located::Conflict(field) => return Place::Unknown(Field::unrecognised_place(field)),
        Located::Read { deepest, unknown } => (deepest, unknown),
    };
    match deepest {
        Some(d) if g.within(d, area) => Place::Inside,
        Some(d) if g.within(area, d) => match unknown {
            Some(field) => Place::Unknown(Field::unrecognised_place(field)),
            None => {
                let next = if g.entry(d).level == places::Level::Province { 1 } else { 2 };
                Place::Unknown(Field::enterprise(REGION_FIELDS[next]))
            }
        },
        Some(_) => Place::Outside,
        None => Place::Unknown(Field::unrecognised_place(unknown.unwrap_or(REGION_FIELDS[0]))),
    }
}

/// A portal's area the gazetteer does not know: each level given must equal
/// the enterprise's, by name.
fn by_name(j: &crate::pack::Jurisdiction, region: &crate::scenario::Region) -> Place {
    if !same_place(&region.province, &j.province) {
        return Place::Outside;
    }
    for (wanted, have, field) in
        [(&j.city, &region.city, REGION_FIELDS[1]), (&j.county, &region.county, REGION_FIELDS[2])]
    {
        let Some(wanted) = wanted else { continue };
        match have {
            None => return Place::Unknown(Field::enterprise(field)),
            Some(have) if !same_place(have, wanted) => return Place::Outside,
            Some(_) => {}
        }
    }
    Place::Inside
}

/// An enterprise-level test.
pub(crate) fn enterprise<'p>(
    condition: &'p Condition,
    scenario: &Scenario,
    size: &SizeOutcome,
    checks: &mut Checks<'p>,
) {
    let e = &scenario.enterprise;
    match condition {
        Condition::EnterpriseSize { sizes } => match size {
            SizeOutcome::Classified(actual) if !sizes.contains(actual) => {
                checks.reasons.push(Reason::SizeNotAllowed { actual: *actual, allowed: sizes })
            }
            SizeOutcome::Classified(_) => {}
            SizeOutcome::Missing(metrics) => {
                checks.missing.extend(metrics.iter().map(|m| Field::enterprise(Metric::field(*m))))
            }
            SizeOutcome::NoIndustry => checks.missing.push(Field::enterprise(FieldId::Industry)),
        },
        Condition::Qualification { qualification } => {
            if !e.qualifications.contains(qualification) {
                checks.reasons.push(Reason::LacksQualification(*qualification));
            }
        }
        Condition::OperatingRevenueAtMost { yuan } => match &e.operating_revenue {
            None => checks.missing.push(Field::enterprise(FieldId::OperatingRevenue)),
            Some(revenue) if revenue.amount > *yuan => {
                checks.reasons.push(Reason::RevenueAbove { actual: revenue.amount, max: *yuan })
            }
            Some(_) => {}
        },
        Condition::AnnualExportsAtMost { usd } => match &e.annual_exports {
            None => checks.missing.push(Field::enterprise(FieldId::AnnualExports)),
            Some(x) if x.amount > *usd => {
                checks.reasons.push(Reason::ExportsAbove { actual: x.amount, max: *usd })
            }
            Some(_) => {}
        },
        Condition::AnnualExportsAbove { usd } => match &e.annual_exports {
            None => checks.missing.push(Field::enterprise(FieldId::AnnualExports)),
            Some(x) if x.amount <= *usd => {
                checks.reasons.push(Reason::ExportsNotAbove { actual: x.amount, min: *usd })
            }
            Some(_) => {}
        },
        Condition::IpoStageAtLeast { stage } => {
            match scenario.ipo.as_ref().and_then(|ipo| ipo.stage_reached) {
                Some(actual) if actual >= *stage => {}
                actual if scenario.ipo.is_some() && actual.is_none() => {
                    checks.missing.push(Field::enterprise(FieldId::IpoStage))
                }
                actual => checks.reasons.push(Reason::IpoStageNotReached { actual, required: *stage }),
            }
        }
        Condition::IpoUnderway => match &scenario.ipo {
            None => checks.reasons.push(Reason::NoIpo),
            Some(ipo) if ipo.stage_reached.is_none() && ipo.planned_fundraising.is_none() => {
                checks.missing.push(Field::enterprise(FieldId::IpoStage))
            }
            Some(_) => {}
        },
        Condition::Confirm { id, question, .. } => match scenario.answers.get(id.as_str()) {
            Some(true) => {}
            Some(false) => checks.reasons.push(Reason::AnsweredNo(question)),
            None => checks.open.push(Open::Question { id, question }),
        },
        _ => unreachable!("item tests are checked per item"),
    }
}

/// How one item fared against the rule's item tests.
pub(crate) enum ItemVerdict {
    Counts,
    LeftOut,
    Undecided,
}

/// Run every item test of the rule that reads this item's kind.
pub(crate) fn item<'p>(
    rule: &'p Rule,
    scenario: &Scenario,
    item: ItemRef,
    checks: &mut Checks<'p>,
) -> ItemVerdict {
    let (mut failed, mut undecided) = (false, false);
    let open_before = checks.open.len();
    let plan = rule.plan();
    for &i in &plan.items[item.kind as usize] {
        match test_item(&rule.conditions[i], &plan.readings, scenario, item) {
            Test::Met => {}
            Test::Failed(why) => {
                failed = true;
                checks.reasons.push(Reason::Item { item, why });
            }
            Test::Missing(name) => {
                undecided = true;
                checks.missing.push(Field::of(item, name));
            }
            Test::Open(open) => checks.open.push(open),
        }
    }
    if failed || undecided {
        // Open facts of an item that does not count are not worth asking.
        checks.open.truncate(open_before);
    }
    match (failed, undecided) {
        (true, _) => ItemVerdict::LeftOut,
        (false, true) => ItemVerdict::Undecided,
        (false, false) => ItemVerdict::Counts,
    }
}

enum Test<'p> {
    Met,
    Failed(ItemReason<'p>),
    Missing(FieldId),
    Open(Open<'p>),
}

fn yes_no<'p>(value: Option<bool>, no: ItemReason<'p>, open: Open<'p>) -> Test<'p> {
    match value {
        Some(true) => Test::Met,
        Some(false) => Test::Failed(no),
        None => Test::Open(open),
    }
}

/// 年化担保费率 (%): as entered, else fee ÷ amount ÷ (term/12).
fn annual_fee_rate_percent(g: &Guarantee) -> Result<Decimal, FieldId> {
    if let Some(rate) = g.fee_rate_percent {
        return Ok(rate);
    }
    let fee = g.fee.ok_or(FieldId::GuaranteeFeeRate)?.amount;
    let amount = g.amount.ok_or(FieldId::GuaranteeAmount)?.amount;
    let months = g.term_months.ok_or(FieldId::GuaranteeTerm)?;
    if amount.is_zero() || months == 0 {
        return Err(FieldId::GuaranteeFeeRate);
    }
    Ok(fee / amount * Decimal::from(12) / Decimal::from(months) * Decimal::ONE_HUNDRED)
}

/// 年化担保费率 ≤ `max_percent`, compared without dividing
/// (fee × 12 × 100 ≤ max × amount × months) so that the exact boundary,
/// 1.00%, is never lost to a repeating decimal.
fn fee_rate_within(g: &Guarantee, max_percent: Decimal) -> Result<bool, FieldId> {
    if let Some(rate) = g.fee_rate_percent {
        return Ok(rate <= max_percent);
    }
    let fee = g.fee.ok_or(FieldId::GuaranteeFeeRate)?.amount;
    let amount = g.amount.ok_or(FieldId::GuaranteeAmount)?.amount;
    let months = Decimal::from(g.term_months.ok_or(FieldId::GuaranteeTerm)?);
    Ok(fee * Decimal::from(1200) <= max_percent * amount * months)
}

fn test_item<'p>(
    condition: &'p Condition,
    readings: &crate::pack::ReadingValues,
    scenario: &Scenario,
    item: ItemRef,
) -> Test<'p> {
    match (condition, item.kind) {
        (Condition::LoanCollateral { any_of }, _) => {
            let loan = &scenario.loans[item.index];
            if loan.collateral.iter().any(|c| any_of.contains(c)) {
                Test::Met
            } else if loan.collateral.is_empty() {
                Test::Missing(FieldId::LoanCollateral)
            } else {
                Test::Failed(ItemReason::Collateral { allowed: any_of })
            }
        }
        (Condition::LoanLender { any_of }, _) => match scenario.loans[item.index].lender {
            None => Test::Missing(FieldId::LoanLender),
            Some(l) if any_of.contains(&l) => Test::Met,
            Some(actual) => Test::Failed(ItemReason::Lender { actual, allowed: any_of }),
        },
        (Condition::LoanPurpose { any_of }, _) => match scenario.loans[item.index].purpose {
            None => Test::Missing(FieldId::LoanPurpose),
            Some(p) if any_of.contains(&p) => Test::Met,
            Some(actual) => Test::Failed(ItemReason::Purpose { actual, allowed: any_of }),
        },
        (Condition::LoanFact { fact: LoanFact::RepaidOnSchedule }, _) => {
            // 「按期还清本息」 is known only once the loan is due: before its end
            // date has passed a yes is a promise, so it stays 「需满足」.
            let loan = &scenario.loans[item.index];
            let due = loan.end_date.is_some_and(|end| end < scenario.evaluation_date);
            match loan.repaid_on_schedule {
                Some(false) => Test::Failed(ItemReason::LoanFactNo(LoanFact::RepaidOnSchedule)),
                Some(true) if due => Test::Met,
                _ if !due => Test::Open(Open::NotYetDue { item, end: loan.end_date }),
                _ => Test::Open(Open::LoanFact { item, fact: LoanFact::RepaidOnSchedule }),
            }
        }
        (Condition::LoanFact { fact }, _) => {
            let loan = &scenario.loans[item.index];
            let value = match fact {
                LoanFact::PledgeRegistered => loan.pledge_registered,
                LoanFact::RepaidOnSchedule => loan.repaid_on_schedule,
                LoanFact::CarbonReductionTool => loan.carbon_reduction_tool,
            };
            yes_no(value, ItemReason::LoanFactNo(*fact), Open::LoanFact { item, fact: *fact })
        }
        (Condition::GuaranteeFact { fact: GuaranteeFact::ForPatentPledgeLoan }, kind) => {
            // What a fee was paid for is the enterprise's own fact, not an
            // unverifiable condition: unknown means ask, not count.
            let value = match kind {
                ItemKind::EvaluationFee => scenario.evaluation_fees[item.index].for_patent_pledge_loan,
                _ => scenario.guarantees[item.index].for_patent_pledge_loan,
            };
            match value {
                None => Test::Missing(match kind {
                    ItemKind::EvaluationFee => FieldId::EvaluationFeeForPledge,
                    _ => FieldId::GuaranteeForPledge,
                }),
                Some(true) => Test::Met,
                Some(false) => Test::Failed(ItemReason::GuaranteeFactNo(GuaranteeFact::ForPatentPledgeLoan)),
            }
        }
        (Condition::GuaranteeFact { fact }, kind) => {
            let value = match (fact, kind) {
                (GuaranteeFact::GovernmentBusiness, _) => scenario.guarantees[item.index].government_business,
                (GuaranteeFact::ForPatentPledgeLoan, ItemKind::EvaluationFee) => {
                    scenario.evaluation_fees[item.index].for_patent_pledge_loan
                }
                (GuaranteeFact::ForPatentPledgeLoan, _) => {
                    scenario.guarantees[item.index].for_patent_pledge_loan
                }
            };
            yes_no(value, ItemReason::GuaranteeFactNo(*fact), Open::GuaranteeFact { item, fact: *fact })
        }
        (Condition::GuaranteeAmountAtMost { yuan }, _) => {
            let Some(own) = scenario.guarantees[item.index].amount else {
                return Test::Missing(FieldId::GuaranteeAmount);
            };
            match readings.reading::<GuaranteeAmountScope>() {
                GuaranteeAmountScope::PerContract if own.amount <= *yuan => Test::Met,
                GuaranteeAmountScope::PerContract => Test::Failed(ItemReason::AmountAbove {
                    actual: own.amount,
                    max: *yuan,
                    borrower_total: false,
                }),
                GuaranteeAmountScope::PerBorrower => {
                    // 单户: every guarantee of the enterprise together (one
                    // whose amount is blank is asked for on its own line).
                    let total: Decimal =
                        scenario.guarantees.iter().filter_map(|g| g.amount).map(|m| m.amount).sum();
                    let several = scenario.guarantees.len() > 1;
                    if total <= *yuan {
                        Test::Met
                    } else {
                        Test::Failed(ItemReason::AmountAbove {
                            actual: total,
                            max: *yuan,
                            borrower_total: several,
                        })
                    }
                }
            }
        }
        (Condition::GuaranteeFeeRateAtMost { percent }, _) => {
            let g = &scenario.guarantees[item.index];
            match fee_rate_within(g, *percent) {
                Err(field) => Test::Missing(field),
                Ok(true) => Test::Met,
                Ok(false) => Test::Failed(ItemReason::FeeRateAbove {
                    actual_percent: annual_fee_rate_percent(g).unwrap_or_default(),
                    max_percent: *percent,
                }),
            }
        }
        (Condition::GuaranteeGreenIndustry { any_of }, _) => {
            match scenario.guarantees[item.index].green_industry {
                None => Test::Missing(FieldId::GuaranteeGreenIndustry),
                Some(g) if any_of.contains(&g) => Test::Met,
                Some(_) => Test::Failed(ItemReason::NotGreenIndustry { allowed: any_of }),
            }
        }
        (Condition::InsuranceKind { any_of }, _) => match scenario.insurance[item.index].kind {
            None => Test::Missing(FieldId::InsuranceKind),
            Some(k) if any_of.contains(&k) => Test::Met,
            Some(actual) => Test::Failed(ItemReason::InsuranceKind { actual, allowed: any_of }),
        },
        (Condition::InsuranceProduct { any_of }, _) => match scenario.insurance[item.index].product {
            None => Test::Missing(FieldId::InsuranceProduct),
            Some(p) if any_of.contains(&p) => Test::Met,
            Some(_) => Test::Failed(ItemReason::InsuranceProduct { allowed: any_of }),
        },
        _ => unreachable!("enterprise tests are checked once per rule"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn place_names_ignore_suffix() {
        assert!(same_place("聊城市", "聊城"));
        assert!(same_place("山东省", "山东"));
        assert!(!same_place("临海市", "聊城市"));
        assert!(same_place("市", "市"));
    }
}
