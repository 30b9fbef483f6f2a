//! Institution-facing calculators (面向金融机构的测算, ground rules, R-1..R-3):
//! what a guarantee institution or a bank receives or bears under the
//! `[[institution_rules]]` of the policy pack.
//!
//! - R-1 担保代偿补偿 ([`compensation`]): compensation of a guarantor's
//!   payouts by its 代偿率 tier (seed 000 三、（三）);
//! - R-2 银担风险分担 ([`risk_split`]): the guarantor/bank split of a
//!   defaulted guaranteed loan (seeds 000 三、（二）, 002 二、（四）);
//! - R-3 临海金融机构奖补 ([`reward`]): fixed rewards per outlet, branch or
//!   customer, and balance-based risk compensation under a ceiling rate
//!   (seed 004 items 7, 8, 11, 15);
//! - rewards and compensation with a published cap or none ([`award`]:
//!   聊城 2024 items 15, 20, 24; 临海 item 1's share of R&D cost);
//! - 通川's referral limits ([`referral`]): banks per batch, days to decide.
//!
//! The input is one tagged JSON object (or a list of them):
//!
//! ```
//! use sme_subsidy::institution;
//! use sme_subsidy::pack::builtin::builtin;
//! let results = institution::evaluate_json(builtin(), r#"{
//!   "calculator": "tiered_compensation", "date": "2024-12-31",
//!   "payout": "1200000 CNY", "payout_rate_percent": "12"
//! }"#).unwrap();
//! // Bracket reading: 1,200,000 × 8%/12% = 800,000 counted, × 50% = 400,000.00.
//! assert_eq!(results[0].amount.unwrap().to_string(), "400000.00");
//! ```
//!
//! Money is `Decimal`, rounded half-up to the fen once, at the end of each
//! calculation. Every input problem is a located, bilingual
//! [`InputError`]; nothing here panics on any input.

pub mod award;
pub mod compensation;
pub mod referral;
pub mod report;
pub mod reward;
pub mod risk_split;
pub mod terms;

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use time::Date;

use crate::input::{InputError, MAX_AMOUNT};
use crate::money::{round_to_fen, Currency, Grouped, Money};
use crate::pack::institution::{
    BalanceCategory, CityMeasure, CompensationScope, CompensationTier, InstitutionQuestion, RewardUnit,
    TierBounds,
};
use crate::pack::{Document, InstitutionRule, PolicySet};
use crate::scenario::iso_date;

pub use report::InstitutionReport;

// ---------------------------------------------------------------------------
// Inputs

/// One institution calculation: the input of `sme-subsidy institution` is
/// one of these, or a list. In JSON the `calculator` key names the
/// template: `tiered_compensation` (R-1), `risk_split` (R-2),
/// `per_unit_reward` and `balance_share_reward` (R-3), `capped_award`,
/// `referral_check`.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(tag = "calculator", rename_all = "snake_case")]
pub enum InstitutionInput {
    TieredCompensation(CompensationInput),
    RiskSplit(RiskSplitInput),
    PerUnitReward(PerUnitInput),
    BalanceShareReward(BalanceShareInput),
    CappedAward(AwardInput),
    ReferralCheck(ReferralInput),
}

/// The calculators' names, as the `calculator` key spells them.
pub const CALCULATORS: [&str; 6] = [
    "tiered_compensation",
    "risk_split",
    "per_unit_reward",
    "balance_share_reward",
    "capped_award",
    "referral_check",
];

impl InstitutionInput {
    pub fn calculator(&self) -> &'static str {
        match self {
            InstitutionInput::TieredCompensation(_) => CALCULATORS[0],
            InstitutionInput::RiskSplit(_) => CALCULATORS[1],
            InstitutionInput::PerUnitReward(_) => CALCULATORS[2],
            InstitutionInput::BalanceShareReward(_) => CALCULATORS[3],
            InstitutionInput::CappedAward(_) => CALCULATORS[4],
            InstitutionInput::ReferralCheck(_) => CALCULATORS[5],
        }
    }

    /// (rule, date, answers), common to every calculator.
    fn common(&self) -> (Option<&str>, Date, &BTreeMap<String, bool>) {
        match self {
            InstitutionInput::TieredCompensation(i) => (i.rule.as_deref(), i.date, &i.answers),
            InstitutionInput::RiskSplit(i) => (i.rule.as_deref(), i.date, &i.answers),
            InstitutionInput::PerUnitReward(i) => (i.rule.as_deref(), i.date, &i.answers),
            InstitutionInput::BalanceShareReward(i) => (i.rule.as_deref(), i.date, &i.answers),
            InstitutionInput::CappedAward(i) => (i.rule.as_deref(), i.date, &i.answers),
            InstitutionInput::ReferralCheck(i) => (i.rule.as_deref(), i.date, &i.answers),
        }
    }
}

