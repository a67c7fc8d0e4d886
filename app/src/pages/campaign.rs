//! 集中排查: the county starts the yearly campaign from its dashboard; every monitored or
//! eliminated household then has a visit due in the village's queue.
use leptos::prelude::*;

use crate::api::campaigns::StartCampaign;

#[component]
pub fn CampaignForm() -> impl IntoView {
    let start = ServerAction::<StartCampaign>::new();
    let result = move || {
        start.value().get().map(|answer| match answer {
            Ok(report) => format!(
                "已为 {} 户安排集中排查走访（{} 户因正在办理其他事项未安排，可稍后再次发起）。",
                report.started, report.skipped
            ),
            Err(error) => error.zh().to_owned(),
        })
    };
    view! {
        <section class="card">
            <h2>"年度集中排查"</h2>
            <p class="muted">"为本县全部监测户和风险消除户安排一次走访，截止日期前完成；村级待办中可见。"</p>
            <ActionForm action=start>
                <div class="field"><label for="campaign_name">"排查活动名称"</label>
                    <input id="campaign_name" name="name" type="text" placeholder="如：2026年度集中排查" /></div>
                <div class="field"><label for="campaign_until">"走访截止日期"</label>
                    <input id="campaign_until" name="until" type="date" /></div>
                <button type="submit" class="button primary">"发起集中排查"</button>
            </ActionForm>
            <p role="status">{result}</p>
        </section>
    }
}
