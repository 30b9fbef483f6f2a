//! Institution-facing rules (面向金融机构的条款, provisions R-1..R-3 in docs/ground-rules.md) in a policy
//! pack: the `[[institution_rules]]` section of a document.
//!
//! They are kept apart from the enterprise rules (`[[rules]]`) because they
//! answer a different question for a different user — what a guarantor or a
//! bank receives or bears — from different inputs (a guarantor's 代偿率, a
//! defaulted loan, a bank's balances). The enterprise engine never reads
//! them; [`crate::institution`] does.
//!
//! ```toml
//! [[institution_rules]]
//! id = "LC-R-1"
//! provision = "R-1"
//! name = { zh = "担保代偿补偿", en = "Compensation of guarantee payouts" }
//! clause = "三、（三）"
//! quote = "……代偿率小于1%、1%—3%、3%—5%、5%—8%(含)四档……"
//! recipient = "guarantor"
//!
//! [[institution_rules.conditions]]          # yes/no, asked (ground rule 7)
//! id = "municipal_guarantor"
//! question = { zh = "……", en = "……" }
//!
//! [institution_rules.calculation]
//! template = "tiered_compensation"          # | risk_split | per_unit_reward | balance_share_reward
//!                                           # | capped_award | referral_check
//! [[institution_rules.calculation.tiers]]
//! from_percent = "0"
//! to_percent = "1"
//! top = "excluded"                          # 「小于1%」; absent: the tier_top reading
//! share_percent = "100"
//!
//! [[institution_rules.readings]]            # as [[rules.readings]] (crate::pack::reading)
//! id = "tier_mode"
//! value = "bracket"                         # | marginal
//! ```
//!
//! Percentages are written in percent (`"0.5"` means 0.5%), money in yuan,
//! as strings so no float rounding creeps in.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{Reading, Recipient, Text, Units};

/// 面向金融机构的条款: one provision, as a calculation.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InstitutionRule {
    /// Unique in the set (shared with the enterprise rules' ids), e.g. `LC-R-1`.
    pub id: String,
    /// The provision code (docs/ground-rules.md), e.g. `R-1`.
    #[serde(default)]
    pub provision: Option<String>,
    pub name: Text,
    /// 条款位置, e.g. 三、（三）.
    pub clause: String,
    /// 原文摘录
    pub quote: String,
    /// 资金拨付对象 (or, for a risk split, who receives the 代偿).
    pub recipient: Recipient,
    #[serde(default)]
    pub recipient_note: Option<Text>,
    /// 牵头单位、责任单位, as the clause names them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub units: Option<Units>,
    /// Conditions the calculator cannot verify, asked as yes/no questions and
    /// answered in the input's `answers[id]`; unanswered stays 「需满足」,
    /// answered no makes the result 「不符合条件」.
    #[serde(default)]
    pub conditions: Vec<InstitutionQuestion>,
    pub calculation: InstitutionCalculation,
    /// 本测算采用的解读: the readings the calculation rests on, as an
    /// enterprise rule's (see [`super::reading`]), shown with each result.
    #[serde(default)]
    pub readings: Vec<Reading>,
    /// Shown with every result of this rule.
    #[serde(default)]
    pub notes: Vec<Text>,
}

/// A yes/no condition the calculator cannot check.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InstitutionQuestion {
    pub id: String,
    pub question: Text,
}

