//! `<body data-hydrated="true">` once an island on the page is interactive: tests (and support
//! staff) wait for it. Pages without islands never get it: they have nothing to hydrate.
/// Call at the top of every `#[island]`. Sets the marker after the island has hydrated.
pub fn mark_hydrated() {
    #[cfg(feature = "hydrate")]
    leptos::prelude::Effect::new(|_| {
        if let Some(body) = leptos::prelude::document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
}
