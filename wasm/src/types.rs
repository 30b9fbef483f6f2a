//! The TypeScript types of the objects that cross the boundary, for a
//! portal's developers (checked field names instead of `any`): the
//! scenario's, the reports' and the staff tools' are derived from the Rust
//! types by tsify (`src/scenario.rs`, `src/report/`, and where each type is
//! defined); these are the vocabulary's unions (written from
//! `src/vocabulary.rs`) and the aliases and error objects that have no Rust
//! type of their own.

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

/* The lean report's types (LeanReport, LeanSize, RuleOutcome, OutcomeStep,
 * OutcomeMissing, OutcomeToConfirm) and show()'s Shown are derived by tsify
 * from the views that write them (src/report/json.rs, src/apply.rs). */

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