/// R-1 担保代偿补偿: the guarantor's 代偿额 and its 代偿率 (or the base to
/// derive it from).
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompensationInput {
    /// 适用条款编号, e.g. `LC-R-1`; may be left out when one rule fits.
    #[serde(default)]
    pub rule: Option<String>,
    /// 业务所属日期 (the compensation year's business date): decides
    /// whether the policy was in effect.
    #[serde(with = "iso_date")]
    #[cfg_attr(feature = "typescript", tsify(type = "DateString"))]
    pub date: Date,
    /// 担保代偿额: what the guarantor paid out on defaulted guarantees,
    /// yuan: `"1200000 CNY"`.
    pub payout: Money,
    /// 代偿率 in percent (`"2.5"` = 2.5%). Give this or `guarantee_base`.
    #[serde(default)]
    pub payout_rate_percent: Option<Decimal>,
    /// 代偿率的分母 (CNY), to derive 代偿率 = 代偿额 / 分母: the base the
    /// assessing department uses (担保总额, 在保余额 or 累计解除担保额 — the
    /// text does not define it). Give this or `payout_rate_percent`.
    #[serde(default)]
    pub guarantee_base: Option<Money>,
    /// Answers to the rule's yes/no questions, by id
    /// (InstitutionRuleSummary.questions).
    #[serde(default)]
    #[cfg_attr(feature = "typescript", tsify(type = "Record<string, boolean>"))]
    pub answers: BTreeMap<String, bool>,
}

/// R-2 银担风险分担: a defaulted guaranteed loan and the bank–guarantor
/// agreement.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RiskSplitInput {
    /// 适用条款编号, e.g. `LC-R-2`, `WZ-R-2`: required when several rules fit.
    #[serde(default)]
    pub rule: Option<String>,
    /// 代偿发生日期.
    #[serde(with = "iso_date")]
    #[cfg_attr(feature = "typescript", tsify(type = "DateString"))]
    pub date: Date,
    /// 未偿还本金 (CNY, to the fen).
    pub outstanding_principal: Money,
    /// 正常利息: interest at the contract rate (CNY, to the fen).
    pub normal_interest: Money,
    /// 罚息 (CNY, to the fen).
    #[serde(default)]
    pub penalty_interest: Option<Money>,
    /// 复利 (CNY, to the fen).
    #[serde(default)]
    pub compound_interest: Option<Money>,
    /// 其他费用: 违约金、实现债权的费用等 (CNY, to the fen).
    #[serde(default)]
    pub other_charges: Option<Money>,
    /// 协议约定的银行风险分担比例, percent (`"20"` = 20%).
    pub bank_share_percent: Decimal,
    /// 协议约定的代偿宽限期（天）.
    #[serde(default)]
    pub grace_days: Option<u32>,
    /// 银行要求担保机构缴存的保证金 (CNY, to the fen); `"0 CNY"` when none
    /// is asked.
    #[serde(default)]
    pub deposit: Option<Money>,
    /// 担保机构的代偿率, percent, where the rule sets a tolerance.
    #[serde(default)]
    pub guarantor_payout_rate_percent: Option<Decimal>,
    /// Answers to the rule's yes/no questions, by id.
    #[serde(default)]
    #[cfg_attr(feature = "typescript", tsify(type = "Record<string, boolean>"))]
    pub answers: BTreeMap<String, bool>,
}

/// A reward or compensation with a published cap, or 「按规定」 with none:
/// the rule's questions, and the cost where the rule pays a share of one.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AwardInput {
    /// 适用条款编号, e.g. `LC-R-24`.
    #[serde(default)]
    pub rule: Option<String>,
    /// 业务所属日期.
    #[serde(with = "iso_date")]
    #[cfg_attr(feature = "typescript", tsify(type = "DateString"))]
    pub date: Date,
    /// The cost a share is paid of (e.g. 研发费用, CNY), where the rule has
    /// `share_of_cost`.
    #[serde(default)]
    pub cost: Option<Money>,
    /// Answers to the rule's yes/no questions, by id.
    #[serde(default)]
    #[cfg_attr(feature = "typescript", tsify(type = "Record<string, boolean>"))]
    pub answers: BTreeMap<String, bool>,
}

