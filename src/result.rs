//! What an evaluation returns: per rule a status, the amount, the named
//! steps that reached it, the failed conditions, the missing fields and the
//! 「需满足」 items still open.
//!
//! Steps and reasons are kept structured (kind + numbers) and borrow the
//! pack; their zh-CN and English text is rendered only when a report is
//! asked for (`crate::report`), which keeps a full evaluation cheap.

use rust_decimal::Decimal;
use time::Date;

use crate::fields::FieldId;
use crate::lpr::LprQuote;
use crate::pack::{Document, GuaranteeFact, ItemKind, LoanFact, Recipient, Rule, Text};
use crate::scenario::{
    Collateral, GreenIndustry, InnovativeProduct, InsuranceKind, IpoStage, Lender, LoanPurpose, Qualification,
};
use crate::size::{Metric, Size};

/// The result for one scenario against one policy set.
#[derive(Debug)]
pub struct Evaluation<'p> {
    pub evaluation_date: Date,
    /// 企业划型 (S-1), or the statistics still missing.
    pub size: SizeOutcome,
    pub results: Vec<RuleResult<'p>>,
}

/// S-1 outcome for the scenario.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SizeOutcome {
    Classified(Size),
    /// The industry is known; these statistics are not.
    Missing(Vec<Metric>),
    /// No industry given.
    NoIndustry,
}

impl<'p> Evaluation<'p> {
    /// 合计: computed amounts paid to the enterprise itself (ground
    /// rule 8), for rules whose status is eligible.
    pub fn total_to_enterprise(&self) -> Decimal {
        self.results.iter().filter(|r| r.counts_in_total()).filter_map(|r| r.amount).sum()
    }
}

/// 测算状态.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// 符合条件，已测算金额
    Eligible,
    /// 符合条件，金额未公布（由主管部门确定）
    AmountNotPublished,
    /// 不符合条件
    NotEligible,
    /// 需补充信息
    NeedsInformation,
    /// 不在政策有效期内
    OutsideEffectiveDates,
}

/// One rule's result.
#[derive(Debug)]
pub struct RuleResult<'p> {
    pub document: &'p Document,
    pub rule: &'p Rule,
    pub status: Status,
    /// Yuan, rounded to 分; present when `status` is `Eligible`.
    pub amount: Option<Decimal>,
    pub steps: Vec<Step<'p>>,
    /// Failed conditions (not eligible), or items left out (eligible).
    pub reasons: Vec<Reason<'p>>,
    /// Fields to fill in.
    pub missing: Vec<Field>,
    /// 「需满足」: conditions the calculator cannot verify, still open.
    pub to_confirm: Vec<Open<'p>>,
}

impl<'p> RuleResult<'p> {
    pub(crate) fn empty(document: &'p Document, rule: &'p Rule) -> Self {
        RuleResult {
            document,
            rule,
            status: Status::OutsideEffectiveDates,
            amount: None,
            steps: Vec::new(),
            reasons: Vec::new(),
            missing: Vec::new(),
            to_confirm: Vec::new(),
        }
    }

    /// The result of `rule` before any test, keeping the lists' room.
    pub(crate) fn reset(&mut self, document: &'p Document, rule: &'p Rule) {
        self.document = document;
        self.rule = rule;
        self.status = Status::OutsideEffectiveDates;
        self.amount = None;
        self.steps.clear();
        self.reasons.clear();
        self.missing.clear();
        self.to_confirm.clear();
    }

    pub fn counts_in_total(&self) -> bool {
        self.status == Status::Eligible && self.rule.recipient == Recipient::Enterprise
    }
}

/// An item of the scenario: `loans[2]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ItemRef {
    pub kind: ItemKind,
    pub index: usize,
}

impl ItemRef {
    pub fn path(self) -> String {
        let list = match self.kind {
            ItemKind::Loan => "loans",
            ItemKind::Guarantee => "guarantees",
            ItemKind::EvaluationFee => "evaluation_fees",
            ItemKind::Insurance => "insurance",
        };
        format!("{list}[{}]", self.index)
    }
}

