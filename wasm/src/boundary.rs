//! Objects across the JavaScript boundary: JSON text in (the browser's
//! `JSON.stringify`, serde_json here) and out (`JSON.parse`), and bad input
//! as a JavaScript `Error` located at its field, the path recovered from
//! where serde_json stopped.

use js_sys::{Error, Reflect, JSON};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;

use sme_subsidy::input::InputError;
use sme_subsidy::pack::validate::{self, PackError};
use sme_subsidy::pack::Document;

/// A pack read and checked as `pack::validate::from_deserializer` does,
/// with the error path found by [`path_at`].
pub(crate) fn read_pack(text: &str, file: &str) -> Result<Vec<Document>, Vec<PackError>> {
    validate::checked(read_json(text), file)
}

/// Deserialize, or say where (`loans[1].principal`) and what went wrong.
///
/// Natively the path comes from `serde_path_to_error`; here it is worked out
/// from the byte where serde_json stopped, because the wrapper doubles the
/// size of every deserializer in the module (about 15 KB of the Brotli
/// download) and the text, written by `JSON.stringify`, is one line whose
/// prefix fixes the path exactly.
pub(crate) fn read_json<T: DeserializeOwned>(text: &str) -> Result<T, (String, String)> {
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
pub(crate) fn path_at(text: &str, offset: usize) -> String {
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

pub(crate) fn not_an_object(field: &str) -> JsValue {
    input_error(vec![InputError::new(field, "输入须为对象", "the input must be an object")])
}

/// One JSON string, parsed by the browser: see the module notes. (`.ok()`
/// before `expect`: the error types' Debug code would only add download size.)
pub(crate) fn to_js<T: Serialize>(value: &T) -> JsValue {
    let json = serde_json::to_string(value).ok().expect("reports serialize to JSON");
    JSON::parse(&json).ok().expect("serde_json writes valid JSON")
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
