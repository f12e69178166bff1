//! Every sentence the page says exists in every language, with the same placeholders, and the
//! page's language files (`lang/<tag>.json` at the repository root, which Trunk copies into
//! `dist/`) are exactly what the translations say.
//!
//! Templates are found in the words layer's source: the literal of every `say!(…)` and
//! `Words(…)`, plus the built-in services' names and notes. Their translations are written
//! beside their English in `crates/skewcheck-core/i18n/<words module>.json`:
//! `{"English template": {"es": "…", "fr": "…", …}}` (`"_sources"`: the vendor pages that
//! the menu names were taken from). After changing either, write the files again with
//! `SKEWCHECK_BLESS=1 cargo test -p skewcheck-core --test languages`.
//!
//! A translation file with a top-level `"_part": "<name>"` holds the words of one page
//! that is not the first screen (the field sheet): they go to `lang/<name>/<tag>.json`,
//! which the page loads only where it shows them, instead of into `lang/<tag>.json`, which
//! every client reads with its first load.

use serde_json::{Map, Value};
use skewcheck_core::lang::Lang;
use skewcheck_core::verdict::SERVICES;
use skewcheck_core::words::catalogue::{Catalogue, key};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

fn core_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn other_languages() -> impl Iterator<Item = Lang> {
    Lang::ALL.into_iter().filter(|lang| *lang != Lang::En)
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).expect("readable dir").flatten() {
        let path = entry.path();
        // `catalogue.rs` is the mechanism that says the words, not words itself.
        let skipped = ["tests", "tests.rs", "catalogue.rs"];
        if path
            .file_name()
            .is_some_and(|name| skipped.iter().any(|skip| name == *skip))
        {
            continue;
        }
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            files.push(path);
        }
    }
    files.sort();
    files
}

/// The string literals of Rust source with their values (escapes undone) and byte offsets,
/// comments skipped.
fn literals(source: &str) -> Vec<(usize, String)> {
    let bytes = source.as_bytes();
    let mut found = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            b'/' if bytes.get(at + 1) == Some(&b'/') => {
                at = source[at..].find('\n').map_or(bytes.len(), |end| at + end);
            }
            b'\'' => {
                // A char literal ('"' in particular) or a lifetime: skip the quote's content.
                if bytes.get(at + 2) == Some(&b'\'') {
                    at += 3;
                } else if bytes.get(at + 1) == Some(&b'\\') {
                    at = source[at + 2..]
                        .find('\'')
                        .map_or(bytes.len(), |end| at + end + 3);
                } else {
                    at += 1;
                }
            }
            b'r' if bytes.get(at + 1) == Some(&b'#') || bytes.get(at + 1) == Some(&b'"') => {
                let hashes = bytes[at + 1..].iter().take_while(|b| **b == b'#').count();
                if bytes.get(at + 1 + hashes) != Some(&b'"') {
                    at += 1;
                    continue;
                }
                let start = at + 2 + hashes;
                let close = format!("\"{}", "#".repeat(hashes));
                let end = source[start..]
                    .find(&close)
                    .map_or(bytes.len(), |end| start + end);
                found.push((at, source[start..end].to_owned()));
                at = end + close.len();
            }
            b'"' => {
                let mut value = String::new();
                let mut chars = source[at + 1..].char_indices();
                let mut end = bytes.len();
                while let Some((offset, c)) = chars.next() {
                    match c {
                        '"' => {
                            end = at + 1 + offset + 1;
                            break;
                        }
                        '\\' => match chars.next().map(|(_, c)| c) {
                            Some('n') => value.push('\n'),
                            Some('t') => value.push('\t'),
                            Some('0') => value.push('\0'),
                            Some('u') => {
                                let code: String = chars
                                    .by_ref()
                                    .map(|(_, c)| c)
                                    .skip(1)
                                    .take_while(|c| *c != '}')
                                    .collect();
                                value.extend(
                                    u32::from_str_radix(&code, 16).ok().and_then(char::from_u32),
                                );
                            }
                            Some('\n') => {
                                // A line continuation: the next line's indent is not text.
                                let rest = &source[at + 1..];
                                while let Some((offset, c)) = chars.clone().next() {
                                    if c.is_whitespace() {
                                        chars.next();
                                    } else {
                                        let _ = (rest, offset);
                                        break;
                                    }
                                }
                            }
                            Some(other) => value.push(other),
                            None => {}
                        },
                        c => value.push(c),
                    }
                }
                found.push((at, value));
                at = end;
            }
            _ => at += 1,
        }
    }
    found
}

/// Whether a literal is something a person reads (has a letter in it).
fn has_letters(literal: &str) -> bool {
    literal.chars().any(char::is_alphabetic)
}

