//! Readings (本测算采用的解读): where a clause can be read more than one way,
//! the rule names the reading it takes, the alternatives, and why — as data
//! (`[[rules.readings]]`), shown with every result and switchable by a
//! portal's pack, never only a comment.
//!
//! In the pack a reading is strings (`id`, `value`, each alternative's
//! `value` and labels); on loading it becomes a typed [`Choice`], so the
//! engine matches on Rust values and an unknown id or value is refused with
//! its path. Every alternative the pack lists must be a value the engine
//! implements.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::institution::{PerEnterpriseCap, TierReading, TierTop};
use super::Text;
use crate::lpr::Tenor;

/// One reading of a rule: the value taken, the alternatives, the reason.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "ReadingData", into = "ReadingData")]
pub struct Reading {
    pub choice: Choice,
    /// What is read, e.g. 「同一企业一个年度」的“年度”.
    pub name: Text,
    /// Every value a portal may choose, with its label (the taken one among them).
    pub alternatives: Vec<Alternative>,
    /// Why the pack takes this value, from the text.
    pub justification: Text,
}

/// One possible value of a reading.
#[derive(Clone, Debug, PartialEq)]
pub struct Alternative {
    pub choice: Choice,
    pub label: Text,
}

impl Reading {
    pub fn id(&self) -> &'static str {
        self.choice.id()
    }

    /// The label of the value taken.
    pub fn label(&self) -> &Text {
        // `ReadingData` → `Reading` refuses a value missing from the alternatives.
        &self.alternatives.iter().find(|a| a.choice == self.choice).expect("checked on loading").label
    }
}

/// The pack's form of a reading.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ReadingData {
    id: String,
    value: String,
    name: Text,
    alternatives: Vec<AlternativeData>,
    justification: Text,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct AlternativeData {
    value: String,
    zh: String,
    en: String,
}

impl TryFrom<ReadingData> for Reading {
    type Error = String;

    fn try_from(data: ReadingData) -> Result<Reading, String> {
        let choice = Choice::parse(&data.id, &data.value)?;
        let mut alternatives = Vec::with_capacity(data.alternatives.len());
        for a in data.alternatives {
            let alt = Choice::parse(&data.id, &a.value)?;
            if alternatives.iter().any(|x: &Alternative| x.choice == alt) {
                return Err(format!(
                    "解读 {0} 的备选取值 {1} 重复 / reading `{0}`: alternative `{1}` is listed twice",
                    data.id, a.value
                ));
            }
            alternatives.push(Alternative { choice: alt, label: Text { zh: a.zh, en: a.en } });
        }
        if !alternatives.iter().any(|a| a.choice == choice) {
            return Err(format!("解读 {0} 采用的取值 {1} 不在备选解读中 / reading `{0}`: the value `{1}` is not among its alternatives", data.id, data.value));
        }
        if alternatives.len() < 2 {
            return Err(format!(
                "解读 {0} 须列出至少两种备选解读 / reading `{0}`: a reading lists at least two alternatives",
                data.id
            ));
        }
        Ok(Reading { choice, name: data.name, alternatives, justification: data.justification })
    }
}

impl From<Reading> for ReadingData {
    fn from(r: Reading) -> ReadingData {
        ReadingData {
            id: r.choice.id().to_string(),
            value: r.choice.value(),
            name: r.name,
            alternatives: r
                .alternatives
                .into_iter()
                .map(|a| AlternativeData { value: a.choice.value(), zh: a.label.zh, en: a.label.en })
                .collect(),
            justification: r.justification,
        }
    }
}

fn parse_value<T: DeserializeOwned>(id: &str, value: &str, known: &[&str]) -> Result<T, String> {
    // A unit variant read from its name by serde's own string deserializer:
    // no JSON value in between (in the browser module, that was a JSON
    // deserializer for each reading's type).
    T::deserialize(serde::de::value::StrDeserializer::<serde::de::value::Error>::new(value))
        .map_err(|_| format!("解读 {id} 的取值 {value} 无效（可选：{0}） / reading `{id}`: unknown value `{value}` (one of: {0})", known.join(", ")))
}

