//! The institution calculators in the browser (机构测算, ground rules,
//! R-1..R-3): R-1 担保代偿补偿, R-2 银担风险分担, R-3 金融机构奖补, for
//! guarantors and banks. Only the staff tools' package has them (feature
//! `tools`), so the enterprise widget's download does not carry them.
//!
//! Two methods on [`Calculator`], so they read its active policy set — the
//! built-in pack and any portal pack loaded with `loadPack`:
//!
//! - `institution(input, lang)` takes the input of `sme-subsidy institution`
//!   (one object, or a list of them) and returns what that command writes
//!   with `--format json`: one report per input. Bad input throws the same
//!   located, bilingual `InputErrorObject` as `evaluate`, its `field` the
//!   input's path (`bank_share_percent`, `lines[0].annual_sales`, or
//!   `[1].payout` in a list).
//! - `institutionRules()` lists the pack's institution rules with their
//!   parameters, so a form can be built from the pack and show the terms
//!   before anything is computed: each rule's readings, R-1's tier bounds,
//!   R-2's minimum bank share and what 代偿 covers, R-3's units, categories
//!   and ceiling, each rule's questions and cited clause.
//!
//! Nothing is worked out here: the engine (`sme_subsidy::institution`) computes
//! and words every figure, as it does for the CLI.

use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::{from_js, input_error, language, to_js, Calculator, LanguageChoice};
use sme_subsidy::input::InputError;
use sme_subsidy::institution::report::tier_range;
use sme_subsidy::institution::{self, InstitutionReport};
use sme_subsidy::pack::institution::{InstitutionCalculation, InstitutionQuestion, TierBounds};
use sme_subsidy::pack::{Document, InstitutionRule, Readings, Recipient, Text};
use sme_subsidy::report::{readings, rule_header, Bi, Citation, Lang, ReadingReport};

#[wasm_bindgen(typescript_custom_section)]
const INSTITUTION_TYPES: &'static str = r#"
/** R-1 担保代偿补偿: the guarantor's 代偿额 and its 代偿率 (or the base to derive it from). */
export interface CompensationInput {
  calculator: "tiered_compensation";
  /** 适用条款编号, e.g. "LC-R-1"; may be left out when one rule fits. */
  rule?: string;
  /** 业务所属日期: decides whether the policy was in effect. */
  date: DateString;
  /** 担保代偿额, yuan: "1200000 CNY". */
  payout: MoneyString;
  /** 代偿率 in percent ("2.5" = 2.5%). Give this or guarantee_base. */
  payout_rate_percent?: DecimalString;
  /** 代偿率的分母, yuan: 代偿率 = payout / guarantee_base. */
  guarantee_base?: MoneyString;
  /** Answers to the rule's questions (InstitutionRuleSummary.questions). */
  answers?: Record<string, boolean>;
}

/** R-2 银担风险分担: a defaulted guaranteed loan and the bank–guarantor agreement. */
export interface RiskSplitInput {
  calculator: "risk_split";
  /** e.g. "LC-R-2", "WZ-R-2": required when several rules fit. */
  rule?: string;
  /** 代偿发生日期 */
  date: DateString;
  /** 未偿还本金, to the fen. */
  outstanding_principal: MoneyString;
  /** 正常利息, to the fen. */
  normal_interest: MoneyString;
  /** 罚息 */
  penalty_interest?: MoneyString;
  /** 复利 */
  compound_interest?: MoneyString;
  /** 其他费用（违约金、实现债权的费用等） */
  other_charges?: MoneyString;
  /** 协议约定的银行风险分担比例, percent ("20" = 20%). */
  bank_share_percent: DecimalString;
  /** 协议约定的代偿宽限期（天） */
  grace_days?: number;
  /** 银行要求担保机构缴存的保证金, to the fen ("0 CNY" when none). */
  deposit?: MoneyString;
  /** 担保机构代偿率, percent, where the rule tolerates one. */
  guarantor_payout_rate_percent?: DecimalString;
  answers?: Record<string, boolean>;
}

