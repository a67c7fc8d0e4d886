//! The site's stylesheet address for pages written outside Leptos (the refusal pages). With
//! cargo-leptos `hash-files` its name carries its content hash (`css: …` in `hash.txt` beside
//! the binary), as `HashedStylesheet` links it on every other page; the plain name is a 404.
use std::sync::OnceLock;

/// `/pkg/safety-net.<hash>.css`, or `/pkg/safety-net.css` when the site is not hashed.
pub fn href() -> &'static str {
    static HREF: OnceLock<String> = OnceLock::new();
    HREF.get_or_init(|| {
        let name = std::env::var("LEPTOS_HASH_FILE_NAME").unwrap_or_else(|_| "hash.txt".into());
        let hashes = std::env::current_exe()
            .ok()
            .and_then(|exe| exe.parent().map(|dir| dir.join(name)))
            .and_then(|file| std::fs::read_to_string(file).ok());
        href_for(hashes.as_deref())
    })
}

fn href_for(hashes: Option<&str>) -> String {
    let hash = hashes.into_iter().flat_map(str::lines).find_map(|line| {
        let (file, hash) = line.trim().split_once(':')?;
        (file == "css").then(|| hash.trim().to_owned())
    });
    match hash {
        Some(hash) if !hash.is_empty() => format!("/pkg/safety-net.{hash}.css"),
        _ => "/pkg/safety-net.css".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::href_for;

    #[test]
    fn the_hashed_name_comes_from_the_css_line() {
        for (hashes, href) in [
            (
                Some("js: aaa\nwasm: bbb\ncss: pIYpQap1\n"),
                "/pkg/safety-net.pIYpQap1.css",
            ),
            (Some("js: aaa\n"), "/pkg/safety-net.css"),
            (None, "/pkg/safety-net.css"),
        ] {
            assert_eq!(href_for(hashes), href, "{hashes:?}");
        }
    }
}