fn value_of<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => unreachable!("reading values are unit enum variants"),
    }
}

/// A reading's typed value, for the engine to match on.
pub trait ReadingKind: Copy + Default {
    /// The value, when `choice` is a reading of this kind.
    fn pick(choice: &Choice) -> Option<Self>;
    /// The value of this kind in a rule's [`ReadingValues`].
    fn of(values: &ReadingValues) -> Self;
}

macro_rules! readings {
    ($($variant:ident($ty:ty) = $id:literal [$($value:literal),+]),+ $(,)?) => {
        /// A reading's id and typed value.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Choice {
            $($variant($ty)),+
        }

        /// Every reading id, in the order the engine documents them.
        pub const READING_IDS: &[&str] = &[$($id),+];

        impl Choice {
            pub fn id(&self) -> &'static str {
                match self {
                    $(Choice::$variant(_) => $id),+
                }
            }

            /// The pack's spelling of the value.
            pub fn value(&self) -> String {
                match self {
                    $(Choice::$variant(v) => value_of(v)),+
                }
            }

            fn parse(id: &str, value: &str) -> Result<Choice, String> {
                match id {
                    $($id => parse_value(id, value, &[$($value),+]).map(Choice::$variant),)+
                    _ => Err(format!("未知的解读编号 {id}（可选：{0}） / unknown reading id `{id}` (one of: {0})", READING_IDS.join(", "))),
                }
            }
        }

        /// A rule's readings looked up once, one field per kind (what
        /// [`Readings`] on the list would find, default included): an
        /// evaluation reads a field rather than searching the list.
        #[derive(Clone, Copy, Debug, Default)]
        #[allow(non_snake_case)]
        pub struct ReadingValues {
            $($variant: $ty),+
        }

        impl ReadingValues {
            /// The first reading of each kind in `readings`, as [`Readings`] finds it.
            pub fn of(readings: &[Reading]) -> ReadingValues {
                let mut values = ReadingValues::default();
                for r in readings.iter().rev() {
                    match r.choice {
                        $(Choice::$variant(v) => values.$variant = v),+
                    }
                }
                values
            }
        }

        $(impl ReadingKind for $ty {
            fn pick(choice: &Choice) -> Option<Self> {
                match choice {
                    Choice::$variant(v) => Some(*v),
                    #[allow(unreachable_patterns)]
                    _ => None,
                }
            }
            fn of(values: &ReadingValues) -> Self {
                values.$variant
            }
        })+
    };
}

readings! {
    LprTenor(Tenor) = "lpr_tenor" ["one_year", "five_year"],
    LprDate(LprDate) = "lpr_date" ["contract_date", "reprice_each_january"],
    DayCount(DayCount) = "day_count" ["act360", "act365"],
    EffectivePeriod(EffectivePeriod) = "effective_period" ["within", "any_date"],
    CapYear(CapYear) = "cap_year" ["calendar_year", "loan_year"],
    FutureInterest(FutureInterest) = "future_interest" ["estimate_labelled", "accrued_only"],
    PrincipalBasis(PrincipalBasis) = "principal_basis" ["outstanding", "contract_principal"],
    FeeCapUnit(FeeCapUnit) = "fee_cap_unit" ["per_fee_kind_per_loan", "per_fee_entered"],
    GuaranteeAmountScope(GuaranteeAmountScope) = "guarantee_amount_scope" ["per_borrower", "per_contract"],
    BalancePeriod(BalancePeriod) = "balance_period" ["effective_period_months", "calendar_year"],
    PremiumCapYear(PremiumCapYear) = "premium_cap_year" ["calendar_year", "policy_year"],
    TierMode(TierReading) = "tier_mode" ["bracket", "marginal"],
    TierTop(TierTop) = "tier_top" ["excluded", "included"],
    PerEnterpriseCap(PerEnterpriseCap) = "per_enterprise_cap" ["per_category", "across_categories"],
}

