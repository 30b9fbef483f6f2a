//! The TypeScript types of the objects that cross the boundary, for a
//! portal's developers (checked field names instead of `any`): the
//! scenario's, the reports' and the staff tools' are derived from the Rust
//! types by tsify (`src/scenario.rs`, `src/report/mod.rs`, and where each
//! type is defined); these are the vocabulary's unions (written from
//! `src/vocabulary.rs`) and the types whose Rust serialization is written by
//! hand.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** The languages a full report is rendered in (default: both). */
export type Language = "zh" | "zh-CN" | "en" | "both";

/** An amount with its currency: "1000000 CNY", "4800000 USD" (commas allowed). */
export type MoneyString = string;
/** A calendar date, YYYY-MM-DD. */
export type DateString = string;
/** A decimal number as text, e.g. "3.45" (a number is accepted too). */
export type DecimalString = string | number;

/* vocabulary: written from src/vocabulary.rs (tests/vocabulary.rs) */
export type Industry = "agriculture" | "industry" | "construction" | "wholesale" | "retail" | "transport" | "warehousing" | "postal" | "accommodation" | "catering" | "information_transmission" | "software" | "real_estate_development" | "property_management" | "leasing_and_business_services" | "other";
export type Qualification = "tech_enterprise";
export type Collateral = "patent_pledge" | "fixed_asset_mortgage" | "guarantee_institution" | "unsecured" | "other";
export type Lender = "local_legal_person_bank" | "tech_branch" | "other_bank";
export type LoanPurpose = "clean_energy" | "energy_saving_environmental" | "carbon_reduction_technology" | "startup_guaranteed" | "veteran_startup" | "general";
export type GreenIndustry = "carbon_reduction" | "energy_saving_environmental" | "clean_production" | "clean_energy" | "ecology" | "green_infrastructure" | "green_services" | "not_green";
export type InsuranceKind = "quality_guarantee" | "product_liability" | "product_combined" | "export_credit" | "other";
export type InnovativeProduct = "first_set_equipment" | "first_batch_material" | "first_version_software";
export type IpoStage = "tutoring_filed" | "application_accepted" | "listed";
/* end of vocabulary */
export type Size = "large" | "medium" | "small" | "micro";

/*
 * The scenario's own types (Scenario, Enterprise, Region, Loan, Repayment,
 * Guarantee, EvaluationFee, InsurancePolicy, Ipo, LprOverride) are derived
 * from the Rust types by tsify (src/scenario.rs, the core's feature
 * `typescript`), their doc comments included. Unknown keys are refused.
 * Their amounts and rates are these:
 */
/** An amount with its currency: "1000000 CNY", "4800000 USD" (commas allowed). */
export type Money = MoneyString;
/** A decimal number as text, e.g. "3.45" (a number is accepted too). */
export type Decimal = DecimalString;

/** The four families of the guided form, plus rules that fit none of them. */
export type FormFamily = "interest" | "guarantee_fee" | "premium" | "ipo" | "other";
export type RuleStatus = "eligible" | "amount_not_published" | "not_eligible" | "needs_information" | "outside_effective_dates";

/*
 * The full report's types (Text, ReportOf, SizeReport, RuleReport, Reading,
 * Alternative, Step, MissingField, ToConfirm, NotYetAnswerable, Citation,
 * SeeAlso) and the unions Family, Recipient and DocumentStatus are derived
 * from the Rust types by tsify (src/report/mod.rs, src/pack/mod.rs).
 */

/** The language of evaluate()'s lean report: zh-CN unless "en". */
export type OneLanguage = "zh" | "zh-CN" | "en";

/*
 * RuleOutcome and LeanReport stay written here: their Serialize is written
 * by hand (src/report/json.rs, `InLang`: texts as strings in one language,
 * empty parts left out), so there is no derive for tsify to read.
 */
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
export type Report = ReportOf<RuleReport>;

/* The pack's views (PackInfo, PolicySummary, RuleSummary, RuleNote,
 * Question) are derived by tsify from the browser crate's view models
 * (wasm/src/views.rs); 申报指引's (Places, PlaceOption, PlaceRegion, Guide,
 * RuleGuide, ApplyGuide, Deadline, WhatIf, Series, Groups, AmountBar) from
 * src/apply.rs, src/what_if.rs and wasm/src/apply.rs. */
/* InputErrorDetail and PackErrorDetail (with its Location) are derived
 * from the Rust types by tsify (src/input.rs, src/pack/validate.rs). */

/**
 * Thrown by evaluate() and classifySize(): an Error whose `field` is the
 * first problem's scenario path and `errors` lists every problem.
 */
export interface InputErrorObject extends Error { name: "InputError"; field: string; errors: InputErrorDetail[]; }
/** Thrown by loadPack(): `field` is the path inside the pack. */
export interface PackErrorObject extends Error { name: "PackError"; field: string; errors: PackErrorDetail[]; }
"#;