/// One enterprise's referral to banks (推荐清单推送) and the banks' decision.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReferralInput {
    /// 适用条款编号, e.g. `DZ-R-REF`.
    #[serde(default)]
    pub rule: Option<String>,
    /// 核对日期: the day the check is made (and the policy must be in force).
    #[serde(with = "iso_date")]
    #[cfg_attr(feature = "typescript", tsify(type = "DateString"))]
    pub date: Date,
    /// 同一批次推送的银行家数.
    pub banks_in_batch: u32,
    /// 银行收齐企业申请材料之日.
    #[serde(default, with = "crate::scenario::iso_date_opt")]
    #[cfg_attr(feature = "typescript", tsify(type = "DateString | null"))]
    pub materials_complete: Option<Date>,
    /// 银行作出是否授信决定之日 (absent: not yet decided).
    #[serde(default, with = "crate::scenario::iso_date_opt")]
    #[cfg_attr(feature = "typescript", tsify(type = "DateString | null"))]
    pub decision_date: Option<Date>,
    /// Answers to the rule's yes/no questions, by id.
    #[serde(default)]
    #[cfg_attr(feature = "typescript", tsify(type = "Record<string, boolean>"))]
    pub answers: BTreeMap<String, bool>,
}

/// R-3 按个数奖补: how many outlets, branches or customers, by unit id.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PerUnitInput {
    /// 适用条款编号, e.g. `LH-R-3-7`.
    #[serde(default)]
    pub rule: Option<String>,
    /// 业务所属日期 (网点开业日、支行创成日、年末).
    #[serde(with = "iso_date")]
    #[cfg_attr(feature = "typescript", tsify(type = "DateString"))]
    pub date: Date,
    /// 数量 by the rule's unit id (InstitutionCalculation units), e.g.
    /// `{ "town_outlet": 2, "port_zone_outlet": 1 }`.
    #[cfg_attr(feature = "typescript", tsify(type = "Record<string, number>"))]
    pub counts: BTreeMap<String, u32>,
    /// Answers to the rule's yes/no questions, by id.
    #[serde(default)]
    #[cfg_attr(feature = "typescript", tsify(type = "Record<string, boolean>"))]
    pub answers: BTreeMap<String, bool>,
}

/// R-3 按月均余额奖补: the institution's loan balances (a ceiling rate: the
/// result is a maximum).
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BalanceShareInput {
    /// 适用条款编号, e.g. `LH-R-3-15`.
    #[serde(default)]
    pub rule: Option<String>,
    /// 业务所属日期.
    #[serde(with = "iso_date")]
    #[cfg_attr(feature = "typescript", tsify(type = "DateString"))]
    pub date: Date,
    /// 月均贷款余额, one line per loan business (per enterprise and
    /// category when the rule has categories).
    pub lines: Vec<BalanceLine>,
    /// 与全市平均的比较 (when the rule asks for it).
    #[serde(default)]
    pub city_comparison: CityComparison,
    /// Answers to the rule's yes/no questions, by id.
    #[serde(default)]
    #[cfg_attr(feature = "typescript", tsify(type = "Record<string, boolean>"))]
    pub answers: BTreeMap<String, bool>,
}

/// One loan business of a balance reward.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BalanceLine {
    /// 借款企业 (名称或统一社会信用代码): needed where a per-enterprise
    /// limit applies; lines of the same enterprise are added up.
    #[serde(default)]
    pub enterprise: Option<String>,
    /// 业务类别: one of the rule's category ids, when it has categories.
    #[serde(default)]
    pub category: Option<String>,
    /// 月均贷款余额 (CNY).
    pub monthly_average_balance: Money,
    /// 借款企业年销售收入 (CNY), where the category limits it.
    #[serde(default)]
    pub annual_sales: Option<Money>,
}

/// 与全市平均的比较 (seed 004 item 11).
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CityComparison {
    /// 本机构年末在保余额 (CNY).
    #[serde(default)]
    pub year_end_guarantee_balance: Option<Money>,
    /// 全市平均在保余额 (CNY).
    #[serde(default)]
    pub city_average_year_end_guarantee_balance: Option<Money>,
    /// 本机构年度增速, percent (may be negative).
    #[serde(default)]
    pub annual_growth_percent: Option<Decimal>,
    /// 全市平均增速, percent (may be negative).
    #[serde(default)]
    pub city_average_annual_growth_percent: Option<Decimal>,
}