/// 日计数惯例.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DayCount {
    /// 实际天数/360 (the RMB loan convention)
    #[default]
    Act360,
    /// 实际天数/365
    Act365,
}

impl DayCount {
    pub fn basis(self) -> i64 {
        match self {
            DayCount::Act360 => 360,
            DayCount::Act365 => 365,
        }
    }
}

/// Which date's LPR applies.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LprDate {
    /// The LPR in force on the loan's start (contract) date, for the whole loan.
    #[default]
    ContractDate,
    /// Repriced each 1 January: the LPR in force then, for that year's days.
    RepriceEachJanuary,
}

/// 有效期: whether what happened outside the document's effective range
/// (loan days, a fee paid, a policy year begun) counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EffectivePeriod {
    /// Only inside the effective range: no retroactivity is assumed.
    #[default]
    Within,
    /// Any date: loan days, fees and premiums before (or after) it count too.
    AnyDate,
}

/// 「一个年度」/「年度最高」: which year an annual cap is per.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CapYear {
    /// 自然年度 (1 January – 31 December): a loan spanning two is split.
    #[default]
    CalendarYear,
    /// 贷款年度: each year from the loan's start date, under the cap of the
    /// calendar year in which it begins.
    LoanYear,
}

/// 「单户企业年度最高」 of a premium subsidy: which 年度 the cap is per.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PremiumCapYear {
    /// 自然年度: the enterprise's policies whose 投保年度 begins in one
    /// calendar year share one cap.
    #[default]
    CalendarYear,
    /// 投保年度: each policy's year (from its 保险起期) under a cap of its own.
    PolicyYear,
}

/// Interest for the days after the evaluation date (to maturity).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FutureInterest {
    /// Counted, each such step and the total's share labelled 预计.
    #[default]
    EstimateLabelled,
    /// Not counted: only interest up to the evaluation date.
    AccruedOnly,
}

/// The principal the subsidy runs on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PrincipalBasis {
    /// 贷款余额: the principal less what the repayment schedule has repaid.
    #[default]
    Outstanding,
    /// 合同本金 for every day, whatever was repaid.
    ContractPrincipal,
}

/// 「单项评估费、担保费补助最高2万元」: what one 单项 is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeeCapUnit {
    /// Each fee kind (评估费, 担保费) of one loan: several invoices of one
    /// kind for the same loan share one cap.
    #[default]
    PerFeeKindPerLoan,
    /// Each fee as entered.
    PerFeeEntered,
}

/// 「单户担保金额1000万元以下」: what is compared with the limit.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GuaranteeAmountScope {
    /// 单户 = per borrower: the sum of the enterprise's guarantees.
    #[default]
    PerBorrower,
    /// Each guarantee contract on its own.
    PerContract,
}

/// 「按月均贷款余额」: over which months the average runs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BalancePeriod {
    /// The months of the evaluation year inside the policy's effective range.
    #[default]
    EffectivePeriodMonths,
    /// The twelve months of the evaluation year.
    CalendarYear,
}

/// The readings of one rule, looked up by kind.
pub trait Readings {
    /// The value of the reading of kind `T`. An accepted pack carries every
    /// reading its rule reads (`validate`), so the default is never the answer
    /// for a checked pack.
    fn reading<T: ReadingKind>(&self) -> T;
}

impl Readings for [Reading] {
    fn reading<T: ReadingKind>(&self) -> T {
        self.iter().find_map(|r| T::pick(&r.choice)).unwrap_or_default()
    }
}

impl Readings for ReadingValues {
    fn reading<T: ReadingKind>(&self) -> T {
        T::of(self)
    }
}
