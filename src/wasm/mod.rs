//! The browser API (WebAssembly, through `wasm-bindgen`).
//!
//! Everything runs on the user's device: the page hands a scenario object in
//! and gets the full bilingual report back; nothing is sent anywhere.
//!
//! - `evaluate` returns the lean report: per rule only what the scenario
//!   decides (status, amount, steps, reasons, open fields and conditions).
//!   Each rule's static texts — name, family, recipient, notes, the citation
//!   with its quote — come once per pack from `policies()`, joined by
//!   `rule_id`; they were more than half of every report's text, and the
//!   time of a call is mostly the time to write, copy and parse that text.
//!   `evaluateFull` returns the full report, the CLI's, for portals that
//!   want one object.
//! - [`Calculator`] holds the active policy set: the built-in pack, plus any
//!   documents a portal loads (they replace built-in documents of the same
//!   id, as `PolicySet::merge` does natively).
//! - Objects cross the boundary as JSON text in both directions: the
//!   browser's own `JSON.stringify`/`JSON.parse` on one side, serde_json on
//!   the other. That is one crossing per call instead of one per field, and
//!   a single deserializer in the module for scenarios and packs alike (the
//!   download is mostly deserialization code). Amounts stay decimal strings.
//! - Bad input becomes a real JavaScript `Error` whose `field` is the
//!   scenario path (`loans[0].principal`), so the page can put the message
//!   next to the input that caused it, and whose `errors` lists every
//!   problem found, in Chinese and English.
//! - The TypeScript section below describes the real objects, so a portal's
//!   developers get checked field names instead of `any`.

// `.ok().expect(…)` on purpose: the error types' Debug code would only add
// download size for failures that cannot happen.
#![allow(clippy::ok_expect)]

use js_sys::{Error, Reflect, JSON};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

mod apply;
#[cfg(feature = "tools")]
mod batch;
#[cfg(feature = "tools")]
mod institution;
mod product;
#[cfg(feature = "tools")]
mod studio;

use crate::engine;
use crate::input::{self, InputError};
use crate::pack::validate::{self, PackError};
use crate::pack::{Condition, Document, Family, PolicySet, Rule, Text};
use crate::report::{self, Bi, Citation, Lang, LeanReport, Report};
use crate::result::Evaluation;
use crate::scenario::{Enterprise, Scenario};
use crate::size::Size;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/**
 * Bilingual text, zh-CN first. In a full report evaluated for one language
 * the other is the empty string.
 */
export interface Text { zh: string; en: string; }
/** The languages a full report is rendered in (default: both). */
export type Language = "zh" | "zh-CN" | "en" | "both";

/** An amount with its currency: "1000000 CNY", "4800000 USD" (commas allowed). */
export type MoneyString = string;
/** A calendar date, YYYY-MM-DD. */
export type DateString = string;
/** A decimal number as text, e.g. "3.45" (a number is accepted too). */
export type DecimalString = string | number;

export type Industry =
  | "agriculture" | "industry" | "construction" | "wholesale" | "retail" | "transport"
  | "warehousing" | "postal" | "accommodation" | "catering" | "information_transmission"
  | "software" | "real_estate_development" | "property_management"
  | "leasing_and_business_services" | "other";
export type Collateral = "patent_pledge" | "fixed_asset_mortgage" | "guarantee_institution" | "unsecured" | "other";
export type Lender = "local_legal_person_bank" | "tech_branch" | "other_bank";
export type LoanPurpose =
  | "clean_energy" | "energy_saving_environmental" | "carbon_reduction_technology"
  | "startup_guaranteed" | "veteran_startup" | "general";
export type GreenIndustry =
  | "carbon_reduction" | "energy_saving_environmental" | "clean_production" | "clean_energy"
  | "ecology" | "green_infrastructure" | "green_services";
export type InsuranceKind = "quality_guarantee" | "product_liability" | "product_combined" | "export_credit" | "other";
export type InnovativeProduct = "first_set_equipment" | "first_batch_material" | "first_version_software";
export type IpoStage = "tutoring_filed" | "application_accepted" | "listed";
export type Size = "large" | "medium" | "small" | "micro";

