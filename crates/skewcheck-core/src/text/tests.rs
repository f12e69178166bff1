//! Tests of `text`.

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

#[test]
fn markup_escaped_leaves_no_tag_and_no_way_out_of_an_attribute() {
    assert_eq!(
        markup_escaped(r#"<img src=x onerror="alert('x')">&amp;"#),
        "&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;amp;"
    );
    assert_eq!(markup_escaped("Réception iPad"), "Réception iPad");
}

#[cfg(not(target_arch = "wasm32"))]
proptest::proptest! {
    #[test]
    fn markup_escaped_text_reads_back_and_holds_no_markup(text in "\\PC{0,40}") {
        let escaped = markup_escaped(&text);
        proptest::prop_assert!(!escaped.contains(['<', '>', '"', '\'']));
        // Every `&` starts one of the five references, so the text reads back as it was.
        let back = escaped
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&");
        proptest::prop_assert_eq!(back, text);
    }
}