// ---------------------------------------------------------------------------
// Results

/// 测算状态 of an institution calculation.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(rename = "InstitutionStatus"))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// 已测算金额
    Computed,
    /// 只公布上限（「不高于」）：测算的是最高额，实际比例另定
    Ceiling,
    /// 不符合条件
    NotEligible,
    /// 不在政策有效期内
    OutsideEffectiveDates,
    /// 符合条件，文件未公布金额（「按规定」）
    AmountNotPublished,
    /// 已核对（不涉及金额的要求，见步骤与提示）
    Checked,
}

/// The result of one institution calculation.
#[derive(Debug)]
pub struct InstitutionResult<'p> {
    pub document: &'p Document,
    pub rule: &'p InstitutionRule,
    pub date: Date,
    pub status: Status,
    /// Yuan, rounded to 分: the amount (`Computed`; for a risk split, what
    /// the guarantor pays) or the maximum (`Ceiling`).
    pub amount: Option<Decimal>,
    /// R-2 only: who bears what.
    pub split: Option<Split>,
    pub steps: Vec<Step<'p>>,
    /// Terms that do not meet the clause (computed anyway, flagged).
    pub flags: Vec<Flag>,
    /// Why the result is 不符合条件.
    pub reasons: Vec<Reason<'p>>,
    /// 「需满足」: conditions still open.
    pub to_confirm: Vec<Open<'p>>,
}

/// R-2: the loss of a defaulted guaranteed loan, split. All in yuan, to the fen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Split {
    /// 本金 + 正常利息
    pub covered: Decimal,
    /// 担保机构代偿
    pub guarantor_pays: Decimal,
    /// 银行承担
    pub bank_bears: Decimal,
    /// 不予代偿 (罚息、复利、其他费用) where the text limits the scope.
    pub excluded: Decimal,
    /// Charges the text leaves to the agreement (scope not specified).
    pub left_to_agreement: Decimal,
}