/** 企业基本情况. Every field may be left out; rules that need it say so. */
export interface Enterprise {
  name?: string;
  region?: { province: string; city?: string; county?: string };
  industry?: Industry;
  employees?: number;
  operating_revenue?: MoneyString;
  total_assets?: MoneyString;
  /** In US dollars: "3200000 USD". */
  annual_exports?: MoneyString;
  qualifications?: "tech_enterprise"[];
}

export interface Loan {
  label?: string;
  principal?: MoneyString;
  monthly_average_balance?: MoneyString;
  start_date?: DateString;
  end_date?: DateString;
  contract_rate_percent?: DecimalString;
  interest_paid?: MoneyString;
  collateral?: Collateral[];
  pledge_registered?: boolean;
  lender?: Lender;
  purpose?: LoanPurpose;
  carbon_reduction_tool?: boolean;
  repaid_on_schedule?: boolean;
}

export interface Guarantee {
  label?: string;
  amount?: MoneyString;
  fee?: MoneyString;
  fee_rate_percent?: DecimalString;
  term_months?: number;
  government_business?: boolean;
  for_patent_pledge_loan?: boolean;
  green_industry?: GreenIndustry;
}

export interface EvaluationFee { label?: string; fee?: MoneyString; for_patent_pledge_loan?: boolean; }

export interface InsurancePolicy {
  label?: string;
  kind?: InsuranceKind;
  product?: InnovativeProduct;
  insured_amount?: MoneyString;
  premium?: MoneyString;
  start_date?: DateString;
}

/** 测算情形: what the user entered. Unknown keys are refused. */
export interface Scenario {
  evaluation_date: DateString;
  enterprise: Enterprise;
  loans?: Loan[];
  guarantees?: Guarantee[];
  evaluation_fees?: EvaluationFee[];
  insurance?: InsurancePolicy[];
  ipo?: { stage_reached?: IpoStage; planned_fundraising?: MoneyString } | null;
  lpr_override?: { one_year_percent?: DecimalString; five_year_percent?: DecimalString };
  /** Answers to the pack's yes/no questions (see RuleSummary.questions). */
  answers?: Record<string, boolean>;
}

export type Family = "interest" | "guarantee_fee" | "premium" | "ipo" | "eligibility_only" | "institution";
/** The four families of the guided form, plus rules that fit none of them. */
export type FormFamily = "interest" | "guarantee_fee" | "premium" | "ipo" | "other";
export type RuleStatus = "eligible" | "amount_not_published" | "not_eligible" | "needs_information" | "outside_effective_dates";
export type Recipient = "enterprise" | "guarantor" | "bank" | "unsettled";
export type DocumentStatus = "in_force" | "expired" | "draft";

/** 本测算采用的解读: a reading of the clause the result rests on. */
export interface Reading {
  id: string;
  /** What is read, e.g. the 年度 of an annual cap. */
  name: Text;
  /** The label of the value taken. */
  taken: Text;
  justification: Text;
  /** Every value a portal's pack may choose; `taken` marks the one used. */
  alternatives: { value: string; label: Text; taken: boolean }[];
}

export interface Citation {
  document_id: string;
  title: string;
  number: string | null;
  issuer: string;
  issued: DateString | null;
  effective_from: DateString | null;
  effective_to: DateString | null;
  status: DocumentStatus;
  status_text: Text;
  jurisdiction: string;
  clause: string;
  /** 原文摘录 */
  quote: string;
  national_basis: string | null;
  /** 「牵头单位：…；责任单位：…」 when the clause names them. */
  units?: Text;
  /** Clauses of other documents the rule quotes too. */
  see_also?: { document_id: string; clause: string; quote: string; text: string }[];
  source: string;
  /** One line: 《title》（number）clause. */
  text: string;
}

