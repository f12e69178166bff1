//! The file's language keys: `language`, `report_language` (one tag) and `languages` (the
//! tags offered), read as [`Lang::from_tag`] reads a browser's tags.

use super::notice::FileProblem;
use crate::lang::Lang;
use crate::text;
use serde_json::Value;

/// One language tag the page speaks (`"de"`, `"pt-BR"`, `"zh-Hans"`).
pub(super) fn one(value: &Value) -> Result<Lang, FileProblem> {
    let tag = value.as_str().ok_or(FileProblem::NotText)?;
    Lang::from_tag(tag)
        .ok_or_else(|| FileProblem::UnknownLanguage(text::clean(tag, text::MAX_QUOTED_CHARS)))
}

/// The languages offered, in order, each once. A tag the page does not speak makes the whole
/// list unusable (every language stays offered), so a typo never hides a language silently.
pub(super) fn offered(value: &Value) -> Result<Vec<Lang>, FileProblem> {
    let entries = value.as_array().ok_or(FileProblem::NotALanguageList)?;
    let mut offered = Vec::with_capacity(entries.len());
    for entry in entries {
        let lang = one(entry).map_err(|problem| match problem {
            FileProblem::NotText => FileProblem::NotALanguageList,
            other => other,
        })?;
        if !offered.contains(&lang) {
            offered.push(lang);
        }
    }
    Ok(offered)
}