/// One named step of an institution calculation.
#[derive(Clone, Debug, PartialEq)]
pub enum Step<'p> {
    // R-1
    /// 代偿率 as entered.
    RateGiven { rate_percent: Decimal },
    /// 代偿率 = 代偿额 / 分母.
    RateDerived { payout: Decimal, base: Decimal, rate_percent: Decimal },
    /// The tier the 代偿率 falls in (bracket reading).
    TierChosen { index: usize, tier: &'p CompensationTier, bounds: TierBounds, rate_percent: Decimal },
    /// 「超出8%的部分不予补偿」: the 代偿额 attributable to the rate above the
    /// top is excluded: counted = 代偿额 × top / 代偿率.
    Excess {
        rate_percent: Decimal,
        top_percent: Decimal,
        payout: Decimal,
        counted: Decimal,
        excluded: Decimal,
    },
    /// 计入的代偿额 × 档位比例 (bracket reading); `counted` is the whole
    /// 代偿额 unless an `Excess` step came before.
    TierShare { counted: Decimal, share_percent: Decimal, amount: Decimal },
    /// One band of the marginal reading: the 代偿额 attributable to the
    /// rates in the band, at its share.
    Band {
        index: usize,
        tier: &'p CompensationTier,
        upper_percent: Decimal,
        portion: Decimal,
        share_percent: Decimal,
        amount: Decimal,
    },
    /// The sum of the bands or units.
    Sum { amount: Decimal },
    // R-2
    /// 代偿范围: 本金 + 正常利息.
    Covered { principal: Decimal, normal_interest: Decimal, covered: Decimal },
    /// 罚息、复利、其他费用 (each `None` when not entered): excluded by the
    /// clause, or left to the agreement.
    Charges {
        penalty: Option<Decimal>,
        compound: Option<Decimal>,
        other: Option<Decimal>,
        total: Decimal,
        scope: CompensationScope,
    },
    /// 担保机构代偿 = 代偿范围 × (1 − 银行分担比例).
    GuarantorShare { covered: Decimal, guarantor_percent: Decimal, amount: Decimal },
    /// 银行承担 = 代偿范围 − 担保机构代偿 (so the two add up to the fen).
    BankShare { covered: Decimal, guarantor_pays: Decimal, amount: Decimal },
    /// The agreed bank share meets the clause's minimum.
    BankShareAtLeast { agreed_percent: Decimal, minimum_percent: Decimal },
    /// The agreed grace period meets the clause's minimum.
    GraceAtLeast { days: u32, minimum: u32 },
    // R-3
    /// 数量 × 单价.
    Unit { unit: &'p RewardUnit, count: u32, amount: Decimal },
    /// A balance line counted.
    Line { index: usize, category: Option<&'p BalanceCategory>, balance: Decimal },
    /// A balance line left out: the enterprise's sales exceed the category's limit.
    LineExcluded { index: usize, sales: Decimal, max: Decimal },
    /// 单户企业纳入的月均余额上限, applied or not.
    EnterpriseCap {
        enterprise: String,
        category: Option<&'p BalanceCategory>,
        before: Decimal,
        cap: Decimal,
        after: Decimal,
    },
    /// 计入的月均余额合计.
    BalanceTotal { amount: Decimal },
    /// A city-average test met.
    CityAverageMet { measure: CityMeasure, actual: Decimal, average: Decimal },
    /// 月均余额 × 比例上限 = 最高额.
    CeilingRate { balance: Decimal, ceiling_percent: Decimal, amount: Decimal },
    /// 单家金融机构最高, applied or not.
    InstitutionCap { before: Decimal, cap: Decimal, after: Decimal },
    /// 四舍五入到分.
    Rounding { before: Decimal, after: Decimal },
    // R-2, the 温州 draft's further terms
    /// 免收保证金: the bank asks no deposit.
    DepositWaived,
    /// 代偿率 within the tolerance.
    PayoutRateWithinTolerance { rate_percent: Decimal, tolerance_percent: Decimal },
    // Awards
    /// 「最高 x 元」: the published cap, the most the rule can pay.
    AwardCap { cap: Decimal },
    /// 「按规定」: no figure published.
    AwardNotPublished,
    /// 「a%—b%」 of a cost: the range, of which the top is the maximum.
    CostShareRange { cost: Decimal, min_percent: Decimal, max_percent: Decimal, low: Decimal, high: Decimal },
    // Referral
    /// 推送银行家数 within the limit.
    BanksWithinLimit { count: u32, max: u32 },
    /// 授信决定 made within the days allowed.
    DecidedInTime { days: i64, max: u32 },
    /// 尚未作出决定: the last day allowed, not yet passed on the check date.
    DecisionDue { deadline: Date, max: u32 },
}

/// A term that does not meet the clause: the calculation still runs on the
/// agreement as entered, and says so.
#[derive(Clone, Debug, PartialEq)]
pub enum Flag {
    /// 银行分担比例低于文件要求.
    BankShareBelowMinimum { agreed_percent: Decimal, minimum_percent: Decimal, bank_at_minimum: Decimal },
    /// 代偿宽限期短于文件要求.
    GraceBelowMinimum { days: u32, minimum: u32 },
    /// 银行要求担保机构缴存保证金，文件要求免收.
    DepositRequired { deposit: Decimal },
    /// 担保机构代偿率高于放宽后的上限.
    PayoutRateAboveTolerance { rate_percent: Decimal, tolerance_percent: Decimal },
    /// 同一批次推送的银行多于文件允许的家数.
    TooManyBanks { count: u32, max: u32 },
    /// 授信决定晚于文件允许的日数.
    DecisionLate { days: i64, max: u32 },
    /// 核对日已过最后期限，仍未作出授信决定.
    DecisionOverdue { deadline: Date, max: u32 },
}

/// Why a result is 不符合条件.
#[derive(Clone, Debug, PartialEq)]
pub enum Reason<'p> {
    AnsweredNo(&'p InstitutionQuestion),
    /// Every city-average measure known, none above.
    NotAboveCityAverage {
        measures: Vec<(CityMeasure, Decimal, Decimal)>,
    },
}

/// 「需满足」 for institutions.
#[derive(Clone, Debug, PartialEq)]
pub enum Open<'p> {
    Question(&'p InstitutionQuestion),
    /// 代偿宽限期 not entered.
    GraceDays {
        minimum: u32,
    },
    /// None of the city-average measures is known to be above.
    CityAverage {
        unknown: Vec<CityMeasure>,
    },
    /// A category's condition the calculator cannot check.
    Requirement {
        category: &'p BalanceCategory,
    },
    /// A line's enterprise sales not entered.
    SalesUnknown {
        index: usize,
        max: Decimal,
    },
    /// 保证金 not entered, where the text requires it waived.
    Deposit,
    /// 收齐申请材料之日 not entered: the decision deadline cannot be checked.
    MaterialsComplete {
        max: u32,
    },
}

/// What a calculator module returns.
pub(crate) struct Outcome<'p> {
    pub status: Status,
    pub amount: Option<Decimal>,
    pub split: Option<Split>,
    pub steps: Vec<Step<'p>>,
    pub flags: Vec<Flag>,
    pub reasons: Vec<Reason<'p>>,
    pub to_confirm: Vec<Open<'p>>,
}

impl<'p> Outcome<'p> {
    pub fn new(status: Status) -> Self {
        Outcome {
            status,
            amount: None,
            split: None,
            steps: Vec::new(),
            flags: Vec::new(),
            reasons: Vec::new(),
            to_confirm: Vec::new(),
        }
    }

    /// Round once, at the end, and record it.
    pub fn round(&mut self, before: Decimal) -> Decimal {
        let after = fen(round_to_fen(before));
        self.steps.push(Step::Rounding { before, after });
        after
    }
}

/// An amount already at 分 precision, written with exactly two decimals
/// (`400000` → `400000.00`).
pub(crate) fn fen(mut amount: Decimal) -> Decimal {
    amount.rescale(2);
    amount
}

// ---------------------------------------------------------------------------
// Evaluation

/// Parse a JSON input (one tagged object, or a list of them) and evaluate
/// each against `set`. Errors name the field (`[1].bank_share_percent` in a
/// list); every problem of every input is reported.
pub fn evaluate_json<'p>(
    set: &'p PolicySet,
    json: &str,
) -> Result<Vec<InstitutionResult<'p>>, Vec<InputError>> {
    let value: serde_json::Value = serde_json::from_str(json)
        .map_err(|e| vec![prefixed("", InputError::from_serde(String::new(), &e.to_string()))])?;
    evaluate_value(set, value)
}