/** How an amount was reached: one line per step. */
export interface Step { kind: string; text: Text; }
/** A field to fill in: `field` is the scenario path. */
export interface MissingField { field: string; text: Text; }
/** 需满足: a condition the calculator cannot verify. `key` is the scenario path or `answers.<id>`. */
/** 需满足. `answerable: false` (with the first day an answer counts, or null without an end date): no answer settles it yet, so a page shows when instead of yes/no. */
export interface ToConfirm { key: string; text: Text; answerable?: false; answerable_from?: string | null; }

/** The language of evaluate()'s lean report: zh-CN unless "en". */
export type OneLanguage = "zh" | "zh-CN" | "en";

/**
 * What one evaluation decides for one rule (evaluate(), the lean form).
 * Texts are plain strings in the language asked for. To keep it small, a
 * missing amount, `false` and empty lists are left out: read
 * `r.steps ?? []`, `r.amount_yuan ?? null`.
 */
export interface RuleOutcome {
  rule_id: string;
  status: RuleStatus;
  status_text: string;
  /** Yuan with two decimals, e.g. "69958.33"; only when status is "eligible". */
  amount_yuan?: string;
  /** Paid to the enterprise itself, so part of total_yuan (absent: false). */
  counts_in_total?: boolean;
  /** How the amount was reached, one line per step. */
  steps?: { kind: string; text: string }[];
  /** Failed conditions, or items left out. */
  reasons?: string[];
  /** Fields to fill in: `field` is the scenario path. */
  missing?: { field: string; text: string }[];
  /** 需满足: conditions the calculator cannot verify. */
  to_confirm?: { key: string; text: string }[];
  /** The rule's notes this enterprise is shown: indices into RuleSummary.notes. */
  notes?: number[];
}

/** One rule's full result (evaluateFull()): every field present, with the rule's own texts and citation. */
export interface RuleReport {
  rule_id: string;
  status: RuleStatus;
  status_text: Text;
  /** Yuan with two decimals, e.g. "69958.33"; null unless status is "eligible". */
  amount_yuan: string | null;
  /** Paid to the enterprise itself, so part of total_yuan. */
  counts_in_total: boolean;
  steps: Step[];
  /** Failed conditions, or items left out. */
  reasons: Text[];
  missing: MissingField[];
  to_confirm: ToConfirm[];
  provision: string | null;
  name: Text;
  family: Family;
  family_name: Text;
  recipient: Recipient;
  recipient_text: Text;
  /** The rule's notes that concern this enterprise (see RuleSummary.notes). */
  notes: Text[];
  /** 本测算采用的解读 */
  readings: Reading[];
  citation: Citation;
}

export interface SizeReport {
  size: Size | null;
  text: Text;
  citation: string;
  /** Scenario paths still needed to classify. */
  missing: string[];
}

/** What both forms of a result share. */
interface ReportCommon {
  evaluation_date: DateString;
  enterprise_size: SizeReport;
  /** 合计 paid to the enterprise, yuan with two decimals. */
  total_yuan: string;
  total_text: Text;
  /** Computed amounts paid to a guarantor or bank: not the enterprise's cash. */
  not_in_total: Text[];
  /** Policies that apply but publish no figure: could add to the total. */
  could_add: Text[];
  lpr_table_newest: DateString;
  /** 测算结果仅供参考，以主管部门审核为准 */
  notice: Text;
}

/**
 * The result of evaluate(): per rule only what the scenario decides, texts
 * as strings in one language. The rules' names, recipients, notes and
 * citations are in policies(), by rule_id.
 */
export interface LeanReport {
  evaluation_date: DateString;
  enterprise_size: { size: Size | null; text: string; citation: string; missing: string[] };
  results: RuleOutcome[];
  total_yuan: string;
  total_text: string;
  not_in_total: string[];
  could_add: string[];
  lpr_table_newest: DateString;
  notice: string;
}

/** The full result of one evaluation (evaluateFull(), the CLI's JSON). */
export interface Report extends ReportCommon { results: RuleReport[]; }

/** A yes/no question the pack asks (answered in Scenario.answers[id]). */
export interface Question { id: string; zh: string; en: string; }

