//! 政策包工作台 (the pack studio, `www/studio.html`), in the staff tools'
//! package only: the widget carries no TOML parser.
//!
//! The page hands the pack's TOML text in on every change and lays out what
//! comes back: the located errors (`pack::spans`, the reader
//! `sme-subsidy validate-pack` uses), the form (`pack::edit`), the
//! comparison with the built-in pack (`pack::preview`) and what to publish
//! (`pack::publish`). Nothing is computed in the page.

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use crate::to_js;
use sme_subsidy::cases::{read_cases, scenario_and_set};
use sme_subsidy::pack::builtin::{builtin, SOURCES_JSON};
use sme_subsidy::pack::preview::{compare, edited_set, Comparison, Expected};
use sme_subsidy::pack::reference::{FIELDS, SECTIONS};
use sme_subsidy::pack::{edit, publish, spans, Document, Text};

// A studio error is the pack's own error (src/pack/validate.rs, derived by
// tsify as PackErrorDetail, `at` set when read from TOML): an alias of a
// renamed type, which tsify cannot derive.
#[wasm_bindgen(typescript_custom_section)]
const TS_STUDIO: &str = r#"
/** A pack error located in the TOML (line and column from 1). */
export type StudioError = PackErrorDetail;
"#;

/// A built-in document's TOML as written, with its golden cases.
#[derive(Deserialize)]
struct Source {
    folder: String,
    id: String,
    toml: String,
    cases: Vec<(String, String)>,
}

/// A built-in document the studio can start from.
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Serialize)]
struct StudioSource<'a> {
    folder: &'a str,
    id: &'a str,
    title: &'a str,
    /// How many golden cases it has.
    cases: usize,
}

/// A demo enterprise from the page (`www/personas.js`).
#[derive(Deserialize)]
struct Persona {
    id: String,
    name: Text,
    scenario: serde_json::Value,
}

/// A pack's TOML checked (`Studio.check`).
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Serialize)]
struct StudioCheck<'a> {
    /// No errors: the pack can be previewed and published.
    ok: bool,
    /// The documents read, 0 when there are errors.
    documents: usize,
    /// Their rules, 0 when there are errors.
    rules: usize,
    /// Every error, each located in the TOML; empty when `ok`.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "StudioError[]"))]
    errors: &'a [sme_subsidy::pack::validate::PackError],
}

/// The edited pack against the built-in one (`Studio.preview`). Only the
/// enterprises whose results differ are listed; the counts say out of how
/// many.
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Serialize)]
struct StudioPreview {
    /// The demo enterprises whose results differ.
    personas: Vec<Comparison>,
    persona_count: usize,
    /// The golden cases of the document replaced whose results differ.
    cases: Vec<Comparison>,
    case_count: usize,
    /// A persona or case that could not be read (its id and why).
    problems: Vec<String>,
}

/// What to publish (`Studio.publish`): two files to download and the texts
/// to copy into a portal's page.
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Serialize)]
struct PublishedPack {
    /// The pack's file name, `<document id>.json`.
    file_name: String,
    /// The pack as the widget loads it (as `sme-subsidy export-pack` writes it).
    json: String,
    /// Its Subresource-Integrity hash, `sha384-…`.
    integrity: String,
    /// The widget's embed code for the pack served at the address given.
    snippet: String,
    /// The golden cases' file name, `<document id>-cases.toml`.
    cases_file_name: String,
    /// The document's golden cases as one bundle, for `sme-subsidy test`.
    cases: String,
    case_count: usize,
}

/// The pack format reference (`Studio.reference`): its sections, then
/// every field.
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Serialize)]
struct StudioReference<'a>(Vec<ReferenceSection<'a>>, Vec<ReferenceField>);

/// A section of the reference: its fields' path prefix (`ReferenceField.section`),
/// then its title in Chinese and in English.
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Serialize)]
struct ReferenceSection<'a>(&'a str, &'a str, &'a str);

