//! Objects across the JavaScript boundary, as objects: read by
//! serde-wasm-bindgen into a [`Tree`], then into the boundary type keeping
//! the path of a failure (so a bad field is named: `loans[1].principal`), and
//! written by serde-wasm-bindgen's serializer
//! in its JSON-compatible form (maps as plain objects, 64-bit integers as
//! numbers). Bad input becomes a JavaScript `Error` located at its field.

use js_sys::{Error, Reflect};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;

use sme_subsidy::input::InputError;
use sme_subsidy::pack::validate::{self, PackError};
use sme_subsidy::pack::Document;

use crate::tree::Tree;

/// A portal's pack, read and checked as natively.
pub(crate) fn read_pack(value: &JsValue, file: &str) -> Result<Vec<Document>, Vec<PackError>> {
    validate::checked(from_js(value), file)
}

/// Deserialize, or say where (`loans[1].principal`, `.` for the whole) and
/// what went wrong. Read through [`Tree`], so unknown keys are refused.
pub(crate) fn from_js<T: DeserializeOwned>(value: &JsValue) -> Result<T, (String, String)> {
    let tree: Tree = serde_wasm_bindgen::from_value(value.clone()).map_err(|e| {
        // serde-wasm-bindgen's error is a JavaScript Error: its text less
        // "Error: " is serde's message, which `InputError::from_serde` reads.
        let message = e.to_string();
        (".".to_string(), message.strip_prefix("Error: ").map(str::to_string).unwrap_or(message))
    })?;
    T::deserialize(tree).map_err(|e| {
        let message = e.message().to_string();
        // NaN and ±Infinity (1e400 is Infinity) reach serde as floats no
        // field takes; said the way the CLI's JSON reader says it.
        let message = if ["`NaN`", "`inf`", "`-inf`"].iter().any(|f| message.contains(f)) {
            format!("number out of range: {message}")
        } else {
            message
        };
        (e.path(), message)
    })
}

/// A value as a plain JavaScript object. (`.ok()` before `expect`: the
/// error type's Debug code would only add download size.)
pub(crate) fn to_js<T: Serialize + ?Sized>(value: &T) -> JsValue {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .ok()
        .expect("reports serialize to JavaScript values")
}

pub(crate) fn located_error(name: &str, field: &str, message: &str, errors: JsValue) -> JsValue {
    let error = Error::new(message);
    error.set_name(name);
    // Setting a property on a fresh Error object cannot fail.
    let _ = Reflect::set(&error, &"field".into(), &field.into());
    let _ = Reflect::set(&error, &"errors".into(), &errors);
    error.into()
}

pub(crate) fn input_error(errors: Vec<InputError>) -> JsValue {
    let message = errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n");
    located_error("InputError", &errors[0].field, &message, to_js(&errors))
}

pub(crate) fn pack_error(errors: Vec<PackError>) -> JsValue {
    let message = errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n");
    located_error("PackError", &errors[0].field, &message, to_js(&errors))
}
