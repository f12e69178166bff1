//! Guards the architecture: the engine stays pure, the network stays in one module, and
//! `main.rs` stays a two-liner. A violation names the file and line.
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::path::{Path, PathBuf};

const BROWSER_CRATES: [&str; 7] = [
    "leptos",
    "web_sys",
    "js_sys",
    "gloo_net",
    "gloo_timers",
    "wasm_bindgen",
    "wasm_bindgen_futures",
];

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).expect("readable source dir") {
        let path = entry.expect("dir entry").path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            files.push(path);
        }
    }
    files
}

/// Code lines (comments stripped) that mention `name` as a path root, e.g. `web_sys::`.
fn uses(path: &Path, name: &str) -> Vec<String> {
    let needle = format!("{name}::");
    fs::read_to_string(path)
        .expect("readable source")
        .lines()
        .enumerate()
        .filter_map(|(number, line)| {
            let code = line.split("//").next().unwrap_or("");
            // A path root, not the tail of a longer name (`my_leptos::` is not `leptos::`).
            let mentions = code.match_indices(&needle).any(|(at, _)| {
                let before = code[..at].chars().next_back();
                !before.is_some_and(|c| c.is_alphanumeric() || c == '_')
            });
            mentions.then(|| format!("{}:{}: {}", path.display(), number + 1, line.trim()))
        })
        .collect()
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[test]
fn engine_has_no_browser_imports() {
    let violations: Vec<String> = rust_files(&src().join("engine"))
        .iter()
        .flat_map(|file| BROWSER_CRATES.iter().flat_map(move |name| uses(file, name)))
        .collect();
    assert!(
        violations.is_empty(),
        "engine must stay pure:\n{}",
        violations.join("\n")
    );
}

#[test]
fn only_net_does_network_requests() {
    let violations: Vec<String> = rust_files(&src())
        .iter()
        .filter(|file| !file.ends_with("net.rs"))
        .flat_map(|file| {
            let mut found = uses(file, "gloo_net");
            found.extend(
                fs::read_to_string(file)
                    .expect("readable")
                    .lines()
                    .filter(|line| line.contains("fetch_with") || line.contains("XmlHttpRequest"))
                    .map(|line| format!("{}: {}", file.display(), line.trim())),
            );
            found
        })
        .collect();
    assert!(
        violations.is_empty(),
        "network code outside net.rs:\n{}",
        violations.join("\n")
    );
}

#[test]
fn main_only_installs_the_panic_hook_and_mounts() {
    let main = fs::read_to_string(src().join("main.rs")).expect("main.rs");
    let code: Vec<&str> = main
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with("//"))
        .collect();
    assert_eq!(
        code,
        [
            "fn main() {",
            "console_error_panic_hook::set_once();",
            "leptos::mount::mount_to_body(skewcheck::App);",
            "}"
        ]
    );
}
