//! Words from elsewhere (a link, a server), marked as such so they cannot pass for the
//! page's own.

use crate::text::{MAX_QUOTED_CHARS, clean};

/// `text` in quotation marks, as words that come from elsewhere (a link, a file, a server)
/// and not from this page: `“T-1234”` (the marks are the spoken language's: `« T-1234 »`,
/// `„T-1234“`, `「T-1234」`). The text is cleaned first ([`clean`]: no control, bidi or
/// invisible characters, white space collapsed) and cut to [`MAX_QUOTED_CHARS`]; quotation
/// marks inside become plain apostrophes, so the text cannot close the quotation and go on
/// as if the page were speaking. Quoting is the one way outside text reaches a message, so
/// no message can forget to clean it. The text itself is never translated.
pub fn quoted(text: &str) -> String {
    in_marks(&unquoting(text))
}

/// `text` between the spoken language's quotation marks, as it is.
fn in_marks(text: &str) -> String {
    say!("“{text}”", text)
}

/// Text from elsewhere that is shown without quotation marks of its own (a browser's or a
/// parser's message, in brackets): cleaned and cut as [`quoted`] does, its quotation marks
/// (those of every language the page speaks) made apostrophes, so it can neither open a
/// quotation nor close one.
pub fn unquoting(text: &str) -> String {
    clean(text, MAX_QUOTED_CHARS)
        .chars()
        .map(|c| match c {
            '“' | '”' | '„' | '‟' | '"' | '«' | '»' | '‹' | '›' | '〝' | '〞' | '＂' | '「'
            | '」' | '『' | '』' => '\'',
            other => other,
        })
        .collect()
}

/// The name a link gave to a service of its own, marked as the link's words:
/// `“Backup NAS” (named by the link)`. Giving it this form again (in the language spoken
/// now) changes nothing.
pub fn named_by_link(name: &str) -> String {
    // The marking's frame in the spoken language, around a character no quotation keeps
    // (`clean` removes controls), so an earlier marking is found in any language.
    const HOLE: &str = "\u{0}";
    let frame = marked(&in_marks(HOLE));
    let bare = frame
        .split_once(HOLE)
        .and_then(|(open, close)| name.strip_prefix(open)?.strip_suffix(close))
        .unwrap_or(name);
    marked(&quoted(bare))
}

/// `name` (already quoted) marked as the link's.
fn marked(name: &str) -> String {
    say!("{name} (named by the link)", name)
}

#[cfg(test)]
mod tests;
