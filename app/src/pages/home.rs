use crate::components::hotline::HotlineNote;
use leptos::prelude::*;

use crate::{api::reports::household_promises, i18n::use_lang};

#[component]
pub fn HomePage() -> impl IntoView {
    let t = use_lang();
    let promises = Resource::new(|| (), |_| household_promises());
    view! {
        <section class="hero">
            <h1>{t.pick("防返贫监测帮扶服务", "Help when hardship returns")}</h1>
            <p class="lead">
                {t.pick(
                    "家里因为生病、残疾、上学、灾害、意外或者没了工作，日子变难了？可以在这里向政府申报。我们会上门核实，符合条件的及时帮扶。",
                    "Has illness, disability, school costs, a disaster, an accident or a lost job made life hard for your family? Tell the government here. Someone will visit to check, and help comes quickly if you qualify.",
                )}
            </p>
            <div class="actions">
                <a href="/report" class="button primary big">{t.pick("我要申报", "Report hardship")}</a>
                <a href="/track" class="button big">{t.pick("查询进度", "Track my report")}</a>
            </div>
        </section>
        <section class="card">
            <h2>{t.pick("谁可以申报", "Who can report")}</h2>
            <ul class="plain">
                <li>{t.pick(
                    "本县农村户籍家庭，收入下降或者支出突然增加，基本生活有困难的。",
                    "Rural households of this county whose income fell or whose spending rose suddenly, and who struggle to get by.",
                )}</li>
                <li>{t.pick(
                    "可以自己申报，也可以请亲友、村干部或拨打12317热线代为申报。",
                    "You can report yourself, or ask a relative, a village cadre or the 12317 hotline to report for you.",
                )}</li>
                <li>{t.pick(
                    "申报免费，不需要找人、不需要送礼。",
                    "Reporting is free. You need no connections and no gifts.",
                )}</li>
            </ul>
        </section>
        <section class="card">
            <h2>{t.pick("申报以后", "After you report")}</h2>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let steps = promises.await.unwrap_or_default();
                    view! { <ol data-testid="promises">{steps.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ol> }
                })}
            </Suspense>
        </section>
        <HotlineNote />
    }
}