/** A note shown with a rule's result: to every enterprise, or only to the sizes listed. */
export interface RuleNote { zh: string; en: string; only_for_sizes: Size[]; }

/** A rule of the active pack with its texts in both languages. */
export interface RuleSummary {
  rule_id: string;
  provision: string | null;
  name: Text;
  family: Family;
  family_name: Text;
  /** The guided-form family this rule belongs with. */
  form_family: FormFamily;
  recipient: Recipient;
  recipient_text: Text;
  /**
   * In the order a full report shows them; a result shows those its
   * RuleOutcome.notes lists (the engine picks them by the enterprise's size).
   */
  notes: RuleNote[];
  /** 本测算采用的解读, shown with every result of this rule. */
  readings: Reading[];
  citation: Citation;
  questions: Question[];
}

/** One policy document of the active pack, with its status and dates. */
export interface PolicySummary {
  id: string;
  title: string;
  number: string | null;
  issuer: string;
  issued: DateString | null;
  effective_from: DateString | null;
  effective_to: DateString | null;
  status: DocumentStatus;
  status_text: Text;
  jurisdiction: { province: string; city: string | null; county: string | null };
  source: string;
  rules: RuleSummary[];
}

export interface PackInfo {
  /** Version of the sme-subsidy engine. */
  version: string;
  documents: number;
  rules: number;
  /** Names of the portal packs loaded on top of the built-in one, in order. */
  loaded: string[];
  lpr_table_newest: DateString;
}

/** A located problem with the scenario. */
export interface InputErrorDetail { field: string; zh: string; en: string; }
/** A located problem in a policy pack. */
export interface PackErrorDetail { file: string; rule: string | null; field: string; zh: string; en: string; }

/**
 * Thrown by evaluate() and classifySize(): an Error whose `field` is the
 * first problem's scenario path and `errors` lists every problem.
 */
export interface InputErrorObject extends Error { name: "InputError"; field: string; errors: InputErrorDetail[]; }
/** Thrown by loadPack(): `field` is the path inside the pack. */
export interface PackErrorObject extends Error { name: "PackError"; field: string; errors: PackErrorDetail[]; }
"#;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(typescript_type = "Scenario")]
    pub type ScenarioObject;
    #[wasm_bindgen(typescript_type = "Enterprise")]
    pub type EnterpriseObject;
    #[wasm_bindgen(typescript_type = "Report")]
    pub type ReportObject;
    #[wasm_bindgen(typescript_type = "LeanReport")]
    pub type LeanReportObject;
    #[wasm_bindgen(typescript_type = "SizeReport")]
    pub type SizeReportObject;
    #[wasm_bindgen(typescript_type = "PolicySummary[]")]
    pub type PolicyList;
    #[wasm_bindgen(typescript_type = "PackInfo")]
    pub type PackInfoObject;
    #[wasm_bindgen(typescript_type = "unknown")]
    pub type PackDocuments;
    #[wasm_bindgen(typescript_type = "Language")]
    pub type LanguageChoice;
    #[wasm_bindgen(typescript_type = "OneLanguage")]
    pub type OneLanguageChoice;
}

/// The engine's version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// The calculator with its active policy set. Create one per page; it
/// parses the built-in pack once.
#[wasm_bindgen]
pub struct Calculator {
    pub(crate) set: PolicySet,
    loaded: Vec<String>,
}

/// The built-in pack as `build.rs` wrote it (the same text `pack::builtin`
/// embeds). Read here through the same checked path as a portal's pack, so
/// the module carries one set of pack-reading code instead of two.
const BUILTIN_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/builtin_pack.json"));

impl Default for Calculator {
    fn default() -> Self {
        let documents =
            read_pack(BUILTIN_JSON, "policies").ok().expect("the built-in pack is checked by the test suite");
        let products = crate::pack::builtin::products().products;
        Calculator { set: PolicySet { documents, products }, loaded: Vec::new() }
    }
}

