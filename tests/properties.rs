//! Property tests over generated scenarios:
//! - every amount is ≥ 0 and has at most 2 decimal places (分);
//! - every amount is ≤ its cap: I-1 100,000 per enterprise-year × the years
//!   the loans span, G-2 20,000 per item, P-1 1,000,000 per 投保年度,
//!   I-3 200,000 per enterprise;
//! - every amount is ≤ what was paid: interest (I-1, I-2, I-3), fee (G-2),
//!   premium (P-1, P-2);
//! - I-1 is monotone non-decreasing in the principal (until the cap, where it
//!   stays flat);
//! - I-1, I-3, G-2, P-1 and P-2 agree with a small reference model written
//!   from the clauses here (with its own LPR lookup from data/lpr.csv);
//! - the total is the sum of the amounts that count for the enterprise.
//!
//! Case counts are modest so the suite stays at a few seconds in debug mode.

use std::collections::BTreeMap;

use proptest::prelude::*;
use rust_decimal::{Decimal, RoundingStrategy};
use time::{Date, Duration, Month};

use sme_subsidy::money::Money;
use sme_subsidy::pack::builtin::builtin;
use sme_subsidy::result::{Evaluation, RuleResult, Status};
use sme_subsidy::scenario::{
    Collateral, Enterprise, EvaluationFee, Guarantee, InnovativeProduct, InsuranceKind, InsurancePolicy,
    Lender, Loan, LoanPurpose, LprOverride, Qualification, Region, Scenario,
};
use sme_subsidy::size::Industry;
use sme_subsidy::{evaluate, input, Report};

const CASES: u32 = 96;

// ---------------------------------------------------------------------------
// Reference model, from the clauses (not from src/).

fn d(n: i64) -> Decimal {
    Decimal::from(n)
}

fn pct(p: Decimal) -> Decimal {
    p / d(100)
}