/// Literals of the words layer that are not text to translate: names in the code's own
/// vocabulary (ids, keys), never shown as sentences. Each is here for a reason.
const NOT_TEXT: &[&str] = &[
    // device.rs: product names, written as their makers write them in every language.
    "iPod touch",
    "Android",
    "Windows",
    "iPadOS",
    "iOS",
    "macOS",
    // support.rs: the support person's server commands, run as written; what they print stays
    // English, like check.sh's (a command-line tool, not the page).
    "(positive = this machine is fast)",
    "d=$(curl -sI '{url}' | tr -d '\\r' | sed -n 's/^[Dd]ate: //p'); echo \"server: $d\"",
    "{header}; echo \"offset: $(( $(date -u +%s) - $(date -u -d \"$d\" +%s) )) s {report}\"",
    "{header}; echo \"offset: $(( $(date -u +%s) - $(date -j -u -f '%a, %d %b %Y %T GMT' \"$d\" +%s) )) s {report}\"",
    "$r = Invoke-WebRequest -Uri '{url}' -Method Head -UseBasicParsing; $server = [DateTimeOffset]::Parse(\"$($r.Headers['Date'])\"); \"offset: {{0:N1}} s {report}\" -f ([DateTimeOffset]::UtcNow - $server).TotalSeconds",
    "sudo timedatectl set-ntp true && timedatectl status",
    "sudo systemsetup -setusingnetworktime on && sudo sntp -sS time.apple.com",
    "Set-Service w32time -StartupType Automatic; Start-Service w32time; w32tm /config /syncfromflags:manual /manualpeerlist:\"time.windows.com,0x8\" /update; w32tm /resync /force",
    // report: how an old `#report=` link's English sentence is read back (never shown).
    " of ",
    "the HTTP Date header (",
    "the JSON field “",
    // pasted: S3's error code, the form's name in every language.
    "S3 RequestTimeTooSkewed",
    // tools: product names over the server commands.
    "Linux",
    "macOS",
    "Windows PowerShell",
    "Linux (systemd)",
];

/// Every English template of the words layer, with the file it is in; and the literals
/// with letters that are neither `say!` nor `Words` (the page would show them in English).
fn templates() -> (BTreeMap<String, String>, Vec<String>) {
    let words = core_dir().join("src/words");
    let mut templates = BTreeMap::new();
    let mut loose = Vec::new();
    for path in rust_files(&words) {
        let source = fs::read_to_string(&path).expect("readable source");
        let module = path
            .strip_prefix(&words)
            .expect("inside words")
            .with_extension("")
            .display()
            .to_string();
        for (at, literal) in literals(&source) {
            let before = source[..at].trim_end();
            if before.ends_with("say!(") || before.ends_with("Words(") {
                templates.insert(literal, module.clone());
            } else if has_letters(&literal)
                && !NOT_TEXT.contains(&literal.as_str())
                // A lint exception's reason is for the code's readers.
                && !before.ends_with("reason =")
            {
                loose.push(format!("{module}: {literal:?}"));
            }
        }
    }
    for service in &SERVICES {
        templates.insert(service.name.to_string(), "services".to_owned());
        templates.insert(service.note.to_owned(), "services".to_owned());
    }
    (templates, loose)
}

/// The `{name}` placeholders of a template, sorted (`{{` is a brace, not one).
fn placeholders(template: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = template.replace("{{", "").replace("}}", "");
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        names.push(rest[open + 1..open + close].to_owned());
        rest = rest[open + close + 1..].to_owned();
    }
    names.sort();
    names
}

/// One translated template: the file it came from, its part (`None`: the main file) and
/// its languages.
struct Translation {
    file: String,
    part: Option<String>,
    entry: Map<String, Value>,
}

/// Every translation file: English template → its translation.
fn translations() -> BTreeMap<String, Translation> {
    let dir = core_dir().join("i18n");
    let mut all = BTreeMap::new();
    let mut paths: Vec<PathBuf> = fs::read_dir(&dir)
        .expect("crates/skewcheck-core/i18n")
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    paths.sort();
    for path in paths {
        let name = path
            .file_stem()
            .expect("a name")
            .to_string_lossy()
            .to_string();
        let text = fs::read_to_string(&path).expect("readable");
        let Value::Object(entries) = serde_json::from_str(&text).unwrap_or_else(|error| {
            panic!("{}: not JSON: {error}", path.display());
        }) else {
            panic!("{}: not an object", path.display());
        };
        let part = entries.get("_part").map(|part| {
            let part = part.as_str().unwrap_or_default();
            assert!(
                !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase()),
                "{name}.json: \"_part\" must be a lower-case name, not {part:?}"
            );
            part.to_owned()
        });
        for (english, entry) in entries {
            if english == "_sources" || english == "_part" {
                continue;
            }
            let Value::Object(entry) = entry else {
                panic!("{name}: {english:?} is not an object of languages");
            };
            let translation = Translation {
                file: name.clone(),
                part: part.clone(),
                entry,
            };
            if let Some(other) = all.insert(english.clone(), translation) {
                panic!(
                    "{english:?} is translated in both {}.json and {name}.json",
                    other.file
                );
            }
        }
    }
    all
}

