//! The shell's failure words in every language: `lang/shell/<tag>.json` (hand-written, not
//! generated: the shell's words live in `index.html` and `early-probe.js`, outside the words
//! layer, because they are shown before any Rust runs). `early-probe.js` fetches the reader's
//! file with the language's own and the watchdog writes it into the failure panels, so each
//! file must name exactly the failure panels' texts of `index.html`, plus the prefix of the
//! technical detail, with the same `<strong>` marks as the English.

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