fn round_fen(x: Decimal) -> Decimal {
    x.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

fn date(y: i32, m: u8, day: u8) -> Date {
    Date::from_calendar_date(y, Month::try_from(m).unwrap(), day).unwrap()
}

/// The 1-year LPR in force on `on`, from data/lpr.csv (value in force from its
/// announcement date until the next one).
fn lpr_1y(on: Date) -> Decimal {
    let mut in_force = None;
    for line in include_str!("../data/lpr.csv").lines() {
        if line.starts_with('#') || line.starts_with("effective_from") || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split(',').collect();
        let p: Vec<i32> = cols[0].split('-').map(|x| x.parse().unwrap()).collect();
        let from = date(p[0], p[1] as u8, p[2] as u8);
        if from <= on {
            in_force = Some(cols[1].trim().parse::<Decimal>().unwrap());
        }
    }
    in_force.expect("dates generated from 2019-08-20 on")
}

/// Days of [start, end) in each calendar year.
fn days_by_year(start: Date, end: Date) -> BTreeMap<i32, i64> {
    let mut out = BTreeMap::new();
    let mut day = start;
    while day < end {
        *out.entry(day.year()).or_insert(0) += 1;
        day += Duration::days(1);
    }
    out
}

/// What a loan cost: interest paid as entered, or the contract rate's interest (act/360).
fn interest_paid(loan: &Loan) -> Decimal {
    match (loan.interest_paid, loan.contract_rate_percent) {
        (Some(p), _) => p.amount,
        (None, Some(rate)) => {
            let days = (loan.end_date.unwrap() - loan.start_date.unwrap()).whole_days();
            loan.principal.unwrap().amount * pct(rate) * d(days) / d(360)
        }
        _ => unreachable!("generator always sets one"),
    }
}

/// I-1 (seed 001 二、（四）14): Σ principal × LPR(contract date) × 40% × days/360, split
/// by calendar year, each year capped at 100,000, never above interest paid, rounded once.
fn i1_reference(loans: &[Loan]) -> Decimal {
    let mut by_year: BTreeMap<i32, Decimal> = BTreeMap::new();
    let mut paid = Decimal::ZERO;
    for loan in loans {
        let (start, end) = (loan.start_date.unwrap(), loan.end_date.unwrap());
        let rate = pct(lpr_1y(start)) * pct(d(40));
        for (year, days) in days_by_year(start, end) {
            *by_year.entry(year).or_default() += loan.principal.unwrap().amount * rate * d(days) / d(360);
        }
        paid += interest_paid(loan);
    }
    let capped: Decimal = by_year.values().map(|v| (*v).min(d(100_000))).sum();
    round_fen(capped.min(paid))
}

// ---------------------------------------------------------------------------
// Generators: amounts in fen, loan dates inside the I-1/I-2 effective range.

fn yuan(max_yuan: i64) -> impl Strategy<Value = Decimal> {
    (1i64..=max_yuan * 100).prop_map(|fen| Decimal::new(fen, 2))
}

fn yuan_or_zero(max_yuan: i64) -> impl Strategy<Value = Decimal> {
    (0i64..=max_yuan * 100).prop_map(|fen| Decimal::new(fen, 2))
}

fn cny(x: Decimal) -> Option<Money> {
    Some(Money::cny(x))
}

/// A start date from 2024-04-20 (the 聊城 document's effective date: days
/// before it do not count, the `effective_period` reading, which the golden
/// cases i1/21–25 cover) to ~2026, and a term of 1 … 800 days.
fn loan_dates() -> impl Strategy<Value = (Date, Date)> {
    (0i64..900, 1i64..=800).prop_map(|(offset, term)| {
        let start = date(2024, 4, 20) + Duration::days(offset);
        (start, start + Duration::days(term))
    })
}

/// A patent-pledge, carbon-reduction loan that qualifies for both I-1 and I-2.
fn loan() -> impl Strategy<Value = Loan> {
    (
        yuan(50_000_000),
        loan_dates(),
        prop_oneof![
            yuan_or_zero(3_000_000).prop_map(|p| (Some(p), None)),
            (1i64..=1_500).prop_map(|bp| (None, Some(Decimal::new(bp, 2)))),
        ],
    )
        .prop_map(|(principal, (start, end), (paid, rate))| Loan {
            principal: cny(principal),
            start_date: Some(start),
            end_date: Some(end),
            interest_paid: paid.map(Money::cny),
            contract_rate_percent: rate,
            collateral: vec![Collateral::PatentPledge],
            pledge_registered: Some(true),
            repaid_on_schedule: Some(true),
            lender: Some(Lender::LocalLegalPersonBank),
            carbon_reduction_tool: Some(true),
            purpose: Some(LoanPurpose::CleanEnergy),
            ..Loan::default()
        })
}

fn evaluation_fee() -> impl Strategy<Value = EvaluationFee> {
    yuan_or_zero(100_000).prop_map(|fee| EvaluationFee {
        fee: cny(fee),
        for_patent_pledge_loan: Some(true),
        paid_date: Some(date(2024, 6, 1)),
        ..EvaluationFee::default()
    })
}

fn patent_guarantee() -> impl Strategy<Value = Guarantee> {
    (yuan(20_000_000), yuan_or_zero(200_000), 1u32..=36).prop_map(|(amount, fee, months)| Guarantee {
        amount: cny(amount),
        fee: cny(fee),
        term_months: Some(months),
        government_business: Some(false),
        for_patent_pledge_loan: Some(true),
        fee_paid_date: Some(date(2024, 6, 1)),
        ..Guarantee::default()
    })
}

/// A first-set policy (P-1): premium rate from 0 up to ~6% of the insured amount, start 2023–2025.
fn first_set_policy() -> impl Strategy<Value = InsurancePolicy> {
    (yuan(400_000_000), 0i64..=600, 2023i32..=2025, 1u8..=12).prop_map(|(insured, rate_bp, year, month)| {
        let premium = round_fen(insured * Decimal::new(rate_bp, 4));
        InsurancePolicy {
            kind: Some(InsuranceKind::ProductCombined),
            product: Some(InnovativeProduct::FirstSetEquipment),
            insured_amount: cny(insured),
            premium: cny(premium),
            start_date: Some(date(year, month, 1)),
            ..InsurancePolicy::default()
        }
    })
}

fn export_policy() -> impl Strategy<Value = InsurancePolicy> {
    yuan_or_zero(500_000).prop_map(|premium| InsurancePolicy {
        kind: Some(InsuranceKind::ExportCredit),
        premium: cny(premium),
        start_date: Some(date(2024, 6, 1)),
        ..InsurancePolicy::default()
    })
}

fn liaocheng_small(exports_usd: Decimal) -> Enterprise {
    // 工业 80 人, 营业收入 5,000万 → 小型 (工信部联企业〔2011〕300号 第四条（二）).
    Enterprise {
        region: Some(Region { province: "山东省".into(), city: Some("聊城市".into()), county: None }),
        industry: Some(Industry::Industry),
        employees: Some(80),
        operating_revenue: cny(d(50_000_000)),
        annual_exports: Some(Money::usd(exports_usd)),
        ..Enterprise::default()
    }
}

fn scenario(enterprise: Enterprise, evaluation_date: Date) -> Scenario {
    Scenario {
        evaluation_date,
        enterprise,
        loans: vec![],
        guarantees: vec![],
        evaluation_fees: vec![],
        insurance: vec![],
        ipo: None,
        lpr_override: LprOverride::default(),
        answers: [("fits_industry_policy", true), ("on_first_set_list", true), ("ipo_conditions", true)]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
    }
}

prop_compose! {
    /// Every family present for a 聊城 small enterprise.
    fn rich_scenario()(
        loans in prop::collection::vec(loan(), 1..=3),
        fees in prop::collection::vec(evaluation_fee(), 0..=3),
        guarantees in prop::collection::vec(patent_guarantee(), 0..=3),
        first_set in prop::collection::vec(first_set_policy(), 0..=3),
        export in prop::collection::vec(export_policy(), 0..=2),
        exports_usd in (0i64..=500_000_000).prop_map(|c| Decimal::new(c, 2)),
    ) -> Scenario {
        let mut s = scenario(liaocheng_small(exports_usd), date(2026, 12, 31));
        s.loans = loans;
        // Each fee for a loan of its own, so each is one 单项 under the
        // fee_cap_unit reading (per fee kind per loan).
        s.evaluation_fees = fees.into_iter().enumerate().map(|(i, f)| EvaluationFee { loan_number: Some(i + 1), ..f }).collect();
        s.guarantees = guarantees.into_iter().enumerate().map(|(i, g)| Guarantee { loan_number: Some(i + 1), ..g }).collect();
        s.insurance = first_set.into_iter().chain(export).collect();
        s
    }
}

fn result<'a, 'p>(e: &'a Evaluation<'p>, id: &str) -> &'a RuleResult<'p> {
    e.results.iter().find(|r| r.rule.id == id).unwrap_or_else(|| panic!("no rule {id}"))
}

fn amount(e: &Evaluation, id: &str) -> Decimal {
    let r = result(e, id);
    assert_eq!(r.status, Status::Eligible, "{id}: {:?} {:?} {:?}", r.status, r.reasons, r.missing);
    r.amount.expect("eligible has an amount")
}

fn years_of_loans(loans: &[Loan]) -> usize {
    let mut years: Vec<i32> = loans
        .iter()
        .flat_map(|l| days_by_year(l.start_date.unwrap(), l.end_date.unwrap()).into_keys())
        .collect();
    years.sort();
    years.dedup();
    years.len()
}

// ---------------------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig { cases: CASES, ..ProptestConfig::default() })]

    /// Every amount of every rule: ≥ 0, at most 2 decimals, present iff eligible;
    /// the total is the sum of those that count for the enterprise; the report renders.
    #[test]
    fn every_amount_is_non_negative_fen_and_total_adds_up(s in rich_scenario()) {
        prop_assert!(input::check(&s).is_ok(), "generator made an invalid scenario: {:?}", input::check(&s));
        let e = evaluate(builtin(), &s);
        let mut total = Decimal::ZERO;
        for r in &e.results {
            prop_assert_eq!(r.amount.is_some(), r.status == Status::Eligible, "{}", r.rule.id);
            if let Some(a) = r.amount {
                prop_assert!(a >= Decimal::ZERO, "{}: {}", r.rule.id, a);
                prop_assert!(a.scale() <= 2 || a.round_dp(2) == a, "{}: {} has more than 2 decimals", r.rule.id, a);
                if r.counts_in_total() {
                    total += a;
                }
            }
        }
        prop_assert_eq!(e.total_to_enterprise(), total);
        let report = Report::new(&e, sme_subsidy::report::Lang::Both);
        prop_assert_eq!(report.total_yuan, format!("{total:.2}"));
    }

    /// I-1: ≤ 100,000 × the calendar years the loans span; ≤ interest paid;
    /// equal to the reference model of 二、（四）14.
    #[test]
    fn i1_within_cap_paid_and_reference(s in rich_scenario()) {
        let e = evaluate(builtin(), &s);
        let a = amount(&e, "LC-I-1");
        let years = years_of_loans(&s.loans);
        prop_assert!(a <= d(100_000) * d(years as i64), "{a} above {years} × 100,000");
        let paid: Decimal = s.loans.iter().map(interest_paid).sum();
        prop_assert!(a <= round_fen(paid), "{a} above interest paid {paid}");
        prop_assert_eq!(a, i1_reference(&s.loans));
    }

    /// I-1 is monotone non-decreasing in the principal: raising one loan's
    /// principal never lowers the subsidy (it grows until a cap or the paid
    /// bound holds it flat).
    #[test]
    fn i1_monotone_in_principal(
        s in rich_scenario(),
        which in any::<prop::sample::Index>(),
        extra in yuan(20_000_000),
    ) {
        let before = amount(&evaluate(builtin(), &s), "LC-I-1");
        let mut bigger = s.clone();
        let i = which.index(bigger.loans.len());
        let p = bigger.loans[i].principal.unwrap().amount;
        bigger.loans[i].principal = cny(p + extra);
        // A contract-rate estimate of the interest grows with the principal too; an entered
        // interest_paid stays as it was.
        let after = amount(&evaluate(builtin(), &bigger), "LC-I-1");
        prop_assert!(after >= before, "principal {p} → {}: subsidy {before} → {after}", p + extra);
    }

    /// A single one-year-or-less loan with ample interest paid: strictly the formula
    /// until the 100,000 cap, then flat at the cap.
    #[test]
    fn i1_single_loan_grows_until_the_cap(
        principal in yuan(30_000_000),
        (start, end) in loan_dates(),
    ) {
        let mut s = scenario(liaocheng_small(d(0)), date(2026, 12, 31));
        s.loans = vec![Loan {
            principal: cny(principal),
            start_date: Some(start),
            end_date: Some(end),
            interest_paid: cny(d(10_000_000)),
            collateral: vec![Collateral::PatentPledge, Collateral::FixedAssetMortgage],
            pledge_registered: Some(true),
            repaid_on_schedule: Some(true),
            ..Loan::default()
        }];
        let a = amount(&evaluate(builtin(), &s), "LC-I-1");
        let rate = pct(lpr_1y(start)) * pct(d(40));
        let by_year = days_by_year(start, end);
        let expected: Decimal = by_year
            .values()
            .map(|days| (principal * rate * d(*days) / d(360)).min(d(100_000)))
            .sum();
        prop_assert_eq!(a, round_fen(expected));
        prop_assert!(a <= d(100_000) * d(by_year.len() as i64));
    }

    /// I-2 (二、（三）10, 25BP): ≤ interest paid and ≤ Σ principal × 0.25% × days/360.
    #[test]
    fn i2_within_paid_and_formula(s in rich_scenario()) {
        let e = evaluate(builtin(), &s);
        let a = amount(&e, "LC-I-2");
        let paid: Decimal = s.loans.iter().map(interest_paid).sum();
        let formula: Decimal = s.loans.iter().map(|l| {
            let days = (l.end_date.unwrap() - l.start_date.unwrap()).whole_days();
            l.principal.unwrap().amount * Decimal::new(25, 4) * d(days) / d(360)
        }).sum();
        prop_assert!(a <= round_fen(paid), "{a} above interest paid {paid}");
        prop_assert_eq!(a, round_fen(formula.min(paid)));
    }

    /// G-2 (二、（四）14): each item min(50% × fee, 20,000); ≤ 20,000 × items; ≤ fees paid.
    #[test]
    fn g2_within_item_cap_and_fees(s in rich_scenario()) {
        let e = evaluate(builtin(), &s);
        let fees: Vec<Decimal> = s.evaluation_fees.iter().map(|f| f.fee.unwrap().amount)
            .chain(s.guarantees.iter().map(|g| g.fee.unwrap().amount))
            .collect();
        let r = result(&e, "LC-G-2");
        if fees.is_empty() {
            // No fee entered at all: asked for, not refused.
            prop_assert_eq!(r.status, Status::NeedsInformation);
            return Ok(());
        }
        let a = amount(&e, "LC-G-2");
        prop_assert!(a <= d(20_000) * d(fees.len() as i64));
        prop_assert!(a <= fees.iter().copied().sum::<Decimal>());
        let expected: Decimal = fees.iter().map(|f| (*f * pct(d(50))).min(d(20_000))).sum();
        prop_assert_eq!(a, round_fen(expected));
    }

    /// P-1 (二、（五）16): 20% × min(premium, insured × 3%), ≤ 1,000,000 per 投保年度,
    /// ≤ the premiums paid.
    #[test]
    fn p1_within_ceiling_cap_and_premium(s in rich_scenario()) {
        let e = evaluate(builtin(), &s);
        // Only policy years begun on or after the document's effective date
        // 2024-04-20 are paid (the effective_period reading).
        let policies: Vec<&InsurancePolicy> = s.insurance.iter()
            .filter(|p| p.kind == Some(InsuranceKind::ProductCombined) && p.start_date.unwrap() >= date(2024, 4, 20))
            .collect();
        let r = result(&e, "LC-P-1");
        if s.insurance.is_empty() {
            prop_assert_eq!(r.status, Status::NeedsInformation);
            return Ok(());
        }
        if policies.is_empty() {
            prop_assert_eq!(r.status, Status::NotEligible);
            return Ok(());
        }
        let a = amount(&e, "LC-P-1");
        let mut by_year: BTreeMap<i32, Decimal> = BTreeMap::new();
        for p in &policies {
            let base = p.premium.unwrap().amount.min(p.insured_amount.unwrap().amount * pct(d(3)));
            *by_year.entry(p.start_date.unwrap().year()).or_default() += base * pct(d(20));
        }
        let premiums: Decimal = policies.iter().map(|p| p.premium.unwrap().amount).sum();
        prop_assert!(a <= d(1_000_000) * d(by_year.len() as i64));
        prop_assert!(a <= premiums, "{a} above premiums {premiums}");
        prop_assert!(a <= round_fen(premiums * pct(d(20))));
        let expected: Decimal = by_year.values().map(|v| (*v).min(d(1_000_000))).sum();
        prop_assert_eq!(a, round_fen(expected));
    }

    /// P-2 (二、（六）20, exports ≤ US$5M, small): 100% of the export-credit premiums, never more.
    #[test]
    fn p2_is_the_premium_paid(s in rich_scenario()) {
        let e = evaluate(builtin(), &s);
        let premiums: Vec<Decimal> = s.insurance.iter()
            .filter(|p| p.kind == Some(InsuranceKind::ExportCredit))
            .map(|p| p.premium.unwrap().amount)
            .collect();
        if s.insurance.is_empty() {
            prop_assert_eq!(result(&e, "LC-P-2").status, Status::NeedsInformation);
        } else if premiums.is_empty() {
            prop_assert_eq!(result(&e, "LC-P-2").status, Status::NotEligible);
        } else {
            let a = amount(&e, "LC-P-2");
            prop_assert_eq!(a, premiums.iter().copied().sum::<Decimal>());
        }
    }

    /// I-3 (临政办发〔2021〕47号 三、（二）8): min(2% × Σ balance, 200,000, interest paid).
    #[test]
    fn i3_within_cap_and_paid(
        loans in prop::collection::vec((yuan(20_000_000), yuan_or_zero(1_000_000)), 1..=3),
        revenue in yuan(30_000_000),
        day in 0i64..=126,
    ) {
        let enterprise = Enterprise {
            region: Some(Region { province: "浙江省".into(), city: Some("台州市".into()), county: Some("临海市".into()) }),
            operating_revenue: cny(revenue),
            qualifications: vec![Qualification::TechEnterprise],
            ..Enterprise::default()
        };
        // 2021-08-27 … 2021-12-31, the document's effective range.
        let mut s = scenario(enterprise, date(2021, 8, 27) + Duration::days(day));
        s.loans = loans.iter().map(|(balance, paid)| Loan {
            monthly_average_balance: cny(*balance),
            // Lent over the whole effective range: the full balance counts.
            start_date: Some(date(2021, 1, 1)),
            end_date: Some(date(2022, 6, 30)),
            interest_paid: cny(*paid),
            lender: Some(Lender::TechBranch),
            ..Loan::default()
        }).collect();
        let a = amount(&evaluate(builtin(), &s), "LH-I-3");
        let balances: Decimal = loans.iter().map(|(b, _)| *b).sum();
        let paid: Decimal = loans.iter().map(|(_, p)| *p).sum();
        prop_assert!(a <= d(200_000));
        prop_assert!(a <= paid);
        prop_assert_eq!(a, round_fen((balances * pct(d(2))).min(d(200_000)).min(paid)));
    }
}
