//! The household SMS (`super::household::sms`) as a cloud SMS provider's approved template and
//! its variables: Aliyun and Tencent Cloud send only registered templates, so an adapter finds
//! which one a rendered text is and what fills it. The signature 【…】 is the provider's.

/// The signature every household SMS starts with.
pub const SIGN_NAME: &str = "防返贫监测";

/// A text matched to a template: its key (`SMS_TEMPLATE_<KEY>` in config) and variables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmsTemplate {
    pub key: &'static str,
    pub params: Vec<(&'static str, String)>,
}

/// (key, text before the query code, text between the code and the reason (when there is
/// one), text after). The rows follow `household::sms`; the tests hold them to it.
const FORMS: [(&str, &str, Option<&str>, &str); 4] = [
    (
        "identified",
        "您的申报（",
        None,
        "）已认定为监测对象，帮扶责任人将很快与您联系。",
    ),
    (
        "not_identified",
        "您的申报（",
        Some("）经审核未被认定为监测对象，原因："),
        "。如有异议可向乡镇申诉，或拨打12317。",
    ),
    (
        "not_accepted",
        "您的申报（",
        Some("）乡镇不予受理，原因："),
        "。如有异议可向乡镇申诉，或拨打12317。",
    ),
    (
        "eliminated",
        "经核实，您家（",
        None,
        "）风险已消除。如再遇困难，可随时申报。",
    ),
];

/// Every template key, for configuration checks.
pub const TEMPLATE_KEYS: [&str; 4] = [FORMS[0].0, FORMS[1].0, FORMS[2].0, FORMS[3].0];

/// The template a household SMS was rendered from, or `None` for a text no template fits.
pub fn template_of(text: &str) -> Option<SmsTemplate> {
    let body = text.strip_prefix(&format!("【{SIGN_NAME}】"))?;
    FORMS.iter().find_map(|(key, head, middle, tail)| {
        let rest = body.strip_prefix(head)?.strip_suffix(tail)?;
        let params = match middle {
            None if !rest.contains('）') => vec![("tracking", rest.to_owned())],
            None => return None,
            Some(middle) => {
                let (tracking, reason) = rest.split_once(middle)?;
                vec![
                    ("tracking", tracking.to_owned()),
                    ("reason", reason.to_owned()),
                ]
            }
        };
        Some(SmsTemplate { key, params })
    })
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::domain::{
        case::event::{CaseEvent, EventActor, EventKind},
        role::Role,
        vocab::{Category, RiskTier},
    };

    fn event(kind: EventKind) -> CaseEvent {
        CaseEvent {
            at: NaiveDate::from_ymd_opt(2026, 11, 23)
                .and_then(|d| d.and_hms_opt(10, 0, 0))
                .expect("time"),
            by: EventActor {
                user_id: "t".into(),
                role: Role::CountyOfficer,
            },
            kind,
        }
    }

    #[test]
    fn every_household_sms_maps_to_its_template_and_variables() {
        let cases = [
            (
                EventKind::Identified {
                    category: Category::Marginal,
                    tier: RiskTier::Yellow,
                    note: String::new(),
                },
                "identified",
                vec![("tracking", "ABCDEFGHJK")],
            ),
            (
                EventKind::NotIdentified {
                    reason: "收入高于监测线（人均9000元）".into(),
                },
                "not_identified",
                vec![
                    ("tracking", "ABCDEFGHJK"),
                    ("reason", "收入高于监测线（人均9000元）"),
                ],
            ),
            (
                EventKind::RejectedOutOfScope {
                    reason: "不属于本乡镇".into(),
                },
                "not_accepted",
                vec![("tracking", "ABCDEFGHJK"), ("reason", "不属于本乡镇")],
            ),
            (
                EventKind::Eliminated {
                    on: NaiveDate::from_ymd_opt(2026, 11, 23).expect("date"),
                    stability: None,
                },
                "eliminated",
                vec![("tracking", "ABCDEFGHJK")],
            ),
        ];
        for (kind, key, params) in cases {
            let (_, text) = super::super::household::sms(&event(kind), "ABCDEFGHJK").expect("sms");
            let template = template_of(&text).unwrap_or_else(|| panic!("no template: {text}"));
            assert_eq!(template.key, key, "{text}");
            let params: Vec<(&str, String)> =
                params.into_iter().map(|(k, v)| (k, v.to_owned())).collect();
            assert_eq!(template.params, params, "{text}");
        }
    }

    #[test]
    fn a_text_no_template_fits_is_not_guessed() {
        for text in [
            "您的申报（X）已认定为监测对象，帮扶责任人将很快与您联系。",
            "【别的签名】您的申报（X）已认定为监测对象，帮扶责任人将很快与您联系。",
            "【防返贫监测】会议通知",
        ] {
            assert_eq!(template_of(text), None, "{text}");
        }
    }
}
