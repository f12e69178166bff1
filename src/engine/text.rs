//! Making text from outside (link parameters, server bodies, permalinks) safe to show.

/// `raw` fit to show: control characters and bidi marks and overrides (which could make
/// a verdict read backwards) removed, white space collapsed to single spaces and trimmed,
/// and cut to at most `max_chars` chars, the last being `…` when something was cut.
pub fn clean(raw: &str, max_chars: usize) -> String {
    let mut cleaned = String::new();
    let mut space_pending = false;
    for c in raw.chars() {
        if c.is_whitespace() {
            space_pending = !cleaned.is_empty();
        } else if !c.is_control() && !is_bidi_control(c) {
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
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
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
            prop_assert!(!once.chars().any(|c| c.is_control() || is_bidi_control(c)));
            prop_assert_eq!(clean(&once, max_chars), once);
        }
    }
}
