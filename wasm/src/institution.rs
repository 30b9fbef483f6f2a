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

// The inputs and reports are derived by tsify (src/institution/,
// src/pack/institution.rs, and InstitutionRuleSummary below). The name of a
// calculator is a type read off the input union, which tsify cannot derive.
#[wasm_bindgen(typescript_custom_section)]
const INSTITUTION_TYPES: &'static str = r#"
export type InstitutionCalculator = InstitutionInput["calculator"];
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

/// An institution rule of the active pack (institutionRules()), as a form
/// shows it (both languages).
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Serialize)]
struct InstitutionRuleSummary<'p> {
    rule_id: &'p str,
    provision: Option<&'p str>,
    name: &'p Text,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "InstitutionCalculator"))]
    calculator: &'static str,
    recipient: Recipient,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Text"))]
    recipient_text: Bi<'p>,
    /// Written with every field, where the pack's own form may leave some
    /// out (their defaults).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Required<InstitutionCalculation>"))]
    calculation: &'p InstitutionCalculation,
    /// R-1: each tier's bounds in words, in the order of calculation.tiers:
    /// 「1%（含）至3%（不含）」.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Text[]"))]
    tier_ranges: Vec<Bi<'p>>,
    /// R-1: the row under the tiers (the part above the last one),
    /// 「代偿率超出 8% 的部分」; null for the other templates.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Text | null"))]
    above_top: Option<Bi<'p>>,
    /// The clause's terms in words (R-2, R-3), one sentence each:
    /// 「银行分担比例不低于 20%；…」.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Text[]"))]
    terms: Vec<Bi<'p>>,
    /// R-3 per-unit rewards: each unit's amount, in the order of
    /// calculation.units: 「每个 500,000 元」.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Text[]"))]
    unit_amounts: Vec<Bi<'p>>,
    /// 本测算采用的解读 of the rule (R-1's tier_mode, R-3-15's
    /// per_enterprise_cap), as a result's.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Reading[]"))]
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
