//! Reads the translation files (`locales/<code>.json`). Shared by `build.rs`, which generates
//! the `tr` module from them, and by the test that fails on a key missing in any language.
//! Plain std + serde_json so the build script can include it by path.

use std::collections::BTreeMap;

/// One piece of a translated text: literal words, or a `{name}` filled in by the caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Text(String),
    Arg(String),
}

/// A file flattened to `dotted.key -> text`, e.g. `queue.title -> 待办事项`.
pub type Flat = BTreeMap<String, String>;

/// Flattens nested objects into dotted keys. Every leaf must be a string; every key a
/// lower-case Rust identifier (it becomes a module or a function name).
pub fn flatten(value: &serde_json::Value) -> Result<Flat, String> {
    let mut out = Flat::new();
    walk(value, "", &mut out)?;
    Ok(out)
}

fn walk(value: &serde_json::Value, prefix: &str, out: &mut Flat) -> Result<(), String> {
    let serde_json::Value::Object(map) = value else {
        return Err(format!("{prefix}: expected an object of texts"));
    };
    for (key, child) in map {
        if !is_identifier(key) {
            return Err(format!(
                "{prefix}{key}: keys are lower-case letters, digits and _ (not first a digit)"
            ));
        }
        let path = format!("{prefix}{key}");
        match child {
            serde_json::Value::String(text) => {
                out.insert(path, text.clone());
            }
            serde_json::Value::Object(_) => walk(child, &format!("{path}."), out)?,
            _ => return Err(format!("{path}: expected a text or an object")),
        }
    }
    Ok(())
}

pub fn is_identifier(key: &str) -> bool {
    let mut chars = key.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// Splits a text into words and `{name}` arguments. `{{` and `}}` are literal braces.
pub fn pieces(text: &str) -> Result<Vec<Piece>, String> {
    let mut out = Vec::new();
    let mut literal = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                literal.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                literal.push('}');
            }
            '{' => {
                let name: String = chars.by_ref().take_while(|c| *c != '}').collect();
                if !is_identifier(&name) {
                    return Err(format!("`{{{name}}}` is not an argument name in {text:?}"));
                }
                if !literal.is_empty() {
                    out.push(Piece::Text(std::mem::take(&mut literal)));
                }
                out.push(Piece::Arg(name));
            }
            '}' => return Err(format!("a lone `}}` in {text:?} (write `}}}}`)")),
            c => literal.push(c),
        }
    }
    if !literal.is_empty() {
        out.push(Piece::Text(literal));
    }
    Ok(out)
}

/// The argument names of a text, in order of first use.
pub fn args(text: &str) -> Result<Vec<String>, String> {
    let mut names: Vec<String> = Vec::new();
    for piece in pieces(text)? {
        if let Piece::Arg(name) = piece {
            if !names.contains(&name) {
                names.push(name);
            }
        }
    }
    Ok(names)
}

/// What is wrong with `other` measured against the default language's file: keys it lacks,
/// keys it has that the default does not, and texts whose arguments differ.
pub fn differences(default: &Flat, other: &Flat) -> Vec<String> {
    let mut problems = Vec::new();
    for (key, text) in default {
        match other.get(key) {
            None => problems.push(format!("missing key {key}")),
            Some(translated) => {
                let mut want = args(text).unwrap_or_default();
                let mut got = args(translated).unwrap_or_default();
                want.sort();
                got.sort();
                if want != got {
                    problems.push(format!("{key}: arguments {got:?}, expected {want:?}"));
                }
            }
        }
    }
    for key in other.keys().filter(|k| !default.contains_key(*k)) {
        problems.push(format!("unknown key {key}"));
    }
    problems
}
