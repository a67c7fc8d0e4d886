//! The audit log of reads of personal data: what is recorded, why, and the canonical bytes
//! each row's hash covers. Hashing and storage are in `ssr::audit`; this is pure.

/// What was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AuditAction {
    CaseOpened,
    IdRevealed,
    /// The applicant's full mobile number shown (to call the household).
    MobileRevealed,
    LedgerExported,
    DuplicateProbe,
    NoticePrinted,
    AuditExported,
    /// The retention periods of personal data were changed (policy form).
    RetentionChanged,
    /// A department API key issued or revoked (no personal data; kept in the same chain).
    ApiKeyIssued,
    ApiKeyRevoked,
    /// A department read the outcomes of the alerts it pushed (masked ID numbers).
    OutcomesRead,
    /// An account was locked for a while after too many sign-in tries (from any address).
    LoginLocked,
    /// An administrator's changes: who may act, and what households are told. A created
    /// account or a reset password let an administrator act as anyone unseen, and a changed
    /// phone number redirect households' calls (attacker tester).
    AccountCreated,
    PasswordReset,
    AccountActiveSet,
    /// A liaison's line department, which decides the measures it works on.
    AccountDepartmentSet,
    ContactPhoneSet,
    PolicyChanged,
    CalendarChanged,
}

impl AuditAction {
    pub const ALL: &'static [AuditAction] = &[
        AuditAction::CaseOpened,
        AuditAction::IdRevealed,
        AuditAction::MobileRevealed,
        AuditAction::LedgerExported,
        AuditAction::DuplicateProbe,
        AuditAction::NoticePrinted,
        AuditAction::AuditExported,
        AuditAction::RetentionChanged,
        AuditAction::ApiKeyIssued,
        AuditAction::ApiKeyRevoked,
        AuditAction::OutcomesRead,
        AuditAction::LoginLocked,
        AuditAction::AccountCreated,
        AuditAction::PasswordReset,
        AuditAction::AccountActiveSet,
        AuditAction::AccountDepartmentSet,
        AuditAction::ContactPhoneSet,
        AuditAction::PolicyChanged,
        AuditAction::CalendarChanged,
    ];

    pub fn code(self) -> &'static str {
        match self {
            AuditAction::CaseOpened => "case_opened",
            AuditAction::IdRevealed => "id_revealed",
            AuditAction::MobileRevealed => "mobile_revealed",
            AuditAction::LedgerExported => "ledger_exported",
            AuditAction::DuplicateProbe => "duplicate_probe",
            AuditAction::NoticePrinted => "notice_printed",
            AuditAction::AuditExported => "audit_exported",
            AuditAction::RetentionChanged => "retention_changed",
            AuditAction::ApiKeyIssued => "api_key_issued",
            AuditAction::ApiKeyRevoked => "api_key_revoked",
            AuditAction::OutcomesRead => "outcomes_read",
            AuditAction::LoginLocked => "login_locked",
            AuditAction::AccountCreated => "account_created",
            AuditAction::PasswordReset => "password_reset",
            AuditAction::AccountActiveSet => "account_active_set",
            AuditAction::AccountDepartmentSet => "account_department_set",
            AuditAction::ContactPhoneSet => "contact_phone_set",
            AuditAction::PolicyChanged => "policy_changed",
            AuditAction::CalendarChanged => "calendar_changed",
        }
    }

    /// Something was looked at or taken away (a case, a number, a ledger), not changed.
    pub fn is_read(self) -> bool {
        use AuditAction as A;
        match self {
            A::CaseOpened
            | A::IdRevealed
            | A::MobileRevealed
            | A::LedgerExported
            | A::DuplicateProbe
            | A::NoticePrinted
            | A::AuditExported
            | A::OutcomesRead => true,
            A::RetentionChanged
            | A::ApiKeyIssued
            | A::ApiKeyRevoked
            | A::LoginLocked
            | A::AccountCreated
            | A::PasswordReset
            | A::AccountActiveSet
            | A::AccountDepartmentSet
            | A::ContactPhoneSet
            | A::PolicyChanged
            | A::CalendarChanged => false,
        }
    }

    pub fn from_code(code: &str) -> Option<AuditAction> {
        AuditAction::ALL.iter().copied().find(|a| a.code() == code)
    }
}

