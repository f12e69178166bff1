//! The shell's failure words in every language: `lang/shell/<tag>.json` (hand-written, not
//! generated: the shell's words live in `index.html` and `early-probe.js`, outside the words
//! layer, because they are shown before any Rust runs). `early-probe.js` fetches the reader's
//! file with the language's own and the watchdog writes it into the failure panels, so each
//! file must name exactly the failure panels' texts of `index.html`, plus the prefix of the
//! technical detail, with the same `<strong>` marks as the English. And the shell's heading
//! in `early-probe.js` is the app's own (`words::DEFAULT_TITLE`) in every language, and its
//! lede the app's for the default service.

use serde_json::Value;
use skewcheck_core::lang::Lang;
use std::collections::BTreeSet;
use std::fs;
use std::path::PathBuf;

fn repo_file(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(path)
}

/// The `data-shell-text` names after the first failure panel of `index.html`, with each
/// one's count of `<strong>`.
fn failure_texts() -> Vec<(String, usize)> {
    let html = fs::read_to_string(repo_file("index.html")).expect("index.html");
    let failures = &html[html
        .find("class=\"shell-failure\"")
        .expect("a failure panel")..];
    failures
        .split("data-shell-text=\"")
        .skip(1)
        .map(|rest| {
            let name = &rest[..rest.find('"').expect("a closed attribute")];
            // The element's own text: up to its closing tag (`</p>` or `</li>`).
            let end = [rest.find("</p>"), rest.find("</li>")]
                .into_iter()
                .flatten()
                .min();
            let strong = rest[..end.unwrap_or(rest.len())]
                .matches("<strong>")
                .count();
            (name.to_owned(), strong)
        })
        .collect()
}

#[test]
fn every_language_has_the_shells_failure_words() {
    let wanted = failure_texts();
    assert!(wanted.len() >= 11, "the failure panels' texts: {wanted:?}");
    let mut names: BTreeSet<String> = wanted.iter().map(|(name, _)| name.clone()).collect();
    names.insert("detail".to_owned());
    for lang in Lang::ALL.into_iter().filter(|lang| *lang != Lang::En) {
        let path = repo_file(&format!("lang/shell/{}.json", lang.tag()));
        let text = fs::read_to_string(&path).unwrap_or_else(|_| panic!("{}", path.display()));
        let Ok(Value::Object(words)) = serde_json::from_str::<Value>(&text) else {
            panic!("{} is not a JSON object", path.display());
        };
        let got: BTreeSet<String> = words.keys().cloned().collect();
        assert_eq!(got, names, "{}: the failure panels' names", path.display());
        for (name, strong) in &wanted {
            let said = words[name].as_str().expect("a string");
            assert!(
                !said.trim().is_empty(),
                "{}: {name} is empty",
                path.display()
            );
            assert_eq!(
                said.matches("<strong>").count(),
                *strong,
                "{}: {name}'s <strong> marks",
                path.display()
            );
            assert_eq!(
                said.matches("<strong>").count(),
                said.matches("</strong>").count(),
                "{}: {name}",
                path.display()
            );
        }
    }
}

/// `early-probe.js`'s word `name` for `lang` (`heading`: the shell's `<h1>` before the app
/// runs; `lede`: the line under it).
fn shell_word(script: &str, lang: Lang, name: &str) -> String {
    let tag = lang.tag();
    let key = if tag.contains('-') {
        format!("'{tag}'")
    } else {
        tag.to_owned()
    };
    let block = &script[script
        .find(&format!("    {key}: {{\n"))
        .expect("the language's block")..];
    let line = block
        .lines()
        .find_map(|line| line.trim().strip_prefix(&format!("{name}: '")))
        .unwrap_or_else(|| panic!("a {name}"));
    line.trim_end_matches(',')
        .trim_end_matches('\'')
        .replace("\\'", "'")
}

/// The shell's word `name` is the app's `english` words in every language (page.json's
/// translations), and index.html carries `english` as `in_html` writes it.
fn assert_shell_word_is_the_apps(name: &str, english: &str, in_html: &str) {
    let script = fs::read_to_string(repo_file("early-probe.js")).expect("early-probe.js");
    let page =
        fs::read_to_string(repo_file("crates/skewcheck-core/i18n/page.json")).expect("page.json");
    let Ok(Value::Object(page)) = serde_json::from_str::<Value>(&page) else {
        panic!("page.json is a JSON object");
    };
    let html = fs::read_to_string(repo_file("index.html")).expect("index.html");
    assert!(html.contains(in_html), "index.html's {name} is {english:?}");
    for lang in Lang::ALL.into_iter().filter(|lang| *lang != Lang::En) {
        let app = page[english][lang.tag()].as_str().expect("a translation");
        assert_eq!(
            shell_word(&script, lang, name),
            app,
            "{name} {}",
            lang.tag()
        );
    }
}

/// The shell's heading is the app's (`words::DEFAULT_TITLE` in that language): the app
/// replaces the shell with the same words, so the first screen's heading never changes
/// its text (nor its height) at the hand-over.
#[test]
fn the_shells_heading_is_the_apps_in_every_language() {
    let english = skewcheck_core::words::DEFAULT_TITLE.text();
    let in_html = format!("data-shell-text=\"heading\">{english}</h1>");
    assert_shell_word_is_the_apps("heading", &english, &in_html);
}

/// The shell's title (the browser's tab) is the app's (`words::DOCUMENT_TITLE` in that
/// language): the app keeps it in the language spoken, so a switch of language changes it.
#[test]
fn the_shells_title_is_the_apps_in_every_language() {
    let english = skewcheck_core::words::DOCUMENT_TITLE.text();
    let in_html = format!("<title>{english}</title>");
    assert_shell_word_is_the_apps("title", &english, &in_html);
}

/// The shell's lede is the app's for the default service (Amazon S3), in every language: the
/// first module's card and the app say the same under the same heading, so the line (and
/// everything below it) stays where it is.
#[test]
fn the_shells_lede_is_the_apps_for_the_default_service_in_every_language() {
    let script = fs::read_to_string(repo_file("early-probe.js")).expect("early-probe.js");
    // The service a link without `service` is about (config.rs's default).
    let service = skewcheck_core::words::service_name(&skewcheck_core::verdict::AMAZON_S3);
    let html = fs::read_to_string(repo_file("index.html")).expect("index.html");
    let english = skewcheck_core::words::lede(&service);
    assert!(
        html.contains(&format!("data-shell-text=\"lede\">{english}</p>")),
        "index.html's lede is {english:?}"
    );
    for lang in Lang::ALL.into_iter().filter(|lang| *lang != Lang::En) {
        let catalogue = skewcheck_core::words::Catalogue::parse(
            lang,
            &fs::read_to_string(repo_file(&format!("lang/{}.json", lang.tag()))).expect("lang"),
        )
        .expect("the language's file");
        let app = skewcheck_core::words::in_language(&std::rc::Rc::new(catalogue), || {
            skewcheck_core::words::lede(&service)
        });
        assert_eq!(shell_word(&script, lang, "lede"), app, "{}", lang.tag());
    }
}