/// A scenario field: `enterprise.region` or `loans[0].principal`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Field {
    pub item: Option<ItemRef>,
    pub id: FieldId,
    /// Filled in, but not understood (a place name the gazetteer does not
    /// know): to check rather than to fill in.
    pub unrecognised: bool,
}

impl Field {
    pub fn enterprise(id: FieldId) -> Field {
        Field { item: None, id, unrecognised: false }
    }
    pub fn of(item: ItemRef, id: FieldId) -> Field {
        Field { item: Some(item), id, unrecognised: false }
    }
    /// A place field whose name the gazetteer does not know.
    pub fn unrecognised_place(id: FieldId) -> Field {
        Field { item: None, id, unrecognised: true }
    }
    pub fn path(&self) -> String {
        self.id.at(self.item.map(|i| i.index))
    }
}

/// Why a condition failed.
#[derive(Clone, Debug, PartialEq)]
pub enum Reason<'p> {
    /// The enterprise is outside the document's jurisdiction.
    OutsideJurisdiction,
    SizeNotAllowed {
        actual: Size,
        allowed: &'p [Size],
    },
    LacksQualification(Qualification),
    RevenueAbove {
        actual: Decimal,
        max: Decimal,
    },
    ExportsAbove {
        actual: Decimal,
        max: Decimal,
    },
    ExportsNotAbove {
        actual: Decimal,
        min: Decimal,
    },
    IpoStageNotReached {
        actual: Option<IpoStage>,
        required: IpoStage,
    },
    /// No IPO entered.
    NoIpo,
    /// An item dated outside the document's effective range.
    ItemOutsidePeriod {
        item: ItemRef,
        date: Date,
    },
    /// No qualifying loan has a day inside the policy's effective dates.
    NothingAccrues,
    /// The user answered no to a question.
    AnsweredNo(&'p Text),
    /// An item left out, and why.
    Item {
        item: ItemRef,
        why: ItemReason<'p>,
    },
}

/// Why an item does not count.
#[derive(Clone, Debug, PartialEq)]
pub enum ItemReason<'p> {
    Collateral {
        allowed: &'p [Collateral],
    },
    Lender {
        actual: Lender,
        allowed: &'p [Lender],
    },
    Purpose {
        actual: LoanPurpose,
        allowed: &'p [LoanPurpose],
    },
    LoanFactNo(LoanFact),
    GuaranteeFactNo(GuaranteeFact),
    /// `borrower_total`: the sum of the enterprise's guarantees (单户).
    AmountAbove {
        actual: Decimal,
        max: Decimal,
        borrower_total: bool,
    },
    FeeRateAbove {
        actual_percent: Decimal,
        max_percent: Decimal,
    },
    NotGreenIndustry {
        allowed: &'p [GreenIndustry],
    },
    InsuranceKind {
        actual: InsuranceKind,
        allowed: &'p [InsuranceKind],
    },
    InsuranceProduct {
        allowed: &'p [InnovativeProduct],
    },
}

/// 「需满足」: a condition the calculator cannot verify.
#[derive(Clone, Debug, PartialEq)]
pub enum Open<'p> {
    LoanFact {
        item: ItemRef,
        fact: LoanFact,
    },
    /// 按期还清本息, for a loan whose end date has not passed.
    NotYetDue {
        item: ItemRef,
        end: Option<Date>,
    },
    GuaranteeFact {
        item: ItemRef,
        fact: GuaranteeFact,
    },
    Question {
        id: &'p str,
        question: &'p Text,
    },
}

/// Which cap a `Cap` step applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CapScope {
    /// 一个投保年度 of one policy (the `premium_cap_year` reading: policy_year)
    PolicyYear(ItemRef),
    /// 单项
    Item(ItemRef),
    /// 单项 as one fee kind of one loan
    FeeKindOfLoan { kind: ItemKind, loan_number: Option<usize> },
    /// 同一企业一个年度
    EnterpriseYear(i32),
    /// 同一企业一个年度, the 年度 read as the loan years beginning in this year
    LoanYear(i32),
    /// 单个企业
    Enterprise,
    /// 累计最高
    Total,
}