/** A reward or compensation with a published cap, or 「按规定」 with none: only the rule's questions. */
export interface AwardInput {
  calculator: "capped_award";
  rule?: string;
  date: DateString;
  /** The cost a share is paid of (e.g. 研发费用), where the rule has share_of_cost. */
  cost?: MoneyString;
  answers?: Record<string, boolean>;
}

/** One enterprise's referral to banks (推荐清单推送) checked against the text's limits. */
export interface ReferralInput {
  calculator: "referral_check";
  rule?: string;
  /** 核对日期 */
  date: DateString;
  /** 同一批次推送的银行家数 */
  banks_in_batch: number;
  /** 银行收齐企业申请材料之日 */
  materials_complete?: DateString;
  /** 银行作出是否授信决定之日 (absent: not yet decided). */
  decision_date?: DateString;
  answers?: Record<string, boolean>;
}

/** R-3 按个数奖补: how many outlets, branches or customers, by unit id. */
export interface PerUnitInput {
  calculator: "per_unit_reward";
  rule?: string;
  /** 业务所属日期 (网点开业日、支行创成日、年末). */
  date: DateString;
  /** e.g. { town_outlet: 2, port_zone_outlet: 1 } (InstitutionCalculation units). */
  counts: Record<string, number>;
  answers?: Record<string, boolean>;
}

/** One loan business of a balance reward. */
export interface BalanceLine {
  /** 借款企业: needed where a per-enterprise limit applies. */
  enterprise?: string;
  /** One of the rule's category ids, when it has categories. */
  category?: string;
  /** 月均贷款余额 */
  monthly_average_balance: MoneyString;
  /** 借款企业年销售收入, where the category limits it. */
  annual_sales?: MoneyString;
}

/** R-3 按月均余额奖补 (a ceiling rate: the result is a maximum). */
export interface BalanceShareInput {
  calculator: "balance_share_reward";
  rule?: string;
  date: DateString;
  lines: BalanceLine[];
  /** 与全市平均的比较, when the rule asks for it. */
  city_comparison?: {
    year_end_guarantee_balance?: MoneyString;
    city_average_year_end_guarantee_balance?: MoneyString;
    annual_growth_percent?: DecimalString;
    city_average_annual_growth_percent?: DecimalString;
  };
  answers?: Record<string, boolean>;
}

/** The input of `sme-subsidy institution`: one of these, or a list. */
export type InstitutionInput =
  | CompensationInput
  | RiskSplitInput
  | PerUnitInput
  | BalanceShareInput
  | AwardInput
  | ReferralInput;
export type InstitutionCalculator = InstitutionInput["calculator"];
export type InstitutionStatus =
  | "computed"
  | "ceiling"
  | "not_eligible"
  | "outside_effective_dates"
  | "amount_not_published"
  | "checked";

/** One institution result (the CLI's JSON). Amounts: yuan with two decimals. */
export interface InstitutionReport {
  calculator: InstitutionCalculator;
  rule_id: string;
  provision: string | null;
  name: Text;
  date: DateString;
  status: InstitutionStatus;
  status_text: Text;
  /** The amount; or the maximum when amount_is_maximum; null without one. */
  amount_yuan: string | null;
  /** True for a ceiling rate (「不高于」): the figure is a maximum, not the amount. */
  amount_is_maximum: boolean;
  /** One line: what is paid, by whom, to whom. */
  summary: Text;
  recipient: Recipient;
  recipient_text: Text;
  /** R-2 only: who bears what. */
  split: {
    covered_yuan: string;
    guarantor_pays_yuan: string;
    bank_bears_yuan: string;
    excluded_yuan: string;
    left_to_agreement_yuan: string;
  } | null;
  steps: Step[];
  /** Agreed terms that do not meet the clause (computed anyway). */
  flags: {
    kind:
      | "bank_share_below_minimum"
      | "grace_below_minimum"
      | "deposit_required"
      | "payout_rate_above_tolerance"
      | "too_many_banks"
      | "decision_late"
      | "decision_overdue";
    text: Text;
  }[];
  reasons: Text[];
  /** 需满足: `key` is `answers.<id>` or the input field to fill in. */
  to_confirm: ToConfirm[];
  notes: Text[];
  /** 本测算采用的解读: the readings the rule takes, as an enterprise result's. */
  readings: Reading[];
  citation: Citation;
  notice: Text;
}

