//! How the words layer speaks a language other than English, with no per-language code.
//!
//! The English sentences stay where they are written (the `say!` templates and [`Words`]
//! constants of this layer); a language is a file mapping each English template, by its
//! hash ([`key`]), to that language's template. English needs no file: an empty catalogue
//! says every template as written. The page installs one catalogue for the whole page
//! ([`speak`]); the report can be said in another ([`in_language`]).
//!
//! The translations are written beside their English in `crates/skewcheck-core/i18n/`
//! (one file per words module); `tests/languages.rs` checks every template has every
//! language with the same placeholders and writes the page's `lang/<tag>.json` from them.
//! `leptos_i18n` and `leptos-fluent` were not used: both depend on `leptos`, which this
//! crate may not; `fluent-bundle` brings ICU plural and number machinery several times the
//! English first load's budget for this issue.

use crate::lang::Lang;
use std::cell::RefCell;
use std::fmt::{Display, Write as _};
use std::rc::Rc;

/// A fixed piece of the page's text (a label, a heading, a button): its English, said in
/// the page's language by [`Words::text`]. It has no `Display` on purpose, so no view can
/// show the English by mistake.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Words(pub &'static str);

impl Words {
    /// The text in the language spoken now.
    pub fn text(self) -> String {
        translated(self.0)
    }
}

/// One language's templates, keyed by [`key`] of their English.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Catalogue {
    lang: Lang,
    /// Sorted by key, looked up by binary search: a `HashMap` would compile hashbrown's
    /// table into the wasm for a few hundred entries read a few hundred times.
    templates: Vec<(u32, String)>,
}

/// Why a language file could not be used (the page then speaks English and says so).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CatalogueError {
    /// Not a JSON object of strings.
    #[error("not a JSON object of strings: {0}")]
    NotJson(String),
    /// A JSON value that is not an object of strings.
    #[error("not a JSON object of strings")]
    NotStrings,
    /// A key that is not five hexadecimal digits.
    #[error("a key that is not a template hash: {0}")]
    BadKey(String),
}

impl Catalogue {
    /// English: no file, every template as written.
    pub fn english() -> Self {
        Self::default()
    }

    /// A language's file (`lang/<tag>.json`): `{"<key as 5 hex digits>": "template"}`.
    pub fn parse(lang: Lang, json: &str) -> Result<Self, CatalogueError> {
        // Read as a `serde_json::Value` (whose parser the page has already, for
        // `skewcheck.json`), not into a `HashMap<String, String>`, which compiles a
        // deserializer of its own into the wasm.
        let entries = match serde_json::from_str(json) {
            Ok(serde_json::Value::Object(entries)) => entries,
            Ok(_) => return Err(CatalogueError::NotStrings),
            Err(error) => return Err(CatalogueError::NotJson(error.to_string())),
        };
        let mut templates = Vec::with_capacity(entries.len());
        for (hex, template) in entries {
            let serde_json::Value::String(template) = template else {
                return Err(CatalogueError::NotStrings);
            };
            let key = u32::from_str_radix(&hex, 16)
                .ok()
                .filter(|_| hex.len() == 5)
                .ok_or(CatalogueError::BadKey(hex))?;
            templates.push((key, template));
        }
        templates.sort_unstable_by_key(|(key, _)| *key);
        // One key spelled twice (`0abcd`, `0ABCD`): either one; the page's own files have none.
        templates.dedup_by_key(|(key, _)| *key);
        Ok(Self { lang, templates })
    }

    /// This catalogue with a part's templates added (`lang/<part>/<tag>.json`: the words
    /// of a page that not every client sees, such as the field sheet); a part of another
    /// language adds nothing.
    pub fn with_part(mut self, part: Catalogue) -> Self {
        if part.lang == self.lang {
            self.templates.extend(part.templates);
            self.templates.sort_unstable_by_key(|(key, _)| *key);
            self.templates.dedup_by_key(|(key, _)| *key);
        }
        self
    }

    /// The language this catalogue speaks.
    pub const fn lang(&self) -> Lang {
        self.lang
    }

    /// How many templates the file translates.
    pub fn len(&self) -> usize {
        self.templates.len()
    }

    /// Whether the file translates nothing (English).
    pub fn is_empty(&self) -> bool {
        self.templates.is_empty()
    }

