//! Reading the command's input files: scenarios, packs and answers, each
//! refused past the size limit, without a byte-order mark; a portal's packs
//! merged over the built-in one; input errors printed located.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use sme_subsidy::input;
use sme_subsidy::limits::{bytes_text, terminal_safe, MAX_DOCUMENT_BYTES};
use sme_subsidy::pack::{builtin::builtin, product, spans, validate, Document, PolicySet};
use sme_subsidy::scenario::Scenario;

/// A scenario, pack or answers file (`-`: standard input), without a
/// byte-order mark, refused past
/// [`MAX_DOCUMENT_BYTES`] before more is read (`/dev/zero` is a file too).
pub fn read(path: &Path) -> Result<String, String> {
    let (name, input): (String, Box<dyn Read>) = if path == Path::new("-") {
        ("standard input".into(), Box::new(std::io::stdin()))
    } else {
        let name = path.display().to_string();
        (name.clone(), Box::new(fs::File::open(path).map_err(|e| format!("{name}: {e}"))?))
    };
    let mut bytes = Vec::new();
    input.take(MAX_DOCUMENT_BYTES + 1).read_to_end(&mut bytes).map_err(|e| format!("{name}: {e}"))?;
    if bytes.len() as u64 > MAX_DOCUMENT_BYTES {
        let limit = bytes_text(MAX_DOCUMENT_BYTES);
        return Err(format!("{name}: 文件超过{limit}的上限 / the file is larger than the limit of {limit}"));
    }
    let text = String::from_utf8(bytes)
        .map_err(|_| format!("{name}: 文件不是 UTF-8 编码 / the file is not UTF-8"))?;
    Ok(input::without_bom(&text).to_string())
}

fn is_toml(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "toml")
}

/// The built-in pack with a portal's packs merged over it, in order; `None`
/// (the errors printed, each naming file, rule and field) when one is bad.
pub fn policy_set(packs: &[PathBuf]) -> Option<PolicySet> {
    let mut set: PolicySet = builtin().clone();
    for file in packs {
        match load_pack(file) {
            Ok(docs) => set.merge(docs),
            Err(errors) => {
                errors.iter().for_each(|e| eprintln!("{}", terminal_safe(&e.to_string())));
                return None;
            }
        }
    }
    Some(set)
}

/// The scenario file read and checked against the built-in pack with a
/// portal's packs merged over it; `None` (the errors printed, located) when
/// either is bad.
pub fn scenario_and_set(file: &Path, packs: &[PathBuf]) -> Result<Option<(Scenario, PolicySet)>, String> {
    let text = read(file)?;
    let parsed = if is_toml(file) {
        toml::from_str::<toml::Value>(&text)
            .map_err(|e| {
                vec![input::InputError::new("(scenario)", format!("TOML 格式错误：{e}"), e.to_string())]
            })
            .and_then(input::scenario_from)
    } else {
        input::scenario_from_json(&text)
    };
    let scenario = match parsed {
        Ok(scenario) => scenario,
        Err(errors) => {
            print_input_errors(&errors);
            return Ok(None);
        }
    };
    let Some(set) = policy_set(packs) else {
        return Ok(None);
    };
    if let Err(errors) = input::check_answers(&scenario, &set) {
        print_input_errors(&errors);
        return Ok(None);
    }
    Ok(Some((scenario, set)))
}

pub fn print_input_errors(errors: &[input::InputError]) {
    for e in errors {
        eprintln!("输入错误 input error — {}", terminal_safe(&e.to_string()));
    }
}

/// A pack file holds one document (TOML, as `policies/*/pack.toml`; errors
/// located by line and column) or a JSON array of them.
pub fn load_pack(path: &Path) -> Result<Vec<Document>, Vec<validate::PackError>> {
    let name = path.display().to_string();
    let text = read(path).map_err(|e| {
        vec![validate::PackError {
            file: name.clone(),
            rule: None,
            field: String::new(),
            zh: "无法读取文件".into(),
            en: e,
            at: None,
        }]
    })?;
    let documents = if is_toml(path) {
        spans::read_toml(&text, &name)
    } else {
        validate::from_deserializer(&mut serde_json::Deserializer::from_str(&text), &name)
    }?;
    // A product's rules are the built-in pack's or the file's own.
    let mut set = builtin().clone();
    set.merge(documents.clone());
    let mut errors = product::check_documents(&documents, &set, &name);
    if is_toml(path) {
        spans::locate_all(&text, &mut errors);
    }
    if errors.is_empty() {
        Ok(documents)
    } else {
        Err(errors)
    }
}
