//! Making text from outside (link parameters, server bodies, permalinks) safe to show; the
//! words that mark it as someone else's are [`crate::words::quoted`] and
//! [`crate::words::named_by_link`].

/// The most chars of outside text (a link's parameter, a file's value, a server's body or
/// header) that one message quotes: enough to recognise it, too few to carry a paragraph
/// in the page's voice. [`crate::words::quoted`] cuts every quotation to it.
pub const MAX_QUOTED_CHARS: usize = 80;

/// `raw` fit to show: control characters, bidi marks and overrides (which could make a
/// verdict read backwards) and invisible format characters (zero-width spaces and joiners,
/// soft hyphens, byte-order marks, tag characters: they hide or disguise text) removed,
/// white space collapsed to single spaces and trimmed, and cut to at most `max_chars` chars,
/// the last being `…` when something was cut.
pub fn clean(raw: &str, max_chars: usize) -> String {
    let mut cleaned = String::new();
    let mut space_pending = false;
    for c in raw.chars() {
        if c.is_whitespace() {
            space_pending = !cleaned.is_empty();
        } else if !c.is_control() && !is_bidi_control(c) && !is_invisible(c) {
            if space_pending {
                cleaned.push(' ');
                space_pending = false;
            }
            cleaned.push(c);
        }
    }
    if cleaned.chars().count() <= max_chars {
        return cleaned;
    }
    if max_chars == 0 {
        return String::new();
    }
    let kept: String = cleaned.chars().take(max_chars - 1).collect();
    format!("{}…", kept.trim_end())
}

/// Marks and embeddings that change the direction text is shown in.
fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// Characters that show nothing (Unicode's format characters, `Cf`, and the blank Hangul
/// fillers), so text can hide words between visible ones or look like something it is not.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' // soft hyphen
            | '\u{034F}' // combining grapheme joiner
            | '\u{0600}'..='\u{0605}'
            | '\u{06DD}'
            | '\u{070F}'
            | '\u{0890}'..='\u{0891}'
            | '\u{08E2}'
            | '\u{115F}'..='\u{1160}' // Hangul fillers
            | '\u{17B4}'..='\u{17B5}'
            | '\u{180B}'..='\u{180F}' // Mongolian selectors and vowel separator
            | '\u{200B}'..='\u{200D}' // zero-width space, non-joiner, joiner
            | '\u{2060}'..='\u{2064}' // word joiner, invisible operators
            | '\u{206A}'..='\u{206F}'
            | '\u{3164}' // Hangul filler
            | '\u{FEFF}' // zero-width no-break space, byte-order mark
            | '\u{FFA0}' // halfwidth Hangul filler
            | '\u{FFF9}'..='\u{FFFB}' // interlinear annotation
            | '\u{110BD}'
            | '\u{110CD}'
            | '\u{13430}'..='\u{1343F}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E007F}' // tag characters
    )
}

#[cfg(test)]
mod tests;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Whatever comes in, the result fits its cap, holds no control character, and
        /// cleaning it again changes nothing (so a cleaned report round-trips).
        #[test]
        fn bounded_clean_and_idempotent(raw in any::<String>(), max_chars in 0usize..120) {
            let once = clean(&raw, max_chars);
            prop_assert!(once.chars().count() <= max_chars);
            prop_assert!(!once.chars().any(|c| c.is_control() || is_bidi_control(c) || is_invisible(c)));
            prop_assert_eq!(clean(&once, max_chars), once);
        }
    }
}

/// `text` safe inside markup the page writes itself (the field sheet's section, drawn as
/// one string for its bytes): between tags or inside a double- or single-quoted attribute,
/// as the HTML standard's "escaping a string" does, plus `'` and `>`
/// (<https://html.spec.whatwg.org/multipage/parsing.html#escapingString>).
pub fn markup_escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
