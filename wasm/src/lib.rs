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
//! - Objects cross the boundary as JavaScript objects, through
//!   serde-wasm-bindgen (`boundary`): no JSON text on either side, and one
//!   deserializer in the module for scenarios and portal packs alike.
//!   Amounts stay decimal strings.
//! - Bad input becomes a real JavaScript `Error` whose `field` is the
//!   scenario path (`loans[0].principal`), so the page can put the message
//!   next to the input that caused it, and whose `errors` lists every
//!   problem found, in Chinese and English.
//! - The TypeScript section below describes the real objects, so a portal's
//!   developers get checked field names instead of `any`.

// `.ok().expect(…)` on purpose: the error types' Debug code would only add
// download size for failures that cannot happen.
#![allow(clippy::ok_expect)]
// Only the browser build has a JavaScript side; natively the crate is empty.
#![cfg(target_arch = "wasm32")]

use js_sys::JSON;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

mod apply;
#[cfg(feature = "tools")]
mod batch;
mod boundary;
#[cfg(feature = "tools")]
mod institution;
mod product;
#[cfg(feature = "tools")]
mod studio;
mod tree;
mod types;
mod views;

use boundary::*;
use views::*;

use sme_subsidy::engine;
use sme_subsidy::input::{self, InputError};
use sme_subsidy::pack::validate::PackError;
use sme_subsidy::pack::{Document, PolicySet};
use sme_subsidy::report::{Lang, LeanReport, Report};
use sme_subsidy::result::Evaluation;
use sme_subsidy::scenario::{Enterprise, Scenario};

/// In the browser, Talc instead of Rust's default dlmalloc: faster (the
/// batch worker spent an eighth of its time in dlmalloc) and smaller.
#[cfg(not(target_feature = "atomics"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

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
    sme_subsidy::VERSION.to_string()
}

/// The calculator with its active policy set. Create one per page; it
/// parses the built-in pack once.
#[wasm_bindgen]
pub struct Calculator {
    pub(crate) set: PolicySet,
    loaded: Vec<String>,
}

impl Default for Calculator {
    fn default() -> Self {
        Calculator { set: builtin_set().clone(), loaded: Vec::new() }
    }
}

/// The built-in pack, products and gazetteer, which `build.rs` embeds as
/// JSON text: parsed by the browser's `JSON.parse`, read by the module's one
/// deserializer (a portal pack's) and installed in the core, once. The
/// module carries no JSON parser.
fn builtin_set() -> &'static PolicySet {
    use sme_subsidy::pack::builtin::{self, BUILTIN_JSON, PRODUCTS_JSON};
    use sme_subsidy::pack::product::Catalogue;
    use sme_subsidy::places::{self, PLACES_JSON};
    let parse = |text: &str| JSON::parse(text).ok().expect("build.rs writes JSON");
    builtin::install_with(|| {
        let places: tree::Tree =
            serde_wasm_bindgen::from_value(parse(PLACES_JSON)).ok().expect("build.rs writes JSON");
        places::install(places).ok().expect("data/places.toml is checked by the test suite");
        // Not `read_pack`: its checks look up the built-in pack itself.
        let documents: Vec<Document> =
            from_js(&parse(BUILTIN_JSON)).ok().expect("the built-in pack is checked by the test suite");
        let products: Catalogue =
            from_js(&parse(PRODUCTS_JSON)).ok().expect("the built-in products are checked by the test suite");
        PolicySet { documents, products: products.products }
    })
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
        let product = self.product_of(product)?;
        let scenario = read_scenario(scenario, &self.set)?;
        let lang = one_language(lang);
        let mut evaluation = sme_subsidy::evaluate(&self.set, &scenario);
        if let Some(product) = product {
            evaluation = sme_subsidy::product::scoped(evaluation, product);
        }
        let report = LeanReport::lean(&evaluation, lang);
        Ok(to_js(&report.in_lang(lang)).unchecked_into())
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
        let report = Report::new(&sme_subsidy::evaluate(&self.set, &scenario), language(lang));
        Ok(to_js(&report).unchecked_into())
    }

    /// The calculation record of a scenario (`docs/record.schema.json`): JSON
    /// text to save as a file and check with `sme-subsidy verify` — the
    /// scenario and its hash, the engine version, the active documents'
    /// content hashes, the LPR table's date, each rule's status and amount.
    /// Throws an `InputErrorObject` when the scenario is not valid.
    pub fn record(&self, scenario: &ScenarioObject) -> Result<String, JsValue> {
        let scenario = read_scenario(scenario, &self.set)?;
        let record = sme_subsidy::record::record(&self.set, &scenario);
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
        let documents = read_pack(documents, file).map_err(pack_error)?;
        let clashes = rule_id_clashes(&self.set, &documents, file);
        if !clashes.is_empty() {
            return Err(pack_error(clashes));
        }
        let mut set = self.set.clone();
        set.merge(documents.clone());
        let errors = sme_subsidy::pack::product::check_documents(&documents, &set, file);
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
            version: sme_subsidy::VERSION,
            documents: self.set.documents.len(),
            rules: self.set.rules().count(),
            loaded: &self.loaded,
            lpr_table_newest: sme_subsidy::lpr::newest_date().to_string(),
        };
        to_js(&info).unchecked_into()
    }
}

/// 企业划型 (S-1) from the enterprise profile alone. Throws an
/// `InputErrorObject` (paths under `enterprise.`) when a figure is invalid.
#[wasm_bindgen(js_name = classifySize)]
pub fn classify_size(enterprise: &EnterpriseObject) -> Result<SizeReportObject, JsValue> {
    let enterprise: Enterprise = from_js(enterprise).map_err(|(path, message)| {
        let path = if path == "." { "enterprise".to_string() } else { format!("enterprise.{path}") };
        input_error(vec![InputError::from_serde(path, &message)])
    })?;
    // The size rules read only the enterprise; the scenario around it exists
    // so that the same range checks and the same wording apply as in a full
    // evaluation.
    let scenario = Scenario {
        evaluation_date: sme_subsidy::lpr::newest_date(),
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

impl Calculator {
    /// The product an id names, or an `InputErrorObject` at `product`.
    fn product_of(&self, id: Option<String>) -> Result<Option<&sme_subsidy::pack::Product>, JsValue> {
        let Some(id) = id else { return Ok(None) };
        self.set.product(&id).map(Some).ok_or_else(|| {
            input_error(vec![InputError::new(
                "product",
                format!("政策包中没有产品 {id}"),
                format!("the pack has no product {id}"),
            )])
        })
    }
}

/// The page's language: "en", or else zh-CN.
fn one_language(lang: Option<OneLanguageChoice>) -> Lang {
    match lang.and_then(|l| l.as_string()).as_deref() {
        Some("en") => Lang::En,
        _ => Lang::Zh,
    }
}

fn language(lang: Option<LanguageChoice>) -> Lang {
    match lang.and_then(|l| l.as_string()).as_deref() {
        Some("zh" | "zh-CN") => Lang::Zh,
        Some("en") => Lang::En,
        _ => Lang::Both,
    }
}

fn read_scenario(value: &ScenarioObject, set: &PolicySet) -> Result<Scenario, JsValue> {
    let scenario: Scenario = from_js(value)
        .map_err(|(path, message)| input_error(vec![InputError::from_serde(path, &message)]))?;
    input::check(&scenario).map_err(input_error)?;
    input::check_answers(&scenario, set).map_err(input_error)?;
    Ok(scenario)
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