#[wasm_bindgen]
impl Calculator {
    /// A calculator with the built-in pack.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Calculator {
        Calculator::default()
    }

    /// Evaluate a scenario against the active policy set: the lean report,
    /// per rule only what the scenario decides (the rules' own texts are in
    /// `policies()`, by `rule_id`), its texts plain strings in `lang`, "zh"
    /// (the default) or "en". With `product` (an id of `products()`), only
    /// the product's rules, and the total, could-add and not-in-total
    /// lines of those alone. Throws an `InputErrorObject` when the scenario
    /// is not valid or the product unknown.
    pub fn evaluate(
        &self,
        scenario: &ScenarioObject,
        lang: Option<OneLanguageChoice>,
        product: Option<String>,
    ) -> Result<LeanReportObject, JsValue> {
        let product = match product {
            Some(id) => Some(self.set.product(&id).ok_or_else(|| {
                input_error(vec![InputError::new(
                    "product",
                    format!("政策包中没有产品 {id}"),
                    format!("the pack has no product {id}"),
                )])
            })?),
            None => None,
        };
        let scenario = read_scenario(scenario, &self.set)?;
        let lang = match lang.and_then(|l| l.as_string()).as_deref() {
            Some("en") => Lang::En,
            _ => Lang::Zh,
        };
        let mut evaluation = crate::evaluate(&self.set, &scenario);
        if let Some(product) = product {
            evaluation = crate::product::scoped(evaluation, product);
        }
        let report = LeanReport::lean(&evaluation, lang);
        Ok(JSON::parse(&report.to_json(lang)).ok().expect("the lean report is valid JSON").unchecked_into())
    }

    /// As `evaluate`, but the full report: every rule with its name,
    /// recipient, notes and citation (the CLI's JSON).
    #[wasm_bindgen(js_name = evaluateFull)]
    pub fn evaluate_full(
        &self,
        scenario: &ScenarioObject,
        lang: Option<LanguageChoice>,
    ) -> Result<ReportObject, JsValue> {
        let scenario = read_scenario(scenario, &self.set)?;
        let report = Report::new(&crate::evaluate(&self.set, &scenario), language(lang));
        Ok(to_js(&report).unchecked_into())
    }

    /// The calculation record of a scenario (`docs/record.schema.json`): JSON
    /// text to save as a file and check with `sme-subsidy verify` — the
    /// scenario and its hash, the engine version, the active documents'
    /// content hashes, the LPR table's date, each rule's status and amount.
    /// Throws an `InputErrorObject` when the scenario is not valid.
    pub fn record(&self, scenario: &ScenarioObject) -> Result<String, JsValue> {
        let scenario = read_scenario(scenario, &self.set)?;
        let record = crate::record::record(&self.set, &scenario);
        Ok(serde_json::to_string_pretty(&record).ok().expect("a record serializes to JSON"))
    }

    /// The policy documents of the active pack, with status, dates and rules.
    pub fn policies(&self) -> PolicyList {
        let list: Vec<PolicySummary> = self.set.documents.iter().map(PolicySummary::from).collect();
        to_js(&list).unchecked_into()
    }

    /// Load a portal's policy documents (an array of documents in the pack
    /// format, e.g. the output of `sme-subsidy export-pack`). They replace
    /// built-in documents of the same id. Throws a `PackErrorObject` naming
    /// `file`, the rule and the field; the active set is unchanged then.
    #[wasm_bindgen(js_name = loadPack)]
    pub fn load_pack(&mut self, documents: &PackDocuments, file: &str) -> Result<PackInfoObject, JsValue> {
        let text = json_text(documents).ok_or_else(|| {
            pack_error(vec![PackError {
                file: file.to_string(),
                rule: None,
                field: String::new(),
                zh: "政策包须为文件对象组成的数组".into(),
                en: "a pack must be an array of document objects".into(),
                at: None,
            }])
        })?;
        let documents = read_pack(&text, file).map_err(pack_error)?;
        let clashes = rule_id_clashes(&self.set, &documents, file);
        if !clashes.is_empty() {
            return Err(pack_error(clashes));
        }
        let mut set = self.set.clone();
        set.merge(documents.clone());
        let errors = crate::pack::product::check_documents(&documents, &set, file);
        if !errors.is_empty() {
            return Err(pack_error(errors));
        }
        self.set = set;
        self.loaded.push(file.to_string());
        Ok(self.info())
    }

    /// Engine version and what the active pack holds.
    pub fn info(&self) -> PackInfoObject {
        let info = PackInfo {
            version: env!("CARGO_PKG_VERSION"),
            documents: self.set.documents.len(),
            rules: self.set.rules().count(),
            loaded: &self.loaded,
            lpr_table_newest: crate::lpr::newest_date().to_string(),
        };
        to_js(&info).unchecked_into()
    }
}

