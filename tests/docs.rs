//! Keeps the failure catalogue (`docs/failures.md`) honest: every test it cites as proof
//! exists. A failure lists every missing name, with its row.
//!
//! In the "proof" column, a backticked name takes its kind from the prefix before it:
//! - `native:` (also `native (property):`) — a Rust test, found as `fn <name>` in some `.rs`
//!   file under `src/`, `crates/` or `tests/`;
//! - `e2e:`, `csp:` — a test title, found in some `.mjs` file under `tests/`: literally, or
//!   as a template title (`${…}` holes stand for any text). A title cited shortened with `…`
//!   is looked up by the part before the `…`, and a citation may be a part of the title;
//! - a name ending in `.rs` or `.mjs` is a file, relative to the repository root or to one
//!   of the crates under `crates/`.
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::path::{Path, PathBuf};

/// A template hole may stand for any text, but a template match must rest on at least this
/// much of the template's own words, so a title made only of holes proves nothing.
const MIN_LITERAL_CHARS: usize = 12;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every file under `dir` whose name ends with `ext`, skipping build output and packages.
fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let Ok(entries) = fs::read_dir(dir) else {
        return found;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        if path.is_dir() {
            if name != "target" && name != "node_modules" && name != "dist" {
                found.extend(files(&path, ext));
            }
        } else if name.to_string_lossy().ends_with(ext) {
            found.push(path);
        }
    }
    found
}

fn read_all(paths: &[PathBuf]) -> Vec<String> {
    paths
        .iter()
        .map(|path| fs::read_to_string(path).unwrap_or_default())
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Native,
    Title,
}

#[derive(Debug)]
struct Citation {
    row: String,
    kind: Option<Kind>,
    name: String,
}

/// The cells of a table row, split on `|` that is not escaped as `\|`.
fn cells(line: &str) -> Vec<String> {
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut chars = line.trim().chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                cell.push('|');
                chars.next();
            }
            '|' => cells.push(std::mem::take(&mut cell)),
            _ => cell.push(c),
        }
    }
    cells.push(cell);
    // The text before the first `|` and after the last one is no cell.
    cells.remove(0);
    cells.pop();
    cells
        .into_iter()
        .map(|cell| cell.trim().to_owned())
        .collect()
}

