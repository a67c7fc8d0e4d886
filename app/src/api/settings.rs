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
    /// Working days to tell a refused household why.
    pub refusal_notice_days: String,
    /// Days to name the responsible person after identification.
    pub responsible_days: String,
    /// Months to get the first measure under way.
    pub assistance_months: String,
    /// Visit cadence by tier: red in days, yellow and blue in months.
    pub visit_red_days: String,
    pub visit_yellow_months: String,
    pub visit_blue_months: String,
    /// Days from an elimination proposal to the county's decision.
    pub elimination_review_days: String,
    /// Months between re-checks of eliminated households.
    pub recheck_months: String,
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
    use crate::domain::clock::Span;
    let span_days = |s: Span| match s {
        Span::WorkingDays(n) | Span::CalendarDays(n) => n.to_string(),
        Span::Months(n) => (n * 30).to_string(),
    };
    let span_months = |s: Span| match s {
        Span::Months(n) => n.to_string(),
        Span::WorkingDays(n) | Span::CalendarDays(n) => n.div_ceil(30).to_string(),
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
            refusal_notice_days: span_days(p.refusal_notice),
            responsible_days: span_days(p.responsible_assigned),
            assistance_months: span_months(p.assistance_started),
            visit_red_days: span_days(p.visit_red),
            visit_yellow_months: span_months(p.visit_yellow),
            visit_blue_months: span_months(p.visit_blue),
            elimination_review_days: span_days(p.elimination_review),
            recheck_months: span_months(p.recheck_eliminated),
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
