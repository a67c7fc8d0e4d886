//! The script that loads the islands, with no `<link rel=preload>`: a browser with JavaScript
//! off still fetches preloads (the whole WASM for nothing). Here only the module script starts
//! the JS and WASM downloads, at once; the islands hydrate when the browser is idle.
//!
//! Two bundles: the household's (`pkg/`, built without the staff islands) and the staff's
//! (`pkg/staff/`, built with the `staff-islands` feature, its hashes in `hash-staff.txt`).
//! Pages under `/staff` load the staff bundle when it was built, so no page a household
//! opens downloads staff code (issue 11).
use leptos::prelude::*;

/// In place of Leptos's `<HydrationScripts islands=true>` (same file names, no preloads).
#[component]
pub fn IslandScripts(options: LeptosOptions) -> impl IntoView {
    // As Leptos's islands scripts do: the page outside the islands writes no hydration data.
    if let Some(sc) = Owner::current_shared_context() {
        sc.set_is_hydrating(false);
    }
    let staff = staff_page() && staff_bundle_built(&options);
    let (js, wasm) = file_names(&options, staff);
    let pkg = bundle_dir(&options, staff);
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

/// Whether this request is for a staff page.
fn staff_page() -> bool {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .is_some_and(|parts| parts.uri.path().starts_with("/staff"))
    }
    #[cfg(not(feature = "ssr"))]
    {
        false
    }
}

/// The bundle's directory under the site root.
fn bundle_dir(options: &LeptosOptions, staff: bool) -> String {
    let pkg = &options.site_pkg_dir;
    if staff {
        format!("{pkg}/staff")
    } else {
        pkg.to_string()
    }
}

/// The staff bundle's hash file: `hash.txt` becomes `hash-staff.txt`, in the same place.
pub fn staff_hash_file(hash_file: &str) -> String {
    match hash_file.strip_suffix(".txt") {
        Some(stem) => format!("{stem}-staff.txt"),
        None => format!("{hash_file}-staff"),
    }
}

/// The hash file (or, unhashed, the JS file) of the staff bundle exists. When it does not
/// (`cargo leptos watch` builds one bundle), staff pages load the one bundle there is.
fn staff_bundle_built(options: &LeptosOptions) -> bool {
    static BUILT: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *BUILT.get_or_init(|| {
        let file = if options.hash_files {
            beside_exe(&staff_hash_file(&options.hash_file))
        } else {
            let (js, _) = file_names(options, true);
            let dir = bundle_dir(options, true);
            Some(
                std::path::Path::new(options.site_root.as_ref())
                    .join(dir)
                    .join(format!("{js}.js")),
            )
        };
        file.is_some_and(|f| f.is_file())
    })
}

/// A path as cargo-leptos places the hash file: relative to the server binary's directory.
fn beside_exe(file: &str) -> Option<std::path::PathBuf> {
    let exe = std::env::current_exe().ok()?;
    Some(exe.parent()?.join(file))
}

/// The JS and WASM file names without extension, hashed when the build hashes them
/// (`hash.txt` beside the server binary, lines `js: …` and `wasm: …`; `hash-staff.txt` for
/// the staff bundle).
fn file_names(options: &LeptosOptions, staff: bool) -> (String, String) {
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
    static STAFF_HASHES: std::sync::OnceLock<(String, String)> = std::sync::OnceLock::new();
    let (hashes, hash_file) = if staff {
        (&STAFF_HASHES, staff_hash_file(&options.hash_file))
    } else {
        (&HASHES, options.hash_file.to_string())
    };
    hashes
        .get_or_init(|| {
            let hashes = beside_exe(&hash_file)
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

#[cfg(test)]
mod tests {
    use super::staff_hash_file;

    #[test]
    fn the_staff_hash_file_sits_beside_the_household_one() {
        for (household, staff) in [
            ("hash.txt", "hash-staff.txt"),
            (
                "/srv/site-release/hash.txt",
                "/srv/site-release/hash-staff.txt",
            ),
            ("hashes", "hashes-staff"),
        ] {
            assert_eq!(staff_hash_file(household), staff);
        }
    }
}
