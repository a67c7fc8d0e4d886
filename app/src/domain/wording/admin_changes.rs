//! An administrator's changes as the audit log says them: in Chinese, by the form's own
//! labels, old → new (officer tester: a policy change read only "effective 2026-12-10", and
//! the rest in codes such as "village_cadre 522799102202").
use chrono::NaiveDate;

use crate::domain::{
    case::{policy_form::PolicyForm, Policy},
    lang::Lang,
};
use crate::tr;

/// What `after` changes from `before`, field by field (by the fields' codes, alphabetically),
/// keeping only the fields `keep` names: "开通绿色通道… 关→开；公示不少于（天，至少5） 5→6".
/// Empty: nothing changed.
pub fn policy_change(before: &Policy, after: &Policy, keep: impl Fn(&str) -> bool) -> String {
    // The day the form would show is not a change; both are drawn for the same day.
    let day = NaiveDate::MIN;
    let fields = |p: &Policy| match serde_json::to_value(PolicyForm::of(p, day)) {
        Ok(serde_json::Value::Object(map)) => map,
        _ => serde_json::Map::new(),
    };
    let (old, new) = (fields(before), fields(after));
    let shown = |key: &str, value: Option<&serde_json::Value>| {
        let text = value.and_then(|v| v.as_str()).unwrap_or_default();
        match (key, text) {
            ("period_rule", "on") => tr::settings::period_on(Lang::Zh).to_owned(),
            ("period_rule", _) => tr::settings::period_off(Lang::Zh).to_owned(),
            (_, "on") if is_switch(key) => tr::admin_changes::on(Lang::Zh).to_owned(),
            (_, _) if is_switch(key) => tr::admin_changes::off(Lang::Zh).to_owned(),
            (_, text) => text.to_owned(),
        }
    };
    new.iter()
        .filter(|(key, value)| keep(key) && old.get(*key) != Some(*value))
        .map(|(key, value)| {
            let label = tr::settings::lookup(Lang::Zh, key).unwrap_or(key);
            format!(
                "{label} {}→{}",
                shown(key, old.get(key)),
                shown(key, Some(value))
            )
        })
        .collect::<Vec<_>>()
        .join("；")
}

fn is_switch(key: &str) -> bool {
    matches!(
        key,
        "green_channel" | "notice_parallel_township" | "comparison_skippable"
    )
}

/// The policy change's audit detail: what changed and from when.
pub fn policy_detail(change: &str, effective: NaiveDate) -> String {
    let unchanged = tr::admin_changes::unchanged(Lang::Zh);
    let what = if change.is_empty() { unchanged } else { change };
    tr::admin_changes::policy(Lang::Zh, what, effective.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_policy_change_names_each_field_by_its_label_old_to_new() {
        let before = Policy::national_default();
        let mut after = before.clone();
        after.green_channel_open = !before.green_channel_open;
        after.notice_min = crate::domain::clock::Span::CalendarDays(6);
        let said = policy_change(&before, &after, |_| true);
        assert!(said.contains("公示不少于（天，至少5） 5→6"), "{said}");
        assert!(
            said.contains("开通绿色通道（突发严重困难先帮扶后公示） 关→开"),
            "{said}"
        );
        assert!(
            !said.contains("notice_min") && !said.contains("effective"),
            "{said}"
        );
        assert_eq!(policy_change(&before, &before, |_| true), "");
        let only = policy_change(&before, &after, |k| k == "green_channel");
        assert!(!only.contains("公示不少于"), "{only}");
        let day = NaiveDate::from_ymd_opt(2026, 12, 10).expect("day");
        assert_eq!(
            policy_detail(&said, day),
            format!("{said}；自2026-12-10起执行")
        );
        assert!(policy_detail("", day).starts_with("各项未变"));
    }
}
