//! The two UI languages: Simplified Chinese first, English second. Pure: who chose which is
//! read elsewhere (a cookie on the server, `<html lang>` in the browser).

use chrono::NaiveDate;

/// Serialisable so it can be an island's prop (islands see no context from the page).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

/// The cookie that remembers the choice.
pub const LANG_COOKIE: &str = "lang";

impl Lang {
    /// The text for this language.
    pub fn pick<T>(self, zh: T, en: T) -> T {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// The `<html lang>` value and the cookie value.
    pub fn code(self) -> &'static str {
        self.pick("zh-CN", "en")
    }

    /// The other language (what the switch offers).
    pub fn other(self) -> Lang {
        self.pick(Lang::En, Lang::Zh)
    }

    /// "en" or "en-GB" is English; anything else is Chinese.
    pub fn from_code(code: &str) -> Lang {
        if code.trim().to_ascii_lowercase().starts_with("en") {
            Lang::En
        } else {
            Lang::Zh
        }
    }

    /// The language remembered in a `Cookie` header (Chinese when none).
    pub fn from_cookies(cookies: &str) -> Lang {
        cookies
            .split(';')
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(name, _)| *name == LANG_COOKIE)
            .map_or(Lang::Zh, |(_, value)| Lang::from_code(value))
    }

    /// A date as people write it: 2026年11月25日 / 25 Nov 2026.
    pub fn date(self, date: NaiveDate) -> String {
        match self {
            Lang::Zh => date.format("%Y年%-m月%-d日").to_string(),
            Lang::En => date.format("%-d %b %Y").to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cookie_chooses_english_and_anything_else_is_chinese() {
        assert_eq!(Lang::from_cookies("sn_session=abc; lang=en"), Lang::En);
        assert_eq!(Lang::from_cookies("lang=zh-CN"), Lang::Zh);
        assert_eq!(Lang::from_cookies("language=en"), Lang::Zh);
        assert_eq!(Lang::from_cookies(""), Lang::Zh);
    }

    #[test]
    fn dates_are_written_the_local_way() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 5).expect("date");
        assert_eq!(Lang::Zh.date(day), "2026年11月5日");
        assert_eq!(Lang::En.date(day), "5 Nov 2026");
    }
}
