//! Words from elsewhere (a link, a server), marked as such so they cannot pass for the
//! page's own.

use crate::text::{MAX_QUOTED_CHARS, clean};

/// `text` in quotation marks, as words that come from elsewhere (a link, a file, a server)
/// and not from this page: `“T-1234”`. The text is cleaned first ([`clean`]: no control,
/// bidi or invisible characters, white space collapsed) and cut to [`MAX_QUOTED_CHARS`];
/// quotation marks inside become plain apostrophes, so the text cannot close the quotation
/// and go on as if the page were speaking. Quoting is the one way outside text reaches a
/// message, so no message can forget to clean it.
pub fn quoted(text: &str) -> String {
    format!("“{}”", unquoting(text))
}

/// Text from elsewhere that is shown without quotation marks of its own (a browser's or a
/// parser's message, in brackets): cleaned and cut as [`quoted`] does, its quotation marks
/// made apostrophes, so it can neither open a quotation nor close one.
pub fn unquoting(text: &str) -> String {
    clean(text, MAX_QUOTED_CHARS)
        .chars()
        .map(|c| match c {
            '“' | '”' | '„' | '‟' | '"' | '«' | '»' | '‹' | '›' | '〝' | '〞' | '＂' => {
                '\''
            }
            other => other,
        })
        .collect()
}

/// The name a link gave to a service of its own, marked as the link's words:
/// `“Backup NAS” (named by the link)`. Giving it this form again changes nothing.
pub fn named_by_link(name: &str) -> String {
    let bare = name
        .strip_suffix(NAMED_BY_LINK_SUFFIX)
        .and_then(|quoted| quoted.strip_prefix('“')?.strip_suffix('”'))
        .unwrap_or(name);
    format!("{}{NAMED_BY_LINK_SUFFIX}", quoted(bare))
}

const NAMED_BY_LINK_SUFFIX: &str = " (named by the link)";

#[cfg(test)]
mod tests;
