//! English texts use English punctuation: a tester saw "Assistance hotline：12317".
use std::collections::BTreeMap;

#[test]
fn no_english_text_has_full_width_punctuation() {
    let path = format!("{}/../locales/en.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("locales/en.json");
    let value: serde_json::Value = serde_json::from_str(&text).expect("json");
    let flat = crate::tr_parse::flatten(&value).expect("flat");
    let bad: BTreeMap<&String, &String> = flat
        .iter()
        .filter(|(_, v)| v.contains(['：', '（', '）', '，', '；', '。']))
        .collect();
    assert!(
        bad.is_empty(),
        "full-width punctuation in English: {bad:#?}"
    );
}
