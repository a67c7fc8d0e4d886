//! The HTML document and the route table.
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet, Title};
use leptos_router::{
    components::{Route, Router, Routes, A},
    path, SsrMode,
};

use crate::pages::{
    admin::AdminPage, case::CasePage, dashboard::DashboardPage, home::HomePage, login::LoginPage,
    not_found::NotFound, notice::NoticePage, queue::QueuePage, report::ReportPage,
    settings::SettingsPage, submitted::SubmittedPage, track::TrackPage,
};

pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = crate::i18n::detect();
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light" />
                // No favicon request: every byte counts on a village phone.
                <link rel="icon" href="data:," />
                <AutoReload options=options.clone() />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let lang = crate::i18n::detect();
    provide_context(lang);
    let other = lang.other();
    view! {
        <Stylesheet id="leptos" href="/pkg/safety-net.css" />
        <Title text=lang.pick("防返贫监测帮扶服务平台", "Safety Net: poverty-relapse monitoring and assistance") />
        <Router>
            <header class="topbar">
                <A href="/" attr:class="brand">{lang.pick("防返贫监测帮扶", "Safety Net")}</A>
                <nav>
                    <A href="/track">{lang.pick("查询进度", "Track")}</A>
                    <A href="/staff">{lang.pick("工作人员", "Staff")}</A>
                    // A plain link: the server sets the cookie and sends the visitor back.
                    <a href=format!("/lang/{}", other.code()) rel="external" lang=other.code()>
                        {other.pick("中文", "English")}
                    </a>
                </nav>
            </header>
            <main class="page">
                <Routes fallback=|| view! { <NotFound /> }>
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async />
                    <Route path=path!("/report") view=ReportPage ssr=SsrMode::Async />
                    <Route path=path!("/report/submitted/:tracking") view=SubmittedPage ssr=SsrMode::Async />
                    <Route path=path!("/track") view=TrackPage ssr=SsrMode::Async />
                    <Route path=path!("/notice/:village") view=NoticePage ssr=SsrMode::Async />
                    <Route path=path!("/staff/login") view=LoginPage ssr=SsrMode::Async />
                    <Route path=path!("/staff") view=QueuePage ssr=SsrMode::Async />
                    <Route path=path!("/staff/dashboard") view=DashboardPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/admin") view=AdminPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/settings") view=SettingsPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/audit") view=crate::pages::audit::AuditPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/cases/:id") view=CasePage ssr=SsrMode::Async />
                    <Route path=path!("/staff/report") view=crate::pages::proxy_report::ProxyReportPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/alerts") view=crate::pages::alerts::AlertsPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/inbox") view=crate::pages::inbox::InboxPage ssr=SsrMode::Async />
                </Routes>
            </main>
            <footer class="footer">
                <p>{lang.pick("全国防返贫监测帮扶热线 12317", "National assistance hotline 12317")}</p>
            </footer>
        </Router>
    }
}
