//! A sentence sent as a code and arguments (`Phrase`), worded by the page in the reader's
//! language from the translation files. Arguments that are Chinese data (names, places, an
//! officer's own words) come back as `Part::Data`, so the page can mark them `lang="zh-CN"`.
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// A code naming a text (a key of one `locales/*.json` group) and its arguments.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Phrase {
    pub code: String,
    #[serde(default)]
    pub args: BTreeMap<String, String>,
}

impl Phrase {
    pub fn new(code: &str) -> Self {
        Self {
            code: code.to_owned(),
            args: BTreeMap::new(),
        }
    }

    pub fn arg(mut self, name: &str, value: impl ToString) -> Self {
        self.args.insert(name.to_owned(), value.to_string());
        self
    }
}

/// A piece of a worded phrase: the reader's language, or data kept as written (Chinese).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub enum Part {
    Words(String),
    Data(String),
}

/// The parts as one string (tests, and where no marking is possible).
pub fn plain(parts: &[Part]) -> String {
    parts
        .iter()
        .map(|p| match p {
            Part::Words(w) | Part::Data(w) => w.as_str(),
        })
        .collect()
}

const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';

/// Reads a phrase's arguments for one text: data becomes a marker that `finish` turns back
/// into `Part::Data` after the translation has placed it.
pub struct Fill<'a> {
    args: &'a BTreeMap<String, String>,
    data: Vec<String>,
}

impl<'a> Fill<'a> {
    pub fn new(phrase: &'a Phrase) -> Self {
        Self {
            args: &phrase.args,
            data: Vec::new(),
        }
    }

    /// Language-neutral text (dates, numbers, tracking codes), placed as it is.
    pub fn raw(&self, name: &str) -> Option<&'a str> {
        self.args.get(name).map(String::as_str)
    }

    /// A date argument ('YYYY-MM-DD') written as the reader writes dates (2026年11月25日 /
    /// 25 Nov 2026); anything else placed as it is.
    pub fn date(&self, name: &str, lang: crate::domain::lang::Lang) -> Option<String> {
        let raw = self.raw(name)?;
        Some(
            raw.parse::<chrono::NaiveDate>()
                .map_or_else(|_| raw.to_owned(), |d| lang.date(d)),
        )
    }

    /// Chinese data (a name, a place, someone's own words), marked.
    pub fn data(&mut self, name: &str) -> Option<String> {
        let value = self.args.get(name)?.clone();
        if value.is_empty() {
            return Some(value);
        }
        self.data.push(value);
        Some(format!("{OPEN}{}{CLOSE}", self.data.len() - 1))
    }

    /// A vocabulary code, worded by `label`.
    pub fn word<T>(
        &self,
        name: &str,
        from_code: fn(&str) -> Option<T>,
        label: impl Fn(T) -> &'static str,
    ) -> Option<&'static str> {
        self.raw(name).and_then(from_code).map(label)
    }

    /// A list of vocabulary codes (comma-separated), each worded, joined by `separator`.
    pub fn words<T>(
        &self,
        name: &str,
        from_code: fn(&str) -> Option<T>,
        label: impl Fn(T) -> &'static str,
        separator: &str,
    ) -> Option<String> {
        let words = self
            .raw(name)?
            .split(',')
            .filter(|c| !c.is_empty())
            .map(|c| from_code(c).map(&label))
            .collect::<Option<Vec<_>>>()?;
        Some(words.join(separator))
    }

    /// The worded text split into the reader's words and the data it holds.
    pub fn finish(self, text: String) -> Vec<Part> {
        let mut parts = Vec::new();
        let mut push = |part: Part| match part {
            Part::Words(w) | Part::Data(w) if w.is_empty() => {}
            part => parts.push(part),
        };
        let mut pieces = text.split(OPEN);
        push(Part::Words(pieces.next().unwrap_or_default().to_owned()));
        for piece in pieces {
            let Some((index, rest)) = piece.split_once(CLOSE) else {
                push(Part::Words(piece.to_owned()));
                continue;
            };
            let value = index
                .parse::<usize>()
                .ok()
                .and_then(|i| self.data.get(i))
                .cloned()
                .unwrap_or_default();
            push(Part::Data(value));
            push(Part::Words(rest.to_owned()));
        }
        parts
    }
}

/// The arguments of `stored` when it was written from `template` (the Chinese text with
/// `{name}` arguments filled by `fill`); None when it was not.
pub fn recognise(
    stored: &str,
    names: &[&str],
    fill: impl Fn(&[String]) -> String,
) -> Option<BTreeMap<String, String>> {
    let markers: Vec<String> = (0..names.len())
        .map(|i| format!("{OPEN}{i}{CLOSE}"))
        .collect();
    let template = fill(&markers);
    // The literal pieces between markers, and the order the markers come in.
    let mut literals = Vec::new();
    let mut order = Vec::new();
    let mut rest = template.as_str();
    loop {
        let next = markers
            .iter()
            .enumerate()
            .filter_map(|(i, m)| rest.find(m.as_str()).map(|at| (at, i, m.len())))
            .min();
        match next {
            Some((at, i, len)) => {
                literals.push(&rest[..at]);
                order.push(i);
                rest = &rest[at + len..];
            }
            None => {
                literals.push(rest);
                break;
            }
        }
    }
    let mut text = stored.strip_prefix(literals[0])?;
    let mut found = BTreeMap::new();
    for (k, index) in order.iter().enumerate() {
        let literal = literals[k + 1];
        let last = k + 1 == order.len();
        let (value, after) = if last {
            (text.strip_suffix(literal)?, "")
        } else if literal.is_empty() {
            return None;
        } else {
            let at = text.find(literal)?;
            (&text[..at], &text[at + literal.len()..])
        };
        if value.is_empty() {
            return None;
        }
        found.insert(names[*index].to_owned(), value.to_owned());
        text = after;
    }
    Some(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_is_kept_apart_from_the_words_around_it() {
        let phrase = Phrase::new("x")
            .arg("reason", "缺钱")
            .arg("on", "2026-11-30");
        let mut fill = Fill::new(&phrase);
        let reason = fill.data("reason").expect("given");
        let on = fill.raw("on").expect("given");
        let parts = fill.finish(format!("Rejected: {reason} ({on})"));
        assert_eq!(
            parts,
            vec![
                Part::Words("Rejected: ".into()),
                Part::Data("缺钱".into()),
                Part::Words(" (2026-11-30)".into()),
            ]
        );
        assert_eq!(plain(&parts), "Rejected: 缺钱 (2026-11-30)");
        assert_eq!(Fill::new(&phrase).raw("missing"), None);
    }

    #[test]
    fn a_stored_text_gives_back_its_arguments_or_nothing() {
        let fill = |a: &[String]| format!("{}的申报 {} 将于{}到期。", a[0], a[1], a[2]);
        let names = ["village", "tracking", "due_on"];
        let found = recognise("青石村的申报 FP7K2M 将于2026-11-30到期。", &names, fill)
            .expect("recognised");
        assert_eq!(found["village"], "青石村");
        assert_eq!(found["tracking"], "FP7K2M");
        assert_eq!(found["due_on"], "2026-11-30");
        for other in [
            "青石村的申报 FP7K2M 已逾期。",
            "县里的通知",
            "的申报  将于到期。",
        ] {
            assert_eq!(recognise(other, &names, fill), None, "{other}");
        }
    }
}
