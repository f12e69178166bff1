//! Guards the architecture: the core crate depends on no browser crate, the network stays in
//! one module, `main.rs` stays a two-liner, no two files import each other (directly or
//! round a longer loop) and no source file outgrows ~400 lines. A violation names the file.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/literals.rs"]
mod literals;
#[path = "support/module_graph.rs"]
mod module_graph;

use module_graph::{CrateSource, import_cycles};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Crates that reach the browser: none of them may appear in the core's dependency tree.
const BROWSER_CRATES: [&str; 8] = [
    "leptos",
    "web-sys",
    "js-sys",
    "gloo-net",
    "gloo-timers",
    "gloo-utils",
    "wasm-bindgen",
    "wasm-bindgen-futures",
];

/// A file over this many lines is a room with two concerns (data tables and tests excepted).
const MAX_LINES: usize = 400;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn app_src() -> PathBuf {
    root().join("src")
}

fn core_src() -> PathBuf {
    root().join("crates/skewcheck-core/src")
}

/// The small first module's crate (issue 22): held to the same rules as the others.
fn first_src() -> PathBuf {
    root().join("crates/skewcheck-first/src")
}

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
    files.sort();
    files
}

/// Code lines (comments stripped) that mention `name` as a path root, e.g. `gloo_net::`.
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