/// 企业划型 (S-1) from the enterprise profile alone. Throws an
/// `InputErrorObject` (paths under `enterprise.`) when a figure is invalid.
#[wasm_bindgen(js_name = classifySize)]
pub fn classify_size(enterprise: &EnterpriseObject) -> Result<SizeReportObject, JsValue> {
    let text = json_text(enterprise).ok_or_else(|| not_an_object("enterprise"))?;
    let enterprise: Enterprise = read_json(&text).map_err(|(path, message)| {
        let path = if path == "." { "enterprise".to_string() } else { format!("enterprise.{path}") };
        input_error(vec![InputError::from_serde(path, &message)])
    })?;
    // The size rules read only the enterprise; the scenario around it exists
    // so that the same range checks and the same wording apply as in a full
    // evaluation.
    let scenario = Scenario {
        evaluation_date: crate::lpr::newest_date(),
        enterprise,
        loans: Vec::new(),
        guarantees: Vec::new(),
        evaluation_fees: Vec::new(),
        insurance: Vec::new(),
        ipo: None,
        lpr_override: Default::default(),
        answers: Default::default(),
    };
    input::check(&scenario).map_err(input_error)?;
    let evaluation = Evaluation {
        evaluation_date: scenario.evaluation_date,
        size: engine::size_of(&scenario),
        results: Vec::new(),
    };
    Ok(to_js(&Report::new(&evaluation, Lang::Both).enterprise_size).unchecked_into())
}

fn language(lang: Option<LanguageChoice>) -> Lang {
    match lang.and_then(|l| l.as_string()).as_deref() {
        Some("zh" | "zh-CN") => Lang::Zh,
        Some("en") => Lang::En,
        _ => Lang::Both,
    }
}

fn read_scenario(value: &ScenarioObject, set: &PolicySet) -> Result<Scenario, JsValue> {
    let text = json_text(value).ok_or_else(|| not_an_object("(scenario)"))?;
    let scenario: Scenario = read_json(&text)
        .map_err(|(path, message)| input_error(vec![InputError::from_serde(path, &message)]))?;
    input::check(&scenario).map_err(input_error)?;
    input::check_answers(&scenario, set).map_err(input_error)?;
    Ok(scenario)
}

/// A pack read and checked as `pack::validate::from_deserializer` does,
/// with the error path found by [`path_at`].
fn read_pack(text: &str, file: &str) -> Result<Vec<Document>, Vec<PackError>> {
    validate::checked(read_json(text), file)
}

/// Deserialize, or say where (`loans[1].principal`) and what went wrong.
///
/// Natively the path comes from `serde_path_to_error`; here it is worked out
/// from the byte where serde_json stopped, because the wrapper doubles the
/// size of every deserializer in the module (about 15 KB of the Brotli
/// download) and the text, written by `JSON.stringify`, is one line whose
/// prefix fixes the path exactly.
fn read_json<T: DeserializeOwned>(text: &str) -> Result<T, (String, String)> {
    serde_json::from_str(text).map_err(|e| {
        let message = e.to_string();
        let message = match message.rfind(" at line ") {
            Some(at) => message[..at].to_string(),
            None => message,
        };
        (path_at(text, e.column()), message)
    })
}