/// As [`evaluate_json`], the input already read (the browser's object).
pub fn evaluate_value(
    set: &PolicySet,
    value: serde_json::Value,
) -> Result<Vec<InstitutionResult<'_>>, Vec<InputError>> {
    let items: Vec<(String, serde_json::Value)> = match value {
        serde_json::Value::Array(items) => {
            items.into_iter().enumerate().map(|(i, v)| (format!("[{i}]"), v)).collect()
        }
        single => vec![(String::new(), single)],
    };
    if items.is_empty() {
        return Err(vec![InputError::new(
            "(input)",
            "列表为空：请至少填写一项测算",
            "the list is empty: enter at least one calculation",
        )]);
    }
    let mut results = Vec::new();
    let mut errors = Vec::new();
    for (prefix, value) in items {
        match input_from_value(value).and_then(|input| evaluate(set, &input)) {
            Ok(r) => results.push(r),
            Err(es) => errors.extend(es.into_iter().map(|e| prefixed(&prefix, e))),
        }
    }
    if errors.is_empty() {
        Ok(results)
    } else {
        Err(errors)
    }
}

fn prefixed(prefix: &str, mut e: InputError) -> InputError {
    if e.field == "(scenario)" || e.field == "(input)" || e.field.is_empty() {
        e.field = if prefix.is_empty() { "(input)".into() } else { prefix.to_string() };
    } else if !prefix.is_empty() {
        e.field = format!("{prefix}.{}", e.field);
    }
    e
}

/// One input from a JSON value, the failing field located (the tag is read
/// first, then the calculator's own fields, so serde's path survives).
pub fn input_from_value(value: serde_json::Value) -> Result<InstitutionInput, Vec<InputError>> {
    let serde_json::Value::Object(mut map) = value else {
        return Err(vec![InputError::new(
            "(input)",
            "应为对象（{…}），并以 calculator 指明测算类型",
            "expected an object ({…}) whose `calculator` names the calculation",
        )]);
    };
    let choices = CALCULATORS.join("、");
    let tag = match map.remove("calculator") {
        Some(serde_json::Value::String(s)) => s,
        Some(_) | None => {
            return Err(vec![InputError::new(
                "calculator",
                format!("缺少或无法识别 calculator（测算类型），可选：{choices}"),
                format!("`calculator` is missing or not a string; one of: {}", CALCULATORS.join(", ")),
            )])
        }
    };
    let value = serde_json::Value::Object(map);
    match tag.as_str() {
        "tiered_compensation" => parse(value).map(InstitutionInput::TieredCompensation),
        "risk_split" => parse(value).map(InstitutionInput::RiskSplit),
        "per_unit_reward" => parse(value).map(InstitutionInput::PerUnitReward),
        "balance_share_reward" => parse(value).map(InstitutionInput::BalanceShareReward),
        "capped_award" => parse(value).map(InstitutionInput::CappedAward),
        "referral_check" => parse(value).map(InstitutionInput::ReferralCheck),
        other => Err(vec![InputError::new(
            "calculator",
            format!("测算类型 {other} 不在可选范围内，可选：{choices}"),
            format!("unknown calculator `{other}`; one of: {}", CALCULATORS.join(", ")),
        )]),
    }
}