/// A field of the pack format.
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Serialize)]
struct ReferenceField {
    /// Where it sits: `rules[].calculation.share_percent` (`[]`: each of a list).
    path: &'static str,
    /// The path prefix of its section (`ReferenceSection`).
    section: &'static str,
    zh: &'static str,
    en: &'static str,
    unit_zh: &'static str,
    unit_en: &'static str,
    example: &'static str,
    /// The calculation templates that read it; empty: every rule, or the document.
    templates: &'static [&'static str],
    required: bool,
}

fn error_js(zh: &str, en: &str) -> JsValue {
    let error = js_sys::Error::new(&format!("{zh} / {en}"));
    error.set_name("StudioError");
    error.into()
}

/// The pack studio: the built-in documents' sources, and the pure
/// functions of a pack's text.
#[wasm_bindgen]
pub struct Studio {
    sources: Vec<Source>,
}

impl Studio {
    fn source_of(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    fn read(text: &str, file: &str) -> Result<Vec<Document>, Vec<sme_subsidy::pack::validate::PackError>> {
        spans::read_toml(sme_subsidy::input::without_bom(text), file)
    }
}

impl Default for Studio {
    fn default() -> Self {
        Studio { sources: serde_json::from_str(SOURCES_JSON).ok().expect("build.rs writes the sources") }
    }
}

#[wasm_bindgen]
impl Studio {
    #[wasm_bindgen(constructor)]
    pub fn new() -> Studio {
        Studio::default()
    }

    /// The built-in documents, to start from.
    #[wasm_bindgen(unchecked_return_type = "StudioSource[]")]
    pub fn sources(&self) -> JsValue {
        let items: Vec<StudioSource> = self
            .sources
            .iter()
            .map(|s| StudioSource {
                folder: &s.folder,
                id: &s.id,
                title: builtin().documents.iter().find(|d| d.id == s.id).map_or("", |d| d.title.as_str()),
                cases: s.cases.len(),
            })
            .collect();
        to_js(&items)
    }

    /// The TOML of a built-in document, comments and all.
    pub fn source(&self, folder: &str) -> Option<String> {
        self.sources.iter().find(|s| s.folder == folder).map(|s| s.toml.clone())
    }

    /// Check a pack's TOML: `{ ok, documents, rules, errors }`, each error
    /// located by line and column, in Chinese and English.
    #[wasm_bindgen(unchecked_return_type = "StudioCheck")]
    pub fn check(&self, text: &str, file: &str) -> JsValue {
        match Self::read(text, file) {
            Ok(docs) => to_js(&StudioCheck {
                ok: true,
                documents: docs.len(),
                rules: docs.iter().map(|d| d.rules.len()).sum(),
                errors: &[],
            }),
            Err(errors) => to_js(&StudioCheck { ok: false, documents: 0, rules: 0, errors: &errors }),
        }
    }

    /// The form of the pack's common fields (rules' rates, caps, quotes and
    /// readings; the document's dates and status). Throws when the text is
    /// not TOML.
    #[wasm_bindgen(unchecked_return_type = "PackForm")]
    pub fn form(&self, text: &str) -> Result<JsValue, JsValue> {
        edit::form(text).map(|f| to_js(&f)).map_err(|e| error_js(&e.zh, &e.en))
    }

    /// The text with one form field set (`rule` empty: the document's), its
    /// comments and layout kept.
    pub fn set(&self, text: &str, rule: &str, key: &str, value: &str) -> Result<String, JsValue> {
        edit::set(text, rule, key, value).map_err(|e| error_js(&e.zh, &e.en))
    }

