//! The server refuses to start when the site holds content-hashed files but `hash.txt` is
//! missing or from another build: every page would link files that are not there (404, no
//! styles, no JavaScript). The message says where hash.txt must be.
use std::{
    path::{Path, PathBuf},
    process::{Command, Stdio},
};

/// A site folder with a hashed stylesheet, in its own temporary directory.
fn hashed_site() -> PathBuf {
    let root = crate::helpers::temp_path("-site");
    std::fs::create_dir_all(root.join("pkg")).expect("site dir");
    std::fs::write(root.join("pkg/safety-net.mQ_4CdviZ1B.css"), "main{}").expect("css");
    root
}

/// Runs the server binary on `site` with `hash_file`; it must end by itself (a server that
/// started fails the test after 30 s).
fn start(site: &Path, hash_file: &Path) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_server"))
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("SAFETY_NET_KEYS", app::ssr::vault::keyfile::TEST_KEYS)
        .env("SAFETY_NET_ADDR", "127.0.0.1:0")
        .env(
            "DATABASE_URL",
            format!("sqlite://{}/never.db", site.display()),
        )
        .env("LEPTOS_SITE_ROOT", site)
        .env("LEPTOS_HASH_FILE_NAME", hash_file)
        .env("RUST_LOG", "off")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while child.try_wait().expect("wait").is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("the server started: it should have refused");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    child.wait_with_output().expect("the binary exits")
}

#[test]
fn a_hashed_site_without_its_hash_file_does_not_start() {
    let site = hashed_site();
    let hash_file = site.join("hash.txt");
    let refused = start(&site, &hash_file);
    assert!(!refused.status.success(), "{refused:?}");
    let said = String::from_utf8_lossy(&refused.stderr);
    for part in [
        hash_file.display().to_string(),
        "safety-net.mQ_4CdviZ1B.css".into(),
        "beside".into(),
        "LEPTOS_HASH_FILE_NAME".into(),
    ] {
        assert!(said.contains(&part), "{part}: {said}");
    }

    // A hash.txt from another build names a stylesheet that is not there.
    std::fs::write(&hash_file, "css: OLD\n").expect("hash file");
    let refused = start(&site, &hash_file);
    assert!(!refused.status.success(), "{refused:?}");
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(said.contains("safety-net.OLD.css"), "{said}");
    assert!(
        !site.join("never.db").exists(),
        "refused before the database"
    );
    std::fs::remove_dir_all(&site).expect("clean up");
}

/// The staff pages' bundle has its own hash file: installed without it, the server started
/// and staff pages linked the household bundle, without their islands (admin tester).
#[test]
fn a_staff_bundle_without_its_hash_file_does_not_start() {
    let site = hashed_site();
    let hash_file = site.join("hash.txt");
    std::fs::write(&hash_file, "css: mQ_4CdviZ1B\n").expect("hash file");
    std::fs::create_dir_all(site.join("pkg/staff")).expect("staff dir");
    std::fs::write(site.join("pkg/staff/safety-net.St4ff.js"), "").expect("js");
    let refused = start(&site, &hash_file);
    assert!(!refused.status.success(), "{refused:?}");
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(said.contains("hash-staff.txt"), "{said}");
    assert!(said.contains("safety-net.St4ff.js"), "{said}");
    std::fs::remove_dir_all(&site).expect("clean up");
}
