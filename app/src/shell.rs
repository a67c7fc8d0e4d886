//! The HTML document and the route table.
use crate::tr;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, MetaTags, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};

use crate::pages::{
    admin::AdminPage, case::CasePage, dashboard::DashboardPage, home::HomePage, login::LoginPage,
    not_found::NotFound, notice::NoticePage, queue::QueuePage, report::ReportPage,
    settings::SettingsPage, submitted::SubmittedPage, track::TrackPage,
};

/// Paths whose page holds an `#[island]`. Only these load the JS and WASM (and preload them);
/// every other page is HTML and CSS alone. Keep in step with the islands in `pages/`.
pub fn page_has_islands(path: &str) -> bool {
    let path = path.trim_end_matches('/');
    matches!(path, "/report" | "/staff/report" | "/staff/alerts")
        || path
            .strip_prefix("/staff/cases/")
            .is_some_and(|id| !id.is_empty() && !id.contains('/'))
}

/// Whether this request's page has islands. Off, the page also writes no hydration data
/// (resource scripts): nothing would read it.
fn islands_here() -> bool {
    #[cfg(feature = "ssr")]
    {
        let here = use_context::<http::request::Parts>()
            .is_some_and(|parts| page_has_islands(parts.uri.path()));
        if !here {
            if let Some(sc) = Owner::current_shared_context() {
                sc.set_is_hydrating(false);
            }
        }
        here
    }
    #[cfg(not(feature = "ssr"))]
    {
        true
    }
}

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
                <HashedStylesheet options=options.clone() id="leptos" />
                <AutoReload options=options.clone() />
                {islands_here().then(|| view! { <crate::island_scripts::IslandScripts options /> })}
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
        <Title text=tr::shell::title(lang) />
        <Router>
            <header class="topbar">
                <a href="/" class="brand">{tr::shell::brand(lang)}</a>
                <nav>
                    <a href="/track">{tr::shell::track(lang)}</a>
                    <a href="/staff">{tr::shell::staff(lang)}</a>
                    // A plain link: the server sets the cookie and sends the visitor back.
                    <a href=format!("/lang/{}", other.code()) rel="external" lang=other.code()>
                        {tr::language::name(other)}
                    </a>
                </nav>
            </header>
            <main class="page">
                <Routes fallback=|| view! { <NotFound /> }>
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async />
                    <Route path=path!("/report") view=ReportPage ssr=SsrMode::Async />
                    <Route path=path!("/report/submitted/:tracking") view=SubmittedPage ssr=SsrMode::Async />
                    <Route path=path!("/track") view=TrackPage ssr=SsrMode::Async />
                    <Route path=path!("/notice") view=crate::pages::notice_index::NoticeIndexPage ssr=SsrMode::Async />
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
                    <Route path=path!("/staff/keys") view=crate::pages::keys::KeysPage ssr=SsrMode::Async />
                </Routes>
            </main>
            <footer class="footer">
                // A number to tap on a phone, as in every message (household tester).
                <p>{crate::components::dial::dialable(tr::shell::hotline(lang))}</p>
            </footer>
        </Router>
    }
}

#[cfg(test)]
mod tests {
    use super::page_has_islands;

    #[test]
    fn only_pages_with_islands_load_the_wasm() {
        for (path, islands) in [
            ("/", false),
            ("/report", true),
            ("/report/", true),
            ("/report/submitted/ABCDEFGHJK", false),
            ("/track", false),
            ("/notice/522799101201", false),
            ("/notice", false),
            ("/staff", false),
            ("/staff/login", false),
            ("/staff/dashboard", false),
            ("/staff/inbox", false),
            ("/staff/report", true),
            ("/staff/alerts", true),
            ("/staff/cases/abc", true),
            ("/staff/cases/", false),
            ("/staff/cases/abc/x", false),
        ] {
            assert_eq!(page_has_islands(path), islands, "{path}");
        }
    }
}
