//! The JSON answers islands get (server functions, the import's `parse` and `push`), read with
//! the browser's own `JSON.parse` and `Reflect` instead of serde_json: serde_json with its
//! visitors is ~20 KB of the household's WASM (brotli; docs/performance.md, issue 11). Each
//! reader follows the serde (externally tagged) shape the server writes; anything else is
//! `None`. On the server these read nothing: islands only post from the browser.
use wasm_bindgen::JsValue;

use crate::wire::{
    alerts::{AlertFileAnswer, AlertOutcome},
    cases::DuplicateView,
    AppError, FieldError,
};

/// A value read from a parsed JSON answer.
pub trait FromJson: Sized {
    fn from_json(value: &JsValue) -> Option<Self>;
}

/// `text` read as `T`; `None` when it is not JSON of that shape.
pub fn read<T: FromJson>(text: &str) -> Option<T> {
    #[cfg(feature = "hydrate")]
    {
        T::from_json(&js_sys::JSON::parse(text).ok()?)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = text;
        None
    }
}

/// The member `key` of an object (`undefined` when absent).
fn get(value: &JsValue, key: &str) -> JsValue {
    #[cfg(feature = "hydrate")]
    {
        js_sys::Reflect::get(value, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (value, key);
        JsValue::UNDEFINED
    }
}

fn text(value: &JsValue, key: &str) -> Option<String> {
    get(value, key).as_string()
}

/// A string member that may be `null`.
fn optional_text(value: &JsValue, key: &str) -> Option<Option<String>> {
    let member = get(value, key);
    if member.is_null() || member.is_undefined() {
        Some(None)
    } else {
        member.as_string().map(Some)
    }
}

impl FromJson for String {
    fn from_json(value: &JsValue) -> Option<Self> {
        value.as_string()
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(value: &JsValue) -> Option<Self> {
        #[cfg(feature = "hydrate")]
        {
            if !js_sys::Array::is_array(value) {
                return None;
            }
            js_sys::Array::from(value)
                .iter()
                .map(|item| T::from_json(&item))
                .collect()
        }
        #[cfg(not(feature = "hydrate"))]
        {
            let _ = value;
            None
        }
    }
}

impl FromJson for FieldError {
    fn from_json(value: &JsValue) -> Option<Self> {
        // Only what islands show: the server worded `message` in the reader's language.
        Some(FieldError::shown(
            text(value, "field")?,
            text(value, "key")?,
            text(value, "message")?,
        ))
    }
}

impl FromJson for AppError {
    fn from_json(value: &JsValue) -> Option<Self> {
        if let Some(unit) = value.as_string() {
            return Some(match unit.as_str() {
                "Unauthorized" => AppError::Unauthorized,
                "Forbidden" => AppError::Forbidden,
                "NotFound" => AppError::NotFound,
                "Conflict" => AppError::Conflict,
                "RateLimited" => AppError::RateLimited,
                "Unavailable" => AppError::Unavailable,
                "Transport" => AppError::Transport,
                _ => AppError::Internal,
            });
        }
        let fields = get(value, "Validation");
        if !fields.is_undefined() {
            return Vec::from_json(&fields).map(AppError::Validation);
        }
        FieldError::from_json(&get(value, "Refused")).map(AppError::Refused)
    }
}

impl FromJson for DuplicateView {
    fn from_json(value: &JsValue) -> Option<Self> {
        Some(DuplicateView {
            tracking: text(value, "tracking")?,
            case_id: optional_text(value, "case_id")?,
            applicant: text(value, "applicant")?,
            village: text(value, "village")?,
            state_zh: text(value, "state_zh")?,
            reported_on: text(value, "reported_on")?,
            reasons_zh: text(value, "reasons_zh")?,
            state_words: text(value, "state_words")?,
            reasons_words: text(value, "reasons_words")?,
        })
    }
}

impl FromJson for AlertOutcome {
    fn from_json(value: &JsValue) -> Option<Self> {
        Some(AlertOutcome {
            reference: text(value, "reference")?,
            tracking: optional_text(value, "tracking")?,
            possible_duplicate: get(value, "possible_duplicate").as_bool()?,
            errors: Vec::from_json(&get(value, "errors"))?,
            filed_before: get(value, "filed_before").as_bool().unwrap_or(false),
            case_id: optional_text(value, "case_id")?,
        })
    }
}

impl FromJson for AlertFileAnswer {
    fn from_json(value: &JsValue) -> Option<Self> {
        let batches = get(value, "Batches");
        if batches.is_object() {
            return Some(AlertFileAnswer::Batches {
                rows: get(&batches, "rows").as_f64()? as usize,
                bodies: Vec::from_json(&get(&batches, "bodies"))?,
            });
        }
        FieldError::from_json(&get(value, "Refused")).map(AlertFileAnswer::Refused)
    }
}