fn parse<T: serde::de::DeserializeOwned>(value: serde_json::Value) -> Result<T, Vec<InputError>> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let mut err = InputError::from_serde(path, &e.inner().to_string());
        if err.field == "(scenario)" {
            err.field = "(input)".into();
        }
        vec![err]
    })
}

/// Evaluate one input against the institution rules of `set`.
pub fn evaluate<'p>(
    set: &'p PolicySet,
    input: &InstitutionInput,
) -> Result<InstitutionResult<'p>, Vec<InputError>> {
    let (rule_id, date, answers) = input.common();
    let (document, rule) = find_rule(set, input.calculator(), rule_id)?;
    let mut c = Checker::default();
    c.date("date", date);
    for key in answers.keys() {
        if !rule.conditions.iter().any(|q| &q.id == key) {
            let known: Vec<&str> = rule.conditions.iter().map(|q| q.id.as_str()).collect();
            c.push(
                format!("answers.{key}"),
                format!(
                    "条款 {} 没有编号为 {key} 的问题，可回答：{}",
                    rule.id,
                    if known.is_empty() { "（无）".into() } else { known.join("、") }
                ),
                format!(
                    "rule {} has no question `{key}`; its questions: {}",
                    rule.id,
                    if known.is_empty() { "(none)".into() } else { known.join(", ") }
                ),
            );
        }
    }
    let outcome = match input {
        InstitutionInput::TieredCompensation(i) => compensation::calculate(rule, i, &mut c),
        InstitutionInput::RiskSplit(i) => risk_split::calculate(rule, i, &mut c),
        InstitutionInput::PerUnitReward(i) => reward::per_unit(rule, i, &mut c),
        InstitutionInput::BalanceShareReward(i) => reward::balance_share(rule, i, &mut c),
        InstitutionInput::CappedAward(i) => award::calculate(rule, i, &mut c),
        InstitutionInput::ReferralCheck(i) => referral::calculate(rule, i, &mut c),
    };
    if !c.errors.is_empty() {
        return Err(c.errors);
    }
    let Some(mut outcome) = outcome else {
        return Err(vec![InputError::new(
            "rule",
            "条款参数与测算类型不符",
            "the rule's calculation does not fit the calculator",
        )]);
    };
    // Dates first: outside the range there is nothing to compute (ground rule 5).
    let outside = document.effective_from.is_some_and(|from| date < from)
        || document.effective_to.is_some_and(|to| date > to);
    if outside {
        outcome = Outcome::new(Status::OutsideEffectiveDates);
    } else {
        let mut open = Vec::new();
        let mut no = Vec::new();
        for q in &rule.conditions {
            match answers.get(&q.id) {
                Some(true) => {}
                Some(false) => no.push(Reason::AnsweredNo(q)),
                None => open.push(Open::Question(q)),
            }
        }
        if !no.is_empty() {
            let mut not = Outcome::new(Status::NotEligible);
            not.reasons = no;
            not.reasons.extend(outcome.reasons);
            outcome = not;
        } else if outcome.status != Status::NotEligible {
            open.append(&mut outcome.to_confirm);
            outcome.to_confirm = open;
        }
    }
    Ok(InstitutionResult {
        document,
        rule,
        date,
        status: outcome.status,
        amount: outcome.amount,
        split: outcome.split,
        steps: outcome.steps,
        flags: outcome.flags,
        reasons: outcome.reasons,
        to_confirm: outcome.to_confirm,
    })
}