    /// The edited pack against the built-in one on the demo enterprises
    /// (`personas`: JSON text of `[{ id, name: {zh, en}, scenario }]`) and
    /// on the golden cases of the built-in document it replaces. Throws
    /// when the pack has errors (`check` lists them).
    #[wasm_bindgen(unchecked_return_type = "StudioPreview")]
    pub fn preview(&self, text: &str, personas: &str) -> Result<JsValue, JsValue> {
        let edited = Self::read(text, "studio")
            .map_err(|_| error_js("政策包有错误，请先更正", "the pack has errors: correct them first"))?;
        let base = builtin();
        let after = edited_set(base, &edited);
        let mut problems = Vec::new();
        let personas: Vec<Persona> =
            serde_json::from_str(personas).map_err(|e| error_js("演示企业无法读取", &e.to_string()))?;
        let mut persona_rows = Vec::new();
        for p in &personas {
            match sme_subsidy::input::scenario_from(&p.scenario) {
                Ok(scenario) => {
                    persona_rows.push(compare(&p.id, (&p.name.zh, &p.name.en), &scenario, base, &after, &[]))
                }
                Err(e) => problems.push(format!("{}: {}", p.id, e[0])),
            }
        }
        let mut case_rows = Vec::new();
        for doc in &edited {
            let Some(source) = self.source_of(&doc.id) else { continue };
            for (name, case_text) in &source.cases {
                let cases = match read_cases(case_text) {
                    Ok(cases) => cases,
                    Err(e) => {
                        problems.push(format!("{name}: {e}"));
                        continue;
                    }
                };
                for case in cases {
                    let (scenario, before, _) = scenario_and_set(&case, name);
                    let Some(scenario) = scenario else { continue };
                    // The case's own documents still win, as in a case bundle.
                    let mut after = edited_set(base, &edited);
                    after.merge(case.pack.clone());
                    let expect: Vec<Expected> = case
                        .expect
                        .iter()
                        .map(|e| Expected { rule: &e.rule, status: &e.status, amount: e.amount.as_deref() })
                        .collect();
                    let row = compare(
                        name,
                        (&case.description, &case.description),
                        &scenario,
                        &before,
                        &after,
                        &expect,
                    );
                    case_rows.push(row);
                }
            }
        }
        let (persona_count, case_count) = (persona_rows.len(), case_rows.len());
        persona_rows.retain(|c| !c.changes.is_empty());
        case_rows.retain(|c| !c.changes.is_empty());
        Ok(to_js(&StudioPreview {
            personas: persona_rows,
            persona_count,
            cases: case_rows,
            case_count,
            problems,
        }))
    }

    /// What to publish: the JSON the widget loads (as `export-pack`), its
    /// SRI hash, the embed snippet for a pack served at `url`, and the
    /// golden cases of the document as one bundle for `sme-subsidy test`.
    /// Throws when the pack has errors.
    #[wasm_bindgen(unchecked_return_type = "PublishedPack")]
    pub fn publish(&self, text: &str, url: &str) -> Result<JsValue, JsValue> {
        let edited = Self::read(text, "studio")
            .map_err(|_| error_js("政策包有错误，请先更正", "the pack has errors: correct them first"))?;
        let json = publish::pack_json(&edited);
        let id = edited.first().map_or("pack", |d| d.id.as_str());
        let cases: Vec<(&str, &str)> = edited
            .iter()
            .filter_map(|d| self.source_of(&d.id))
            .flat_map(|s| s.cases.iter().map(|(n, t)| (n.as_str(), t.as_str())))
            .collect();
        let integrity = publish::integrity(json.as_bytes());
        let published = PublishedPack {
            file_name: format!("{id}.json"),
            snippet: publish::embed_snippet(url, &integrity),
            integrity,
            cases_file_name: format!("{id}-cases.toml"),
            cases: publish::case_bundle(text, &cases),
            case_count: cases.len(),
            json,
        };
        Ok(to_js(&published))
    }

    /// The pack format reference (zh-CN first): every field, its unit, an
    /// example and the templates that read it.
    #[wasm_bindgen(unchecked_return_type = "StudioReference")]
    pub fn reference(&self) -> JsValue {
        let sections = SECTIONS.iter().map(|&(prefix, zh, en)| ReferenceSection(prefix, zh, en)).collect();
        let fields = FIELDS
            .iter()
            .map(|f| ReferenceField {
                path: f.path,
                section: sme_subsidy::pack::reference::section_of(f.path),
                zh: f.zh,
                en: f.en,
                unit_zh: f.unit.zh(),
                unit_en: f.unit.en(),
                example: f.example,
                templates: f.templates,
                required: f.required,
            })
            .collect();
        to_js(&StudioReference(sections, fields))
    }
}
