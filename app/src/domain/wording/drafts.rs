//! What a report form says about the copy of the form it keeps in the browser while offline.
use crate::domain::lang::Lang;

/// Where the draft is kept: a household's own phone, or a (possibly shared) staff device.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftDevice {
    Phone,
    StaffDevice,
}

/// Shown when the form was filled back in from the browser's copy (after a reload).
pub fn restored(device: DraftDevice, lang: Lang) -> &'static str {
    match device {
        DraftDevice::Phone => lang.pick(
            "已恢复您上次填写的内容。申报还没有提交：请检查后点“提交申报”。",
            "What you typed last time is back. Your report has NOT been sent yet: check it and press “Send my report”.",
        ),
        DraftDevice::StaffDevice => "已恢复上次填写的内容。申报还没有提交：请检查后点“提交代为申报”。",
    }
}

/// Shown when sending failed because the network is down.
pub fn not_sent(device: DraftDevice, lang: Lang) -> &'static str {
    match device {
        DraftDevice::Phone => lang.pick(
            "申报还没有提交：网络断了。您填写的内容已保存在这台手机上，网络恢复后会自动提交一次，不用重填。",
            "Your report has NOT been sent yet: the network is down. What you typed is kept on this phone and will be sent once, automatically, when the network is back. No need to type it again.",
        ),
        DraftDevice::StaffDevice => "申报还没有提交：网络断了。填写的内容已暂存在本机（退出登录时清除），网络恢复后会自动提交一次。",
    }
}

/// Shown while the kept report is being sent again.
pub fn sending_again(lang: Lang) -> &'static str {
    lang.pick(
        "网络已恢复，正在提交…",
        "The network is back: sending your report…",
    )
}