/// The rate a day-count slice used.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum RateBasis {
    /// LPR × share
    LprShare { lpr_percent: Decimal, share_percent: Decimal },
    /// fixed basis points
    FixedBp(Decimal),
}

/// One named step of a calculation (Catala's chain of states: amount by
/// formula → amount after cap → amount after the paid bound → rounded).
#[derive(Clone, Debug, PartialEq)]
pub enum Step<'p> {
    /// The loan's days outside the document's effective range do not count:
    /// [start, end) became [from, until) (empty when from == until).
    AccrualClipped { item: ItemRef, start: Date, end: Date, from: Date, until: Date },
    /// The LPR picked for a loan.
    Lpr { item: ItemRef, quote: LprQuote },
    /// 本金（余额）× 年利率 × 天数 / 基准, for the loan's days in one year
    /// (calendar, or the loan year from `loan_year_from`) at one balance.
    InterestSlice {
        item: ItemRef,
        year: i32,
        loan_year_from: Option<Date>,
        /// [from, until) when a repayment schedule splits the year.
        dates: Option<(Date, Date)>,
        /// The principal outstanding in these days.
        principal: Decimal,
        rate: RateBasis,
        days: i64,
        /// Of `days`, those after the evaluation date (预计).
        future_days: i64,
        basis: i64,
        amount: Decimal,
    },
    /// The loan's days from `from` are after the evaluation date and not
    /// counted (the `future_interest` reading: accrued only).
    FutureExcluded { item: ItemRef, from: Date },
    /// Of the formula's amount, what has accrued by the evaluation date and
    /// what is an estimate to maturity (预计).
    Projected { evaluation_date: Date, accrued: Decimal, projected: Decimal },
    /// 月均余额 over the counted months: the loan's balance × its days in
    /// them / their days.
    BalanceAverage {
        item: ItemRef,
        balance: Decimal,
        from: Date,
        until: Date,
        loan_days: i64,
        period_days: i64,
        average: Decimal,
    },
    /// Several fees of one kind for one loan, summed under one cap.
    FeeGroup { kind: ItemKind, loan_number: Option<usize>, count: usize, amount: Decimal },
    /// The year's total before its cap.
    /// `loan_year`: the loan years that begin in `year`.
    YearSubtotal { year: i32, loan_year: bool, amount: Decimal },
    /// 月均余额 × 比例.
    BalanceShare { item: ItemRef, balance: Decimal, share_percent: Decimal, amount: Decimal },
    /// 费用 × 比例.
    FeeShare { item: ItemRef, fee: Decimal, share_percent: Decimal, amount: Decimal },
    /// min(实际保费, 保险金额 × 费率上限).
    PremiumBase { item: ItemRef, premium: Decimal, insured: Decimal, ceiling_percent: Decimal, base: Decimal },
    /// 保费基数 × 比例.
    PremiumShare { item: ItemRef, base: Decimal, share_percent: Decimal, amount: Decimal },
    /// The amount of one grant stage in the fundraising band.
    StageAmount {
        stage: IpoStage,
        fundraising: Decimal,
        from: Decimal,
        below: Option<Decimal>,
        amount: Decimal,
    },
    /// The sum of the items above.
    Sum { amount: Decimal },
    /// A cap, applied or not.
    Cap { scope: CapScope, before: Decimal, cap: Decimal, after: Decimal },
    /// The text publishes no cap.
    NoCapPublished,
    /// Never above what was actually paid (ground rule 4).
    PaidBound { before: Decimal, paid: Decimal, estimated: bool, after: Decimal },
    /// 四舍五入到分.
    Rounding { before: Decimal, after: Decimal },
    /// No figure is published: who sets it, and any published cap.
    NotPublished { set_by: &'p Text, cap: Option<Decimal> },
}