/// The citations in the proof column of every numbered row of the catalogue.
fn citations(catalogue: &str) -> (Vec<Citation>, Vec<String>) {
    let mut found = Vec::new();
    let mut rows_without_proof = Vec::new();
    for line in catalogue.lines() {
        let cells = cells(line);
        let Some(row) = cells.first() else { continue };
        if row.is_empty() || !row.chars().all(|c| c.is_ascii_digit()) {
            continue; // the header, its rule line, or no table at all
        }
        let proof = cells.last().map_or("", String::as_str);
        let before = found.len();
        let mut kind = None;
        // Between backticks: names; outside them: the prefixes that give their kind.
        for (index, part) in proof.split('`').enumerate() {
            if index % 2 == 1 {
                found.push(Citation {
                    row: row.clone(),
                    kind,
                    name: part.to_owned(),
                });
                continue;
            }
            // The last prefix in this stretch of text decides.
            let last = ["native", "e2e:", "csp:"]
                .iter()
                .filter_map(|prefix| part.rfind(prefix).map(|at| (at, *prefix)))
                .max_by_key(|(at, _)| *at);
            if let Some((_, prefix)) = last {
                kind = Some(if prefix == "native" {
                    Kind::Native
                } else {
                    Kind::Title
                });
            }
        }
        if found.len() == before {
            rows_without_proof.push(row.clone());
        }
    }
    (found, rows_without_proof)
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// `fn name` as a whole word in some Rust source.
fn defines_fn(sources: &[String], name: &str) -> bool {
    let needle = format!("fn {name}");
    sources.iter().any(|source| {
        source.match_indices(&needle).any(|(at, _)| {
            let before = source[..at].chars().next_back();
            let after = source[at + needle.len()..].chars().next();
            !before.is_some_and(is_ident) && !after.is_some_and(is_ident)
        })
    })
}

/// A piece of a template title: its own words, or a `${…}` hole.
#[derive(Debug, PartialEq)]
enum Piece {
    Text(Vec<char>),
    Hole,
}

/// The template titles of a test file: `test(`…`)`, `it(`…`)`, `describe(`…`)` with holes.
fn templates(source: &str) -> Vec<Vec<Piece>> {
    let mut found = Vec::new();
    for opener in ["test(`", "it(`", "describe(`"] {
        for (at, _) in source.match_indices(opener) {
            let rest = &source[at + opener.len()..];
            let Some(end) = rest.find('`') else { continue };
            let body = &rest[..end];
            if !body.contains("${") {
                continue; // a plain title: the literal search finds it
            }
            let mut pieces = Vec::new();
            let mut text = body;
            while let Some(start) = text.find("${") {
                pieces.push(Piece::Text(text[..start].chars().collect()));
                pieces.push(Piece::Hole);
                let close = text[start..]
                    .find('}')
                    .map_or(text.len(), |c| start + c + 1);
                text = &text[close..];
            }
            pieces.push(Piece::Text(text.chars().collect()));
            found.push(pieces);
        }
    }
    found
}

/// Can `cited` be read as a part of a title the template makes? Returns the most template
/// words such a reading rests on. `cited` may start inside any piece and stop inside any.
fn template_match(pieces: &[Piece], cited: &[char]) -> Option<usize> {
    // Positions in the template: (piece, offset within a text piece).
    let mut best = None;
    for (start_piece, piece) in pieces.iter().enumerate() {
        let starts = match piece {
            Piece::Text(text) => 0..text.len().max(1),
            Piece::Hole => 0..1,
        };
        for offset in starts {
            if let Some(literal) = match_from(pieces, start_piece, offset, cited) {
                best = best.max(Some(literal));
            }
        }
    }
    best
}

/// Matches `cited` against the template from `(piece, offset)` on; the citation may end
/// before the template does. Returns how many template characters it matched literally.
fn match_from(pieces: &[Piece], piece: usize, offset: usize, cited: &[char]) -> Option<usize> {
    if cited.is_empty() {
        return Some(0);
    }
    let current = pieces.get(piece)?;
    match current {
        Piece::Text(text) => {
            let remaining = text.get(offset..).unwrap_or(&[]);
            let common = remaining
                .iter()
                .zip(cited)
                .take_while(|(a, b)| a == b)
                .count();
            if common == cited.len() {
                return Some(common);
            }
            if common < remaining.len() {
                return None;
            }
            match_from(pieces, piece + 1, 0, &cited[common..]).map(|more| more + common)
        }
        // A hole takes any number of characters, then the template goes on.
        Piece::Hole => (0..=cited.len())
            .filter_map(|taken| {
                if taken == cited.len() {
                    Some(0)
                } else {
                    match_from(pieces, piece + 1, 0, &cited[taken..])
                }
            })
            .max(),
    }
}

/// JavaScript's `\'` and `\"` read as the quotes they stand for.
fn unescape(source: &str) -> String {
    source.replace("\\'", "'").replace("\\\"", "\"")
}

fn has_title(test_files: &[String], cited: &str) -> bool {
    let cited = cited.split('…').next().unwrap_or("").trim_end();
    if cited.is_empty() {
        return false;
    }
    let chars: Vec<char> = cited.chars().collect();
    test_files.iter().any(|source| {
        unescape(source).contains(cited)
            || templates(source).iter().any(|pieces| {
                template_match(pieces, &chars).is_some_and(|literal| literal >= MIN_LITERAL_CHARS)
            })
    })
}

fn is_file_citation(name: &str) -> bool {
    Path::new(name)
        .extension()
        .is_some_and(|ext| ext == "rs" || ext == "mjs")
}

fn file_exists(root: &Path, name: &str) -> bool {
    if root.join(name).is_file() {
        return true;
    }
    fs::read_dir(root.join("crates"))
        .into_iter()
        .flatten()
        .flatten()
        .any(|krate| krate.path().join(name).is_file())
}

#[test]
fn every_test_the_failure_catalogue_cites_exists() {
    let root = root();
    let catalogue = fs::read_to_string(root.join("docs/failures.md")).expect("docs/failures.md");
    let (cited, rows_without_proof) = citations(&catalogue);
    assert!(
        cited.len() > 50,
        "found only {} citations: is the table still there?",
        cited.len()
    );

    let rust: Vec<PathBuf> = ["src", "crates", "tests"]
        .iter()
        .flat_map(|dir| files(&root.join(dir), ".rs"))
        .collect();
    let rust = read_all(&rust);
    let titles = read_all(&files(&root.join("tests"), ".mjs"));

    let mut missing: Vec<String> = rows_without_proof
        .iter()
        .map(|row| format!("row {row}: cites no test"))
        .collect();
    for citation in &cited {
        let Citation { row, kind, name } = citation;
        let (found, what) = if is_file_citation(name) {
            (file_exists(&root, name), "file")
        } else {
            match kind {
                Some(Kind::Native) => (defines_fn(&rust, name), "Rust test (fn)"),
                Some(Kind::Title) => (has_title(&titles, name), "test title in tests/**/*.mjs"),
                None => (false, "name without an e2e:/csp:/native: prefix"),
            }
        };
        if !found {
            missing.push(format!("row {row}: {what} `{name}`"));
        }
    }
    assert!(
        missing.is_empty(),
        "docs/failures.md cites what does not exist:\n  {}",
        missing.join("\n  ")
    );
}

#[test]
fn a_template_title_matches_what_it_makes_and_nothing_else() {
    let source = "test(`${c.name}: device ${c.offsetMs / 1000} s → ${c.verdict}`, opts";
    let titles = [source.to_owned()];
    assert!(has_title(
        &titles,
        "CloudFront-like (stored Date, Age 30): device 1200 s → rejected"
    ));
    assert!(has_title(&titles, "device 3 s → ok"));
    assert!(!has_title(&titles, "device 3 minutes → ok"));
    assert!(!has_title(&titles, "an unrelated title"));
    // Too little of the template's own words to prove anything.
    assert!(!has_title(&titles, "anything: dev…"));
}

#[test]
fn prefixes_give_kinds_and_escaped_bars_stay_in_their_cell() {
    let table = "| # | a | proof |\n|---:|---|---|\n\
        | 7 | x \\| y | e2e: `one title`; native: `a_fn`, property `b_fn`, `tests/x.rs` |\n\
        | 8 | z | — |\n";
    let (cited, without) = citations(table);
    let kinds: Vec<(&str, Option<Kind>)> =
        cited.iter().map(|c| (c.name.as_str(), c.kind)).collect();
    assert_eq!(
        kinds,
        [
            ("one title", Some(Kind::Title)),
            ("a_fn", Some(Kind::Native)),
            ("b_fn", Some(Kind::Native)),
            ("tests/x.rs", Some(Kind::Native)),
        ]
    );
    assert_eq!(without, ["8"]);
}
