//! What a report form says about the copy of the form it keeps in the browser while offline
//! (words in locales/*.json, `draft_words`).
use crate::{domain::lang::Lang, tr::draft_words as w};

/// Where the draft is kept: a household's own phone, or a (possibly shared) staff device.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftDevice {
    Phone,
    StaffDevice,
}

/// Shown when the form was filled back in from the browser's copy (after a reload).
pub fn restored(device: DraftDevice, lang: Lang) -> &'static str {
    match device {
        DraftDevice::Phone => w::phone_restored(lang),
        DraftDevice::StaffDevice => w::staff_restored(lang),
    }
}

/// Shown when sending failed because the network is down.
pub fn not_sent(device: DraftDevice, lang: Lang) -> &'static str {
    match device {
        DraftDevice::Phone => w::phone_not_sent(lang),
        DraftDevice::StaffDevice => w::staff_not_sent(lang),
    }
}

/// Shown while the kept report is being sent again.
pub fn sending_again(lang: Lang) -> &'static str {
    w::sending_again(lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The household's words read as they did when they were written here.
    #[test]
    fn the_household_words_are_the_ones_it_knows() {
        assert_eq!(
            restored(DraftDevice::Phone, Lang::Zh),
            "已恢复您上次填写的内容。申报还没有提交：请检查后点“提交申报”。"
        );
        assert_eq!(
            not_sent(DraftDevice::StaffDevice, Lang::Zh),
            "申报还没有提交：网络断了。填写的内容已暂存在这个网页中（关闭网页或退出登录时清除），网络恢复后会自动提交一次。"
        );
        assert_eq!(
            sending_again(Lang::En),
            "The network is back: sending your report…"
        );
    }
}
