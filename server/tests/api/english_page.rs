//! One check for staff pages in English: no Chinese text outside elements marked
//! `lang="zh-CN"` (names, villages and other data stay as entered, marked so a screen reader
//! reads them in Chinese). Scripts, styles and comments are skipped: they are not shown.
use reqwest::header;

use crate::helpers::TestApp;

/// Switches this client to English (the `lang` cookie), as the top bar's link does.
pub async fn choose_english(app: &TestApp) {
    let response = app
        .client
        .get(app.url("/lang/en"))
        .header(header::REFERER, app.url("/staff"))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 303);
}

fn han(text: &str) -> bool {
    text.chars().any(|c| {
        ('\u{3400}'..='\u{9fff}').contains(&c)
            || ('\u{3000}'..='\u{303f}').contains(&c)
            || ('\u{ff00}'..='\u{ffef}').contains(&c)
    })
}

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];
/// Attributes a person reads or hears.
const READ: &[&str] = &["aria-label", "title", "placeholder", "alt", "label"];

fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let mut rest = tag;
    while let Some(at) = rest.find(name) {
        let before = rest[..at].chars().last();
        let after = &rest[at + name.len()..];
        if before.is_some_and(char::is_whitespace) {
            if let Some(value) = after.strip_prefix("=\"") {
                return value.split('"').next();
            }
        }
        rest = &rest[at + name.len()..];
    }
    None
}

/// The Chinese texts (and read attributes) of `html` outside any element marked zh.
pub fn unmarked_chinese(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    // Each open element: its name and whether it (or an ancestor) is marked Chinese.
    let mut open: Vec<(String, bool)> = Vec::new();
    let mut rest = html;
    while !rest.is_empty() {
        let zh = open.last().is_some_and(|(_, zh)| *zh);
        let Some(lt) = rest.find('<') else {
            if !zh && han(rest) {
                found.push(rest.trim().chars().take(40).collect());
            }
            break;
        };
        let text = &rest[..lt];
        if !zh && han(text) {
            found.push(text.trim().chars().take(40).collect());
        }
        rest = &rest[lt..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            rest = comment.split_once("-->").map_or("", |(_, r)| r);
            continue;
        }
        let Some(gt) = rest.find('>') else { break };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            let name = name.trim().to_ascii_lowercase();
            if let Some(at) = open.iter().rposition(|(n, _)| *n == name) {
                open.truncate(at);
            }
            continue;
        }
        let name: String = tag
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        let marked = match attr(tag, "lang") {
            Some(code) => code.starts_with("zh"),
            None => zh,
        };
        if !marked {
            for read in READ {
                if let Some(value) = attr(tag, read).filter(|v| han(v)) {
                    found.push(format!("{read}={value}"));
                }
            }
        }
        if name == "script" || name == "style" || name == "template" {
            let close = format!("</{name}");
            rest = rest.find(&close).map_or("", |at| &rest[at..]);
            continue;
        }
        if !(VOID.contains(&name.as_str()) || tag.ends_with('/') || name.starts_with('!')) {
            open.push((name, marked));
        }
    }
    found.retain(|t| !t.is_empty());
    found
}

/// Fetches `path` (the client already chose English) and fails on unmarked Chinese.
pub async fn assert_english(app: &TestApp, path: &str) -> String {
    let html = app.get_html(path).await;
    assert!(
        html.contains("<html lang=\"en\""),
        "{path} is not in English"
    );
    let unmarked = unmarked_chinese(&html);
    assert!(
        unmarked.is_empty(),
        "{path}: Chinese text outside lang=\"zh-CN\": {unmarked:?}"
    );
    html
}

#[test]
fn the_check_finds_chinese_only_outside_marked_elements() {
    let cases: &[(&str, &[&str])] = &[
        ("<p>Sign in</p>", &[]),
        ("<p>登录</p>", &["登录"]),
        ("<p lang=\"zh-CN\">张三</p><p>x</p>", &[]),
        (
            "<div lang=\"zh-CN\"><span>青石村</span></div><span>村</span>",
            &["村"],
        ),
        (
            "<input placeholder=\"姓名\"><p>ok</p>",
            &["placeholder=姓名"],
        ),
        ("<a lang=\"zh-CN\" title=\"中文\">中文</a>", &[]),
        ("<script>var a = \"张三\";</script><!-- 注释 --><br>ok", &[]),
        ("<p>Due: 3 days（三天）</p>", &["Due: 3 days（三天）"]),
    ];
    for (html, expected) in cases {
        assert_eq!(&unmarked_chinese(html), expected, "{html}");
    }
}