/// Whether the read happened or was refused (a refused reveal is recorded too).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Allowed,
    Refused,
}

impl Outcome {
    pub fn code(self) -> &'static str {
        match self {
            Outcome::Allowed => "allowed",
            Outcome::Refused => "refused",
        }
    }
}

/// Why an officer revealed a full ID number: a short list, free text only for 其他.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RevealReason {
    /// 入户核查核对身份.
    HomeCheck,
    /// 部门数据比对.
    DataComparison,
    /// 办理帮扶措施 (enrolment with a department needs the number).
    Assistance,
    /// 核实疑似重复.
    DuplicateCheck,
    /// 电话联系农户 (the mobile's usual reason).
    Contact,
    /// 其他, with the officer's words.
    Other(String),
}

/// Why a reveal reason was not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RevealReasonError {
    Missing,
    Unknown,
    OtherNeedsText,
    TooLong,
}

/// Longest free text for 其他, in characters.
pub const REASON_TEXT_MAX: usize = 100;

impl RevealReason {
    pub fn parse(code: &str, text: &str) -> Result<RevealReason, RevealReasonError> {
        let text = text.trim();
        match code.trim() {
            "" => Err(RevealReasonError::Missing),
            "home_check" => Ok(RevealReason::HomeCheck),
            "data_comparison" => Ok(RevealReason::DataComparison),
            "assistance" => Ok(RevealReason::Assistance),
            "duplicate_check" => Ok(RevealReason::DuplicateCheck),
            "contact" => Ok(RevealReason::Contact),
            "other" if text.is_empty() => Err(RevealReasonError::OtherNeedsText),
            "other" if text.chars().count() > REASON_TEXT_MAX => Err(RevealReasonError::TooLong),
            "other" => Ok(RevealReason::Other(text.to_owned())),
            _ => Err(RevealReasonError::Unknown),
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            RevealReason::HomeCheck => "home_check",
            RevealReason::DataComparison => "data_comparison",
            RevealReason::Assistance => "assistance",
            RevealReason::DuplicateCheck => "duplicate_check",
            RevealReason::Contact => "contact",
            RevealReason::Other(_) => "other",
        }
    }

    pub fn text(&self) -> &str {
        match self {
            RevealReason::Other(text) => text,
            _ => "",
        }
    }
}

/// One audit row's content (everything but its chain position and hashes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    /// Unix milliseconds.
    pub at: i64,
    pub actor_id: String,
    pub actor_role: String,
    /// The actor's region code (their office).
    pub actor_scope: String,
    pub action: String,
    pub outcome: String,
    pub case_id: Option<String>,
    /// What else identifies the read (rows exported, filter, village).
    pub detail: String,
    pub reason: String,
    pub reason_text: String,
    pub client_address: String,
}

/// Hash of the (empty) chain before the first row.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The exact bytes a row's SHA-256 covers: a version tag, then each field as its UTF-8
/// byte length, `:`, the bytes and `;`, in a fixed order, ending with the chain position
/// and the previous row's hash. Length prefixes make the split unambiguous whatever the
/// text holds; an absent case is `-;`, distinct from an empty one (`0:;`).
pub fn canonical(seq: i64, entry: &AuditEntry, prev_hash: &str) -> String {
    fn field(out: &mut String, value: &str) {
        out.push_str(&value.len().to_string());
        out.push(':');
        out.push_str(value);
        out.push(';');
    }
    let mut out = String::from("sn-audit-v1;");
    field(&mut out, &seq.to_string());
    field(&mut out, &entry.at.to_string());
    field(&mut out, &entry.actor_id);
    field(&mut out, &entry.actor_role);
    field(&mut out, &entry.actor_scope);
    field(&mut out, &entry.action);
    field(&mut out, &entry.outcome);
    match &entry.case_id {
        Some(case) => field(&mut out, case),
        None => out.push_str("-;"),
    }
    field(&mut out, &entry.detail);
    field(&mut out, &entry.reason);
    field(&mut out, &entry.reason_text);
    field(&mut out, &entry.client_address);
    field(&mut out, prev_hash);
    out
}