/// The path of the value being read at byte `offset` of one-line JSON
/// `text`, written as `serde_path_to_error` writes it: `enterprise.region`,
/// `loans[0].principal`, `[1].rules[3].id`, or `.` for the whole.
fn path_at(text: &str, offset: usize) -> String {
    enum Segment<'a> {
        /// In an object: the key whose value is being read, once read.
        Key(Option<&'a str>),
        /// In an array: the element's index.
        Index(usize),
    }
    let bytes = text.as_bytes();
    let end = offset.min(bytes.len());
    let mut stack: Vec<Segment> = Vec::new();
    let mut i = 0;
    while i < end {
        match bytes[i] {
            b'{' => stack.push(Segment::Key(None)),
            b'[' => stack.push(Segment::Index(0)),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Segment::Index(n)) => *n += 1,
                Some(Segment::Key(key)) => *key = None,
                None => {}
            },
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < end && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                if let Some(Segment::Key(key @ None)) = stack.last_mut() {
                    *key = text.get(start..i.min(end));
                }
            }
            _ => {}
        }
        i += 1;
    }
    let mut path = String::new();
    for segment in &stack {
        match segment {
            Segment::Key(Some(key)) => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Segment::Key(None) => {}
            Segment::Index(n) => path.push_str(&format!("[{n}]")),
        }
    }
    if path.is_empty() {
        ".".to_string()
    } else {
        path
    }
}

/// Objects come in as JSON text written by the browser's `JSON.stringify`
/// and read by serde_json: one boundary crossing instead of one per field,
/// and a single deserializer for scenarios and packs alike. `None` for
/// values JSON cannot hold (undefined, functions, cycles).
pub(crate) fn json_text(value: &JsValue) -> Option<String> {
    stringify_finite(value).ok()?.as_string()
}

// `JSON.stringify` writes NaN and ±Infinity (1e400 is Infinity) as null,
// and a null optional field is "absent": a rate of 1e400 would silently
// change a total. The replacer writes them as the number 1e400 instead,
// which serde_json refuses as out of range at that very place, so the
// error names the field (or, in a browser without `JSON.rawJSON`, as the
// text "NaN" / "Infinity", which no number field accepts).
#[wasm_bindgen(inline_js = "export function stringifyFinite(value) {
  return JSON.stringify(value, (_key, v) =>
    typeof v === 'number' && !Number.isFinite(v) ? (JSON.rawJSON ? JSON.rawJSON('1e400') : String(v)) : v);
}")]
extern "C" {
    #[wasm_bindgen(catch, js_name = stringifyFinite)]
    fn stringify_finite(value: &JsValue) -> Result<JsValue, JsValue>;
}

fn not_an_object(field: &str) -> JsValue {
    input_error(vec![InputError::new(field, "输入须为对象", "the input must be an object")])
}

/// One JSON string, parsed by the browser: see the module notes. (`.ok()`
/// before `expect`: the error types' Debug code would only add download size.)
pub(crate) fn to_js<T: Serialize>(value: &T) -> JsValue {
    let json = serde_json::to_string(value).ok().expect("reports serialize to JSON");
    JSON::parse(&json).ok().expect("serde_json writes valid JSON")
}

fn located_error(name: &str, field: &str, message: &str, errors: JsValue) -> JsValue {
    let error = Error::new(message);
    error.set_name(name);
    // Setting a property on a fresh Error object cannot fail.
    let _ = Reflect::set(&error, &"field".into(), &field.into());
    let _ = Reflect::set(&error, &"errors".into(), &errors);
    error.into()
}

fn input_error(errors: Vec<InputError>) -> JsValue {
    let message = errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n");
    located_error("InputError", &errors[0].field, &message, to_js(&errors))
}

fn pack_error(errors: Vec<PackError>) -> JsValue {
    let message = errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n");
    located_error("PackError", &errors[0].field, &message, to_js(&errors))
}

