//! The site's content-hashed files and `hash.txt` must agree before the server starts.
//! cargo-leptos `hash-files` names the CSS, JS and WASM by their content and writes the hashes
//! to `hash.txt` beside the binary it built; the server reads that file to link the hashed
//! names. Installed without it (or with one from another build), every page links names that
//! are not there: 404, an unstyled page and no JavaScript. Refusing to start says so at once.
use std::path::{Path, PathBuf};

/// The site's files, as cargo-leptos names them (`output-name`).
const OUTPUT_NAME: &str = "safety-net";
/// The kinds `hash.txt` names, and the file extension of each.
const KINDS: [(&str, &str); 3] = [("css", "css"), ("js", "js"), ("wasm", "wasm")];

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SiteFilesError {
    #[error(
        "{pkg} holds content-hashed files ({example}) but there is no {hash_file}. cargo-leptos \
         writes hash.txt beside the binary it builds (target/release/hash.txt): copy it beside \
         this binary, or set LEPTOS_HASH_FILE_NAME to its path. Without it every page links \
         /pkg/{OUTPUT_NAME}.css and gets 404 (no styles, no JavaScript)"
    )]
    HashFileMissing {
        pkg: String,
        example: String,
        hash_file: String,
    },
    #[error(
        "{hash_file} names {missing}, which is not in {pkg}: the site and hash.txt come from \
         different builds. Install the site/ folder and hash.txt from the same build"
    )]
    HashFileStale {
        hash_file: String,
        missing: String,
        pkg: String,
    },
}

/// Where `hash.txt` is read from: `LEPTOS_HASH_FILE_NAME` (a name beside the binary, or an
/// absolute path), as cargo-leptos and the server read it.
pub fn hash_file_path(name: &str) -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    Some(exe.parent()?.join(name))
}

/// Checks the site at `site_root` against `hash_file`, and the staff pages' bundle
/// (`pkg/staff/`) against its `hash-staff.txt` beside it: installed without that file, the
/// server started and staff pages linked the household bundle, without their islands (admin
/// tester). A server without a site folder (the API alone, the tests) and a site built
/// without hashes pass.
pub fn check(site_root: &Path, hash_file: &Path) -> Result<(), SiteFilesError> {
    let pkg = site_root.join("pkg");
    check_bundle(&pkg, hash_file)?;
    let staff_file = app::island_scripts::staff_hash_file(&hash_file.to_string_lossy());
    check_bundle(&pkg.join("staff"), Path::new(&staff_file))
}

/// One bundle's folder against its hash file.
fn check_bundle(pkg: &Path, hash_file: &Path) -> Result<(), SiteFilesError> {
    let Ok(entries) = std::fs::read_dir(pkg) else {
        return Ok(());
    };
    let names: Vec<String> = entries
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .collect();
    let shown = |p: &Path| p.display().to_string();
    match std::fs::read_to_string(hash_file) {
        Ok(hashes) => match missing_named(&hashes, &names) {
            Some(missing) => Err(SiteFilesError::HashFileStale {
                hash_file: shown(hash_file),
                missing,
                pkg: shown(pkg),
            }),
            None => Ok(()),
        },
        Err(_) => match names.iter().find(|n| is_hashed(n)) {
            Some(example) => Err(SiteFilesError::HashFileMissing {
                pkg: shown(pkg),
                example: example.clone(),
                hash_file: shown(hash_file),
            }),
            None => Ok(()),
        },
    }
}

/// `safety-net.<hash>.css` and the like (not the plain `safety-net.css`).
fn is_hashed(name: &str) -> bool {
    let Some(rest) = name.strip_prefix(&format!("{OUTPUT_NAME}.")) else {
        return false;
    };
    KINDS.iter().any(|(_, ext)| {
        rest.strip_suffix(&format!(".{ext}"))
            .is_some_and(|hash| !hash.is_empty() && !hash.contains('.'))
    })
}

/// The first file `hashes` (hash.txt) names that is not among `names`.
fn missing_named(hashes: &str, names: &[String]) -> Option<String> {
    hashes.lines().find_map(|line| {
        let (kind, hash) = line.trim().split_once(':')?;
        let (_, ext) = KINDS.iter().find(|(k, _)| *k == kind.trim())?;
        let file = format!("{OUTPUT_NAME}.{}.{ext}", hash.trim());
        (!names.contains(&file)).then_some(file)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The refusal is said once: it was the message and its own cause, printed twice.
    #[test]
    fn a_start_refused_over_the_site_says_why_once() {
        let refused = crate::startup::StartupError::from(SiteFilesError::HashFileStale {
            hash_file: "hash.txt".into(),
            missing: "safety-net.X.js".into(),
            pkg: "site/pkg".into(),
        });
        assert!(std::error::Error::source(&refused).is_none());
        assert_eq!(refused.to_string().matches("same build").count(), 1);
    }

    #[test]
    fn hashed_names_are_told_from_plain_ones() {
        for (name, hashed) in [
            ("safety-net.mQ_4CdviZ1B_lD1RbXqUiw.css", true),
            ("safety-net.pIYpQap1Dteb9FNBkl-CdQ.js", true),
            ("safety-net.aBFhwkax0UrcLCvfS5VsKw.wasm", true),
            ("safety-net.css", false),
            ("safety-net_bg.wasm", false),
            ("safety-net.JL5GhShTyzUg_IbbJss0qA.js.br", false),
            ("safety-net.d.txfkdF2AGqEEAQ_mCVNvnQ.ts", false),
            ("staff", false),
        ] {
            assert_eq!(is_hashed(name), hashed, "{name}");
        }
    }

    #[test]
    fn every_file_hash_txt_names_must_be_there() {
        let names: Vec<String> = [
            "safety-net.AAA.css",
            "safety-net.BBB.js",
            "safety-net.CCC.wasm",
        ]
        .map(String::from)
        .to_vec();
        for (hashes, missing) in [
            ("js: BBB\nwasm: CCC\ncss: AAA\n", None),
            ("css: AAA\n", None),
            ("js: BBB\nwasm: CCC\ncss: OLD\n", Some("safety-net.OLD.css")),
            ("js: NEW\n", Some("safety-net.NEW.js")),
            ("something else\n", None),
        ] {
            assert_eq!(
                missing_named(hashes, &names).as_deref(),
                missing,
                "{hashes}"
            );
        }
    }
}