/** A 代偿率 tier of R-1: percentages as decimal strings. */
export interface CompensationTier {
  from_percent: string;
  to_percent: string;
  /** Whether the text itself puts to_percent in this tier (「小于1%」, 「8%(含)」); absent: the tier_top reading. */
  top?: "excluded" | "included";
  share_percent: string;
}

/** An institution rule's calculation, with the clause's parameters (the pack's own form). */
export type InstitutionCalculation =
  | { template: "tiered_compensation"; tiers: CompensationTier[] }
  | {
      template: "risk_split";
      bank_share_min_percent: string;
      scope: "principal_and_normal_interest" | "not_specified";
      grace_days_min: number | null;
      /** 「免收保证金」 */
      deposit_waived: boolean;
      /** 「代偿率放宽至 x%」 */
      payout_rate_tolerance_percent: string | null;
    }
  | {
      template: "capped_award";
      cap_yuan: string | null;
      /** 「a%—b%」 of a cost: the top share gives the maximum. */
      share_of_cost: { min_percent: string; max_percent: string; cost: Text } | null;
      amount_set_by: Text;
    }
  | { template: "referral_check"; max_banks_per_batch: number; decision_days_max: number }
  | { template: "per_unit_reward"; units: { id: string; name: Text; yuan: string }[] }
  | {
      template: "balance_share_reward";
      /** 「不高于 x%」: a ceiling, never the rate applied. */
      ceiling_percent: string;
      rate_set_by: Text;
      cap_per_institution_yuan: string | null;
      categories: {
        id: string;
        name: Text;
        per_enterprise_balance_cap_yuan: string | null;
        max_annual_sales_yuan: string | null;
        requirement: Text | null;
      }[];
      above_city_average_any_of: ("year_end_guarantee_balance" | "annual_growth")[];
    };

/** An institution rule of the active pack (institutionRules()). */
export interface InstitutionRuleSummary {
  rule_id: string;
  provision: string | null;
  name: Text;
  calculator: InstitutionCalculator;
  recipient: Recipient;
  recipient_text: Text;
  calculation: InstitutionCalculation;
  /** R-1: each tier's bounds in words, in the order of calculation.tiers: 「1%（含）至3%（不含）」. */
  tier_ranges: Text[];
  /** R-1: the row under the tiers, 「代偿率超出 8% 的部分」; null for the other templates. */
  above_top: Text | null;
  /** The clause's terms in words (R-2, R-3), one sentence each: 「银行分担比例不低于 20%；…」. */
  terms: Text[];
  /** R-3 per-unit rewards: each unit's amount, in the order of calculation.units: 「每个 500,000 元」. */
  unit_amounts: Text[];
  /** 本测算采用的解读 of the rule (R-1's tier_mode, R-3-15's per_enterprise_cap), as a result's. */
  readings: Reading[];
  questions: { id: string; question: Text }[];
  notes: Text[];
  recipient_note: Text | null;
  citation: Citation;
}
"#;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(typescript_type = "InstitutionInput | InstitutionInput[]")]
    pub type InstitutionInputObject;
    #[wasm_bindgen(typescript_type = "InstitutionReport[]")]
    pub type InstitutionReportList;
    #[wasm_bindgen(typescript_type = "InstitutionRuleSummary[]")]
    pub type InstitutionRuleList;
}

