//! The township/village `<option>`s of the report forms, written once on the server as HTML.
//! The island sets them as the `<select>`'s inner HTML, which hydration leaves as the server
//! wrote it: the WASM carries no region-tree type to deserialize and no view to build the
//! options (see docs/performance.md, issue 11).
use super::html_text::escape;
use crate::{i18n::Lang, wire::regions::TownshipOption};

/// The placeholder, then one `<optgroup>` per township (place names are Chinese on every page,
/// so each option says `lang="zh-CN"` too), with `selected` on the village whose code is `selected`.
pub fn village_options_html(townships: &[TownshipOption], selected: &str, lang: Lang) -> String {
    let mut html = format!(
        r#"<option value="">{}</option>"#,
        escape(crate::tr::report_form::choose_village(lang))
    );
    for township in townships {
        html.push_str(&format!(
            r#"<optgroup label="{}" lang="zh-CN">"#,
            escape(&township.name)
        ));
        for village in &township.villages {
            let mark = if village.code == selected {
                " selected"
            } else {
                ""
            };
            html.push_str(&format!(
                r#"<option value="{}"{mark} lang="zh-CN">{} · {}</option>"#,
                escape(&village.code),
                escape(&township.name),
                escape(&village.name)
            ));
        }
        html.push_str("</optgroup>");
    }
    html
}

/// `<option>`s for (code, label) choices, `selected` on the one whose code is `selected`.
pub fn choice_options_html<'a>(
    choices: impl IntoIterator<Item = (&'a str, &'a str)>,
    selected: &str,
) -> String {
    choices
        .into_iter()
        .map(|(code, label)| {
            let mark = if code == selected { " selected" } else { "" };
            format!(
                r#"<option value="{}"{mark}>{}</option>"#,
                escape(code),
                escape(label)
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::regions::VillageOption;

    fn tree() -> Vec<TownshipOption> {
        vec![TownshipOption {
            code: "522799101".into(),
            name: "青石镇".into(),
            villages: vec![
                VillageOption {
                    code: "522799101201".into(),
                    name: "岩脚村".into(),
                },
                VillageOption {
                    code: "522799101202".into(),
                    name: "A<b>&\"c".into(),
                },
            ],
        }]
    }

    #[test]
    fn choices_mark_the_chosen_one() {
        for (selected, expected) in [
            (
                "b",
                "<option value=\"a\">甲</option><option value=\"b\" selected>乙&amp;</option>",
            ),
            (
                "",
                "<option value=\"a\">甲</option><option value=\"b\">乙&amp;</option>",
            ),
        ] {
            assert_eq!(
                choice_options_html([("a", "甲"), ("b", "乙&")], selected),
                expected
            );
        }
    }

    #[test]
    fn options_mark_the_chosen_village_and_escape_names() {
        for (selected, lang, expected) in [
            (
                "522799101202",
                Lang::Zh,
                "<option value=\"\">请选择乡镇和村</option><optgroup label=\"青石镇\" lang=\"zh-CN\">\
                 <option value=\"522799101201\" lang=\"zh-CN\">青石镇 · 岩脚村</option>\
                 <option value=\"522799101202\" selected lang=\"zh-CN\">青石镇 · A&lt;b&gt;&amp;&quot;c</option></optgroup>",
            ),
            (
                "",
                Lang::En,
                "<option value=\"\">Choose your township and village</option><optgroup label=\"青石镇\" lang=\"zh-CN\">\
                 <option value=\"522799101201\" lang=\"zh-CN\">青石镇 · 岩脚村</option>\
                 <option value=\"522799101202\" lang=\"zh-CN\">青石镇 · A&lt;b&gt;&amp;&quot;c</option></optgroup>",
            ),
        ] {
            assert_eq!(village_options_html(&tree(), selected, lang), expected);
        }
    }
}
