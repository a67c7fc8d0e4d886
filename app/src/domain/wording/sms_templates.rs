//! The household SMS (`super::household::sms`) as a cloud SMS provider's approved template and
//! its variables: Aliyun and Tencent Cloud send only registered templates, so an adapter finds
//! which one a rendered text is and what fills it. The signature 【…】 is the provider's.

use crate::{domain::lang::Lang, tr::sms_words as w};

/// The signature every household SMS starts with (registered with the provider).
pub const SIGN_NAME: &str = "防返贫监测";

/// A text matched to a template: its key (`SMS_TEMPLATE_<KEY>` in config) and variables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmsTemplate {
    pub key: &'static str,
    pub params: Vec<(&'static str, String)>,
}

/// The template keys and their texts in the SMS's language (`sms_words`, as
/// `super::household` words them), with markers where the variables go, and the name of the
/// second variable, if the text has one.
type Word = fn(&str, &str) -> String;

const FORMS: [(&str, Word, &str); 5] = [
    ("identified", |t, _| w::identified(Lang::default(), t), ""),
    (
        "not_identified",
        |t, r| w::not_identified(Lang::default(), t, r),
        "reason",
    ),
    (
        "not_accepted",
        |t, r| w::not_accepted(Lang::default(), t, r),
        "reason",
    ),
    ("eliminated", |t, _| w::eliminated(Lang::default(), t), ""),
    // 忘记查询码: one text per filing, so each fits a provider's cap on one variable.
    (
        "tracking_number",
        |t, d| w::tracking_number(Lang::default(), t, d),
        "date",
    ),
];

/// Where the tracking number and the reason sit in a worded form (never in real text).
const TRACKING: &str = "\u{1}";
const REASON: &str = "\u{2}";

/// Every template key, for configuration checks.
pub const TEMPLATE_KEYS: [&str; 5] = [FORMS[0].0, FORMS[1].0, FORMS[2].0, FORMS[3].0, FORMS[4].0];

/// The template a household SMS was rendered from, or `None` for a text no template fits.
pub fn template_of(text: &str) -> Option<SmsTemplate> {
    let body = text.strip_prefix(&format!("【{SIGN_NAME}】"))?;
    FORMS.iter().find_map(|(key, word, second)| {
        let form = word(TRACKING, REASON);
        let (head, rest) = form.split_once(TRACKING)?;
        let rest_of_text = body.strip_prefix(head)?;
        let params = match rest.split_once(REASON) {
            None => {
                let tracking = rest_of_text.strip_suffix(rest)?;
                if tracking.contains('）') {
                    return None;
                }
                vec![("tracking", tracking.to_owned())]
            }
            Some((middle, tail)) => {
                let (tracking, reason) = rest_of_text.strip_suffix(tail)?.split_once(middle)?;
                vec![
                    ("tracking", tracking.to_owned()),
                    (*second, reason.to_owned()),
                ]
            }
        };
        Some(SmsTemplate { key, params })
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::domain::{
        case::event::{CaseEvent, EventActor, EventKind},
        role::Role,
        vocab::{Category, RiskTier},
    };

    /// An event of `kind` by the county officer at a fixed time.
    pub(crate) fn event(kind: EventKind) -> CaseEvent {
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
                vec![("tracking", "@")],
            ),
            (
                EventKind::NotIdentified {
                    reason: "收入高于监测线（人均9000元）".into(),
                },
                "not_identified",
                vec![
                    ("tracking", "@"),
                    ("reason", "收入高于监测线（人均9000元）"),
                ],
            ),
            (
                EventKind::RejectedOutOfScope {
                    reason: "不属于本乡镇".into(),
                },
                "not_accepted",
                vec![("tracking", "@"), ("reason", "不属于本乡镇")],
            ),
            (
                EventKind::Eliminated {
                    on: NaiveDate::from_ymd_opt(2026, 11, 23).expect("date"),
                    stability: None,
                },
                "eliminated",
                vec![("tracking", "@")],
            ),
        ];
        let (_, text) = super::super::household::tracking_sms("ABCD-EFGH-JK", "2026年12月3日");
        let template = template_of(&text).unwrap_or_else(|| panic!("no template: {text}"));
        assert_eq!(template.key, "tracking_number");
        assert_eq!(
            template.params,
            vec![
                ("tracking", "ABCD-EFGH-JK".to_owned()),
                ("date", "2026年12月3日".to_owned())
            ]
        );
        let number = crate::domain::tracking::TrackingNumber::from_random([0xA5; 16]);
        let grouped = number.grouped();
        for (kind, key, params) in cases {
            let (_, text) =
                super::super::household::sms(&event(kind), number.as_str()).expect("sms");
            assert!(text.contains(&grouped), "{text}");
            let template = template_of(&text).unwrap_or_else(|| panic!("no template: {text}"));
            assert_eq!(template.key, key, "{text}");
            let params: Vec<(&str, String)> = params
                .into_iter()
                .map(|(k, v)| (k, v.replace('@', &grouped)))
                .collect();
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
