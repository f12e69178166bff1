//! Making text from outside (link parameters, server bodies, permalinks) safe to show; the
//! words that mark it as someone else's are [`crate::words::quoted`] and
//! [`crate::words::named_by_link`].

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
mod tests {
    use super::*;

    #[test]
    fn removes_controls_and_bidi_and_collapses_white_space() {
        assert_eq!(clean("iPad\u{202E}DETCEJER\u{0007}\n", 50), "iPadDETCEJER");
        assert_eq!(clean("  Backup \t\n NAS  ", 50), "Backup NAS");
        assert_eq!(clean("a \u{7} b", 50), "a b");
        assert_eq!(clean("\u{2066}\u{0000}", 50), "");
    }

    #[test]
    fn removes_invisible_format_characters() {
        assert_eq!(
            clean(
                "Amazon\u{200B} S3\u{00AD}.\u{2060}\u{FEFF} Call\u{200D}",
                50
            ),
            "Amazon S3. Call"
        );
        assert_eq!(clean("T\u{E0041}-1\u{061C}2\u{3164}", 50), "T-12");
        assert_eq!(clean("\u{200C}\u{FFF9}\u{180E}", 50), "");
    }

    #[test]
    fn cuts_to_the_cap_with_an_ellipsis() {
        assert_eq!(clean("abcdef", 6), "abcdef");
        assert_eq!(clean("abcdefg", 6), "abcde…");
        assert_eq!(clean("ü".repeat(10).as_str(), 4), "üüü…");
        assert_eq!(clean("abc defg", 5), "abc…", "no space before the ellipsis");
        assert_eq!(clean("abc", 0), "");
    }
}

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
