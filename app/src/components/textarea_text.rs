//! Text between `<textarea>` and `</textarea>`. Leptos writes a textarea's children into the
//! server's page unescaped (it treats the element as raw text), so a typed value holding
//! `</textarea>` ended the element and put its own markup on the page, and `&amp;` came
//! back as `&`. The server escapes the text; the browser decodes it into the box as typed.
//! In the browser build the text is left as it is: hydration only claims the server's node.

/// `text` as it must be written inside a `<textarea>` on this side.
pub fn textarea_text(text: &str) -> String {
    #[cfg(not(feature = "hydrate"))]
    {
        super::html_text::escape(text)
    }
    #[cfg(feature = "hydrate")]
    {
        text.to_owned()
    }
}

#[cfg(all(test, not(feature = "hydrate")))]
mod tests {
    use super::textarea_text;

    #[test]
    fn a_closing_tag_and_an_entity_come_back_as_typed() {
        assert_eq!(
            textarea_text("说明</textarea><h1>标题</h1> &amp; 第二行"),
            "说明&lt;/textarea&gt;&lt;h1&gt;标题&lt;/h1&gt; &amp;amp; 第二行"
        );
        assert_eq!(textarea_text("父亲住院"), "父亲住院");
    }
}