#[wasm_bindgen]
impl Calculator {
    /// 机构测算 (R-1..R-3) against the active policy set: the input of
    /// `sme-subsidy institution` (one object or a list), one report per
    /// input, as that command's JSON. `lang`: "zh", "en" or "both" (the
    /// default). Throws an `InputErrorObject` listing every problem, each
    /// located by its input path, in Chinese and English.
    pub fn institution(
        &self,
        input: &InstitutionInputObject,
        lang: Option<LanguageChoice>,
    ) -> Result<InstitutionReportList, JsValue> {
        let value = from_js(input).map_err(|(_, message)| {
            input_error(vec![InputError::new("(input)", format!("输入须为对象：{message}"), message)])
        })?;
        let results = institution::evaluate_value(&self.set, value).map_err(input_error)?;
        let lang = language(lang);
        let reports: Vec<InstitutionReport> =
            results.iter().map(|r| InstitutionReport::new(r, lang)).collect();
        Ok(to_js(&reports).unchecked_into())
    }

    /// The active pack's institution rules, in pack order, with their
    /// parameters and texts in both languages.
    #[wasm_bindgen(js_name = institutionRules)]
    pub fn institution_rules(&self) -> InstitutionRuleList {
        let list: Vec<InstitutionRuleSummary> =
            self.set.institution_rules().map(|(doc, rule)| InstitutionRuleSummary::new(doc, rule)).collect();
        to_js(&list).unchecked_into()
    }
}

/// One institution rule as a form shows it (both languages).
#[derive(Serialize)]
struct InstitutionRuleSummary<'p> {
    rule_id: &'p str,
    provision: Option<&'p str>,
    name: &'p Text,
    calculator: &'static str,
    recipient: Recipient,
    recipient_text: Bi<'p>,
    calculation: &'p InstitutionCalculation,
    tier_ranges: Vec<Bi<'p>>,
    /// R-1: the row under the tiers (the part above the last one).
    above_top: Option<Bi<'p>>,
    /// The clause's terms in words (R-2, R-3).
    terms: Vec<Bi<'p>>,
    /// R-3 per-unit rewards: each unit's amount, 「每个 500,000 元」.
    unit_amounts: Vec<Bi<'p>>,
    readings: Vec<ReadingReport<'p>>,
    questions: &'p [InstitutionQuestion],
    notes: &'p [Text],
    recipient_note: Option<&'p Text>,
    citation: Citation<'p>,
}

impl<'p> InstitutionRuleSummary<'p> {
    fn new(doc: &'p Document, rule: &'p InstitutionRule) -> Self {
        let l = Lang::Both;
        let tier_ranges = match &rule.calculation {
            InstitutionCalculation::TieredCompensation { tiers } => tiers
                .iter()
                .zip(TierBounds::of(tiers, rule.readings.reading()))
                .map(|(t, b)| tier_range(l, t, b))
                .collect(),
            _ => Vec::new(),
        };
        InstitutionRuleSummary {
            rule_id: &rule.id,
            provision: rule.provision.as_deref(),
            name: &rule.name,
            calculator: rule.calculation.template(),
            recipient: rule.recipient,
            recipient_text: l.bi(|| rule.recipient.name_zh(), || rule.recipient.name_en()),
            calculation: &rule.calculation,
            tier_ranges,
            above_top: sme_subsidy::institution::terms::above_top(l, &rule.calculation),
            terms: sme_subsidy::institution::terms::terms(l, &rule.calculation),
            unit_amounts: sme_subsidy::institution::terms::unit_amounts(l, &rule.calculation),
            readings: readings(l, &rule.readings),
            questions: &rule.conditions,
            notes: &rule.notes,
            recipient_note: rule.recipient_note.as_ref(),
            citation: rule_header(l, doc, rule).citation,
        }
    }
}
