//! The words of the page's languages themselves: the switcher, the notice when a language
//! could not be loaded, the gauge's direction (it keeps slow on the minus side in every
//! language, right to left too), the report's line naming the language the client read,
//! and the deployment's language keys gone wrong.

use crate::lang::Lang;
use crate::words::catalogue::Words;
use crate::words::quote::quoted;

/// The language switcher's label (its options are each language's own name).
pub const LANGUAGE_LABEL: Words = Words("Language");

/// Said (in English) when `lang`'s file could not be loaded: the page speaks English instead.
pub fn language_not_loaded(lang: Lang) -> String {
    say!(
        "The page could not be shown in {language}: its translation did not load. It is shown in English instead.",
        language = lang.own_name()
    )
}

/// Beside the gauge: it reads left to right in every language, Arabic too.
pub const GAUGE_DIRECTION: Words = Words(
    "The scale reads left to right like a number line: slow (minus) on the left, fast (plus) on the right.",
);

/// `language`, `report_language` or an entry of `languages` in `skewcheck.json` names `tag`,
/// which the page does not speak.
pub fn unknown_language_words(tag: &str) -> String {
    let tags: Vec<&str> = Lang::ALL.iter().map(|lang| lang.tag()).collect();
    say!(
        "names a language skewcheck does not speak ({tag}); it speaks {tags}",
        tag = quoted(tag),
        tags = tags.join(", ")
    )
}

/// `languages` in `skewcheck.json` is not a list of tags.
pub const NOT_A_LANGUAGE_LIST: Words =
    Words("is not a list of language tags (such as [\"en\", \"de\"])");