/// The first place the chain does not hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BrokenLink {
    /// Row `seq`'s stored hash is not the hash of its content (the row was edited).
    ContentChanged { seq: i64 },
    /// Row `seq` does not point at the row before it (a row was removed or reordered).
    PrevMismatch { seq: i64 },
    /// Positions jump from `after` to `found` (a row was deleted).
    Gap { after: i64, found: i64 },
    /// The chain head says `head_seq` rows but the last row is `last_seq` (tail cut or added).
    HeadMismatch { head_seq: i64, last_seq: i64 },
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::wording::audit::reason_zh;

    fn entry() -> AuditEntry {
        AuditEntry {
            at: 1_700_000_000_000,
            actor_id: "u1".into(),
            actor_role: "village_cadre".into(),
            actor_scope: "522799101201".into(),
            action: "id_revealed".into(),
            outcome: "allowed".into(),
            case_id: Some("c1".into()),
            detail: String::new(),
            reason: "other".into(),
            reason_text: "核对;1:x".into(),
            client_address: "10.0.0.1".into(),
        }
    }

    #[test]
    fn canonical_form_is_fixed_and_length_prefixed() {
        let text = canonical(7, &entry(), GENESIS_HASH);
        assert!(text.starts_with("sn-audit-v1;1:7;13:1700000000000;2:u1;"));
        // Chinese text counts in bytes; separators inside a value cannot shift fields.
        assert!(text.contains(";10:核对;1:x;"));
        assert!(text.ends_with(&format!("64:{GENESIS_HASH};")));
    }

    type Edit = Box<dyn Fn(&mut AuditEntry)>;

    #[test]
    fn every_field_changes_the_canonical_form() {
        let base = canonical(1, &entry(), GENESIS_HASH);
        let edits: Vec<Edit> = vec![
            Box::new(|e| e.at += 1),
            Box::new(|e| e.actor_id.push('x')),
            Box::new(|e| e.actor_role.push('x')),
            Box::new(|e| e.actor_scope.push('x')),
            Box::new(|e| e.action.push('x')),
            Box::new(|e| e.outcome.push('x')),
            Box::new(|e| e.case_id = None),
            Box::new(|e| e.case_id = Some(String::new())),
            Box::new(|e| e.detail.push('x')),
            Box::new(|e| e.reason.push('x')),
            Box::new(|e| e.reason_text.push('x')),
            Box::new(|e| e.client_address.push('x')),
        ];
        for (i, edit) in edits.iter().enumerate() {
            let mut changed = entry();
            edit(&mut changed);
            assert_ne!(canonical(1, &changed, GENESIS_HASH), base, "edit {i}");
        }
        assert_ne!(canonical(2, &entry(), GENESIS_HASH), base);
        assert_ne!(canonical(1, &entry(), "ab"), base);
    }

    #[test]
    fn a_reveal_reason_comes_from_the_list_or_is_written_out() {
        let cases: &[(&str, &str, Result<RevealReason, RevealReasonError>)] = &[
            ("home_check", "", Ok(RevealReason::HomeCheck)),
            (
                "data_comparison",
                "ignored",
                Ok(RevealReason::DataComparison),
            ),
            ("assistance", "", Ok(RevealReason::Assistance)),
            ("duplicate_check", "", Ok(RevealReason::DuplicateCheck)),
            (
                "other",
                " 信访核实 ",
                Ok(RevealReason::Other("信访核实".into())),
            ),
            ("other", "  ", Err(RevealReasonError::OtherNeedsText)),
            ("", "", Err(RevealReasonError::Missing)),
            ("curious", "", Err(RevealReasonError::Unknown)),
        ];
        for (code, text, expected) in cases {
            assert_eq!(&RevealReason::parse(code, text), expected, "{code}");
        }
        let long = "字".repeat(REASON_TEXT_MAX + 1);
        assert_eq!(
            RevealReason::parse("other", &long),
            Err(RevealReasonError::TooLong)
        );
    }

    #[test]
    fn the_household_reads_a_reason_in_plain_words() {
        assert_eq!(
            reason_zh(AuditAction::IdRevealed, "home_check", ""),
            "入户核查核对身份"
        );
        assert_eq!(
            reason_zh(AuditAction::IdRevealed, "other", "信访"),
            "其他：信访"
        );
        assert_eq!(reason_zh(AuditAction::CaseOpened, "", ""), "办理工作需要");
    }

    #[test]
    fn every_action_round_trips_through_its_code() {
        for action in AuditAction::ALL {
            assert_eq!(AuditAction::from_code(action.code()), Some(*action));
        }
    }
}
