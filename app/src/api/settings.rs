//! The county administrator's policy and calendar.
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::AppError;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PolicyForm {
    pub effective_from: String,
    pub income_line: String,
    pub township_acceptance_days: String,
    pub home_check_days: String,
    pub identification_days: String,
    pub notice_min_days: String,
    pub due_soon_days: String,
    pub green_channel: String,
    /// Hebei: township review may run while the village notice is up.
    pub notice_parallel_township: String,
    /// Hebei: the county may skip the data comparison when the notice drew no objection.
    pub comparison_skippable: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettingsView {
    pub policy: PolicyForm,
    /// (day, "放假" | "调休上班", name)
    pub days: Vec<(String, String, String)>,
    pub known_years: Vec<i32>,
}

#[server(endpoint = "settings/current")]
pub async fn current_settings() -> Result<SettingsView, AppError> {
    use crate::ssr::context::{reply_error, RequestContext};
    let ctx = RequestContext::load()?;
    let staff = ctx.staff().await.map_err(reply_error)?;
    if staff.role != crate::domain::role::Role::CountyAdmin {
        return Err(reply_error(AppError::Forbidden));
    }
    let p = &ctx.state.policy;
    let cal = &ctx.state.calendar;
    let span_days = |s: crate::domain::clock::Span| match s {
        crate::domain::clock::Span::WorkingDays(n)
        | crate::domain::clock::Span::CalendarDays(n) => n.to_string(),
        crate::domain::clock::Span::Months(n) => (n * 30).to_string(),
    };
    let mut days: Vec<(String, String, String)> = cal
        .holidays()
        .map(|(d, name)| (d.to_string(), "放假".to_owned(), name.to_owned()))
        .chain(
            cal.makeup_workdays()
                .map(|d| (d.to_string(), "调休上班".to_owned(), String::new())),
        )
        .collect();
    days.sort();
    Ok(SettingsView {
        policy: PolicyForm {
            effective_from: crate::domain::time::beijing_date(ctx.now()).to_string(),
            income_line: p.income_line.plain_yuan(),
            township_acceptance_days: span_days(p.township_acceptance),
            home_check_days: span_days(p.home_check),
            identification_days: span_days(p.identification_overall),
            notice_min_days: span_days(p.notice_min),
            due_soon_days: p.due_soon_working_days.to_string(),
            green_channel: checkbox(p.green_channel_open),
            notice_parallel_township: checkbox(p.notice_parallel_township),
            comparison_skippable: checkbox(p.comparison_skippable),
        },
        days,
        known_years: cal.known_years().collect(),
    })
}

/// An HTML checkbox's posted value: "on" when ticked, empty otherwise.
pub fn checkbox(ticked: bool) -> String {
    if ticked {
        "on".into()
    } else {
        String::new()
    }
}

#[server(endpoint = "settings/policy")]
pub async fn save_policy(policy: PolicyForm) -> Result<(), AppError> {
    use crate::ssr::context::{reply_error, RequestContext};
    let ctx = RequestContext::load()?;
    let staff = ctx.staff().await.map_err(reply_error)?;
    crate::ssr::services::settings::set_policy(&ctx.state, &staff, &policy, ctx.now())
        .await
        .map_err(reply_error)?;
    leptos_axum::redirect("/staff/settings");
    Ok(())
}

#[server(endpoint = "settings/day")]
pub async fn save_calendar_day(day: String, kind: String, name: String) -> Result<(), AppError> {
    use crate::ssr::context::{reply_error, RequestContext};
    let ctx = RequestContext::load()?;
    let staff = ctx.staff().await.map_err(reply_error)?;
    crate::ssr::services::settings::set_day(&ctx.state, &staff, &day, &kind, &name, ctx.now())
        .await
        .map_err(reply_error)?;
    leptos_axum::redirect("/staff/settings");
    Ok(())
}

#[server(endpoint = "settings/day_remove")]
pub async fn remove_calendar_day(day: String) -> Result<(), AppError> {
    use crate::ssr::context::{reply_error, RequestContext};
    let ctx = RequestContext::load()?;
    let staff = ctx.staff().await.map_err(reply_error)?;
    crate::ssr::services::settings::remove_day(&ctx.state, &staff, &day, ctx.now())
        .await
        .map_err(reply_error)?;
    leptos_axum::redirect("/staff/settings");
    Ok(())
}
