//! The two UI languages: Simplified Chinese first, English second. Pure: who chose which is
//! read elsewhere (a cookie on the server, `<html lang>` in the browser).

use chrono::NaiveDate;

/// The languages are the translation files in `locales/` (see [`crate::tr`]).
pub use crate::tr::Lang;

/// The cookie that remembers the choice.
pub const LANG_COOKIE: &str = "lang";

impl Lang {
    /// The English or, for any other language, the Chinese (for the few choices that are not
    /// words, so a language added to `locales/` still compiles).
    pub fn pick<T>(self, zh: T, en: T) -> T {
        match self {
            Lang::En => en,
            _ => zh,
        }
    }

    /// The other language (what the switch offers).
    pub fn other(self) -> Lang {
        self.pick(Lang::En, Lang::Zh)
    }

    /// The language for a tag whose primary subtag matches one of ours ("en-GB" is English).
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Lang::ALL.iter().copied().find(|lang| {
            lang.code()
                .split('-')
                .next()
                .is_some_and(|ours| ours == primary)
        })
    }

    /// Like [`Lang::from_tag`], zh-CN for anything we do not have.
    pub fn from_code(code: &str) -> Lang {
        Lang::from_tag(code).unwrap_or_default()
    }

    /// The language remembered in a `Cookie` header (Chinese when none).
    pub fn from_cookies(cookies: &str) -> Lang {
        Lang::chosen_in(cookies).unwrap_or_default()
    }

    /// The language remembered in a `Cookie` header, if any.
    pub fn chosen_in(cookies: &str) -> Option<Lang> {
        cookies
            .split(';')
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(name, _)| *name == LANG_COOKIE)
            .map(|(_, value)| Lang::from_code(value))
    }

    /// The language the browser prefers most (`Accept-Language`, by q-value) among ours.
    pub fn accepted(header: &str) -> Option<Lang> {
        let mut wanted: Vec<(f32, Lang)> = header
            .split(',')
            .filter_map(|item| {
                let mut parts = item.split(';');
                let lang = Lang::from_tag(parts.next()?)?;
                let q = parts
                    .find_map(|p| p.trim().strip_prefix("q="))
                    .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())?;
                (q > 0.0).then_some((q, lang))
            })
            .collect();
        // Stable: among equal q-values the first listed wins.
        wanted.sort_by(|a, b| b.0.total_cmp(&a.0));
        wanted.first().map(|(_, lang)| *lang)
    }

    /// A request's language: the cookie, then `Accept-Language`, then zh-CN.
    pub fn for_request(cookies: Option<&str>, accept_language: Option<&str>) -> Lang {
        cookies
            .and_then(Lang::chosen_in)
            .or_else(|| accept_language.and_then(Lang::accepted))
            .unwrap_or_default()
    }

    /// A date as people write it: 2026年11月25日 / 25 Nov 2026 (the pattern is in the
    /// translation file, chrono's `strftime` syntax).
    pub fn date(self, date: NaiveDate) -> String {
        date.format(crate::tr::format::date(self)).to_string()
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
    fn the_cookie_comes_first_then_accept_language_then_chinese() {
        let cases: &[(Option<&str>, Option<&str>, Lang)] = &[
            (Some("lang=zh-CN"), Some("en-US,en;q=0.9"), Lang::Zh),
            (Some("sn_session=x"), Some("en-US,en;q=0.9"), Lang::En),
            (None, Some("fr-FR, en;q=0.5, zh-CN;q=0.8"), Lang::Zh),
            (None, Some("zh;q=0.3, en-GB;q=0.7"), Lang::En),
            (None, Some("en;q=0, fr"), Lang::Zh),
            (None, Some("en;q=bad"), Lang::Zh),
            (None, Some("*"), Lang::Zh),
            (None, None, Lang::Zh),
        ];
        for (cookies, accept, want) in cases {
            assert_eq!(
                Lang::for_request(*cookies, *accept),
                *want,
                "{cookies:?} {accept:?}"
            );
        }
    }

    #[test]
    fn dates_are_written_the_local_way() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 5).expect("date");
        assert_eq!(Lang::Zh.date(day), "2026年11月5日");
        assert_eq!(Lang::En.date(day), "5 Nov 2026");
    }
}