    /// `english`'s template in this language, if the file translates it.
    fn get(&self, english: &str) -> Option<&str> {
        let key = key(english);
        self.templates
            .binary_search_by_key(&key, |(key, _)| *key)
            .ok()
            .map(|at| self.templates[at].1.as_str())
    }
}

/// The key of an English template: FNV-1a (32 bits) of its UTF-8 bytes, xor-folded to 20
/// bits as FNV's authors advise for shorter hashes (<http://www.isthe.com/chongo/tech/comp/fnv/>,
/// "xor-folding"). 20 bits keep each language's file small: random bits do not compress, so
/// five hex digits a key instead of six save ≈ 250 B of each gzipped file; among
/// ~550 templates the odds of any collision are ≈ 14 %, and `tests/languages.rs`, which
/// writes the files with the same function, refuses one (reword the newer template).
pub const fn key(english: &str) -> u32 {
    let bytes = english.as_bytes();
    let mut hash: u32 = 0x811c_9dc5;
    let mut index = 0;
    while index < bytes.len() {
        hash ^= bytes[index] as u32;
        hash = hash.wrapping_mul(0x0100_0193);
        index += 1;
    }
    (hash >> 20) ^ (hash & 0x000f_ffff)
}

thread_local! {
    // The page is one thread; each native test thread starts in English.
    static SPOKEN: RefCell<Rc<Catalogue>> = RefCell::new(Rc::new(Catalogue::english()));
}

/// Speaks `catalogue` from now on, on this thread (the page installs its language once,
/// and again when the reader switches).
pub fn speak(catalogue: Catalogue) {
    SPOKEN.with(|spoken| *spoken.borrow_mut() = Rc::new(catalogue));
}

/// The language spoken now.
pub fn spoken() -> Lang {
    SPOKEN.with(|spoken| spoken.borrow().lang)
}

/// `say` in `catalogue`'s language, then back to the page's (the report is said in the
/// deployment's `report_language`, whatever the client reads).
pub fn in_language<T>(catalogue: &Rc<Catalogue>, say: impl FnOnce() -> T) -> T {
    let page = SPOKEN.with(|spoken| spoken.replace(Rc::clone(catalogue)));
    let said = say();
    SPOKEN.with(|spoken| *spoken.borrow_mut() = page);
    said
}

/// A fixed English text from the core's data (a built-in service's name or note) in the
/// language spoken now, as it is (no placeholders). Text from outside (a link's
/// `service_name`) has no translation and comes back unchanged.
pub fn translated(english: &str) -> String {
    SPOKEN.with(|spoken| spoken.borrow().get(english).unwrap_or(english).to_owned())
}

/// `english`'s template in the language spoken now, its `{name}` placeholders filled from
/// `args`. Use [`say!`](crate::say) rather than calling this.
pub fn say_template(english: &str, args: &[(&str, &dyn Display)]) -> String {
    SPOKEN.with(|spoken| {
        let spoken = spoken.borrow();
        let template = spoken.get(english).unwrap_or(english);
        fill(template, args)
    })
}

/// `template` with each `{name}` replaced by its argument; `{{` and `}}` are braces, as in
/// `format!`. A placeholder with no argument stays as written, so a translation's slip
/// shows, never panics (`tests/languages.rs` refuses it before it ships).
fn fill(template: &str, args: &[(&str, &dyn Display)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find(['{', '}']) {
        out.push_str(&rest[..open]);
        let tail = &rest[open..];
        if let Some(after) = tail.strip_prefix("{{").or_else(|| tail.strip_prefix("}}")) {
            out.push_str(&tail[..1]);
            rest = after;
            continue;
        }
        let close = tail.find('}').filter(|_| tail.starts_with('{'));
        let found = close.and_then(|close| {
            let name = &tail[1..close];
            args.iter()
                .find(|(arg, _)| *arg == name)
                .map(|(_, value)| (close, *value))
        });
        match found {
            Some((close, value)) => {
                let _ = write!(out, "{value}");
                rest = &tail[close + 1..];
            }
            None => {
                out.push_str(&tail[..1]);
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// `value` with `places` decimals and the spoken language's decimal mark: `3,5 s` in German.
pub fn local_decimal(value: f64, places: u8) -> String {
    let text = crate::decimal::fixed_point(value, places);
    match spoken().decimal_mark() {
        '.' => text,
        mark => text.replace('.', &mark.to_string()),
    }
}

#[cfg(test)]
mod tests;
