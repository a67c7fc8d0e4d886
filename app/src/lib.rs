//! Safety Net (防返贫监测帮扶服务平台): Leptos app shared by the server (SSR) and the browser (hydrate).
#![recursion_limit = "256"]

pub mod api;
pub mod components;
pub mod domain;
pub mod i18n;
pub mod island_scripts;
pub mod pages;
pub mod shell;
pub mod tr;
#[cfg(test)]
mod tr_en_punctuation;
#[cfg(test)]
mod tr_parse;
pub mod wire;

#[cfg(feature = "ssr")]
pub mod ssr;

pub use shell::{shell, App};

/// Called by Leptos's island script before it hydrates each `<leptos-island>` on the page.
/// Pages without islands load no script at all (see `shell::page_has_islands`).
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    // Panic messages in the console are for developers: the release WASM leaves out the hook
    // and the formatting it pulls in (every byte is downloaded by a household's phone).
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
