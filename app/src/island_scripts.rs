//! The script that loads the islands, with no `<link rel=preload>`: a browser with JavaScript
//! off still fetches preloads (the whole WASM for nothing). Here only the module script starts
//! the JS and WASM downloads, at once; the islands hydrate when the browser is idle.
use leptos::prelude::*;

/// In place of Leptos's `<HydrationScripts islands=true>` (same file names, no preloads).
#[component]
pub fn IslandScripts(options: LeptosOptions) -> impl IntoView {
    // As Leptos's islands scripts do: the page outside the islands writes no hydration data.
    if let Some(sc) = Owner::current_shared_context() {
        sc.set_is_hydrating(false);
    }
    let (js, wasm) = file_names(&options);
    let pkg = &options.site_pkg_dir;
    let script = format!(
        "((js, wasm) => {{\
           const idle = window.requestIdleCallback ? (f) => requestIdleCallback(f) : (f) => f();\
           import(js).then((m) => m.default({{ module_or_path: wasm }}).then(() => idle(async () => {{\
             m.hydrate();\
             for (const island of document.querySelectorAll('leptos-island')) {{\
               const hydrate = m[island.dataset.component];\
               if (hydrate) await hydrate(island);\
             }}\
           }})));\
         }})({:?}, {:?})",
        format!("/{pkg}/{js}.js"),
        format!("/{pkg}/{wasm}.wasm"),
    );
    view! { <script type="module" nonce=leptos::nonce::use_nonce()>{script}</script> }
}

/// The JS and WASM file names without extension, hashed when the build hashes them
/// (`hash.txt` beside the server binary, lines `js: …` and `wasm: …`).
fn file_names(options: &LeptosOptions) -> (String, String) {
    let name = options.output_name.to_string();
    if !options.hash_files {
        // cargo-leptos names the WASM after the output name; plain wasm-bindgen adds `_bg`.
        let wasm = if option_env!("LEPTOS_OUTPUT_NAME").is_some() {
            name.clone()
        } else {
            format!("{name}_bg")
        };
        return (name, wasm);
    }
    static HASHES: std::sync::OnceLock<(String, String)> = std::sync::OnceLock::new();
    HASHES
        .get_or_init(|| {
            let hashes = std::env::current_exe()
                .ok()
                .and_then(|exe| exe.parent().map(|dir| dir.join(options.hash_file.as_ref())))
                .and_then(|path| std::fs::read_to_string(path).ok())
                .unwrap_or_default();
            let hash = |file: &str| {
                hashes.lines().find_map(|line| {
                    let (f, h) = line.split_once(':')?;
                    (f.trim() == file).then(|| format!("{name}.{}", h.trim()))
                })
            };
            (
                hash("js").unwrap_or_else(|| name.clone()),
                hash("wasm").unwrap_or_else(|| name.clone()),
            )
        })
        .clone()
}