/// 计算模板 of an institution rule, with the clause's parameters (the
/// pack's own form).
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "template", rename_all = "snake_case", deny_unknown_fields)]
pub enum InstitutionCalculation {
    /// 代偿补偿 by the guarantor's 代偿率 (R-1): tiers of 代偿率 with a
    /// compensation share each; the part of the 代偿率 above the last tier
    /// is not compensated.
    /// How a tier's share applies to the 代偿额 is the `tier_mode` reading.
    TieredCompensation {
        /// Contiguous, from 0%; the last tier includes its top (rates above
        /// it are 「超出」).
        tiers: Vec<CompensationTier>,
    },
    /// 银担风险分担 of a defaulted guaranteed loan (R-2).
    RiskSplit {
        /// 银行承担的最低风险比例 (percent).
        #[cfg_attr(feature = "typescript", tsify(type = "string"))]
        bank_share_min_percent: Decimal,
        /// What the guarantor's payout (代偿) covers.
        scope: CompensationScope,
        /// 代偿宽限期不少于 N 天, when the text sets one.
        #[serde(default)]
        grace_days_min: Option<u32>,
        /// 「对担保机构提供免收保证金」: the bank may not require a deposit.
        #[serde(default)]
        deposit_waived: bool,
        /// 「代偿率放宽至 x%」: the guarantor's payout rate tolerated, percent.
        #[serde(default)]
        #[cfg_attr(feature = "typescript", tsify(type = "string | null"))]
        payout_rate_tolerance_percent: Option<Decimal>,
    },
    /// 最高 x 元的奖励或补偿, or one 「按规定」 with no figure: the text
    /// publishes at most a cap, so the result is that maximum (or no
    /// amount), with who sets the actual figure.
    CappedAward {
        /// 「最高 x 元」 (yuan); absent when the text gives no figure.
        #[serde(default)]
        #[cfg_attr(feature = "typescript", tsify(type = "string | null"))]
        cap_yuan: Option<Decimal>,
        /// 「给予 a%—b% 的 …费用补助」: a share of a cost the input gives, of
        /// which only the top is a maximum (the actual share is set later).
        /// Either this or `cap_yuan`, not both.
        #[serde(default)]
        share_of_cost: Option<ShareRange>,
        /// Who sets the amount.
        amount_set_by: Text,
    },
    /// A referral of an enterprise on the 推荐清单 to banks, checked against
    /// the text's limits: how many banks one batch may go to, and how many
    /// days a bank has to decide once the application is complete.
    ReferralCheck {
        /// 「同一家企业同一批次推送不超过 N 家银行」 (N itself allowed).
        max_banks_per_batch: u32,
        /// 「在收齐企业申请材料 N 日内作出是否授信的决定」: days counted
        /// from the day after the materials were complete (《民法典》第二百
        /// 零一条), the N-th day included.
        decision_days_max: u32,
    },
    /// 按个数奖补: a fixed amount per outlet, branch or customer (R-3).
    PerUnitReward { units: Vec<RewardUnit> },
    /// 按月均余额的比例奖补 (R-3): a published ceiling rate (「不高于」), so
    /// the calculator reports a maximum, never a certain amount.
    BalanceShareReward {
        /// 「不高于 x%」 of the counted monthly-average balance.
        #[cfg_attr(feature = "typescript", tsify(type = "string"))]
        ceiling_percent: Decimal,
        /// Who sets the actual rate under the ceiling.
        rate_set_by: Text,
        /// 单家金融机构最高 (yuan).
        #[serde(default)]
        #[cfg_attr(feature = "typescript", tsify(type = "string | null"))]
        cap_per_institution_yuan: Option<Decimal>,
        /// The kinds of loan business counted, when the clause lists them;
        /// empty: one balance for the whole institution.
        #[serde(default)]
        categories: Vec<BalanceCategory>,
        /// The institution qualifies if any of these measures is strictly
        /// above the city average (「超过全市平均」); empty: no such test.
        #[serde(default)]
        above_city_average_any_of: Vec<CityMeasure>,
    },
}

impl InstitutionRule {
    /// The reading ids the calculation reads: a checked pack carries each
    /// of them, and no other.
    pub fn readings_read(&self) -> Vec<&'static str> {
        match &self.calculation {
            InstitutionCalculation::TieredCompensation { tiers } => {
                let mut v = vec!["tier_mode"];
                // A boundary the text leaves unsaid is read.
                if tiers.iter().any(|t| t.top.is_none()) {
                    v.push("tier_top");
                }
                v
            }
            InstitutionCalculation::BalanceShareReward { categories, .. }
                if categories.iter().any(|k| k.per_enterprise_balance_cap_yuan.is_some()) =>
            {
                vec!["per_enterprise_cap"]
            }
            _ => vec![],
        }
    }
}

impl InstitutionCalculation {
    /// The template's name, as the input's `calculator` tag spells it.
    pub fn template(&self) -> &'static str {
        match self {
            InstitutionCalculation::TieredCompensation { .. } => "tiered_compensation",
            InstitutionCalculation::RiskSplit { .. } => "risk_split",
            InstitutionCalculation::PerUnitReward { .. } => "per_unit_reward",
            InstitutionCalculation::BalanceShareReward { .. } => "balance_share_reward",
            InstitutionCalculation::CappedAward { .. } => "capped_award",
            InstitutionCalculation::ReferralCheck { .. } => "referral_check",
        }
    }
}

/// A published range of shares, percent: 「20%—50%」.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShareRange {
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub min_percent: Decimal,
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub max_percent: Decimal,
    /// What the cost is, e.g. 研发费用.
    pub cost: Text,
}