/// The rule named, or the only rule of the calculator's template.
fn find_rule<'p>(
    set: &'p PolicySet,
    calculator: &'static str,
    id: Option<&str>,
) -> Result<(&'p Document, &'p InstitutionRule), Vec<InputError>> {
    let fitting: Vec<(&Document, &InstitutionRule)> =
        set.institution_rules().filter(|(_, r)| r.calculation.template() == calculator).collect();
    let ids = || fitting.iter().map(|(_, r)| r.id.as_str()).collect::<Vec<_>>();
    match id {
        Some(id) => match set.institution_rules().find(|(_, r)| r.id == id) {
            Some((d, r)) if r.calculation.template() == calculator => Ok((d, r)),
            Some((_, r)) => Err(vec![InputError::new(
                "rule",
                format!(
                    "条款 {id} 的测算类型为 {}，不是 {calculator}；可选：{}",
                    r.calculation.template(),
                    ids().join("、")
                ),
                format!(
                    "rule {id} is a {} calculation, not {calculator}; rules that fit: {}",
                    r.calculation.template(),
                    ids().join(", ")
                ),
            )]),
            None => Err(vec![InputError::new(
                "rule",
                format!("没有编号为 {id} 的金融机构条款；{calculator} 可选：{}", ids().join("、")),
                format!("no institution rule has the id {id}; rules for {calculator}: {}", ids().join(", ")),
            )]),
        },
        None if fitting.len() == 1 => Ok(fitting[0]),
        None => Err(vec![InputError::new(
            "rule",
            format!(
                "请用 rule 指明适用条款：{}",
                if fitting.is_empty() {
                    "（政策包中没有此类条款）".into()
                } else {
                    ids().join("、")
                }
            ),
            format!(
                "name the rule with `rule`: {}",
                if fitting.is_empty() { "(the pack has none of this kind)".into() } else { ids().join(", ") }
            ),
        )]),
    }
}

// ---------------------------------------------------------------------------
// Input checks

/// Collects located input errors.
#[derive(Default)]
pub(crate) struct Checker {
    pub errors: Vec<InputError>,
}

impl Checker {
    pub fn push(&mut self, field: impl Into<String>, zh: impl Into<String>, en: impl Into<String>) {
        self.errors.push(InputError::new(field, zh, en));
    }

    /// A yuan amount: CNY, not negative, at most 一万亿; `fen` also
    /// requires at most two decimals (ledger amounts). Returns the amount
    /// (zero when refused, so the caller can carry on collecting errors).
    pub fn yuan(&mut self, field: &str, m: &Money, fen: bool) -> Decimal {
        let bad = if m.currency != Currency::Cny {
            Some((
                format!("币种应为人民币（CNY），收到 {}", m.currency.code()),
                format!("currency must be yuan (CNY), got {}", m.currency.code()),
            ))
        } else if m.amount.is_sign_negative() && !m.amount.is_zero() {
            Some(("金额不能为负数".to_string(), "amount must not be negative".to_string()))
        } else if m.amount > MAX_AMOUNT {
            Some((
                format!("金额 {} 超出合理范围（不超过一万亿）", Grouped(m.amount)),
                format!("amount {} is out of range (at most 1,000,000,000,000)", Grouped(m.amount)),
            ))
        } else if fen && m.amount.normalize().scale() > 2 {
            Some((
                "金额最多精确到分（两位小数）".to_string(),
                "amount must be in yuan with at most two decimals (fen)".to_string(),
            ))
        } else {
            None
        };
        match bad {
            Some((zh, en)) => {
                self.push(field, zh, en);
                Decimal::ZERO
            }
            None => m.amount,
        }
    }

    /// A percentage in [0, 100] (`signed`: any value in [-100, 1000], for growth rates).
    pub fn percent(&mut self, field: &str, p: Decimal, signed: bool) -> Decimal {
        let ok = if signed {
            p >= -Decimal::ONE_HUNDRED && p <= Decimal::ONE_THOUSAND
        } else {
            p >= Decimal::ZERO && p <= Decimal::ONE_HUNDRED
        };
        if ok {
            return p;
        }
        if !signed && p.is_sign_negative() {
            self.push(field, "比率不能为负数", "rate must not be negative");
        } else if signed {
            self.push(
                field,
                format!("增速 {p}% 超出合理范围（-100 至 1000）"),
                format!("growth {p}% is out of range (-100 to 1000)"),
            );
        } else {
            self.push(
                field,
                format!("比率 {p}% 超出范围：请按百分数填写（如 2.5 表示 2.5%），且不超过100"),
                format!("rate {p}% is out of range: enter a percentage (2.5 means 2.5%), at most 100"),
            );
        }
        Decimal::ZERO
    }

    fn date(&mut self, field: &str, date: Date) {
        if !(1990..=2100).contains(&date.year()) {
            self.push(
                field,
                format!("日期 {date} 超出范围（1990—2100年）"),
                format!("date {date} is out of range (1990–2100)"),
            );
        }
    }
}
