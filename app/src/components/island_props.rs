//! What an island needs from its page, without Leptos's island props: those are sent as JSON
//! and read with serde_json, which with serde's visitors and the float formatting of its error
//! messages is ~20 KB of the household's WASM (brotli; docs/performance.md, issue 11).
//!
//! The page wraps the island in [`IslandProps`]: a hidden element carrying the values as one
//! `data-props` attribute, and (for the server's render of the island) the same values as
//! context. The island calls [`island_props`] with the element's id: on the server it gets
//! the context, in the browser it reads the attribute. Values are strings in an order each
//! island fixes; a list of records is one value (see [`join_records`]).
use leptos::prelude::*;

use crate::wire::FieldError;

/// Between the values of one record.
const UNIT: char = '\u{1f}';
/// Between records, and between the values of a record, inside one value.
const RECORD: char = '\u{1e}';
const FIELD: char = '\u{1d}';

/// The values handed to an island (server render only; the browser reads the attribute).
#[cfg_attr(feature = "hydrate", allow(dead_code))]
#[derive(Clone, Debug, Default)]
struct Props(Vec<String>, Vec<String>);

/// The values joined into one string. The separators are control characters no form accepts;
/// any found in a value become spaces.
pub fn join(values: &[String]) -> String {
    let clean = |v: &String| v.replace(UNIT, " ");
    values
        .iter()
        .map(clean)
        .collect::<Vec<_>>()
        .join(&UNIT.to_string())
}

/// The values [`join`] wrote (one empty value for an empty string).
pub fn split(joined: &str) -> Vec<String> {
    joined.split(UNIT).map(str::to_owned).collect()
}

/// Records (each a list of values) as one value, for a list prop.
pub fn join_records(records: impl IntoIterator<Item = Vec<String>>) -> String {
    let records: Vec<String> = records
        .into_iter()
        .map(|r| {
            r.iter()
                .map(|v| v.replace([UNIT, RECORD, FIELD], " "))
                .collect::<Vec<_>>()
                .join(&FIELD.to_string())
        })
        .collect();
    records.join(&RECORD.to_string())
}

/// The records [`join_records`] wrote; none for an empty string.
pub fn split_records(joined: &str) -> Vec<Vec<String>> {
    if joined.is_empty() {
        return Vec::new();
    }
    joined
        .split(RECORD)
        .map(|r| r.split(FIELD).map(str::to_owned).collect())
        .collect()
}

/// The hidden element with the island's values, then the island (`children`). `html` is for
/// the server's render only (`<option>` lists set with `inner_html`, which hydration leaves as
/// the server wrote them): the browser gets empty strings.
#[component]
pub fn IslandProps(
    id: &'static str,
    values: Vec<String>,
    #[prop(optional)] html: Vec<String>,
    children: Children,
) -> impl IntoView {
    let joined = join(&values);
    provide_context(Props(values, html));
    view! {
        <div hidden id=id data-props=joined></div>
        {children()}
    }
}

/// The values the page gave the island whose hidden element is `id`, in the island's order;
/// missing values are empty.
pub fn island_props(id: &str) -> PropReader {
    #[cfg(feature = "hydrate")]
    let (values, html) = {
        let values = document()
            .get_element_by_id(id)
            .and_then(|el| el.get_attribute("data-props"))
            .map(|joined| split(&joined))
            .unwrap_or_default();
        (values, Vec::new())
    };
    #[cfg(not(feature = "hydrate"))]
    let Props(values, html) = {
        let _ = id;
        use_context::<Props>().unwrap_or_default()
    };
    PropReader(values.into_iter(), html.into_iter())
}

/// Hands out the values in order.
pub struct PropReader(std::vec::IntoIter<String>, std::vec::IntoIter<String>);

impl PropReader {
    /// The next value ("" when there is none).
    pub fn text(&mut self) -> String {
        self.0.next().unwrap_or_default()
    }

    /// The values not read yet.
    pub fn rest(self) -> Vec<String> {
        self.0.collect()
    }

    /// The next server-only HTML ("" in the browser).
    pub fn html(&mut self) -> String {
        self.1.next().unwrap_or_default()
    }

    /// The next value, `None` when empty.
    pub fn optional(&mut self) -> Option<String> {
        Some(self.text()).filter(|v| !v.is_empty())
    }

    /// The next value as a flag ("1" is true).
    pub fn flag(&mut self) -> bool {
        self.text() == "1"
    }

    /// The next value as a list of records.
    pub fn records(&mut self) -> Vec<Vec<String>> {
        split_records(&self.text())
    }
}

/// Field errors as one value ([`PropReader::field_errors`] reads it).
/// Worded in `lang` on the server (a kept draft's errors were stored in another language).
pub fn field_errors(errors: &[FieldError], lang: crate::i18n::Lang) -> String {
    join_records(
        errors
            .iter()
            .map(|e| vec![e.field.clone(), e.key.clone(), e.words(lang)]),
    )
}

impl PropReader {
    /// The next value as field errors ([`field_errors`] wrote it).
    pub fn field_errors(&mut self) -> Vec<FieldError> {
        self.records()
            .into_iter()
            .map(|r| {
                let mut r = r.into_iter();
                let mut next = || r.next().unwrap_or_default();
                let (field, key) = (next(), next());
                FieldError::shown(field, key, next())
            })
            .collect()
    }
}

/// A flag as [`PropReader::flag`] reads it.
pub fn flag(value: bool) -> String {
    if value { "1" } else { "" }.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_and_records_survive_the_attribute() {
        let records = vec![
            vec!["name".to_owned(), "请填写姓名".to_owned(), String::new()],
            vec![String::new(), "a\u{1f}b\u{1e}c".to_owned(), "x".to_owned()],
        ];
        let values = vec![
            "张三".to_owned(),
            "\u{1f}".to_owned(),
            String::new(),
            join_records(records),
            flag(true),
            flag(false),
        ];
        let mut read = PropReader(split(&join(&values)).into_iter(), Vec::new().into_iter());
        assert_eq!(read.text(), "张三");
        assert_eq!(read.optional().as_deref(), Some(" "));
        assert_eq!(read.optional(), None);
        assert_eq!(
            read.records(),
            vec![
                vec!["name".to_owned(), "请填写姓名".to_owned(), String::new()],
                // Separators inside a value become spaces.
                vec![String::new(), "a b c".to_owned(), "x".to_owned()],
            ]
        );
        assert!(read.flag());
        assert!(!read.flag());
        assert_eq!(read.text(), "", "past the end");
        assert_eq!(read.html(), "");
        assert!(split_records("").is_empty());
    }
}