/// The two readings of a tier table (ground rules, R-1): the `tier_mode` reading.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TierReading {
    /// The whole 代偿额 at the share of the tier the 代偿率 falls in; above
    /// the last tier, the 代偿额 attributable to the rate above it is
    /// excluded and the rest is paid at the last tier's share.
    #[default]
    Bracket,
    /// Like a tax scale: the 代偿额 split by the rate bands, each part at
    /// its band's share; the part above the last tier excluded.
    Marginal,
}

/// One 档 of 代偿率 (R-1): 「A%—B%」 → B% share, percentages as decimal
/// strings. Which side of a shared boundary
/// a rate equal to it falls on is the text's where it says so (「小于1%」,
/// 「8%(含)」: `top`), else the `tier_top` reading.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompensationTier {
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub from_percent: Decimal,
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub to_percent: Decimal,
    /// Whether a rate equal to `to_percent` falls in this tier, when the
    /// text itself says so (「小于1%」, 「8%(含)」); absent: as the
    /// `tier_top` reading reads 「A%—B%」.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub top: Option<TierTop>,
    /// 补偿比例: percent of the 代偿额.
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub share_percent: Decimal,
}

/// Whether a tier 「A%—B%」 includes B: the text's word for one tier
/// (`top`), or the `tier_top` reading for the tiers it leaves unsaid.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TierTop {
    /// B itself belongs to the next tier: 「A%—B%」 is [A, B).
    #[default]
    Excluded,
    /// B itself belongs to this tier: 「A%—B%」 is (A, B].
    Included,
}

/// Which bounds a tier includes, once the text and the reading are applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TierBounds {
    pub includes_from: bool,
    pub includes_to: bool,
}

impl TierBounds {
    /// Each tier's bounds under the `tier_top` reading: a tier's top as the
    /// text fixes it or as read; its bottom the other side of the previous
    /// tier's top (each boundary in exactly one tier), the first from 0%
    /// inclusive.
    pub fn of(tiers: &[CompensationTier], read: TierTop) -> Vec<TierBounds> {
        let mut out: Vec<TierBounds> = Vec::with_capacity(tiers.len());
        for tier in tiers {
            let includes_from = out.last().is_none_or(|prev| !prev.includes_to);
            out.push(TierBounds {
                includes_from,
                includes_to: tier.top.unwrap_or(read) == TierTop::Included,
            });
        }
        out
    }

    pub fn contains(&self, tier: &CompensationTier, rate: Decimal) -> bool {
        let above_from = rate > tier.from_percent || (self.includes_from && rate == tier.from_percent);
        let below_to = rate < tier.to_percent || (self.includes_to && rate == tier.to_percent);
        above_from && below_to
    }
}

/// What a guarantor's 代偿 covers.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CompensationScope {
    /// 「代偿范围限于本金和正常利息」: penalty and compound interest and
    /// other charges are excluded.
    PrincipalAndNormalInterest,
    /// The text does not limit the scope: the split runs over principal
    /// and normal interest, and other charges are left to the bank–guarantor
    /// agreement (not split, not declared excluded).
    NotSpecified,
}

/// One kind of unit a fixed reward is paid for.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RewardUnit {
    /// The key of `counts` in the input, e.g. `town_outlet`.
    pub id: String,
    pub name: Text,
    /// 每个（家、户）奖补 (yuan).
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub yuan: Decimal,
}

/// One kind of loan business a balance reward counts.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BalanceCategory {
    /// The `category` of an input line, e.g. `first_loan`.
    pub id: String,
    pub name: Text,
    /// 单户企业纳入的月均贷款余额不超过 (yuan).
    #[serde(default)]
    #[cfg_attr(feature = "typescript", tsify(type = "string | null"))]
    pub per_enterprise_balance_cap_yuan: Option<Decimal>,
    /// 借款企业年销售收入及以下 (yuan, 「及以下」 includes the bound).
    #[serde(default)]
    #[cfg_attr(feature = "typescript", tsify(type = "string | null"))]
    pub max_annual_sales_yuan: Option<Decimal>,
    /// What a line of this category must meet that the calculator cannot
    /// check: shown as 「需满足」.
    #[serde(default)]
    pub requirement: Option<Text>,
}

/// How a per-enterprise balance limit adds up: the `per_enterprise_cap` reading.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PerEnterpriseCap {
    /// Each category's limit applies to the enterprise's balance in that
    /// category (each parenthesis of the clause attaches to its category).
    #[default]
    PerCategory,
    /// One limit for the enterprise's balance over all limited categories
    /// together (the smallest of their limits).
    AcrossCategories,
}

/// A measure compared with the city average.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CityMeasure {
    /// 年末在保余额 vs 全市平均在保余额
    YearEndGuaranteeBalance,
    /// 年度增速 vs 全市平均增速
    AnnualGrowth,
}
