//! Staff words for the engine's newer states and events (issue 10: removals, deferral,
//! elimination evidence). Household sentences for these states live in `household`.

use crate::domain::case::elimination::Stability;
use crate::domain::case::reversal::RemovalKind;

/// Timeline line for a removal from monitoring.
pub fn removed_zh(kind: RemovalKind, reason: &str) -> String {
    format!("县级审定：{}，{reason}", kind.label_zh())
}

/// Timeline line for 暂不标注风险消除.
pub fn deferred_zh(reason: &str) -> String {
    format!("暂不标注风险消除（兜底保障已落实，继续监测）：{reason}")
}

/// Timeline line for an elimination with its stability evidence.
pub fn eliminated_zh(stability: Option<&Stability>) -> String {
    match stability {
        None => "县级审定：风险消除".into(),
        Some(s) => {
            let mut text = format!(
                "县级审定：风险消除（自{}起监测{}天，走访{}次",
                super::labels::zh_date(s.monitored_since),
                s.days_monitored,
                s.visits
            );
            if let (Some(then), Some(now)) = (s.income_at_identification, s.income_now) {
                text.push_str(&format!("，扣除刚性支出后人均纯收入由{then}增至{now}"));
            }
            text.push('）');
            text
        }
    }
}

/// Staff label of a state code this file adds.
pub fn state_code_zh(code: &str) -> Option<&'static str> {
    match code {
        "removed" => Some("已退出监测（回退/清退/迁出/注销）"),
        _ => None,
    }
}

/// Timeline line for the green channel's preconditions.
pub fn green_channel_zh(
    village_study_on: chrono::NaiveDate,
    township_approved_on: chrono::NaiveDate,
) -> String {
    format!(
        "绿色通道前置程序：已入户核查，村“两委”{}研究，乡镇{}审核同意，县级批准",
        super::labels::zh_date(village_study_on),
        super::labels::zh_date(township_approved_on)
    )
}
