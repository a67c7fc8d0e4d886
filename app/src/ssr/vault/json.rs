//! The personal fields inside stored JSON (case snapshots, events, drafts): every string
//! under a key named `id_number` or `mobile`, at any depth (household members in a home
//! check, the report form in a draft). Matching on the key name keeps the domain types
//! plain and catches a new struct that reuses the names.
use serde_json::Value;

use super::{Field, VaultError};

fn field_of(key: &str) -> Option<Field> {
    match key {
        "id_number" => Some(Field::IdNumber),
        "mobile" => Some(Field::Mobile),
        _ => None,
    }
}

type Change<'a> = dyn FnMut(Field, &str) -> Result<Option<String>, VaultError> + 'a;

/// Applies `change` to every personal string; returns the document unchanged (byte for
/// byte) when `change` replaced nothing.
pub(super) fn transform(
    json: &str,
    mut change: impl FnMut(Field, &str) -> Result<Option<String>, VaultError>,
) -> Result<String, VaultError> {
    let mut value: Value = serde_json::from_str(json).map_err(|_| VaultError::Json)?;
    if walk(&mut value, &mut change)? {
        serde_json::to_string(&value).map_err(|_| VaultError::Json)
    } else {
        Ok(json.to_owned())
    }
}

fn walk(value: &mut Value, change: &mut Change<'_>) -> Result<bool, VaultError> {
    let mut changed = false;
    match value {
        Value::Object(map) => {
            for (key, inner) in map.iter_mut() {
                match (field_of(key), &*inner) {
                    (Some(field), Value::String(text)) => {
                        if let Some(new) = change(field, text)? {
                            *inner = Value::String(new);
                            changed = true;
                        }
                    }
                    _ => changed |= walk(inner, change)?,
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                changed |= walk(item, change)?;
            }
        }
        Value::Null | Value::Bool(_) | Value::Number(_) | Value::String(_) => {}
    }
    Ok(changed)
}