#[test]
fn the_core_depends_on_no_browser_crate() {
    // Nor does the first module, which is the core compiled a second time without Leptos.
    for package in ["skewcheck-core", "skewcheck-first"] {
        let output = Command::new(env!("CARGO"))
            .args([
                "tree",
                "--offline",
                "--package",
                package,
                "--edges",
                "normal,build",
                "--prefix",
                "none",
                "--format",
                "{p}",
            ])
            .current_dir(root())
            .output()
            .expect("cargo tree runs");
        assert!(
            output.status.success(),
            "cargo tree failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let tree = String::from_utf8(output.stdout).expect("utf-8");
        let packages: Vec<&str> = tree
            .lines()
            .filter_map(|line| line.split_whitespace().next())
            .collect();
        assert!(packages.contains(&package), "{tree}");
        let browser: Vec<&&str> = packages
            .iter()
            .filter(|name| BROWSER_CRATES.contains(name) || name.starts_with("gloo"))
            .collect();
        assert!(
            browser.is_empty(),
            "{package} reaches the browser through {browser:?}"
        );
    }
}

#[test]
fn only_net_does_network_requests() {
    let violations: Vec<String> = rust_files(&app_src())
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
    let main = fs::read_to_string(app_src().join("main.rs")).expect("main.rs");
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

#[test]
fn no_import_cycle_between_files() {
    for (name, source) in [
        ("skewcheck-core", CrateSource::new(core_src(), "lib.rs")),
        ("skewcheck", CrateSource::new(app_src(), "lib.rs")),
        ("skewcheck-first", CrateSource::new(first_src(), "lib.rs")),
    ] {
        let cycles = import_cycles(&source);
        assert!(
            cycles.is_empty(),
            "{name}: files that import each other:\n{}",
            cycles
                .iter()
                .map(|cycle| cycle.join(" → "))
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
}

/// A module's tests (`tests.rs`, `*_tests.rs`, anything under a `tests/` folder), and the
/// test-only simulation (`#[cfg(test)]` in the core's `lib.rs`).
fn is_test_file(path: &Path) -> bool {
    let name = path
        .file_name()
        .and_then(|name| name.to_str())
        .unwrap_or("");
    name == "tests.rs"
        || name.ends_with("_tests.rs")
        || name == "simulation.rs"
        || path
            .components()
            .any(|part| part.as_os_str() == "tests" || part.as_os_str() == "simulation")
}

/// Tests and data tables may run long; code may not.
fn is_exempt(path: &Path) -> bool {
    let name = path
        .file_name()
        .and_then(|name| name.to_str())
        .unwrap_or("");
    is_test_file(path) || ["samples.rs", "catalogue.rs", "steps.rs"].contains(&name)
}

#[test]
fn no_source_file_over_400_lines() {
    let long: Vec<String> = rust_files(&app_src())
        .into_iter()
        .chain(rust_files(&core_src()))
        .chain(rust_files(&first_src()))
        .filter(|path| !is_exempt(path))
        .filter_map(|path| {
            let lines = fs::read_to_string(&path).expect("readable").lines().count();
            (lines > MAX_LINES).then(|| format!("{}: {lines} lines", path.display()))
        })
        .collect();
    assert!(
        long.is_empty(),
        "files over {MAX_LINES} lines:\n{}",
        long.join("\n")
    );
}

/// Files that may hold English outside the words layer: data tables of vendors' own texts.
const ENGLISH_DATA_TABLES: [&str; 2] = [
    // Product names, the vendors' own error texts (shown in English, as the client's
    // software prints them) and citations.
    "verdict/catalogue.rs",
    // The vendors' error phrases the paste decoder searches for.
    "pasted/vendor_texts.rs",
];

/// Lines where a sentence is not page text: developer-facing errors and test expectations.
fn is_developer_text(line: &str) -> bool {
    [
        "#[error(",
        "expect(",
        "panic!(",
        "reason = ",
        "unreachable!(",
        "assert",
    ]
    .iter()
    .any(|marker| line.contains(marker))
}

/// Sentences in code outside the words layer, as `file:line: "…"`.
fn english_outside_words(dir: &Path, words: &Path) -> Vec<String> {
    rust_files(dir)
        .into_iter()
        .filter(|path| !path.starts_with(words) && !is_test_file(path))
        .filter(|path| {
            let relative = path.strip_prefix(dir).unwrap_or(path).to_string_lossy();
            !ENGLISH_DATA_TABLES.contains(&relative.as_ref())
        })
        .flat_map(|path| {
            let text = fs::read_to_string(&path).expect("readable");
            let lines: Vec<&str> = text.lines().collect();
            literals::string_literals(&text)
                .into_iter()
                .filter(|(_, literal)| literals::is_prose(literal))
                .filter(|(line, _)| !is_developer_text(lines.get(line - 1).unwrap_or(&"")))
                .map(|(line, literal)| format!("{}:{line}: {literal:?}", path.display()))
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn english_lives_only_in_the_words_layer() {
    let words = core_src().join("words");
    let mut found = english_outside_words(&core_src(), &words);
    found.extend(english_outside_words(&app_src(), &words));
    found.extend(english_outside_words(&first_src(), &words));
    assert!(
        found.is_empty(),
        "{} sentences outside crates/skewcheck-core/src/words:\n{}",
        found.len(),
        found.join("\n")
    );
}

#[test]
fn the_english_check_finds_a_planted_sentence() {
    let text = "// a comment with many words in it\nconst A: &str = \"the clock is fine\";\nconst B: &str = \"data-testid\";\nconst C: &str = r#\"raw words here too\"#;\n";
    let prose: Vec<(usize, String)> = literals::string_literals(text)
        .into_iter()
        .filter(|(_, literal)| literals::is_prose(literal))
        .collect();
    assert_eq!(
        prose,
        [
            (2, "the clock is fine".to_owned()),
            (4, "raw words here too".to_owned())
        ]
    );
}

/// One test-file convention: a module's tests sit in `tests.rs` beside it (or in a `tests/`
/// folder), never inline and never as `*_tests.rs`.
#[test]
fn tests_follow_one_convention() {
    let astray: Vec<String> = rust_files(&app_src())
        .into_iter()
        .chain(rust_files(&core_src()))
        .chain(rust_files(&first_src()))
        .filter(|path| {
            let name = path
                .file_name()
                .and_then(|name| name.to_str())
                .unwrap_or("");
            name.ends_with("_tests.rs")
                || fs::read_to_string(path)
                    .expect("readable")
                    .lines()
                    .any(|line| line.trim_start().starts_with("mod tests {"))
        })
        .map(|path| path.display().to_string())
        .collect();
    assert!(
        astray.is_empty(),
        "tests outside tests.rs:\n{}",
        astray.join("\n")
    );
}

#[test]
fn the_cycle_check_finds_a_planted_cycle() {
    let dir = std::env::temp_dir().join(format!("skewcheck-cycle-{}", std::process::id()));
    fs::create_dir_all(dir.join("a")).expect("temp dir");
    fs::write(dir.join("lib.rs"), "mod a;\nmod b;\n").expect("write");
    fs::write(dir.join("a.rs"), "mod c;\nuse crate::b::Thing;\n").expect("write");
    fs::write(dir.join("a/c.rs"), "pub struct Leaf;\n").expect("write");
    fs::write(
        dir.join("b.rs"),
        "use crate::{a::{self, c::Leaf}};\npub struct Thing;\n",
    )
    .expect("write");
    let cycles = import_cycles(&CrateSource::new(dir.clone(), "lib.rs"));
    fs::remove_dir_all(&dir).expect("clean up");
    assert_eq!(cycles.len(), 1, "{cycles:?}");
    assert_eq!(cycles[0], ["a.rs", "b.rs", "a.rs"]);
}
#[test]
#[ignore = "debugging aid: prints every file edge inside a cycle"]
fn print_cycle_edges() {
    for dir in [core_src(), app_src()] {
        for (a, b) in module_graph::cycle_edges(&CrateSource::new(dir.clone(), "lib.rs")) {
            println!("EDGE {} {a} -> {b}", dir.display());
        }
    }
}
