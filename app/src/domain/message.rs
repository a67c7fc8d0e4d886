//! User-facing messages for domain errors.
//!
//! Every error enum in `domain/` implements [`UserMessage`], so the UI can show a
//! zh-CN or English sentence and the API can send a stable key instead of free text.

/// A stable message key plus its zh-CN and English wording.
///
/// Keys are `<type>.<snake_case_variant>`, e.g. `"id_number.bad_check_digit"`.
/// They are part of the API contract: never rename one, add a new one instead.
pub trait UserMessage {
    /// Stable, ASCII message key used in the API and in translation tables.
    fn key(&self) -> &'static str;
    /// The message in `lang` (a text in locales/*.json).
    fn text(&self, lang: super::lang::Lang) -> &'static str;
    /// Message in Simplified Chinese (zh-CN), the primary UI language.
    fn zh(&self) -> &'static str {
        self.text(super::lang::Lang::Zh)
    }
    /// Message in English.
    fn en(&self) -> &'static str {
        self.text(super::lang::Lang::En)
    }
    /// The `field_error` locale key of the text, when the words depend on a sub-case the key
    /// does not name (a workflow refusal's misfit or elimination gap); usually the key itself.
    fn text_key(&self) -> &'static str {
        self.key()
    }
}

/// Implements [`UserMessage`] for a field-less error enum from one row per variant
/// (`Variant => group.leaf;`): the key is `"group.leaf"` and the texts are
/// `field_error.group.leaf` in locales/*.json (a missing text fails to compile). Also
/// `Display` (the English text) and `std::error::Error`.
macro_rules! user_messages {
    ($name:ident { $($variant:ident => $group:ident . $leaf:ident;)+ }) => {
        impl $crate::domain::message::UserMessage for $name {
            fn key(&self) -> &'static str {
                match self {
                    $($name::$variant => concat!(stringify!($group), ".", stringify!($leaf)),)+
                }
            }

            /// The message in `lang` (texts under `field_error` in locales/*.json).
            fn text(&self, lang: $crate::tr::Lang) -> &'static str {
                match self {
                    $($name::$variant => $crate::tr::field_error::$group::$leaf(lang),)+
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str($crate::domain::message::UserMessage::en(self))
            }
        }

        impl std::error::Error for $name {}
    };
}

pub(crate) use user_messages;

/// `message` in `lang` from locales/*.json (`field_error.<text_key>`): for a field-less
/// error, whose text takes no arguments.
pub fn text_in(message: &dyn UserMessage, lang: crate::tr::Lang) -> &'static str {
    crate::tr::field_error_template(lang, message.text_key()).unwrap_or_else(|| message.zh())
}

/// The raw words of a message that takes arguments (`{needed}`), for its `text`: they are
/// filled in where the message crosses the wire (`FieldError::words`); logs show the
/// arguments beside them.
pub fn with_arguments(lang: crate::tr::Lang, text_key: &'static str) -> &'static str {
    crate::tr::field_error_template(lang, text_key).unwrap_or(text_key)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::UserMessage;

    /// Shared check for every error enum: keys are unique, prefixed, snake_case ASCII,
    /// and both texts are present.
    pub(crate) fn assert_messages_are_well_formed<T: UserMessage>(prefix: &str, all: &[T]) {
        let mut keys: Vec<&str> = all.iter().map(UserMessage::key).collect();
        for message in all {
            let key = message.key();
            let rest = key
                .strip_prefix(prefix)
                .and_then(|rest| rest.strip_prefix('.'))
                .unwrap_or_else(|| panic!("key {key} does not start with {prefix}."));
            assert!(
                !rest.is_empty()
                    && rest
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
                "key {key} is not snake_case ASCII"
            );
            assert!(!message.zh().trim().is_empty(), "{key} has no zh text");
            assert!(!message.en().trim().is_empty(), "{key} has no en text");
            assert!(!message.zh().is_ascii(), "{key} zh text looks untranslated");
            if !["sample", "other"].contains(&prefix) {
                assert_worded_from_locales(message);
            }
        }
        keys.sort_unstable();
        let before = keys.len();
        keys.dedup();
        assert_eq!(before, keys.len(), "duplicate message keys under {prefix}");
    }

    /// The key crosses the wire (`FieldError.key`) and the server words it again from the
    /// `field_error` locale texts in the request's language: it must find the same text there.
    pub(crate) fn assert_worded_from_locales(message: &dyn UserMessage) {
        use crate::tr::{field_error_template, Lang};
        let key = message.text_key();
        for (lang, want) in [(Lang::Zh, message.zh()), (Lang::En, message.en())] {
            let got = field_error_template(lang, key)
                .unwrap_or_else(|| panic!("field_error.{key} missing in {}", lang.code()));
            assert_eq!(got.replace("{{", "{").replace("}}", "}"), want, "{key}");
        }
    }

    struct Sample;

    impl UserMessage for Sample {
        fn key(&self) -> &'static str {
            "sample.only_variant"
        }
        fn text(&self, lang: crate::domain::lang::Lang) -> &'static str {
            lang.pick("示例", "Sample")
        }
    }

    #[test]
    fn a_well_formed_message_passes_the_shared_check() {
        assert_messages_are_well_formed("sample", &[Sample]);
    }

    #[test]
    #[should_panic(expected = "does not start with")]
    fn a_key_with_the_wrong_prefix_fails_the_shared_check() {
        assert_messages_are_well_formed("other", &[Sample]);
    }
}

/// A message captured from any `UserMessage`, so problems of different types fit one list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Message {
    pub key: &'static str,
    /// The `field_error` key of its words (see [`UserMessage::text_key`]).
    pub text_key: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
    /// The household member row it is about, if any (the form names the member).
    pub member: Option<super::member_field::MemberField>,
    /// The plan measure's field it is about (措施2（金额）), if any.
    pub measure: Option<super::measure_field::MeasureField>,
}

impl Message {
    pub fn of(source: &dyn UserMessage) -> Message {
        Message {
            key: source.key(),
            text_key: source.text_key(),
            zh: source.zh(),
            en: source.en(),
            member: None,
            measure: None,
        }
    }

    /// The message about one field of a plan's measure.
    pub fn about_measure(
        field: super::measure_field::MeasureField,
        source: &dyn UserMessage,
    ) -> Message {
        Message {
            measure: Some(field),
            ..Message::of(source)
        }
    }

    /// The message about one member's field.
    pub fn about(member: super::member_field::MemberField, source: &dyn UserMessage) -> Message {
        Message {
            member: Some(member),
            ..Message::of(source)
        }
    }

    /// What the person reads, naming the member when there is one.
    pub fn words(&self, lang: super::lang::Lang) -> String {
        let text = text_in(self, lang);
        match (self.member, self.measure) {
            (Some(member), _) => member.words(lang, text),
            (None, Some(measure)) => measure.words(lang, text),
            (None, None) => text.to_owned(),
        }
    }
}

impl UserMessage for Message {
    fn key(&self) -> &'static str {
        self.key
    }
    fn text(&self, lang: super::lang::Lang) -> &'static str {
        lang.pick(self.zh, self.en)
    }
    fn text_key(&self) -> &'static str {
        self.text_key
    }
}