#[test]
fn no_sentence_of_the_words_layer_escapes_translation() {
    let (_, loose) = templates();
    assert!(
        loose.is_empty(),
        "{} literals with letters are neither say!(…) nor Words(…) (the page would show them in English; if one is truly not text, add it to NOT_TEXT with a reason):\n{}",
        loose.len(),
        loose.join("\n")
    );
}

#[test]
fn every_template_exists_in_every_language_with_the_same_placeholders() {
    let (templates, _) = templates();
    let translations = translations();
    let mut problems = Vec::new();
    for (english, module) in &templates {
        let Some(Translation { entry, .. }) = translations.get(english) else {
            problems.push(format!("{module}: no translation of {english:?}"));
            continue;
        };
        for lang in other_languages() {
            match entry.get(lang.tag()).and_then(Value::as_str) {
                None | Some("") => {
                    problems.push(format!("{module}: no {} for {english:?}", lang.tag()));
                }
                Some(said) if placeholders(said) != placeholders(english) => {
                    problems.push(format!(
                        "{module}: the {} of {english:?} has placeholders {:?}, the English {:?}",
                        lang.tag(),
                        placeholders(said),
                        placeholders(english)
                    ));
                }
                Some(_) => {}
            }
        }
    }
    for (english, Translation { file, .. }) in &translations {
        if !templates.contains_key(english) {
            problems.push(format!(
                "{file}.json translates {english:?}, which no code says any more"
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn no_two_templates_share_a_key() {
    let (templates, _) = templates();
    let mut seen = BTreeMap::new();
    for english in templates.keys() {
        if let Some(other) = seen.insert(key(english), english) {
            panic!(
                "{english:?} and {other:?} have the same key {:05x}",
                key(english)
            );
        }
    }
}

/// `lang/<tag>.json` (or, for a `part`, `lang/<part>/<tag>.json`) as the translations say
/// it: `{"<key>": "template"}`, grouped by words module.
fn language_file(lang: Lang, part: Option<&str>) -> String {
    let (templates, _) = templates();
    let translations = translations();
    // Grouped by words module, so related sentences sit together and compress better
    // (about 250 B of gzip per file against key order).
    let mut entries: Vec<(&str, &str, &str)> = templates
        .iter()
        .filter_map(|(english, module)| {
            let said = translations
                .get(english)
                .filter(|translation| translation.part.as_deref() == part)
                .and_then(|translation| translation.entry.get(lang.tag()))
                .and_then(Value::as_str)?;
            Some((module.as_str(), english.as_str(), said))
        })
        .collect();
    entries.sort_unstable();
    let body: Vec<String> = entries
        .iter()
        .map(|(_, english, said)| {
            let said = serde_json::to_string(said).expect("JSON");
            format!("\"{:05x}\":{said}", key(english))
        })
        .collect();
    format!("{{{}}}\n", body.join(","))
}

#[test]
fn the_pages_language_files_are_what_the_translations_say() {
    let root = core_dir().join("../../lang");
    let bless = std::env::var_os("SKEWCHECK_BLESS").is_some();
    let mut stale = Vec::new();
    let parts: std::collections::BTreeSet<Option<String>> = translations()
        .into_values()
        .map(|translation| translation.part)
        .collect();
    for part in &parts {
        let dir = part
            .as_ref()
            .map_or_else(|| root.clone(), |part| root.join(part));
        for lang in other_languages() {
            let path = dir.join(format!("{}.json", lang.tag()));
            let wanted = language_file(lang, part.as_deref());
            if bless {
                fs::create_dir_all(&dir).expect("lang/");
                fs::write(&path, &wanted).expect("write lang file");
            } else if fs::read_to_string(&path).ok().as_deref() != Some(wanted.as_str()) {
                stale.push(path.display().to_string());
            }
            // What the page will load must read back as a catalogue.
            let catalogue = Catalogue::parse(lang, &wanted).expect("the page reads its own file");
            assert_eq!(catalogue.lang(), lang);
        }
    }
    assert!(
        parts.contains(&Some("sheet".to_owned())),
        "the field sheet's part"
    );
    assert!(
        stale.is_empty(),
        "stale: {} (run SKEWCHECK_BLESS=1 cargo test -p skewcheck-core --test languages)",
        stale.join(", ")
    );
}

#[test]
fn the_scanner_finds_templates_and_undoes_escapes() {
    let source = "// say!(\"not this\")\nconst A: Words = Words(\"Tap \\u{201c}OK\\u{201d}\");\nfn f() -> String { say!(\"a \\\"b\\\"\\n {c}\", c) }\nlet q = '\"'; let r = r#\"raw \"x\"\"#;";
    let found: Vec<String> = literals(source).into_iter().map(|(_, text)| text).collect();
    assert_eq!(
        found,
        ["Tap \u{201c}OK\u{201d}", "a \"b\"\n {c}", "raw \"x\""]
    );
    assert_eq!(placeholders("{b} and {a}, {{not}}"), ["a", "b"]);
}
