use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn HomePage() -> impl IntoView {
    view! {
        <section class="hero">
            <h1>"防返贫监测帮扶服务"</h1>
            <p class="lead">
                "家里因为生病、残疾、上学、灾害、意外或者没了工作，日子变难了？"
                "可以在这里向政府申报。我们会上门核实，符合条件的及时帮扶。"
            </p>
            <div class="actions">
                <A href="/report" attr:class="button primary big">"我要申报"</A>
                <A href="/track" attr:class="button big">"查询进度"</A>
            </div>
        </section>
        <section class="card">
            <h2>"谁可以申报"</h2>
            <ul class="plain">
                <li>"本县农村户籍家庭，收入下降或者支出突然增加，基本生活有困难的。"</li>
                <li>"可以自己申报，也可以请亲友、村干部或拨打12317热线代为申报。"</li>
                <li>"申报免费，不需要找人、不需要送礼。"</li>
            </ul>
        </section>
        <section class="card">
            <h2>"申报以后"</h2>
            <ol>
                <li>"乡镇在2个工作日内受理，村里安排人员上门核实。"</li>
                <li>"村里评议并公示至少5天，乡镇审核，县里审定。"</li>
                <li>"从申报起15天内完成认定，并告诉您结果和帮扶责任人。"</li>
            </ol>
        </section>
    }
}