/// Rule ids the new documents share with documents they do not replace:
/// two rules with one id would make results ambiguous.
fn rule_id_clashes(set: &PolicySet, documents: &[Document], file: &str) -> Vec<PackError> {
    let kept = set.documents.iter().filter(|d| !documents.iter().any(|n| n.id == d.id));
    let kept_ids: Vec<&str> = kept.flat_map(|d| d.rules.iter().map(|r| r.id.as_str())).collect();
    let mut errors = Vec::new();
    for (d, doc) in documents.iter().enumerate() {
        for (r, rule) in doc.rules.iter().enumerate() {
            if kept_ids.contains(&rule.id.as_str()) {
                errors.push(PackError {
                    file: file.to_string(),
                    rule: Some(rule.id.clone()),
                    field: format!("[{d}].rules[{r}].id"),
                    zh: format!("规则编号 {} 已被其他文件使用", rule.id),
                    en: format!("rule id {} is already used by another document", rule.id),
                    at: None,
                });
            }
        }
    }
    errors
}

#[derive(Serialize)]
struct PackInfo<'a> {
    version: &'static str,
    documents: usize,
    rules: usize,
    loaded: &'a [String],
    lpr_table_newest: String,
}

#[derive(Serialize)]
struct PolicySummary<'a> {
    id: &'a str,
    title: &'a str,
    number: Option<&'a str>,
    issuer: &'a str,
    issued: Option<String>,
    effective_from: Option<String>,
    effective_to: Option<String>,
    status: crate::pack::DocumentStatus,
    status_text: Text,
    jurisdiction: &'a crate::pack::Jurisdiction,
    source: &'a str,
    rules: Vec<RuleSummary<'a>>,
}

impl<'a> From<&'a Document> for PolicySummary<'a> {
    fn from(doc: &'a Document) -> Self {
        PolicySummary {
            id: &doc.id,
            title: &doc.title,
            number: doc.number.as_deref(),
            issuer: &doc.issuer,
            issued: doc.issued.map(|d| d.to_string()),
            effective_from: doc.effective_from.map(|d| d.to_string()),
            effective_to: doc.effective_to.map(|d| d.to_string()),
            status: doc.status,
            status_text: Text { zh: doc.status.name_zh().into(), en: doc.status.name_en().into() },
            jurisdiction: &doc.jurisdiction,
            source: &doc.source,
            rules: doc.rules.iter().map(|rule| RuleSummary::new(doc, rule)).collect(),
        }
    }
}

#[derive(Serialize)]
struct RuleSummary<'a> {
    rule_id: &'a str,
    provision: Option<&'a str>,
    name: &'a Text,
    family: Family,
    family_name: Bi<'a>,
    form_family: &'static str,
    recipient: crate::pack::Recipient,
    recipient_text: Bi<'a>,
    notes: Vec<RuleNote<'a>>,
    readings: Vec<report::ReadingReport<'a>>,
    citation: Citation<'a>,
    questions: Vec<Question<'a>>,
}

#[derive(Serialize)]
struct RuleNote<'a> {
    zh: std::borrow::Cow<'a, str>,
    en: std::borrow::Cow<'a, str>,
    only_for_sizes: &'a [Size],
}

#[derive(Serialize)]
struct Question<'a> {
    id: &'a str,
    zh: &'a str,
    en: &'a str,
}

impl<'a> RuleSummary<'a> {
    fn new(doc: &'a Document, rule: &'a Rule) -> Self {
        let l = Lang::Both;
        RuleSummary {
            rule_id: &rule.id,
            provision: rule.provision.as_deref(),
            name: &rule.name,
            family: rule.family,
            family_name: l.bi(|| rule.family.name_zh(), || rule.family.name_en()),
            form_family: rule.form_family(),
            recipient: rule.recipient,
            recipient_text: l.bi(|| rule.recipient.name_zh(), || rule.recipient.name_en()),
            notes: report::rule_notes(l, doc, rule)
                .into_iter()
                .map(|(text, only_for_sizes)| RuleNote { zh: text.zh, en: text.en, only_for_sizes })
                .collect(),
            readings: report::readings(l, &rule.readings),
            citation: report::citation(l, doc, rule),
            questions: rule
                .conditions
                .iter()
                .filter_map(|c| match c {
                    Condition::Confirm { id, question, .. } => {
                        Some(Question { id, zh: &question.zh, en: &question.en })
                    }
                    _ => None,
                })
                .collect(),
        }
    }
}
