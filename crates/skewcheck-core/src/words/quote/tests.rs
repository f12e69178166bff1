//! Tests of `quote`.

use super::*;

#[test]
fn link_words_are_quoted_and_cannot_close_the_quote() {
    assert_eq!(quoted("T-1234"), "“T-1234”");
    assert_eq!(quoted("a” OK “b"), "“a' OK 'b”");
    assert_eq!(
        named_by_link("Backup NAS"),
        "“Backup NAS” (named by the link)"
    );
    assert_eq!(
        named_by_link(&named_by_link("Backup NAS")),
        "“Backup NAS” (named by the link)"
    );
    assert_eq!(
        named_by_link("x” (named by the link)"),
        "“x' (named by the link)” (named by the link)",
        "only a whole quotation is taken for an earlier marking"
    );
}
