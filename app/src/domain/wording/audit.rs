//! Words of the audit log: action and outcome labels, reveal reasons, chain verification.
use crate::domain::audit::{AuditAction, BrokenLink, Outcome, RevealReasonError};
use crate::domain::lang::Lang;
use crate::domain::message::UserMessage;

/// The reveal reasons shown to officers: (code, zh label); `other` asks for text.
pub const REVEAL_REASONS: &[(&str, &str)] = &[
    ("home_check", "入户核查核对身份"),
    ("data_comparison", "部门数据比对"),
    ("assistance", "办理帮扶措施"),
    ("duplicate_check", "核实疑似重复申报"),
    ("contact", "电话联系农户"),
    ("other", "其他"),
];

impl AuditAction {
    /// The action's name in Chinese (`audit_words.action` in locales/zh-CN.json).
    pub fn label_zh(self) -> &'static str {
        crate::tr::audit_words::action::lookup(Lang::Zh, self.code()).unwrap_or(self.code())
    }
}

impl Outcome {
    /// The outcome of `action` in Chinese (see [`Outcome::label`]).
    pub fn label_zh(self, action: Option<AuditAction>) -> &'static str {
        self.label(action, Lang::Zh)
    }
}

impl UserMessage for RevealReasonError {
    fn key(&self) -> &'static str {
        match self {
            RevealReasonError::Missing => "audit.reason_missing",
            RevealReasonError::Unknown => "audit.reason_unknown",
            RevealReasonError::OtherNeedsText => "audit.reason_other_text",
            RevealReasonError::TooLong => "audit.reason_too_long",
        }
    }

    /// The message in `lang` (texts under `field_error.audit` in locales/*.json).
    fn text(&self, lang: Lang) -> &'static str {
        use crate::tr::field_error::audit as t;
        match self {
            RevealReasonError::Missing => t::reason_missing(lang),
            RevealReasonError::Unknown => t::reason_unknown(lang),
            RevealReasonError::OtherNeedsText => t::reason_other_text(lang),
            RevealReasonError::TooLong => t::reason_too_long(lang),
        }
    }
}

/// The household-facing words for a stored reason code (and free text for 其他). Reads that
/// need no reason (opening the case to work on it) are "办理工作需要": a read, not a step taken.
pub fn reason_zh(action: AuditAction, code: &str, text: &str) -> String {
    if let Some((_, label)) = REVEAL_REASONS
        .iter()
        .find(|(c, _)| *c == code && *c != "other")
    {
        return (*label).to_owned();
    }
    if code == "other" && !text.is_empty() {
        return format!("其他：{text}");
    }
    match action {
        AuditAction::CaseOpened => "办理工作需要".to_owned(),
        AuditAction::IdRevealed | AuditAction::MobileRevealed => "未说明".to_owned(),
        AuditAction::LedgerExported => "按月报送监测台账".to_owned(),
        AuditAction::DuplicateProbe => "代为申报时核对是否重复".to_owned(),
        AuditAction::NoticePrinted => "村级公示".to_owned(),
        AuditAction::AuditExported => "审计检查".to_owned(),
        AuditAction::RetentionChanged => "调整保留期限".to_owned(),
        AuditAction::ApiKeyIssued | AuditAction::ApiKeyRevoked => "部门接口管理".to_owned(),
        AuditAction::OutcomesRead => "部门核对预警处理结果".to_owned(),
        AuditAction::LoginLocked => "账号安全保护".to_owned(),
        AuditAction::AccountCreated
        | AuditAction::PasswordReset
        | AuditAction::AccountActiveSet
        | AuditAction::AccountDepartmentSet
        | AuditAction::ContactPhoneSet
        | AuditAction::PolicyChanged
        | AuditAction::CalendarChanged => "账号和设置管理".to_owned(),
    }
}

impl BrokenLink {
    pub fn describe_zh(&self) -> String {
        match self {
            BrokenLink::ContentChanged { seq } => format!("第{seq}条记录的内容被改动"),
            BrokenLink::PrevMismatch { seq } => format!("第{seq}条记录与前一条不相连"),
            BrokenLink::Gap { after, found } => {
                format!("第{after}条之后缺少记录（下一条为第{found}条）")
            }
            BrokenLink::HeadMismatch { head_seq, last_seq } => {
                format!("链头记录为第{head_seq}条，而最后一条为第{last_seq}条")
            }
        }
    }

    pub fn describe_en(&self) -> String {
        match self {
            BrokenLink::ContentChanged { seq } => format!("row {seq}: content was changed"),
            BrokenLink::PrevMismatch { seq } => {
                format!("row {seq}: does not link to the row before")
            }
            BrokenLink::Gap { after, found } => {
                format!("rows missing after {after} (next is {found})")
            }
            BrokenLink::HeadMismatch { head_seq, last_seq } => {
                format!("chain head is at {head_seq} but the last row is {last_seq}")
            }
        }
    }
}

/// The admin page's line about the chain.
pub fn verification_zh(rows_checked: i64, first_broken: Option<&BrokenLink>) -> String {
    match first_broken {
        None => format!("审计日志完整，共 {rows_checked} 条记录，哈希链校验通过"),
        Some(link) => format!("审计日志校验失败：{}", link.describe_zh()),
    }
}

/// A date in the audit filter that is not YYYY-MM-DD: the `field_error` key of its text.
pub const BAD_DATE: &str = "audit.bad_date";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::message::tests::assert_messages_are_well_formed;

    #[test]
    fn reveal_reason_problems_are_worded_from_the_locale_files() {
        assert_messages_are_well_formed(
            "audit",
            &[
                RevealReasonError::Missing,
                RevealReasonError::Unknown,
                RevealReasonError::OtherNeedsText,
                RevealReasonError::TooLong,
            ],
        );
    }
}
